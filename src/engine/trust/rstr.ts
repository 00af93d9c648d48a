// WS-Trust 1.3 §4.2 / Feb2005 §5: wst:RequestSecurityTokenResponse (1.3: inside an RSTR
// Collection for a final Issue) — RequestedSecurityToken, RequestedProofToken (BinarySecret,
// EncryptedKey or ComputedKey), Entropy, Requested[Un]AttachedReference, Lifetime, KeySize,
// Status (Validate) and RequestedTokenCancelled (Cancel).

import type { Element } from '@xmldom/xmldom';
import { childElements, firstChildNS, textOf, type ElSpec } from '../xml/dom.ts';
import { NS, TRUST_VERSIONS } from '../xml/names.ts';
import { where } from '../xml/path.ts';
import { fromBase64 } from '../crypto/encoding.ts';
import type { Check } from '../report/index.ts';
import { parseDateTime } from '../wss/datetime.ts';
import { appliesTo, binarySecret, lifetime, type TrustVersionId } from './rst.ts';

export type ProofTokenSpec =
  | { kind: 'binary-secret'; secret: Uint8Array }
  | { kind: 'encrypted-key'; encryptedKey: ElSpec }
  | { kind: 'computed-key'; algorithm: string };

export interface RstrSpec {
  version: TrustVersionId;
  context?: string;
  tokenType?: string;
  token?: ElSpec | Element;
  attachedReference?: ElSpec;
  unattachedReference?: ElSpec;
  proofToken?: ProofTokenSpec;
  /** Issuer entropy (BinarySecret of type Nonce), with ComputedKey. */
  entropy?: Uint8Array;
  lifetime?: { created: number; expires: number };
  keySize?: number;
  appliesTo?: { address: string; wsaNs: string };
  status?: { valid: boolean; reason?: string };
  cancelled?: boolean;
  /** WS-Trust 1.3: wrap in wst:RequestSecurityTokenResponseCollection (final Issue response). */
  collection?: boolean;
}

/** Builds wst:RequestSecurityTokenResponse (in a Collection when asked). */
export function buildRstr(s: RstrSpec): ElSpec {
  const v = TRUST_VERSIONS[s.version];
  const t = (name: string, children: Array<ElSpec | Element>, text?: string): ElSpec => ({ ns: v.ns, name: `wst:${name}`, children, ...(text !== undefined ? { text } : {}) });
  const children: Array<ElSpec | Element | null> = [
    s.tokenType ? t('TokenType', [], s.tokenType) : null,
    s.token ? t('RequestedSecurityToken', [s.token]) : null,
    s.attachedReference ? t('RequestedAttachedReference', [s.attachedReference]) : null,
    s.unattachedReference ? t('RequestedUnattachedReference', [s.unattachedReference]) : null,
    s.proofToken ? t('RequestedProofToken', [proof(s.version, s.proofToken)]) : null,
    s.entropy ? t('Entropy', [binarySecret(v, s.entropy, 'nonce')]) : null,
    s.lifetime ? lifetime(v, s.lifetime) : null,
    s.keySize ? t('KeySize', [], String(s.keySize)) : null,
    s.appliesTo ? appliesTo(s.appliesTo, s.version) : null,
    s.status ? t('Status', [t('Code', [], s.status.valid ? v.statusCodes.valid : v.statusCodes.invalid), ...(s.status.reason ? [t('Reason', [], s.status.reason)] : [])]) : null,
    s.cancelled ? t('RequestedTokenCancelled', []) : null,
  ];
  const rstr: ElSpec = {
    ns: v.ns, name: 'wst:RequestSecurityTokenResponse', ...(s.collection ? {} : { xmlns: { wst: v.ns } }),
    ...(s.context ? { attrs: { Context: s.context } } : {}),
    children: children.filter((c): c is ElSpec | Element => c !== null),
  };
  return s.collection && s.version === '1.3'
    ? { ns: v.ns, name: 'wst:RequestSecurityTokenResponseCollection', xmlns: { wst: v.ns }, children: [rstr] }
    : rstr;
}

function proof(version: TrustVersionId, p: ProofTokenSpec): ElSpec {
  const v = TRUST_VERSIONS[version];
  if (p.kind === 'binary-secret') return binarySecret(v, p.secret, 'symmetricKey');
  if (p.kind === 'computed-key') return { ns: v.ns, name: 'wst:ComputedKey', text: p.algorithm };
  return p.encryptedKey;
}

