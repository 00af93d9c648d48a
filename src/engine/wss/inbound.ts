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
import { policyChecks, type RequiredToken } from './inbound_policy.ts';
import { fromBase64 } from '../crypto/encoding.ts';
import { serializeXml } from '../xml/serialize.ts';
import type { AssertionValidation } from '../saml/index.ts';
import { processAssertion } from './saml_processing.ts';
import { processDkt, processSct } from './sc_inbound.ts';
import type { ScSession } from '../sc/session.ts';
import {
  decryptOne, keyInfoResolver, processBinarySecurityToken, processEncryptedKey, processReferenceList, processSignatureConfirmation,
  type DecryptionState, type ReceiverIdentity,
} from './x509_inbound.ts';

export interface InboundContext extends UtValidation {
  /** The simulated channel the message arrived on. */
  transport: 'https' | 'http';
  /** Certificates the receiver knows out of band. */
  knownCerts?: CertInfo[];
  /** The receiver's private key and certificate, to unwrap keys encrypted for it. */
  identity?: ReceiverIdentity;
  /** Secrets known out of band (HMAC keys, SCT secrets) by token Id or identifier. */
  secrets?: Map<string, Uint8Array>;
  /** SignatureValues of requests this receiver sent (it is a client reading a response). */
  expectedConfirmations?: string[];
  /** Inspector only: try the keys given when a KeyInfo names none of them. */
  guessKeys?: boolean;
  /** SAML assertions: the STS certificates trusted and this receiver's audience URI. */
  saml?: { trustedIssuers: CertInfo[]; audience?: string };
  /** WS-SC: SCT secrets (base64) by wsc:Identifier, for a receiver without a session table (inspector, peers). */
  sctSecrets?: Record<string, string>;
  /** WS-SC: the receiver's session table; unknown, expired, cancelled and amended-away contexts are refused. */
  scSessions?: ScSession[];
}

export interface InboundResult {
  checks: Check[];
  principal?: string;
  tokens: UtResult[];
  signatures: SignatureResult[];
  /** Certificates carried in BinarySecurityTokens. */
  certificates: CertInfo[];
  /** Elements that arrived encrypted (the parent for Content encryption). */
  decryptedTargets: Element[];
  /** SAML assertions carried, with what their validation found. */
  assertions: Array<{ element: Element; validation: AssertionValidation }>;
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
  /** Tokens matched to a policy role, checked against signatures and decryption after the walk. */
  matched: Array<{ role: RequiredToken['role']; el: Element }>;
  timestamps: Element[];
  decryption: DecryptionState;
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
    w.result.checks.push(...ut.checks);
    if (r) w.matched.push({ role: r.role, el });
    if (ut.principal && !w.result.principal) w.result.principal = ut.principal;
    if (ut.derivedKey) w.store.secrets.set(ut.derivedKey.tokenId, fromBase64(ut.derivedKey.key));
  },
  [`{${NS.ds}}Signature`]: async (el, w) => {
    const sig = await processSignature(el, w.doc, w.store);
    w.result.signatures.push(sig);
    w.result.checks.push(...sig.checks);
  },
  [`{${NS.wsse}}BinarySecurityToken`]: async (el, w) => {
    const r = processBinarySecurityToken(el);
    w.result.checks.push(...r.checks);
    if (!r.cert) return;
    w.result.certificates.push(r.cert);
    const i = w.unmatched.findIndex((u) => u.token.kind === 'X509Token');
    const u = i >= 0 ? w.unmatched.splice(i, 1)[0] : undefined;
    if (u) w.matched.push({ role: u.role, el });
  },
  [`{${NS.xenc}}EncryptedKey`]: async (el, w) => {
    w.result.checks.push(...(await processEncryptedKey(el, w.store, w.decryption)));
  },
  [`{${NS.xenc}}ReferenceList`]: async (el, w) => {
    w.result.checks.push(...(await processReferenceList(el, w.store, w.decryption)));
  },
  [`{${NS.saml11}}Assertion`]: async (el, w) => processSaml(el, w),
  [`{${NS.saml2}}Assertion`]: async (el, w) => processSaml(el, w),
  [`{${NS.sc2005}}SecurityContextToken`]: processSct,
  [`{${NS.sc13}}SecurityContextToken`]: processSct,
  [`{${NS.sc2005}}DerivedKeyToken`]: processDkt,
  [`{${NS.sc13}}DerivedKeyToken`]: processDkt,
  [`{${NS.wsse11}}SignatureConfirmation`]: async (el, w) => {
    w.result.checks.push(...processSignatureConfirmation(el, w.decryption));
  },
  // A free-standing STR (WSS 1.1 §8.3): the target of an STR-Transform reference, e.g. naming the
  // SAML assertion a sender-vouches signature covers. It holds no key itself; signatures resolve it.
  [`{${NS.wsse}}SecurityTokenReference`]: async (el, w) => {
    w.result.checks.push({ code: 'WSS_STR_IN_HEADER', status: 'info', specRef: 'WSS 1.1 §8.3 (STR Dereference Transform)', ...where(el), message: 'a SecurityTokenReference in the Security header: a signature may cover the token it names through the STR-Transform' });
  },
};

