// WS-Trust 1.3 §4.5 (Feb2005 §4.4) "Returning security tokens in a header": t:IssuedTokens, one
// wst:RequestSecurityTokenResponse per token. The WS-AT mixed binding (seed 002) issues a
// SecurityContextToken with its secret STx this way on CreateCoordinationContextResponse (R1222),
// flows it on a subordinate CreateCoordinationContext (R1223) and on application messages (R2001).
// Children in the seed example's order: TokenType, RequestedSecurityToken (the SCT), wsp:AppliesTo
// (the context's wscoor:Identifier as text, as the seed prints it), Requested[Un]AttachedReference,
// RequestedProofToken (BinarySecret STx of type SymmetricKey), Lifetime, KeySize. WS-Policy 2004/09
// for AppliesTo in both versions, as both of the seed's examples declare it.

import type { Element } from '@xmldom/xmldom';
import { fromBase64, toBase64 } from '../crypto/encoding.ts';
import type { Check } from '../report/index.ts';
import { buildSct, readSct, sctChildren, sctReference } from '../sc/sct.ts';
import { binarySecret, lifetime } from '../trust/rst.ts';
import { readRstr } from '../trust/rstr.ts';
import { childElements, firstChildNS, textOf, type ElSpec } from '../xml/dom.ts';
import { NS, SC_VERSIONS, TRUST_VERSIONS } from '../xml/names.ts';
import { where } from '../xml/path.ts';
import { TX_VERSIONS, type TxVersionId } from './versions.ts';

/** One issued SecurityContextToken as the parties keep it (plain JSON). */
export interface IssuedToken {
  /** wsc:Identifier of the SCT (an absolute URI). */
  identifier: string;
  /** The secret STx, base64. */
  secretB64: string;
  /** The wscoor:Identifier of the CoordinationContext the token belongs to (wsp:AppliesTo). */
  appliesTo: string;
  /** Lifetime, ms since epoch. */
  created: number;
  expires: number;
  /** Bits. */
  keySize: number;
}

const SPEC = 'WS-Trust 1.3 §4.5';

function rstrSpec(v: TxVersionId, t: IssuedToken): ElSpec {
  const { trust, sc } = TX_VERSIONS[v].issued;
  const tv = TRUST_VERSIONS[trust];
  const scv = SC_VERSIONS[sc];
  const el = (name: string, children: Array<ElSpec | null>, text?: string): ElSpec => ({ ns: tv.ns, name: `wst:${name}`, children, ...(text !== undefined ? { text } : {}) });
  const sct = { version: sc, identifier: t.identifier };
  const bytes = fromBase64(t.secretB64, 'STx');
  return {
    ns: tv.ns, name: 'wst:RequestSecurityTokenResponse',
    xmlns: { wst: tv.ns, wsse: NS.wsse, wsu: NS.wsu, wsc: scv.ns, wsp: NS.wsp12 },
    children: [
      el('TokenType', [], scv.sctTokenType),
      el('RequestedSecurityToken', [buildSct(sct)]),
      { ns: NS.wsp12, name: 'wsp:AppliesTo', text: t.appliesTo },
      el('RequestedAttachedReference', [sctReference(sct, 'unattached')]),
      el('RequestedUnattachedReference', [sctReference(sct, 'unattached')]),
      el('RequestedProofToken', [binarySecret(tv, bytes, 'symmetricKey')]),
      lifetime(tv, { created: t.created, expires: t.expires }),
      el('KeySize', [], String(t.keySize)),
    ],
  };
}

/** Builds the t:IssuedTokens header block for the version's WS-Trust (optionally with a wsu:Id to sign it). */
export function buildIssuedTokens(v: TxVersionId, tokens: IssuedToken[], opts: { id?: string } = {}): ElSpec {
  const tv = TRUST_VERSIONS[TX_VERSIONS[v].issued.trust];
  return {
    ns: tv.ns, name: 't:IssuedTokens', xmlns: { t: tv.ns },
    ...(opts.id ? { nsAttrs: [[NS.wsu, 'wsu:Id', opts.id]] as Array<[string, string, string]> } : {}),
    children: tokens.map((t) => rstrSpec(v, t)),
  };
}

/** The t:IssuedTokens header block (either WS-Trust version) among header blocks, if any. */
export function findIssuedTokensHeader(headerBlocks: Element[]): Element | null {
  return headerBlocks.find((h) => h.localName === 'IssuedTokens' && Object.values(TRUST_VERSIONS).some((t) => t.ns === h.namespaceURI)) ?? null;
}

export interface ReadIssuedTokens {
  tokens: IssuedToken[];
  checks: Check[];
}