export interface ParsedRstr {
  version: TrustVersionId;
  element: Element;
  context?: string;
  tokenType?: string;
  token?: Element;
  attachedReference?: Element;
  unattachedReference?: Element;
  proof?: { kind: 'binary-secret'; secret: Uint8Array } | { kind: 'encrypted-key'; element: Element } | { kind: 'computed-key'; algorithm: string };
  entropy?: Uint8Array;
  lifetime?: { created: number; expires: number };
  keySize?: number;
  status?: { valid: boolean; code: string };
  cancelled?: boolean;
}

/** Reads an RSTR, or the first RSTR of an RSTR Collection. */
export function readRstr(el: Element): { rstr: ParsedRstr | null; checks: Check[] } {
  const v = Object.values(TRUST_VERSIONS).find((x) => x.ns === el.namespaceURI);
  const inner = el.localName === 'RequestSecurityTokenResponseCollection' && v ? firstChildNS(el, v.ns, 'RequestSecurityTokenResponse') : el;
  if (!v || !inner || inner.localName !== 'RequestSecurityTokenResponse') {
    return { rstr: null, checks: [{ code: 'WST_NOT_RSTR', status: 'fail', specRef: 'WS-Trust 1.3 §4.2', ...where(el), message: `expected wst:RequestSecurityTokenResponse (WS-Trust Feb2005 or 1.3), found {${el.namespaceURI ?? ''}}${el.localName}` }] };
  }
  const checks: Check[] = [];
  const r: ParsedRstr = { version: v.version, element: inner };
  const ctx = inner.getAttribute('Context');
  if (ctx) r.context = ctx;
  for (const c of childElements(inner)) readPart(r, c, v.ns, checks);
  return { rstr: r, checks };
}

function readPart(r: ParsedRstr, c: Element, ns: string, checks: Check[]): void {
  if (c.namespaceURI !== ns) return;
  const first = childElements(c)[0];
  switch (c.localName) {
    case 'TokenType': r.tokenType = textOf(c).trim(); break;
    case 'RequestedSecurityToken': if (first) r.token = first; break;
    case 'RequestedAttachedReference': if (first) r.attachedReference = first; break;
    case 'RequestedUnattachedReference': if (first) r.unattachedReference = first; break;
    case 'RequestedProofToken': readProof(r, first, ns, checks); break;
    case 'Entropy': {
      const s = firstChildNS(c, ns, 'BinarySecret');
      if (s) r.entropy = decode(s, checks);
      break;
    }
    case 'Lifetime': readLifetime(r, c, checks); break;
    case 'KeySize': r.keySize = Number(textOf(c).trim()); break;
    case 'Status': {
      const code = firstChildNS(c, ns, 'Code');
      const text = code ? textOf(code).trim() : '';
      r.status = { valid: text.endsWith('/status/valid'), code: text };
      break;
    }
    case 'RequestedTokenCancelled': r.cancelled = true; break;
  }
}

function decode(el: Element, checks: Check[]): Uint8Array | undefined {
  try {
    return fromBase64(textOf(el).trim(), 'wst:BinarySecret');
  } catch (e) {
    checks.push({ code: 'WST_BINARY_SECRET_INVALID', status: 'fail', specRef: 'WS-Trust 1.3 §3.3', ...where(el), message: (e as Error).message });
    return undefined;
  }
}

function readProof(r: ParsedRstr, first: Element | undefined, ns: string, checks: Check[]): void {
  if (!first) return;
  if (first.namespaceURI === ns && first.localName === 'BinarySecret') {
    const secret = decode(first, checks);
    if (secret) r.proof = { kind: 'binary-secret', secret };
  } else if (first.namespaceURI === ns && first.localName === 'ComputedKey') r.proof = { kind: 'computed-key', algorithm: textOf(first).trim() };
  else if (first.namespaceURI === NS.xenc && first.localName === 'EncryptedKey') r.proof = { kind: 'encrypted-key', element: first };
  else checks.push({ code: 'WST_PROOF_TOKEN_UNKNOWN', status: 'fail', specRef: 'WS-Trust 1.3 §4.4', ...where(first), message: `expected BinarySecret, ComputedKey or xenc:EncryptedKey in RequestedProofToken, found ${first.localName}` });
}

function readLifetime(r: ParsedRstr, c: Element, checks: Check[]): void {
  const created = firstChildNS(c, NS.wsu, 'Created');
  const expires = firstChildNS(c, NS.wsu, 'Expires');
  const a = created ? parseDateTime(textOf(created)) : null;
  const b = expires ? parseDateTime(textOf(expires)) : null;
  if (a && b) r.lifetime = { created: a.ms, expires: b.ms };
  else checks.push({ code: 'WST_LIFETIME_INVALID', status: 'fail', specRef: 'WS-Trust 1.3 §4.4.1', ...where(c), message: 'expected wst:Lifetime with xsd:dateTime wsu:Created and wsu:Expires, found them missing or malformed' });
}
