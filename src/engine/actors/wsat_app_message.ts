// Seed 002's application messages (5 and 12), "Application message — request": the initiator's
// certificate in a BinarySecurityToken, a signature over the addressing headers, the Timestamp and
// the Body — and, for R2002's integrity, the CoordinationContext and t:IssuedTokens headers too —
// then one ephemeral key, wrapped in an EncryptedKey for the participant's certificate, whose
// ReferenceList names the encrypted Body, the encrypted CoordinationContext and the encrypted
// IssuedTokens (each header a wsse11:EncryptedHeader, R2002's confidentiality). The receiver checks
// R2001 (both headers present), R2002 (both arrived encrypted and signed), B2003 (an absolute
// Identifier) and that the token is the one issued for that context.

import type { Document, Element } from '@xmldom/xmldom';
import { fromBase64 } from '../crypto/encoding.ts';
import { uuidV4, type RandomSource } from '../crypto/random.ts';
import { parseCertificate } from '../crypto/x509.ts';
import { buildCoordinationContext, findContextHeader, readCoordinationContext, type CoordinationContext } from '../coor/context.ts';
import { buildIssuedTokens, findIssuedTokensHeader, readIssuedTokens, type IssuedToken } from '../coor/issued_tokens.ts';
import { TX_VERSIONS, type TxVersionId } from '../coor/versions.ts';
import { x509Token, type SecurityModel } from '../policy/model.ts';
import { checkFromError, UsageError, type Check } from '../report/index.ts';
import { buildEnvelope, readEnvelope, type EnvelopeParts } from '../soap/envelope.ts';
import { addressingHeaders, readAddressing, WSA, type ReadAddressing } from '../wsa/headers.ts';
import { processSecurity, type InboundResult } from '../wss/inbound.ts';
import { freshId } from '../wss/outbound.ts';
import { securityHeader } from '../wss/security_header.ts';
import { buildStr } from '../wss/security_token_reference.ts';
import { buildTimestamp } from '../wss/timestamp.ts';
import { secureAsymmetric, type AsymmetricSecured } from '../wss/x509_outbound.ts';
import { dataReferenceSpecs, encryptHeader } from '../xenc/index.ts';
import { build, childElements, firstChildNS, type ElSpec } from '../xml/dom.ts';
import { NS, TRUST_VERSIONS, URI } from '../xml/names.ts';
import { findById } from '../xml/ids.ts';
import { parseXml } from '../xml/parse.ts';
import { where } from '../xml/path.ts';
import { formatXml, serializeXml } from '../xml/serialize.ts';
import { loadIdentity, type X509IdentityState } from './x509_identity.ts';
import { trustChecks } from './x509_messages.ts';

export const APP_ACTION = 'urn:wsbench:app:Transfer';
export const APP_RESPONSE_ACTION = 'urn:wsbench:app:TransferResponse';
const APP_NS = 'urn:wsbench:app';

/** The application policy: X.509 AsymmetricBinding, Body and the transaction headers signed and encrypted. */
export function applicationModel(v: TxVersionId): SecurityModel {
  const wsa = WSA[TX_VERSIONS[v].wsa].ns;
  const coor = TX_VERSIONS[v].coor.ns;
  const trust = TRUST_VERSIONS[TX_VERSIONS[v].issued.trust].ns;
  return {
    spVersion: '1.2', wss: '1.1', supporting: [],
    signedParts: { body: true, headers: [{ namespace: wsa }, { namespace: coor, name: 'CoordinationContext' }, { namespace: trust, name: 'IssuedTokens' }] },
    encryptedParts: { body: true, headers: [{ namespace: coor, name: 'CoordinationContext' }, { namespace: trust, name: 'IssuedTokens' }] },
    binding: {
      kind: 'AsymmetricBinding', algorithmSuite: 'Basic256', layout: 'Strict', includeTimestamp: true,
      initiatorToken: x509Token({ includeToken: 'AlwaysToRecipient' }), recipientToken: x509Token({ includeToken: 'Never', reference: 'thumbprint' }),
      protectionOrder: 'SignBeforeEncrypting', encryptSignature: false, onlySignEntireHeadersAndBody: true,
    },
  };
}