const fail = (code: string, el: Element, message: string, specRef = SPEC): Check => ({ code, status: 'fail', specRef, ...where(el), message });

/** Reads t:IssuedTokens: every RSTR must carry an SCT, its AppliesTo and a BinarySecret proof token. */
export function readIssuedTokens(el: Element, v: TxVersionId): ReadIssuedTokens {
  const trust = TRUST_VERSIONS[TX_VERSIONS[v].issued.trust];
  if (el.localName !== 'IssuedTokens' || el.namespaceURI !== trust.ns) {
    return { tokens: [], checks: [fail('WSAT_ISSUED_TOKENS_VERSION', el, `expected t:IssuedTokens in WS-Trust ${trust.version} (${trust.ns}) for WS-AT ${v}, found {${el.namespaceURI ?? ''}}${el.localName}`, `WS-AT interop R1222 / ${TX_VERSIONS[v].binding}`)] };
  }
  const rstrs = childElements(el).filter((c) => c.localName === 'RequestSecurityTokenResponse');
  if (rstrs.length === 0) return { tokens: [], checks: [fail('WSAT_ISSUED_TOKENS_EMPTY', el, 'expected at least one wst:RequestSecurityTokenResponse in t:IssuedTokens, found none')] };
  const tokens: IssuedToken[] = [];
  const checks: Check[] = [];
  for (const r of rstrs) {
    const t = readOne(r, v, checks);
    if (t) tokens.push(t);
  }
  return { tokens, checks };
}

function readOne(el: Element, v: TxVersionId, checks: Check[]): IssuedToken | null {
  const { rstr, checks: rc } = readRstr(el);
  checks.push(...rc);
  if (!rstr) return null;
  const sc = SC_VERSIONS[TX_VERSIONS[v].issued.sc];
  const before = checks.length;
  if (rstr.tokenType !== undefined && rstr.tokenType !== sc.sctTokenType) checks.push(fail('WSAT_ISSUED_TOKEN_TYPE', el, `expected wst:TokenType ${sc.sctTokenType} (a SecurityContextToken, R1222), found ${rstr.tokenType}`, 'WS-AT interop R1222'));
  const rst = firstChildNS(el, rstr.element.namespaceURI, 'RequestedSecurityToken');
  const sctEl = rst ? sctChildren(rst)[0] : undefined;
  const sct = sctEl ? readSct(sctEl) : null;
  if (sct) checks.push(...sct.checks);
  if (!sctEl) checks.push(fail('WSAT_ISSUED_TOKEN_NOT_SCT', rst ?? el, 'expected a wsc:SecurityContextToken in wst:RequestedSecurityToken (R1222), found none', 'WS-AT interop R1222'));
  const appliesTo = readAppliesTo(el);
  if (appliesTo === null) checks.push(fail('WSAT_ISSUED_TOKEN_APPLIES_TO_MISSING', el, 'expected wsp:AppliesTo naming the coordination context the token is for, found none', 'WS-AT interop R1222'));
  const proof = rstr.proof?.kind === 'binary-secret' ? rstr.proof.secret : null;
  if (!proof) checks.push(fail('WSAT_ISSUED_TOKEN_NO_SECRET', el, `expected wst:RequestedProofToken/wst:BinarySecret holding STx, found ${rstr.proof?.kind ?? 'no proof token'}`, 'WS-AT interop R1222'));
  // The holder must know until when STx may sign (the Register's Timestamp, R1232).
  if (!rstr.lifetime && !checks.some((c) => c.code === 'WST_LIFETIME_INVALID')) checks.push(fail('WSAT_ISSUED_TOKEN_NO_LIFETIME', el, 'expected wst:Lifetime (wsu:Created, wsu:Expires) on the issued SecurityContextToken, found none', 'WS-AT interop R1222'));
  if (checks.length > before || !sct?.sct || !proof || appliesTo === null || !rstr.lifetime) return null;
  return {
    identifier: sct.sct.identifier, secretB64: toBase64(proof), appliesTo,
    created: rstr.lifetime.created, expires: rstr.lifetime.expires, keySize: rstr.keySize ?? proof.length * 8,
  };
}

/** wsp:AppliesTo (2004/09 or 1.5) as the seed writes it — the Identifier as text — or around an EPR's Address. */
function readAppliesTo(rstr: Element): string | null {
  const at = childElements(rstr).find((c) => c.localName === 'AppliesTo' && (c.namespaceURI === NS.wsp12 || c.namespaceURI === NS.wsp15));
  if (!at) return null;
  const epr = childElements(at)[0];
  const address = epr ? childElements(epr).find((c) => c.localName === 'Address') : undefined;
  const text = textOf(address ?? epr ?? at).trim();
  return text === '' ? null : text;
}
