// Seed 001, table 3-3 (the OpenSSO STS token generation matrix) as the seed prints it, and the
// engine's own decision for each row's request beside it — the matrix view shows both. The rules
// (issuance_rules.ts) never read this table; this module only maps the seed's Korean words.

import matrix from './opensso_matrix_3_3.json' with { type: 'json' };
import { decideIssuance, type IssuanceDecision, type IssuanceRequest } from './issuance_rules.ts';

export interface MatrixRow {
  row: number;
  /** The seed's words, verbatim (Korean). */
  seed: { binding: string; clientToken: string; keyType: string; onBehalfOf: string; useKey: string; output: string };
  request: IssuanceRequest;
  /** What the seed says the STS outputs, read from its words. */
  expected: { ok: false } | { ok: true; confirmation: string; proofKey: string };
  decision: IssuanceDecision;
  agrees: boolean;
}

export const MATRIX_SOURCE = matrix.source;

function request(r: (typeof matrix.rows)[number]): IssuanceRequest {
  const keyTypes: Record<string, IssuanceRequest['keyType']> = { Bearer: 'bearer', 대칭: 'symmetric', 비대칭: 'asymmetric', 아니요: null };
  return {
    binding: r.binding === '비대칭' ? 'asymmetric' : 'transport',
    clientToken: r.clientToken === 'X509' ? 'x509' : 'username',
    keyType: r.keyType in keyTypes ? (keyTypes[r.keyType] as IssuanceRequest['keyType']) : 'sender-vouches',
    onBehalfOf: r.onBehalfOf === '예',
    useKey: r.useKey !== '아니요',
  };
}

function expected(output: string): MatrixRow['expected'] {
  if (output === '오류') return { ok: false };
  const confirmation = output.includes('Bearer') ? 'bearer' : output.includes('sender-vouches') ? 'sender-vouches' : 'holder-of-key';
  const proofKey = output.includes('증명 키 없음') ? 'none' : output.includes('비대칭') ? 'asymmetric' : 'symmetric';
  return { ok: true, confirmation, proofKey };
}

/** All 28 rows with the seed's expectation and the engine's decision side by side. */
export function matrixRows(): MatrixRow[] {
  return matrix.rows.map((r) => {
    const req = request(r);
    const decision = decideIssuance(req);
    const want = expected(r.output);
    const agrees = want.ok ? decision.ok && decision.confirmation === want.confirmation && decision.proofKey === want.proofKey : !decision.ok;
    const { row, ...seed } = r;
    return { row, seed, request: req, expected: want, decision, agrees };
  });
}
