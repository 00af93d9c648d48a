// The timeline (DESIGN.md decision 2): produce, pause for edits, deliver, record, go back, edit an
// earlier step and continue from there. Each function takes a RunState and returns a new one;
// randomness per step comes from the run seed (decision 3), so re-producing a step is repeatable.

import { deriveRandom } from '../crypto/random.ts';
import { checkFromError, makeReport, UsageError, type Report } from '../report/index.ts';
import { formatDateTime } from '../wss/datetime.ts';
import type { ActorsState, Expectation, Json, ScenarioDef, StepContext, StepDef } from '../scenarios/types.ts';
import { findScenario } from '../scenarios/index.ts';
import type { Outcome, RunOptions, RunState, StepRecord } from './types.ts';

/** 2026-01-01T00:00:00Z: the default scenario clock, so runs are reproducible. */
export const DEFAULT_START = Date.UTC(2026, 0, 1);

const clone = (a: ActorsState): ActorsState => JSON.parse(JSON.stringify(a)) as ActorsState;

function stepsOf(state: Pick<RunState, 'scenarioId' | 'variantId' | 'versions'>): { def: ScenarioDef; steps: StepDef[] } {
  const def = findScenario(state.scenarioId);
  return { def, steps: def.steps(state.variantId, state.versions) };
}

function versionsFor(def: ScenarioDef, wanted: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const axis of def.versions) {
    const v = wanted[axis.id] ?? axis.default;
    if (!axis.values.includes(v)) throw new UsageError('UNKNOWN_VERSION', `expected ${axis.title} version ${axis.values.join(' or ')}, found "${v}"`);
    out[axis.id] = v;
  }
  return out;
}

/** Clock (ms) at which step `index` is produced: the start plus each step's delay (default 1 s). */
function producedAt(state: RunState, steps: StepDef[], index: number): number {
  let t = state.start;
  for (let i = 0; i <= index; i++) t += (steps[i]?.delay ?? 1) * 1000;
  return t;
}

/** Starts a run of a scenario variant and produces its first step. */
export async function startRun(scenarioId: string, variantId: string, opts: RunOptions = {}): Promise<RunState> {
  const def = findScenario(scenarioId);
  const versions = versionsFor(def, opts.versions);
  const steps = def.steps(variantId, versions);
  const state: RunState = {
    version: 1, scenarioId, variantId, seed: opts.seed ?? 1, versions,
    start: opts.start ?? DEFAULT_START, steps: [], total: steps.length,
  };
  return produceStep(state, 0, def.initialState(variantId, versions));
}

function context(state: RunState, label: string, now: number, actors: ActorsState, delivered: string[], transport: 'https' | 'http', secrets: Record<string, Json>): StepContext {
  return {
    random: deriveRandom(state.seed, label), now, actors: clone(actors), delivered, transport,
    secret: (name, value) => { secrets[name] = value; },
  };
}

async function produceStep(state: RunState, index: number, before: ActorsState): Promise<RunState> {
  const { steps } = stepsOf(state);
  const def = steps[index];
  if (!def) throw new UsageError('STEP_OUT_OF_RANGE', `expected a step index below ${steps.length}, found ${index}`);
  const now = producedAt(state, steps, index);
  const secrets: Record<string, Json> = {};
  const delivered = state.steps.slice(0, index).map((s) => s.delivered ?? '');
  const produced = await def.produce(context(state, `produce/${index}`, now, before, delivered, 'http', secrets));
  const record: StepRecord = {
    index, n: def.n, from: def.from, to: def.to, label: produced.label ?? def.label, explain: produced.explain ?? def.explain, specRefs: def.specRefs, expect: def.expect,
    time: formatDateTime(now), receivedAt: formatDateTime(now + (def.transit ?? 0) * 1000), transport: produced.transport ?? 'http',
    produced: produced.wire, delivered: null, edited: false, report: null, outcome: 'pending', secrets,
    before: clone(before), sent: clone(produced.actors ?? before), after: null,
  };
  return { ...state, steps: [...state.steps.slice(0, index), record] };
}

function outcomeOf(expect: Expectation, report: Report): Outcome {
  if (expect.accept) return report.accepted ? 'as-expected' : 'unexpected';
  const hit = report.checks.some((c) => c.status === 'fail' && c.code === expect.code);
  return !report.accepted && hit ? 'as-expected' : 'unexpected';
}

/** Delivers step `index` with `wire`: later steps are dropped, the receiver processes it, the next step is produced. */
export async function deliver(state: RunState, index: number, wire: string): Promise<RunState> {
  const rec = state.steps[index];
  if (!rec) throw new UsageError('STEP_OUT_OF_RANGE', `expected a produced step index below ${state.steps.length}, found ${index}`);
  const { steps } = stepsOf(state);
  const def = steps[index] as StepDef;
  const secrets: Record<string, Json> = { ...rec.secrets };
  const delivered = [...state.steps.slice(0, index).map((s) => s.delivered ?? ''), wire];
  const ctx = context(state, `receive/${index}`, Date.parse(rec.receivedAt), rec.sent, delivered, rec.transport, secrets);
  let report: Report;
  let after: ActorsState;
  try {
    const r = await def.receive(ctx, wire);
    report = r.report;
    after = r.actors;
  } catch (e) {
    report = makeReport(def.to, [checkFromError(e)]);
    after = rec.sent;
  }
  const done: StepRecord = { ...rec, delivered: wire, edited: wire !== rec.produced, report, outcome: outcomeOf(def.expect, report), secrets, after: clone(after) };
  const next: RunState = { ...state, steps: [...state.steps.slice(0, index), done] };
  return index + 1 < steps.length ? produceStep(next, index + 1, after) : next;
}

/** Makes step `index` pending again (its produced text kept) and drops the steps after it. */
export function rewind(state: RunState, index: number): RunState {
  const rec = state.steps[index];
  if (!rec) throw new UsageError('STEP_OUT_OF_RANGE', `expected a produced step index below ${state.steps.length}, found ${index}`);
  const pending: StepRecord = { ...rec, delivered: null, edited: false, report: null, outcome: 'pending', after: null };
  return { ...state, steps: [...state.steps.slice(0, index), pending] };
}

/** Delivers every pending step as produced, until the scenario ends. */
export async function runToEnd(state: RunState): Promise<RunState> {
  let s = state;
  for (let guard = 0; guard < 1000; guard++) {
    const last = s.steps[s.steps.length - 1];
    if (!last || last.delivered !== null) return s;
    s = await deliver(s, last.index, last.produced);
  }
  throw new UsageError('RUN_TOO_LONG', 'expected a scenario to end within 1000 steps, found more');
}

/** Replaces one actor's state before the last step, and produces that step again. */
export async function setActorState(state: RunState, actorId: string, value: Json): Promise<RunState> {
  const last = state.steps[state.steps.length - 1];
  if (!last) throw new UsageError('STEP_OUT_OF_RANGE', 'the run has no step yet');
  if (!(actorId in last.before)) throw new UsageError('UNKNOWN_ACTOR', `expected one of ${Object.keys(last.before).join(', ')}, found "${actorId}"`);
  return produceStep(state, last.index, { ...last.before, [actorId]: value });
}

/** Every secret the run used, by name (for keys.json). */
export function collectSecrets(state: RunState): Record<string, Json> {
  return Object.assign({}, ...state.steps.map((s) => s.secrets)) as Record<string, Json>;
}
