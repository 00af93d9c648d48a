// Inbound processing of the wsse:Security header in header order (WSS 1.1 §5), followed by the
// policy checks the model asks for (WS-SP 1.3): tokens present, timestamp present, layout,
// transport protection for supporting tokens.

import type { Element } from '@xmldom/xmldom';
import { childElements } from '../xml/dom.ts';
import { NS } from '../xml/names.ts';
import { where } from '../xml/path.ts';
import type { Check } from '../report/index.ts';
import { needsTimestamp, requiredTokens, supportingTraits, usesTransport, type SecurityModel, type TokenAssertion } from '../policy/model.ts';
import type { EnvelopeParts } from '../soap/envelope.ts';
import { findSecurityHeader } from './security_header.ts';
import { checkTimestamp } from './timestamp.ts';
import { checkUsernameToken, type UtResult, type UtValidation } from './username_token_check.ts';

export interface InboundContext extends UtValidation {
  /** The simulated channel the message arrived on. */
  transport: 'https' | 'http';
}

export interface InboundResult {
  checks: Check[];
  principal?: string;
  tokens: UtResult[];
}

/** Processes the Security header of a parsed envelope against the model. */
export async function processSecurity(parts: EnvelopeParts, model: SecurityModel, ctx: InboundContext): Promise<InboundResult> {
  const checks: Check[] = [...checkTransport(model, ctx)];
  const { header, checks: hc } = findSecurityHeader(parts.headerBlocks, parts.version);
  checks.push(...hc);
  const result: InboundResult = { checks, tokens: [] };
  const required = requiredTokens(model);
  if (!header) {
    if (required.length > 0 || needsTimestamp(model)) {
      checks.push({ code: 'WSS_NO_SECURITY_HEADER', status: 'fail', specRef: 'WSS 1.1 §5', path: parts.header ? 'Envelope/Header' : 'Envelope',
        message: `the policy requires ${required.length > 0 ? 'a UsernameToken' : 'a Timestamp'} in a wsse:Security header, found no wsse:Security header` });
    }
    return result;
  }
  const unmatched = [...required];
  let timestamps = 0;
  for (const el of childElements(header)) {
    if (el.namespaceURI === NS.wsu && el.localName === 'Timestamp') {
      timestamps++;
      if (timestamps > 1) checks.push({ code: 'TS_MULTIPLE', status: 'fail', specRef: 'WSS 1.1 §10', ...where(el), message: 'expected at most one wsu:Timestamp in a Security header, found a second' });
      else checks.push(...checkTimestamp(el, { now: ctx.now, skewSeconds: ctx.skewSeconds }));
    } else if (el.namespaceURI === NS.wsse && el.localName === 'UsernameToken') {
      const i = unmatched.findIndex((r) => r.token.kind === 'UsernameToken');
      const r = i >= 0 ? unmatched.splice(i, 1)[0] : undefined;
      const ut = await checkUsernameToken(el, r?.token.kind === 'UsernameToken' ? r.token : null, ctx);
      result.tokens.push(ut);
      checks.push(...ut.checks, ...(r ? roleChecks(r.role, el, model) : []));
      if (ut.principal && !result.principal) result.principal = ut.principal;
    } else {
      checks.push({ code: 'WSS_ELEMENT_NOT_PROCESSED', status: 'warn', specRef: 'WSS 1.1 §5', ...where(el),
        message: `{${el.namespaceURI ?? ''}}${el.localName} in the Security header is not processed by this receiver yet` });
    }
  }
  checks.push(...policyChecks(model, header, timestamps, unmatched));
  return result;
}

function checkTransport(model: SecurityModel, ctx: InboundContext): Check[] {
  if (!usesTransport(model)) return [];
  if (ctx.transport !== 'https') {
    return [{ code: 'TRANSPORT_HTTPS_REQUIRED', status: 'fail', specRef: 'WS-SP 1.3 §7.3 / §5.4.8', path: '', message: 'the policy has a TransportBinding with sp:HttpsToken: expected the message over HTTPS, found plain HTTP' }];
  }
  return [{ code: 'TRANSPORT_HTTPS', status: 'pass', specRef: 'WS-SP 1.3 §7.3', path: '', message: 'received over HTTPS (simulated TLS): the transport gives integrity and confidentiality' }];
}

