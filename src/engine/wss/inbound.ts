// Inbound processing of the wsse:Security header in header order (WSS 1.1 §5): each child is
// handed to the processor for its element, which adds checks and keys to the walk; then the
// policy checks of the security model run over what was found (inbound_policy.ts).

import type { Document, Element } from '@xmldom/xmldom';
import { childElements } from '../xml/dom.ts';
import { NS } from '../xml/names.ts';
import { where } from '../xml/path.ts';
import type { Check } from '../report/index.ts';
import { needsTimestamp, requiredTokens, usesTransport, type SecurityModel } from '../policy/model.ts';
import type { EnvelopeParts } from '../soap/envelope.ts';
import type { CertInfo } from '../crypto/x509.ts';
import { findSecurityHeader } from './security_header.ts';
import { checkTimestamp } from './timestamp.ts';
import { checkUsernameToken, type UtResult, type UtValidation } from './username_token_check.ts';
import { emptyStore, processSignature, type SignatureResult, type TokenStore } from './signature_processing.ts';
import { policyChecks, roleChecks, type RequiredToken } from './inbound_policy.ts';
import { fromBase64 } from '../crypto/encoding.ts';

export interface InboundContext extends UtValidation {
  /** The simulated channel the message arrived on. */
  transport: 'https' | 'http';
  /** Certificates the receiver knows out of band. */
  knownCerts?: CertInfo[];
}

export interface InboundResult {
  checks: Check[];
  principal?: string;
  tokens: UtResult[];
  signatures: SignatureResult[];
}

/** The state of one walk over a Security header. */
export interface Walk {
  doc: Document;
  parts: EnvelopeParts;
  model: SecurityModel;
  ctx: InboundContext;
  result: InboundResult;
  store: TokenStore;
  unmatched: RequiredToken[];
  timestamps: Element[];
}

type Processor = (el: Element, w: Walk) => Promise<void>;

const PROCESSORS: Record<string, Processor> = {
  [`{${NS.wsu}}Timestamp`]: async (el, w) => {
    w.timestamps.push(el);
    if (w.timestamps.length > 1) w.result.checks.push({ code: 'TS_MULTIPLE', status: 'fail', specRef: 'WSS 1.1 §10', ...where(el), message: 'expected at most one wsu:Timestamp in a Security header, found a second' });
    else w.result.checks.push(...checkTimestamp(el, { now: w.ctx.now, skewSeconds: w.ctx.skewSeconds }));
  },
  [`{${NS.wsse}}UsernameToken`]: async (el, w) => {
    const i = w.unmatched.findIndex((r) => r.token.kind === 'UsernameToken');
    const r = i >= 0 ? w.unmatched.splice(i, 1)[0] : undefined;
    const ut = await checkUsernameToken(el, r?.token.kind === 'UsernameToken' ? r.token : null, w.ctx);
    w.result.tokens.push(ut);
    w.result.checks.push(...ut.checks, ...(r ? roleChecks(r.role, el, w.model) : []));
    if (ut.principal && !w.result.principal) w.result.principal = ut.principal;
    if (ut.derivedKey) w.store.secrets.set(ut.derivedKey.tokenId, fromBase64(ut.derivedKey.key));
  },
  [`{${NS.ds}}Signature`]: async (el, w) => {
    const sig = await processSignature(el, w.doc, w.store);
    w.result.signatures.push(sig);
    w.result.checks.push(...sig.checks);
  },
};

/** Processes the Security header of a parsed envelope against the model. */
export async function processSecurity(parts: EnvelopeParts, model: SecurityModel, ctx: InboundContext): Promise<InboundResult> {
  const result: InboundResult = { checks: [...checkTransport(model, ctx)], tokens: [], signatures: [] };
  const { header, checks } = findSecurityHeader(parts.headerBlocks, parts.version);
  result.checks.push(...checks);
  const required = requiredTokens(model);
  if (!header) {
    if (required.length > 0 || needsTimestamp(model)) {
      result.checks.push({ code: 'WSS_NO_SECURITY_HEADER', status: 'fail', specRef: 'WSS 1.1 §5', path: parts.header ? 'Envelope/Header' : 'Envelope',
        message: `the policy requires ${required.length > 0 ? `a ${required[0]?.token.kind}` : 'a Timestamp'} in a wsse:Security header, found no wsse:Security header` });
    }
    return result;
  }
  const walk: Walk = { doc: parts.envelope.ownerDocument as Document, parts, model, ctx, result, store: emptyStore(ctx.knownCerts ?? []), unmatched: [...required], timestamps: [] };
  for (const el of childElements(header)) {
    const processor = PROCESSORS[`{${el.namespaceURI ?? ''}}${el.localName}`];
    if (processor) await processor(el, walk);
    else result.checks.push({ code: 'WSS_ELEMENT_NOT_PROCESSED', status: 'warn', specRef: 'WSS 1.1 §5', ...where(el), message: `{${el.namespaceURI ?? ''}}${el.localName} in the Security header is not processed by this receiver` });
  }
  result.checks.push(...policyChecks(walk, header));
  return result;
}

function checkTransport(model: SecurityModel, ctx: InboundContext): Check[] {
  if (!usesTransport(model)) return [];
  if (ctx.transport !== 'https') {
    return [{ code: 'TRANSPORT_HTTPS_REQUIRED', status: 'fail', specRef: 'WS-SP 1.3 §7.3 / §5.4.8', path: '', message: 'the policy has a TransportBinding with sp:HttpsToken: expected the message over HTTPS, found plain HTTP' }];
  }
  return [{ code: 'TRANSPORT_HTTPS', status: 'pass', specRef: 'WS-SP 1.3 §7.3', path: '', message: 'received over HTTPS (simulated TLS): the transport gives integrity and confidentiality' }];
}