export interface AppRequestSpec {
  v: TxVersionId;
  to: string;
  replyTo: string;
  context: CoordinationContext;
  /** The IssuedTokens to flow (mixed binding), or null. */
  token: IssuedToken | null;
  /** The receiver's certificate (PEM) to encrypt for. */
  recipientPem: string;
  signer: X509IdentityState;
  /** Encrypt the two transaction headers (R2002); off only to show the refusal. */
  encryptHeaders: boolean;
  amount: number;
  random: RandomSource;
  now: number;
}

export interface AppMessage {
  wire: string;
  messageId: string;
  secured: AsymmetricSecured;
}

function transferBody(amount: number, response: boolean): ElSpec {
  return { ns: APP_NS, name: response ? 'app:TransferResponse' : 'app:Transfer', xmlns: { app: APP_NS }, children: [{ ns: APP_NS, name: response ? 'app:Result' : 'app:Amount', text: response ? 'debited' : String(amount) }] };
}

/**
 * The envelope (SOAP 1.1, Body with its wsu:Id) as it goes on the wire — formatted and parsed back —
 * secured under the application policy: signed by the signer over signIds, the Body encrypted for
 * the recipient.
 */
async function secureAppEnvelope(
  s: { v: TxVersionId; recipientPem: string; signer: X509IdentityState; random: RandomSource },
  e: { headers: ElSpec[]; body: ElSpec; bodyId: string; signIds: string[] },
): Promise<{ wireDoc: Document; secured: AsymmetricSecured }> {
  const doc = buildEnvelope({
    version: '1.1', xmlns: { wsa: WSA[TX_VERSIONS[s.v].wsa].ns, wsu: NS.wsu },
    headers: e.headers, body: [e.body], bodyAttrs: [[NS.wsu, 'wsu:Id', e.bodyId]],
  });
  const wireDoc = parseXml(formatXml(serializeXml(doc)));
  const signer = await loadIdentity(s.signer);
  const secured = await secureAsymmetric(wireDoc, applicationModel(s.v), {
    soap: '1.1', random: s.random, signer: { key: signer.key, cert: signer.cert }, recipient: await parseCertificate(s.recipientPem),
    bodyId: e.bodyId, signIds: e.signIds,
  });
  return { wireDoc, secured };
}

/** Builds the secured application request (seed 002 message 5). */
export async function buildAppRequest(s: AppRequestSpec): Promise<AppMessage> {
  const r = s.random;
  const wsa = TX_VERSIONS[s.v].wsa;
  const messageId = `urn:uuid:${uuidV4(r)}`;
  const ids = { action: freshId('Action', r), to: freshId('To', r), messageId: freshId('MessageID', r), replyTo: freshId('ReplyTo', r) };
  const ccId = freshId('CoordinationContext', r);
  const itId = freshId('IssuedTokens', r);
  const tsId = freshId('TS', r);
  const bodyId = freshId('Body', r);
  const headerIds = [ccId, ...(s.token ? [itId] : [])];
  const { wireDoc, secured } = await secureAppEnvelope(s, {
    headers: [
      // In the seed example's order: addressing, Security, then the (encrypted) transaction headers.
      ...addressingHeaders(wsa, { to: s.to, action: APP_ACTION, messageId, replyTo: s.replyTo, ids }),
      securityHeader('1.1', [buildTimestamp({ id: tsId, now: s.now, ttlSeconds: 300 })]),
      buildCoordinationContext(s.v, s.context, { header: true, id: ccId }),
      ...(s.token ? [buildIssuedTokens(s.v, [s.token], { id: itId })] : []),
    ],
    body: transferBody(s.amount, false), bodyId, signIds: [tsId, ...Object.values(ids), ...headerIds],
  });
  if (s.encryptHeaders) await encryptHeaders(wireDoc, headerIds, secured, r);
  return { wire: serializeXml(wireDoc), messageId, secured };
}