/** What the supporting-token kind asks, and whether this message meets it. */
function roleChecks(role: string, el: Element, model: SecurityModel): Check[] {
  if (role === 'ProtectionToken') {
    return [{ code: 'SP_SIGNATURE_PENDING', status: 'warn', specRef: 'WS-SP 1.3 §7.4', ...where(el),
      message: 'the SymmetricBinding protects the message with a key derived from this token; checking that signature needs the XML Signature layer, which this receiver does not have yet' }];
  }
  const t = supportingTraits(role as Parameters<typeof supportingTraits>[0]);
  const transport = usesTransport(model);
  const out: Check[] = [];
  const needs = [t.signed && 'integrity', t.encrypted && 'confidentiality'].filter(Boolean).join(' and ');
  if (needs && transport) {
    out.push({ code: 'SP_SUPPORTING_TRANSPORT', status: 'pass', specRef: 'WS-SP 1.3 §8', ...where(el), message: `${role}: ${needs} of the token come from the HTTPS transport` });
  } else if (needs) {
    out.push({ code: t.encrypted ? 'SP_SUPPORTING_NOT_ENCRYPTED' : 'SP_SUPPORTING_NOT_SIGNED', status: 'fail', specRef: 'WS-SP 1.3 §8', ...where(el), message: `${role}: expected the token covered by a message ${needs.replace('integrity', 'signature').replace('confidentiality', 'encryption')}, found none` });
  } else {
    out.push({ code: 'SP_SUPPORTING_TOKEN', status: 'pass', specRef: 'WS-SP 1.3 §8.1', ...where(el), message: `${role}: the token is carried in the Security header` });
  }
  if (t.endorsing) {
    out.push({ code: 'SP_ENDORSING_SIGNATURE_MISSING', status: 'fail', specRef: 'WS-SP 1.3 §8.3', ...where(el), message: `${role}: expected a signature made with the token's key over the ${transport ? 'Timestamp' : 'message signature'}, found none` });
  }
  return out;
}

function policyChecks(model: SecurityModel, header: Element, timestamps: number, unmatched: Array<{ role: string; token: TokenAssertion }>): Check[] {
  const out: Check[] = [];
  for (const r of unmatched) {
    out.push({ code: 'SP_TOKEN_MISSING', status: 'fail', specRef: 'WS-SP 1.3 §8', ...where(header), message: `the policy's ${r.role} requires a ${r.token.kind}, found none in the Security header` });
  }
  if (needsTimestamp(model) && timestamps === 0) {
    out.push({ code: 'SP_TIMESTAMP_MISSING', status: 'fail', specRef: 'WS-SP 1.3 §6.2 IncludeTimestamp', ...where(header), message: 'the policy has sp:IncludeTimestamp: expected a wsu:Timestamp in the Security header, found none' });
  }
  const kids = childElements(header);
  const tsIndex = kids.findIndex((k) => k.namespaceURI === NS.wsu && k.localName === 'Timestamp');
  const layout = model.binding?.layout;
  if (tsIndex >= 0 && layout === 'LaxTsFirst' && tsIndex !== 0) out.push(layoutFail('first', kids[tsIndex] as Element));
  if (tsIndex >= 0 && layout === 'LaxTsLast' && tsIndex !== kids.length - 1) out.push(layoutFail('last', kids[tsIndex] as Element));
  return out;
}

function layoutFail(where_: 'first' | 'last', el: Element): Check {
  return { code: 'SP_LAYOUT', status: 'fail', specRef: 'WS-SP 1.3 §6.7', ...where(el), message: `the policy's Layout is LaxTs${where_ === 'first' ? 'First' : 'Last'}: expected the Timestamp ${where_} in the Security header, found it elsewhere` };
}