async function processSaml(el: Element, w: Walk): Promise<void> {
  const r = await processAssertion(el, w.store, {
    trustedIssuers: w.ctx.saml?.trustedIssuers ?? w.store.knownCerts, now: w.ctx.now,
    ...(w.ctx.saml?.audience ? { audience: w.ctx.saml.audience } : {}), ...(w.ctx.identity ? { identity: w.ctx.identity } : {}),
  });
  w.result.checks.push(...r.checks);
  w.result.assertions.push({ element: el, validation: r.validation });
  if (r.validation.accepted && r.validation.subject && !w.result.principal) w.result.principal = r.validation.subject;
}

/** Processes the Security header of a parsed envelope against the model. */
export async function processSecurity(parts: EnvelopeParts, model: SecurityModel, ctx: InboundContext): Promise<InboundResult> {
  const result: InboundResult = { checks: [...checkTransport(model, ctx)], tokens: [], signatures: [], certificates: [], decryptedTargets: [], assertions: [] };
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
  const store = emptyStore(ctx.knownCerts ?? []);
  for (const [k, v] of ctx.secrets ?? []) store.secrets.set(k, v);
  const decryption: DecryptionState = { decryptedTargets: result.decryptedTargets, guessKeys: ctx.guessKeys ?? false, ...(ctx.identity ? { identity: ctx.identity } : {}), ...(ctx.expectedConfirmations ? { expectedConfirmations: ctx.expectedConfirmations } : {}) };
  const walk: Walk = { doc: parts.envelope.ownerDocument as Document, parts, model, ctx, result, store, unmatched: [...required], matched: [], timestamps: [], decryption };
  // Walk live siblings: decrypting a ReferenceList replaces later header elements (an encrypted
  // Signature becomes a ds:Signature), and those must be processed as what they now are.
  for (let el = firstElement(header); el; el = nextElement(el)) {
    const processor = PROCESSORS[`{${el.namespaceURI ?? ''}}${el.localName}`];
    if (processor) await processor(el, walk);
    else result.checks.push({ code: 'WSS_ELEMENT_NOT_PROCESSED', status: 'warn', specRef: 'WSS 1.1 §5', ...where(el), message: `{${el.namespaceURI ?? ''}}${el.localName} in the Security header is not processed by this receiver` });
  }
  result.checks.push(...policyChecks(walk, header));
  if (ctx.guessKeys) result.checks.push(...(await decryptRemaining(walk)));
  if (result.decryptedTargets.length > 0) result.checks.push(decryptedMessageCheck(walk.doc));
  return result;
}

/**
 * Inspector only: EncryptedData no header element pointed at (xmlsec1's layout carries its
 * EncryptedKey inside the EncryptedData's own KeyInfo) are decrypted too, after the walk.
 */
async function decryptRemaining(w: Walk): Promise<Check[]> {
  const checks: Check[] = [];
  const resolve = keyInfoResolver(w.doc, w.store, w.decryption.identity, true);
  // What the walk already tried has its verdict; a retry in a later round reports only what is new.
  const triedInWalk = new Set(w.decryption.attempted ?? []);
  const said = new Set<string>();
  for (let round = 0; round < 8; round++) {
    const left = (Array.from(w.doc.getElementsByTagNameNS(NS.xenc, 'EncryptedData')) as Element[]).filter((ed) => !triedInWalk.has(ed));
    if (left.length === 0) break;
    const before = checks.length;
    for (const ed of left) {
      if (!ed.parentNode) continue;
      for (const c of await decryptOne(ed, null, resolve, w.decryption, [])) {
        const key = `${c.code}|${c.path}|${c.message}`;
        if (c.status !== 'fail' && c.status !== 'warn') checks.push(c);
        else if (!said.has(key)) { said.add(key); checks.push(c); }
      }
    }
    if (!checks.slice(before).some((c) => c.code === 'WSS_DECRYPTED')) break;
  }
  return checks;
}

function firstElement(parent: Element): Element | null {
  return childElements(parent)[0] ?? null;
}

function nextElement(el: Element): Element | null {
  for (let n = el.nextSibling; n; n = n.nextSibling) if (n.nodeType === 1) return n as Element;
  return null;
}

/** The whole document after decryption, for the decrypted view beside the wire view. */
function decryptedMessageCheck(doc: Document): Check {
  return { code: 'WSS_DECRYPTED_MESSAGE', status: 'info', specRef: 'WSS 1.1 §9.4', path: '', message: 'the message after decryption', details: { document: serializeXml(doc) } };
}

function checkTransport(model: SecurityModel, ctx: InboundContext): Check[] {
  if (!usesTransport(model)) return [];
  if (ctx.transport !== 'https') {
    return [{ code: 'TRANSPORT_HTTPS_REQUIRED', status: 'fail', specRef: 'WS-SP 1.3 §7.3 / §5.4.8', path: '', message: 'the policy has a TransportBinding with sp:HttpsToken: expected the message over HTTPS, found plain HTTP' }];
  }
  return [{ code: 'TRANSPORT_HTTPS', status: 'pass', specRef: 'WS-SP 1.3 §7.3', path: '', message: 'received over HTTPS (simulated TLS): the transport gives integrity and confidentiality' }];
}