/** Each header becomes a wsse11:EncryptedHeader under the message's ephemeral key; the EncryptedKey's ReferenceList names it. */
async function encryptHeaders(doc: Document, headerIds: string[], secured: AsymmetricSecured, random: RandomSource): Promise<void> {
  const key = fromBase64(secured.secrets.dataKey, 'data key');
  const keyInfo = buildStr({ kind: 'reference', uri: `#${secured.secrets.encryptedKeyId}`, tokenType: URI.encryptedKeyTokenType });
  const ek = Array.from(doc.getElementsByTagNameNS(NS.xenc, 'EncryptedKey')).find((e) => e.getAttribute('Id') === secured.secrets.encryptedKeyId);
  const list = ek ? firstChildNS(ek, NS.xenc, 'ReferenceList') : null;
  for (const id of headerIds) {
    const el = findById(doc, id);
    if (!el || !list) throw new UsageError('WSAT_NO_SUCH_HEADER', `expected the header with wsu:Id ${id} and the EncryptedKey's ReferenceList to encrypt it under, found ${el ? 'no ReferenceList' : 'no such header'}`);
    const edId = `encrypted_${id}`;
    await encryptHeader(doc, el, { algorithm: secured.secrets.dataAlgorithm, key, random, id: edId, keyInfo });
    for (const ref of dataReferenceSpecs([edId])) list.appendChild(build(doc, ref, list));
  }
}

/** Builds the secured application response (seed 002 message 12): Body signed by App2, encrypted for App1. */
export async function buildAppResponse(s: { v: TxVersionId; to: string; relatesTo: string; recipientPem: string; signer: X509IdentityState; random: RandomSource; now: number }): Promise<AppMessage> {
  const r = s.random;
  const wsa = TX_VERSIONS[s.v].wsa;
  const messageId = `urn:uuid:${uuidV4(r)}`;
  const ids = { action: freshId('Action', r), to: freshId('To', r), messageId: freshId('MessageID', r), relatesTo: freshId('RelatesTo', r) };
  const tsId = freshId('TS', r);
  const bodyId = freshId('Body', r);
  const { wireDoc, secured } = await secureAppEnvelope(s, {
    headers: [...addressingHeaders(wsa, { to: s.to, action: APP_RESPONSE_ACTION, messageId, relatesTo: s.relatesTo, ids }), securityHeader('1.1', [buildTimestamp({ id: tsId, now: s.now, ttlSeconds: 300 })])],
    body: transferBody(0, true), bodyId, signIds: [tsId, ...Object.values(ids)],
  });
  return { wire: serializeXml(wireDoc), messageId, secured };
}

export interface ReadApp {
  checks: Check[];
  parts: EnvelopeParts | null;
  addressing: ReadAddressing | null;
  security: InboundResult | null;
}

/** Reads a secured application message: decrypt, verify, the signer's certificate chains to the CA. */
export async function readAppMessage(v: TxVersionId, self: X509IdentityState, wire: string, now: number): Promise<ReadApp> {
  const out: ReadApp = { checks: [], parts: null, addressing: null, security: null };
  try {
    const doc = parseXml(wire);
    const env = readEnvelope(doc);
    out.checks.push(...env.checks);
    if (!env.parts) return out;
    out.addressing = readAddressing(env.parts.headerBlocks);
    const id = await loadIdentity(self);
    out.security = await processSecurity(env.parts, applicationModel(v), {
      users: {}, now, freshnessSeconds: 300, skewSeconds: 300, nonceCache: [], transport: 'http',
      identity: { privateKey: id.key, certificate: id.cert }, knownCerts: [id.ca, ...(id.peer ? [id.peer] : [])],
    });
    out.checks.push(...out.security.checks, ...(await trustChecks(out.security.certificates, id.ca, now, id.peer)));
    // Decryption put the header blocks back in place of their EncryptedHeaders: read them again.
    out.parts = readEnvelope(doc).parts;
  } catch (e) {
    out.checks.push(checkFromError(e));
  }
  return out;
}

