// Typed views of the values the engine puts in check details (plain JSON): WSS_SIGNATURE carries
// a signature's canonical SignedInfo, key and references; WSS_DECRYPTED a decrypted part and its
// key chain; WSS_DECRYPTED_MESSAGE the decrypted document. Read defensively — a report may come
// from a saved workspace or an older engine — and null when the shape is not there.

import type { Check, KeyChainStep, ReferenceReport, Report } from '../../engine/index.ts';

/** One reference of a WSS_SIGNATURE check: the engine's own ReferenceReport shape. */
export type ReferenceDetails = ReferenceReport;
export type { KeyChainStep };

export interface SignatureDetails {
  signature: string;
  signatureAlgorithm: string;
  c14nAlgorithm: string;
  signedInfoCanonical: string;
  key: { source: string; kind: string } | null;
  references: ReferenceDetails[];
}

export interface DecryptionDetails {
  target: string;
  id: string;
  algorithm: string;
  chain: KeyChainStep[];
  plaintext: string;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function reference(v: unknown): ReferenceDetails | null {
  if (!isObj(v)) return null;
  const r: ReferenceDetails = {
    uri: str(v.uri), path: str(v.path), transforms: strings(v.transforms), canonical: str(v.canonical),
    statedDigest: str(v.statedDigest), computedDigest: str(v.computedDigest), digestAlgorithm: str(v.digestAlgorithm), ok: v.ok === true,
  };
  if (typeof v.line === 'number') r.line = v.line;
  return r;
}

export function signatureDetails(check: Check): SignatureDetails | null {
  const d = check.details;
  if (check.code !== 'WSS_SIGNATURE' || !d || !Array.isArray(d.references)) return null;
  const key = isObj(d.key) ? { source: str(d.key.source), kind: str(d.key.kind) } : null;
  return {
    signature: str(d.signature) || check.path, signatureAlgorithm: str(d.signatureAlgorithm), c14nAlgorithm: str(d.c14nAlgorithm),
    signedInfoCanonical: str(d.signedInfoCanonical), key,
    references: d.references.map(reference).filter((r): r is ReferenceDetails => r !== null),
  };
}

function chainStep(v: unknown): KeyChainStep | null {
  if (!isObj(v)) return null;
  const s: KeyChainStep = { what: str(v.what), algorithm: str(v.algorithm), keySource: str(v.keySource) };
  if (typeof v.keyBytes === 'string') s.keyBytes = v.keyBytes;
  return s;
}

export function decryptionDetails(check: Check): DecryptionDetails | null {
  const d = check.details;
  if (check.code !== 'WSS_DECRYPTED' || !d) return null;
  return {
    target: str(d.target) || check.path, id: str(d.id), algorithm: str(d.algorithm), plaintext: str(d.plaintext),
    chain: (Array.isArray(d.chain) ? d.chain : []).map(chainStep).filter((s): s is KeyChainStep => s !== null),
  };
}

/** The decrypted document of a report (WSS_DECRYPTED_MESSAGE), or null when nothing was decrypted. */
export function decryptedDocument(report: Report | null | undefined): string | null {
  const check = report?.checks.find((c) => c.code === 'WSS_DECRYPTED_MESSAGE');
  const doc = check?.details?.document;
  return typeof doc === 'string' && doc !== '' ? doc : null;
}

export function signaturesOf(report: Report | null | undefined): SignatureDetails[] {
  return (report?.checks ?? []).map(signatureDetails).filter((s): s is SignatureDetails => s !== null);
}

export function decryptionsOf(report: Report | null | undefined): DecryptionDetails[] {
  return (report?.checks ?? []).map(decryptionDetails).filter((s): s is DecryptionDetails => s !== null);
}

/** The algorithms the engine warns about with XENC_LEGACY_ALGORITHM (XML Encryption 1.1 §5.1, §5.2.1). */
export { isLegacyAlgorithm } from '../../engine/index.ts';

/** The fragment (or last path step) of an algorithm URI: what people call it. */
export function algorithmName(uri: string): string {
  if (!uri) return '(none)';
  const hash = uri.lastIndexOf('#');
  if (hash >= 0 && hash < uri.length - 1) return uri.slice(hash + 1);
  return uri.replace(/\/+$/, '').split('/').pop() ?? uri;
}
