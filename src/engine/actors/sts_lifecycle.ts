// WS-Trust 1.3 §5–7 (Feb2005 §6–8) as the STS applies them to tokens it issued: Validate (an RSTR
// with a Status: valid or invalid), Renew (a fresh assertion for the same subject and
// confirmation), Cancel (RequestedTokenCancelled; the token is then invalid).

import type { Element } from '@xmldom/xmldom';
import type { Check } from '../report/index.ts';
import { childElements, textOf } from '../xml/dom.ts';
import { NS } from '../xml/names.ts';
import { where } from '../xml/path.ts';
import type { ParsedRst } from '../trust/rst.ts';

export type LifecycleKind = 'validate' | 'renew' | 'cancel';

export interface IssuedToken {
  id: string;
  subject: string;
  expires: string;
  confirmation: string;
  cancelled?: boolean;
  proofKey?: string;
  appliesTo?: string;
  tokenType?: string;
  /** The proof key's kind, and for an asymmetric one the key it is bound to (certificate PEM or SPKI base64). */
  proofKind?: string;
  proofCertPem?: string;
  proofKeySpki?: string;
}

export interface LifecycleDecision {
  kind: LifecycleKind;
  targetId?: string;
  valid: boolean;
  reason: string;
}

/** The assertion id a Renew/Validate/Cancel target names: an embedded assertion or an STR KeyIdentifier. */
export function targetId(target: Element | undefined): string | undefined {
  const first = target ? childElements(target)[0] : undefined;
  if (!first) return undefined;
  if (first.localName === 'Assertion') return first.namespaceURI === NS.saml11 ? first.getAttribute('AssertionID') ?? undefined : first.getAttribute('ID') ?? undefined;
  const ki = childElements(first).find((c) => c.localName === 'KeyIdentifier' || c.localName === 'Reference');
  if (!ki) return undefined;
  return ki.localName === 'Reference' ? (ki.getAttribute('URI') ?? '').replace(/^#/, '') : textOf(ki).trim();
}

/** Decides a lifecycle request against the STS's record of what it issued. */
export function lifecycleDecide(rst: ParsedRst, issued: IssuedToken[], now: number, authenticated: boolean): { checks: Check[]; decision: LifecycleDecision } {
  const kind = rst.requestType as LifecycleKind;
  const id = targetId(rst.target);
  const token = issued.find((t) => t.id === id);
  const spec = { validate: 'WS-Trust 1.3 §7', renew: 'WS-Trust 1.3 §5', cancel: 'WS-Trust 1.3 §6' }[kind];
  const at = where(rst.target ?? rst.element);
  const decide = (valid: boolean, code: string, reason: string) => ({
    checks: [{ code, status: valid || kind === 'validate' ? 'pass' as const : 'fail' as const, specRef: spec, ...at, message: `${kind}: ${reason}` }],
    decision: { kind, ...(id ? { targetId: id } : {}), valid, reason },
  });
  if (!authenticated) return decide(false, 'STS_NOT_AUTHENTICATED', 'expected an authenticated requester, found the request\'s credentials refused');
  if (!id) return decide(false, 'WST_TARGET_MISSING', `expected a ${kind === 'validate' ? 'ValidateTarget' : kind === 'renew' ? 'RenewTarget' : 'CancelTarget'} naming a token, found none`);
  if (!token) return decide(false, 'WST_TOKEN_UNKNOWN', `expected a token this STS issued, found ${id}`);
  if (token.cancelled) return decide(false, 'WST_TOKEN_CANCELLED', `token ${id} was cancelled`);
  if (Date.parse(token.expires) <= now && kind !== 'renew') return decide(false, 'WST_TOKEN_EXPIRED', `token ${id} expired at ${token.expires}`);
  return decide(true, { validate: 'WST_TOKEN_VALID', renew: 'WST_TOKEN_RENEWED', cancel: 'WST_TOKEN_CANCELLED_NOW' }[kind], { validate: `token ${id} is valid until ${token.expires}`, renew: `token ${id} renewed`, cancel: `token ${id} cancelled` }[kind]);
}
