// Messages of the SecureConversation flow (seed 000) shared by its actors: the bootstrap policy
// (AsymmetricBinding with X.509 signing and encryption) that protects the RST and RSTR for the
// SCT, and application messages (and Amend / Renew / Cancel) protected with keys derived from the
// context's secret — built, and read back with the receiver's session table.

import type { Element } from '@xmldom/xmldom';
import { uuidV4, type RandomSource } from '../crypto/random.ts';
import { fromBase64 } from '../crypto/encoding.ts';
import { parseCertificate, type CertInfo } from '../crypto/x509.ts';
import { x509Token, type SecurityModel } from '../policy/model.ts';
import { checkFromError, type Check } from '../report/index.ts';
import type { DerivedRecord, ScSession, SessionKey } from '../sc/session.ts';
import type { ScVersionId } from '../sc/sct.ts';
import { buildEnvelope, readEnvelope, type EnvelopeParts, type SoapVersion } from '../soap/envelope.ts';
import { buildFault, readFault } from '../soap/fault.ts';
import { addressingHeaders, checkAddressing, readAddressing, WSA, type AddressingProps, type ReadAddressing, type WsaVersion } from '../wsa/headers.ts';
import { processSecurity } from '../wss/inbound.ts';
import { freshId } from '../wss/outbound.ts';
import { derivationsOf, derivedKeyProtectionChecks } from '../wss/sc_inbound.ts';
import { secureWithDerivedKeys } from '../wss/sc_outbound.ts';
import { childElements, type ElSpec } from '../xml/dom.ts';
import { NS, SC_VERSIONS } from '../xml/names.ts';
import { parseXml } from '../xml/parse.ts';
import { formatXml, serializeXml } from '../xml/serialize.ts';
import { loadIdentity, type X509IdentityState } from './x509_identity.ts';
import { buildX509Message, signatureValues, trustChecks } from './x509_messages.ts';

export const ECHO_ACTION = 'urn:wsbench:echo:Echo';

/** Seed 000's bootstrap policy: asymmetric X.509 signing and encryption of the RST and the RSTR. */
export const BOOTSTRAP_MODEL: SecurityModel = {
  spVersion: '1.2', wss: '1.1', supporting: [], signatureConfirmation: true,
  signedParts: { body: true, headers: [{ namespace: NS.wsa2005 }] }, encryptedParts: { body: true, headers: [] },
  binding: {
    kind: 'AsymmetricBinding', algorithmSuite: 'Basic256', layout: 'Strict', includeTimestamp: true,
    initiatorToken: x509Token({ includeToken: 'AlwaysToRecipient' }), recipientToken: x509Token({ includeToken: 'Never', reference: 'thumbprint' }),
    protectionOrder: 'SignBeforeEncrypting', encryptSignature: false, onlySignEntireHeadersAndBody: true,
  },
};

/** The application messages' checks are WS-SC's own (derivedKeyProtectionChecks), so the generic model asks for nothing. */
const APPLICATION_MODEL: SecurityModel = { spVersion: '1.3', binding: null, supporting: [], wss: '1.1' };

export interface Channel {
  version: ScVersionId;
  soap: SoapVersion;
  wsa: WsaVersion;
}

/** What the initiator and the recipient both are: an actor on a channel, at an endpoint, with an X.509 identity. */
export interface ScParty extends Channel {
  id: string;
  endpoint: string;
  /** The party's certificate and key, the other party's certificate (peer) and the CA. */
  x509: X509IdentityState;
}

/** The context as a sender uses it. */
export interface SenderContext {
  identifier: string;
  instance?: string;
  secretB64: string;
  sctId?: string;
}

export interface DerivedMessage {
  wire: string;
  messageId: string;
  derived: DerivedRecord[];
}

