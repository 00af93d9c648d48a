// English words for the matrix view's cells: each input, the seed's expected output and the
// engine's decision, read from the engine's typed values (the seed's Korean is shown as it is).

import type { MatrixRow } from '../../engine/index.ts';

type Request = MatrixRow['request'];
type Decision = MatrixRow['decision'];

/** An English line over the seed's own words (null: nothing to show under it). */
export interface Cell {
  en: string;
  ko: string | null;
}

const BINDING: Record<Request['binding'], string> = { asymmetric: 'Asymmetric', transport: 'Transport' };
const CLIENT_TOKEN: Record<Request['clientToken'], string> = { x509: 'X.509', username: 'UserName' };
const KEY_TYPE: Record<NonNullable<Request['keyType']>, string> = {
  bearer: 'Bearer',
  symmetric: 'SymmetricKey',
  asymmetric: 'PublicKey',
  'sender-vouches': 'Sender-vouches (Oracle)',
};
const CONFIRMATION: Record<string, string> = { bearer: 'Bearer', 'holder-of-key': 'Holder-of-key', 'sender-vouches': 'Sender-vouches' };
const PROOF_KEY: Record<string, string> = { none: 'no proof key', symmetric: 'symmetric proof key', asymmetric: 'asymmetric proof key' };
const KEY_SOURCE: Record<NonNullable<Decision['keySource']>, string> = {
  'use-key': "key: the requester's UseKey",
  'client-certificate': "key: the requester's signing certificate",
};

const token = (confirmation: string, proofKey: string): string =>
  `SAML ${CONFIRMATION[confirmation] ?? confirmation}, ${PROOF_KEY[proofKey] ?? proofKey}`;

/** The five inputs of a row, in the seed's column order. */
export function inputCells(r: MatrixRow): Cell[] {
  const q = r.request;
  return [
    { en: BINDING[q.binding], ko: r.seed.binding },
    { en: CLIENT_TOKEN[q.clientToken], ko: r.seed.clientToken },
    { en: q.keyType === null ? 'none' : KEY_TYPE[q.keyType], ko: r.seed.keyType },
    { en: q.onBehalfOf ? 'Yes' : 'No', ko: r.seed.onBehalfOf },
    { en: q.useKey ? "Client's public key" : 'No', ko: r.seed.useKey },
  ];
}

/** What the seed says the STS outputs. */
export function expectedCell(r: MatrixRow): Cell {
  const e = r.expected;
  return { en: e.ok ? token(e.confirmation, e.proofKey) : 'Error', ko: r.seed.output };
}

/** The engine's decision: the token it issues, or its refusal code under the WS-Trust fault. */
export function decisionCell(d: Decision): Cell {
  if (!d.ok) return { en: `Refused · ${d.fault ?? 'fault'}`, ko: null };
  return { en: token(d.confirmation ?? '?', d.proofKey ?? '?'), ko: null };
}

/** The decision's second line: the refusal code, or where an asymmetric proof key comes from. */
export function decisionDetail(d: Decision): string | null {
  if (!d.ok) return d.code ?? null;
  return d.keySource ? KEY_SOURCE[d.keySource] : null;
}

/** "28 of 28 agree", and the rows that do not. */
export function agreementSummary(rows: MatrixRow[]): { agree: number; total: number; differing: number[] } {
  const differing = rows.filter((r) => !r.agrees).map((r) => r.row);
  return { agree: rows.length - differing.length, total: rows.length, differing };
}