export interface TransactionHeaders {
  context: CoordinationContext | null;
  token: IssuedToken | null;
  checks: Check[];
}

/** R2001, R2002, B2003 on a received application request; `binding` says whether IssuedTokens must be there. */
export function transactionHeaderChecks(v: TxVersionId, r: ReadApp, binding: 'https' | 'mixed'): TransactionHeaders {
  const out: TransactionHeaders = { context: null, token: null, checks: [] };
  if (!r.parts || !r.security) return out;
  const ccEl = findContextHeader(r.parts.headerBlocks);
  const itEl = findIssuedTokensHeader(r.parts.headerBlocks);
  const at = where(r.parts.header ?? r.parts.envelope);
  if (!ccEl) out.checks.push({ code: 'WSAT_APP_CONTEXT_MISSING', status: 'fail', specRef: 'WS-AT interop R2001', ...at, message: 'expected the wscoor:CoordinationContext header on the application message, found none' });
  if (binding === 'mixed' && !itEl) out.checks.push({ code: 'WSAT_APP_ISSUED_TOKENS_MISSING', status: 'fail', specRef: 'WS-AT interop R2001', ...at, message: 'expected a t:IssuedTokens header with the CoordinationContext on the application message (mixed binding), found none' });
  for (const el of [ccEl, itEl]) if (el) out.checks.push(...protectionChecks(el, r.security));
  if (ccEl) {
    const c = readCoordinationContext(ccEl);
    out.checks.push(...c.checks);
    if (!c.checks.some((x) => x.status === 'fail')) out.context = c.context;
  }
  if (itEl) {
    const t = readIssuedTokens(itEl, v);
    out.checks.push(...t.checks);
    out.token = t.tokens.find((x) => x.appliesTo === out.context?.identifier) ?? null;
    if (out.context && !out.token && t.tokens.length > 0) {
      out.checks.push({ code: 'WSAT_ISSUED_TOKEN_APPLIES_TO', status: 'fail', specRef: 'WS-AT interop R2001', ...where(itEl), message: `expected an issued token whose AppliesTo is the context ${out.context.identifier}, found tokens for ${t.tokens.map((x) => x.appliesTo).join(', ')}` });
    }
  }
  if (!out.checks.some((c) => c.status === 'fail')) out.checks.push({ code: 'WSAT_APP_TRANSACTION_HEADERS', status: 'pass', specRef: 'WS-AT interop R2001', ...at, message: `the application message carries the CoordinationContext${itEl ? ' and t:IssuedTokens' : ''}, signed and encrypted` });
  return out;
}

/** R2002: the header arrived encrypted (an EncryptedHeader the receiver decrypted) and under a valid signature. */
function protectionChecks(el: Element, sec: InboundResult): Check[] {
  const name = el.localName;
  const encrypted = sec.decryptedTargets.includes(el);
  const signed = sec.signatures.some((s) => s.verification.ok && s.covered.includes(el));
  const out: Check[] = [];
  if (!encrypted) out.push({ code: 'WSAT_APP_HEADER_NOT_ENCRYPTED', status: 'fail', specRef: 'WS-AT interop R2002', ...where(el), message: `expected the ${name} header to arrive as a wsse11:EncryptedHeader (confidentiality), found it in clear` });
  if (!signed) out.push({ code: 'WSAT_APP_HEADER_NOT_SIGNED', status: 'fail', specRef: 'WS-AT interop R2002', ...where(el), message: `expected the ${name} header covered by the message signature (integrity), found it unsigned` });
  if (out.length === 0) out.push({ code: 'WSAT_APP_HEADER_PROTECTED', status: 'pass', specRef: 'WS-AT interop R2002', ...where(el), message: `${name} arrived encrypted and covered by the signature` });
  return out;
}

/** The first Body child of a read message (after decryption). */
export function bodyOf(r: ReadApp): Element | null {
  return r.parts ? childElements(r.parts.body)[0] ?? null : null;
}