/** An envelope with signable addressing headers, secured with keys derived from the context's secret. */
export async function buildDerivedKeyMessage(c: Channel, s: { addressing: Omit<AddressingProps, 'ids' | 'messageId'>; body: ElSpec; sct: SenderContext | null; includeSct: boolean; encryptBody: boolean; random: RandomSource; now: number }): Promise<DerivedMessage> {
  const r = s.random;
  const messageId = `urn:uuid:${uuidV4(r)}`;
  const ids = { action: freshId('Action', r), to: freshId('To', r), messageId: freshId('MessageID', r), ...(s.addressing.relatesTo ? { relatesTo: freshId('RelatesTo', r) } : {}), ...(s.addressing.replyTo ? { replyTo: freshId('ReplyTo', r) } : {}) };
  const doc = buildEnvelope({ version: c.soap, xmlns: { wsa: WSA[c.wsa].ns, wsu: NS.wsu }, headers: addressingHeaders(c.wsa, { ...s.addressing, messageId, ids }), body: [s.body], bodyAttrs: [[NS.wsu, 'wsu:Id', freshId('Body', r)]] });
  // Indent first, then secure: the signature covers the text exactly as sent.
  const wireDoc = parseXml(formatXml(serializeXml(doc)));
  // Without a context (the RSTR was refused) the message goes out unprotected, and is refused as such.
  if (!s.sct) return { wire: serializeXml(wireDoc), messageId, derived: [] };
  const secured = await secureWithDerivedKeys(wireDoc, {
    version: c.version, soap: c.soap, random: r, now: s.now, includeSct: s.includeSct, encryptBody: s.encryptBody, signIds: Object.values(ids),
    sct: { identifier: s.sct.identifier, secret: fromBase64(s.sct.secretB64, 'context secret'), ...(s.sct.instance !== undefined ? { instance: s.sct.instance } : {}), ...(s.sct.sctId ? { id: s.sct.sctId } : {}) },
  });
  return { wire: serializeXml(wireDoc), messageId, derived: secured.derived };
}

export interface Received {
  checks: Check[];
  addressing: ReadAddressing;
  /** The first Body child after decryption, or null. */
  body: Element | null;
  derived: ReturnType<typeof derivationsOf>;
  parts: EnvelopeParts | null;
}

function emptyReceived(checks: Check[]): Received {
  return { checks, addressing: { version: null, elements: [] }, body: null, derived: [], parts: null };
}

/** Reads a derived-key message against this party's session table (seed 000 steps 4–5). */
export async function receiveDerivedKeyMessage(sessions: ScSession[], wire: string, now: number, o: { encryptBody: boolean; expectedAction?: string }): Promise<Received> {
  const checks: Check[] = [];
  try {
    const doc = parseXml(wire);
    const { parts, checks: env } = readEnvelope(doc);
    checks.push(...env);
    if (!parts) return emptyReceived(checks);
    const addressing = readAddressing(parts.headerBlocks);
    checks.push(...checkAddressing(addressing, o.expectedAction), ...faultCheck(doc));
    const sec = await processSecurity(parts, APPLICATION_MODEL, { users: {}, now, freshnessSeconds: 300, skewSeconds: 60, nonceCache: [], transport: 'http', scSessions: sessions });
    checks.push(...sec.checks, ...derivedKeyProtectionChecks(sec, parts, { encryptBody: o.encryptBody }));
    return { checks, addressing, body: childElements(parts.body)[0] ?? null, derived: derivationsOf(sec.checks), parts };
  } catch (e) {
    return emptyReceived([...checks, checkFromError(e)]);
  }
}

function faultCheck(doc: ReturnType<typeof parseXml>): Check[] {
  const f = readFault(doc);
  return f ? [{ code: 'SOAP_FAULT_RECEIVED', status: 'fail', specRef: 'WS-SC 1.3 §9', path: 'Envelope/Body/Fault', message: `the peer answered with a fault: ${f.subcode ?? f.code} — ${f.reason}`, details: { ...f } }] : [];
}

export interface BootstrapReceived extends Received {
  signer?: CertInfo;
  signatureValues: string[];
}

