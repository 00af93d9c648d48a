// WS-SecureConversation 1.3 §3–6 (2005/02 §4–7): the SCT binding of WS-Trust. Establishing a
// context is an RST with TokenType …/sct (action RST/SCT) carrying the requestor's Entropy and
// KeySize; Amend (RST/SCT/Amend) presents new claims under the context's own key; Renew
// (RST/SCT/Renew) and Cancel (RST/SCT/Cancel) name the SCT in RenewTarget / CancelTarget.
// The WS-Trust element builders and readers are reused (trust/rst.ts); the version of WS-Trust
// follows the version of WS-SC (2005/02 with Trust Feb2005, 1.3 with Trust 1.3).

import type { Element } from '@xmldom/xmldom';
import type { Check } from '../report/index.ts';
import { buildRst, readRst, type ParsedRst } from '../trust/rst.ts';
import { childElements, firstChildNS, textOf, type ElSpec } from '../xml/dom.ts';
import { SC_VERSIONS, TRUST_VERSIONS, type TrustActions } from '../xml/names.ts';
import { where } from '../xml/path.ts';
import type { ScVersionId } from './sct.ts';

export type ScOperation = 'issue' | 'amend' | 'renew' | 'cancel';

/** wsbench's own claims dialect for Amend: name=value pairs (WS-Trust 1.3 §4.1 lets the dialect be any URI). */
export const CLAIMS_DIALECT = 'urn:wsbench:sc:claims';

const ACTIONS: Record<ScOperation, [keyof TrustActions, keyof TrustActions]> = {
  issue: ['sct', 'sctResponse'], amend: ['sctAmend', 'sctAmendResponse'], renew: ['sctRenew', 'sctRenewResponse'], cancel: ['sctCancel', 'sctCancelResponse'],
};

/** The wsa:Action of an SCT request and of its response, for the WS-Trust version the SC version uses. */
export function scActions(version: ScVersionId, op: ScOperation): { request: string; response: string } {
  const a = TRUST_VERSIONS[SC_VERSIONS[version].trust].actions;
  const [req, res] = ACTIONS[op];
  return { request: a[req] as string, response: a[res] as string };
}

/** The operation an action names, or null when it is not one of the SCT binding's. */
export function scOperationOf(version: ScVersionId, action: string | undefined): ScOperation | null {
  return (Object.keys(ACTIONS) as ScOperation[]).find((op) => scActions(version, op).request === action) ?? null;
}

export interface SctRequestSpec {
  version: ScVersionId;
  op: ScOperation;
  /** The RST's Context attribute, echoed by the RSTR. */
  context: string;
  keySize?: number;
  /** Requestor entropy (a BinarySecret of type Nonce). */
  entropy?: Uint8Array;
  lifetime?: { created: number; expires: number };
  /** Renew / Cancel: the STR naming the SCT. */
  target?: ElSpec;
  /** Amend: the claims added to the context, as name=value. */
  claims?: string[];
}

function claimsSpec(trustNs: string, claims: string[]): ElSpec {
  return {
    ns: trustNs, name: 'wst:Claims', attrs: { Dialect: CLAIMS_DIALECT },
    children: claims.map((c) => ({ ns: CLAIMS_DIALECT, name: 'wsb:Claim', xmlns: { wsb: CLAIMS_DIALECT }, text: c })),
  };
}

/** Builds the RST of an SCT operation. Amend is an Issue request carrying wst:Claims (WS-SC 1.3 §4). */
export function buildSctRequest(s: SctRequestSpec): ElSpec {
  const trust = SC_VERSIONS[s.version].trust;
  const requestType = s.op === 'amend' ? 'issue' : s.op;
  const rst = buildRst({
    version: trust, requestType, context: s.context,
    ...(s.op !== 'cancel' ? { tokenType: SC_VERSIONS[s.version].sctTokenType } : {}),
    ...(s.keySize ? { keySize: s.keySize } : {}), ...(s.entropy ? { entropy: s.entropy } : {}),
    ...(s.lifetime ? { lifetime: s.lifetime } : {}), ...(s.target ? { target: s.target } : {}),
  });
  if (s.op !== 'amend' || !s.claims?.length) return rst;
  return { ...rst, children: [...(rst.children ?? []), claimsSpec(TRUST_VERSIONS[trust].ns, s.claims)] };
}

export interface ParsedSctRequest {
  rst: ParsedRst;
  claims: string[];
}

/** Reads an SCT RST and checks it is one: TokenType …/sct for Issue and Amend, a target for Renew and Cancel. */
export function readSctRequest(el: Element, version: ScVersionId, op: ScOperation): { request: ParsedSctRequest | null; checks: Check[] } {
  const { rst, checks } = readRst(el);
  if (!rst) return { request: null, checks };
  const expectedTrust = SC_VERSIONS[version].trust;
  const sctType = SC_VERSIONS[version].sctTokenType;
  if (rst.version !== expectedTrust) checks.push(fail('SC_TRUST_VERSION', `expected WS-Trust ${expectedTrust === '1.3' ? '1.3' : 'Feb2005'} with WS-SC ${version}, found WS-Trust ${rst.version === '1.3' ? '1.3' : 'Feb2005'}`, el));
  if ((op === 'issue' || op === 'amend') && rst.tokenType !== sctType) checks.push(fail('SC_RST_TOKEN_TYPE', `expected wst:TokenType ${sctType}, found ${rst.tokenType ?? 'none'}`, el));
  const wantType = op === 'amend' ? 'issue' : op;
  if (rst.requestType && rst.requestType !== wantType) checks.push(fail('SC_RST_REQUEST_TYPE', `expected RequestType ${TRUST_VERSIONS[expectedTrust].requestTypes[wantType]} for ${op}, found ${rst.requestTypeUri}`, el));
  if ((op === 'renew' || op === 'cancel') && !rst.target) checks.push(fail('SC_RST_TARGET_MISSING', `expected a wst:${op === 'renew' ? 'RenewTarget' : 'CancelTarget'} naming the SCT, found none`, el));
  const claimsEl = firstChildNS(el, TRUST_VERSIONS[rst.version].ns, 'Claims');
  const claims = claimsEl ? childElements(claimsEl).map((c) => textOf(c).trim()) : [];
  if (op === 'amend' && claims.length === 0) checks.push(fail('SC_AMEND_NO_CLAIMS', 'expected wst:Claims with the claims to add to the context, found none', el));
  return { request: { rst, claims }, checks };
}

function fail(code: string, message: string, el: Element): Check {
  return { code, status: 'fail', specRef: 'WS-SC 1.3 §3', ...where(el), message };
}
