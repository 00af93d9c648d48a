// `sts-matrix [--json]`: seed 001 table 3-3 (the OpenSSO STS token matrix) — each row's inputs, the
// output the seed states, the engine's own decision for that request, and whether they agree. Exit 1
// when any row disagrees. Each row runs end to end as `run opensso-sts --variant row-N`.

import { matrixRows, MATRIX_SOURCE, type MatrixRow } from '../engine/index.ts';
import { onlyOptions, type Args } from './args.ts';

function expected(r: MatrixRow): string {
  return r.expected.ok ? `${r.expected.confirmation}, proof key ${r.expected.proofKey}` : 'error';
}

function decided(r: MatrixRow): string {
  const d = r.decision;
  if (!d.ok) return `refused ${d.code ?? '?'} (${d.fault ?? 'wst:InvalidRequest'})`;
  return `${d.confirmation}, proof key ${d.proofKey}${d.keySource ? ` (${d.keySource})` : ''}`;
}

function line(r: MatrixRow): string {
  const q = r.request;
  const inputs = [q.binding.padEnd(10), q.clientToken.padEnd(8), (q.keyType ?? 'none').padEnd(14), (q.onBehalfOf ? 'yes' : 'no').padEnd(3), (q.useKey ? 'yes' : 'no').padEnd(3)].join(' ');
  return `${String(r.row).padStart(2)}  ${inputs}  seed: ${expected(r).padEnd(36)} engine: ${decided(r).padEnd(66)} ${r.agrees ? 'agree' : 'DISAGREE'}`;
}

function asJson(r: MatrixRow) {
  return {
    row: r.row, variant: `row-${r.row}`, inputs: r.request, seed: { words: r.seed, expected: r.expected },
    engine: { ok: r.decision.ok, confirmation: r.decision.confirmation ?? null, proofKey: r.decision.proofKey ?? null, keySource: r.decision.keySource ?? null, code: r.decision.code ?? null, fault: r.decision.fault ?? null, reasons: r.decision.reasons },
    agrees: r.agrees,
  };
}

export async function stsMatrixCommand(args: Args, out: (s: string) => void): Promise<number> {
  onlyOptions(args, ['json']);
  const rows = matrixRows();
  const disagreeing = rows.filter((r) => !r.agrees).length;
  if (args.options['json'] === true) {
    out(JSON.stringify({ source: MATRIX_SOURCE, rows: rows.map(asJson), agree: rows.length - disagreeing, disagree: disagreeing }, null, 2));
  } else {
    out(`row binding    client   KeyType        OBO UseKey`);
    for (const r of rows) out(line(r));
    out(`${rows.length - disagreeing} of ${rows.length} rows agree with seed 001 table 3-3`);
  }
  return disagreeing === 0 ? 0 : 1;
}
