// `wsbench run <scenario> [--variant V|all] [--out DIR] [--seed N] [--soap 1.1|1.2] [--wsa 2005/08|2004/08]`:
// runs a scenario headless and, with --out, writes one file per step plus trace.json and keys.json.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectSecrets, listScenarios, runToEnd, scenarioIdFor, startRun, UsageError, type RunState } from '../engine/index.ts';
import { intOpt, onlyOptions, type Args } from './args.ts';

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export async function runCommand(args: Args, out: (s: string) => void): Promise<number> {
  const id = args.positional[0];
  const scenario = listScenarios().find((s) => s.id === scenarioIdFor(id ?? ''));
  if (!scenario) throw new UsageError('UNKNOWN_SCENARIO', `expected a scenario id (${listScenarios().map((s) => s.id).join(', ')}), found "${id ?? ''}"`);
  onlyOptions(args, ['variant', 'out', 'seed', 'soap', 'wsa', 'start', ...scenario.versions.map((a) => a.id)]);
  const wanted = typeof args.options['variant'] === 'string' ? args.options['variant'] : scenario.variants[0]?.id ?? '';
  const variants = wanted === 'all' ? scenario.variants.map((v) => v.id) : [wanted];
  const versions: Record<string, string> = {};
  for (const axis of scenario.versions) if (typeof args.options[axis.id] === 'string') versions[axis.id] = args.options[axis.id] as string;
  const seed = intOpt(args, 'seed', 1);
  const start = typeof args.options['start'] === 'string' ? Date.parse(args.options['start']) : undefined;
  let ok = true;
  for (const variant of variants) {
    const t0 = performance.now();
    const state = await runToEnd(await startRun(scenario.id, variant, { ...(seed !== undefined ? { seed } : {}), ...(start ? { start } : {}), versions }));
    const ms = performance.now() - t0;
    ok = printRun(state, out, variants.length > 1, ms) && ok;
    const dir = args.options['out'];
    if (typeof dir === 'string') writeRun(state, variants.length > 1 ? join(dir, variant) : dir);
  }
  return ok ? 0 : 1;
}

function printRun(state: RunState, out: (s: string) => void, withHeader: boolean, ms: number): boolean {
  if (withHeader) out(`# ${state.scenarioId} --variant ${state.variantId}`);
  let ok = true;
  for (const s of state.steps) {
    const verdict = s.report?.accepted ? 'accepted' : `rejected (${s.report?.checks.find((c) => c.status === 'fail')?.code ?? '?'})`;
    const expectation = s.expect.accept ? 'accept' : `reject ${s.expect.code}`;
    out(`${String(s.n).padStart(2, '0')} ${s.from} -> ${s.to} ${s.label}: ${verdict}; expected ${expectation}: ${s.outcome}`);
    if (s.outcome !== 'as-expected') ok = false;
  }
  out(`${ok ? 'ok' : 'FAILED'}: ${state.steps.length} steps in ${ms.toFixed(1)} ms`);
  return ok;
}

/** Writes NN-<from>-<to>-<label>.xml per step (the delivered text), trace.json and keys.json. */
export function writeRun(state: RunState, dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const s of state.steps) {
    const name = `${String(s.n).padStart(2, '0')}-${slug(s.from)}-${slug(s.to)}-${slug(s.label)}.xml`;
    writeFileSync(join(dir, name), s.delivered ?? s.produced);
  }
  const trace = {
    scenario: state.scenarioId, variant: state.variantId, seed: state.seed, versions: state.versions, start: new Date(state.start).toISOString(),
    steps: state.steps.map((s) => ({ n: s.n, from: s.from, to: s.to, label: s.label, time: s.time, receivedAt: s.receivedAt, transport: s.transport, expectation: s.expect, outcome: s.outcome, edited: s.edited, report: s.report })),
  };
  writeFileSync(join(dir, 'trace.json'), JSON.stringify(trace, null, 2) + '\n');
  writeFileSync(join(dir, 'keys.json'), JSON.stringify(collectSecrets(state), null, 2) + '\n');
}