/** Reads a bootstrap message (RST or RSTR) as the AsymmetricBinding of BOOTSTRAP_MODEL asks. */
export async function receiveBootstrapMessage(x509: X509IdentityState, wire: string, now: number, o: { expectedAction?: string; expectedConfirmations?: string[]; expectSigner?: boolean }): Promise<BootstrapReceived> {
  const checks: Check[] = [];
  try {
    const doc = parseXml(wire);
    const { parts, checks: env } = readEnvelope(doc);
    checks.push(...env);
    const fault = faultCheck(doc);
    if (!parts || fault.length) return { ...emptyReceived([...checks, ...fault]), signatureValues: [] };
    const addressing = readAddressing(parts.headerBlocks);
    checks.push(...checkAddressing(addressing, o.expectedAction));
    const id = await loadIdentity(x509);
    const sec = await processSecurity(parts, BOOTSTRAP_MODEL, {
      users: {}, now, freshnessSeconds: 300, skewSeconds: 60, nonceCache: [], transport: 'http', identity: { privateKey: id.key, certificate: id.cert },
      knownCerts: [id.ca, ...(id.peer ? [id.peer] : [])], ...(o.expectedConfirmations ? { expectedConfirmations: o.expectedConfirmations } : {}),
    });
    checks.push(...sec.checks, ...(await trustChecks(sec.certificates, id.ca, now, o.expectSigner ? id.peer : undefined)));
    const signer = sec.certificates[0];
    return { checks, addressing, body: childElements(parts.body)[0] ?? null, derived: [], parts, signatureValues: signatureValues(sec.signatures), ...(signer ? { signer } : {}) };
  } catch (e) {
    return { ...emptyReceived([...checks, checkFromError(e)]), signatureValues: [] };
  }
}

/** Builds a bootstrap message: the body signed with the sender's certificate key and encrypted for the peer's. */
export async function buildBootstrapMessage(c: Channel, s: { x509: X509IdentityState; recipientPem: string; addressing: Omit<AddressingProps, 'ids' | 'messageId'>; body: ElSpec; confirmations?: string[]; random: RandomSource; now: number }) {
  const id = await loadIdentity(s.x509);
  return buildX509Message({
    soap: c.soap, wsa: c.wsa, addressing: s.addressing, body: s.body, model: BOOTSTRAP_MODEL, signer: id, recipient: await parseCertificate(s.recipientPem),
    random: s.random, now: s.now, ...(s.confirmations ? { confirmations: s.confirmations } : {}),
  });
}

/** The keys a message used, added to the session table (what the UI shows per context). */
export function recordKeys(s: ScSession, derived: DerivedRecord[], direction: SessionKey['direction'], message: string): ScSession {
  const keys = derived.map((d): SessionKey => ({ ...d, direction, message, ...(s.instance !== undefined ? { instance: s.instance } : {}) }));
  return { ...s, keys: [...s.keys, ...keys] };
}

/** Where the keys.json entry of a context's secret lives (derived keys name it, so a test can recompute them). */
export function secretName(identifier: string, instance?: string): string {
  return `context ${identifier}${instance !== undefined ? ` instance ${instance}` : ''} secret`;
}

/** The WS-SC 1.3 §9 fault (or WSS 1.1 §12 fault) a refused message is answered with; the report keeps the detail. */
export function scFaultWire(c: Channel, failCode: string | undefined, relatesTo: string | undefined, random: RandomSource): string {
  const sc = SC_VERSIONS[c.version];
  const subcode = !failCode ? 'BadContextToken' : failCode === 'SC_SCT_EXPIRED' ? 'RenewNeeded' : /^(DKT_|SC_DKT_)/.test(failCode) ? 'UnknownDerivationSource' : failCode.startsWith('SC_SCT') || failCode.startsWith('SC_RST') ? 'BadContextToken' : null;
  const failedCheck = !subcode && !!failCode && /^(SC_DERIVED_KEY_MISMATCH|DSIG_|XENC_)/.test(failCode);
  const reason = subcode === 'RenewNeeded' ? 'The provided context token has expired' : subcode === 'UnknownDerivationSource' ? 'The specified source for the derivation is unknown'
    : subcode ? 'The requested context elements are insufficient or unsupported' : failedCheck ? 'The signature or decryption was invalid' : 'An error was discovered processing the <wsse:Security> header';
  const faultAction = c.wsa === '2005/08' ? `${WSA[c.wsa].ns}/soap/fault` : WSA[c.wsa].faultAction;
  const headers = addressingHeaders(c.wsa, { action: faultAction, to: WSA[c.wsa].anonymous, messageId: `urn:uuid:${uuidV4(random)}`, ...(relatesTo ? { relatesTo } : {}) });
  const doc = buildFault(c.soap, { sender: true, reason, subcode: subcode ? { ns: sc.ns, qname: `wsc:${subcode}` } : { ns: NS.wsse, qname: failedCheck ? 'wsse:FailedCheck' : 'wsse:InvalidSecurity' } }, headers);
  doc.documentElement?.setAttribute('xmlns:wsa', WSA[c.wsa].ns);
  return formatXml(serializeXml(doc));
}
