// OpenSSO's SOAP security agents (seed 001): the WSC-side agent takes the application's bare SOAP
// body, inserts the Security header with the requester token of the WSP's registered mechanism and
// signs the message; the WSP-side agent verifies the signature and the token before forwarding,
// and signs the response the WSC-side agent verifies. This module holds the crypto both share:
// building a signed agent message, and the token-binding checks of tables 3-1 / 3-2 on top of the
// WSS processing: the registered confirmation method, the SAML Token Profile's own rule (proof of
// possession; a trusted sender's vouching signature), and the seed's second signatures — the
// holder-of-key signature over the payload, Liberty bearer's over the assertion and the Body.

import type { Element } from '@xmldom/xmldom';
import { fromBase64 } from '../crypto/encoding.ts';
import type { RsaPrivateKey } from '../crypto/keys.ts';
import { uuidV4, type RandomSource } from '../crypto/random.ts';
import type { CertInfo } from '../crypto/x509.ts';
import { signDocument } from '../dsig/index.ts';
import { usernameToken } from '../policy/model.ts';
import { algorithmSuite } from '../policy/algorithm_suites.ts';
import { UsageError, type Check } from '../report/index.ts';
import type { AssertionValidation } from '../saml/index.ts';
import { buildEnvelope, SOAP_NS, type EnvelopeParts, type SoapVersion } from '../soap/envelope.ts';
import { addressingHeaders, WSA, type AddressingProps, type WsaVersion } from '../wsa/headers.ts';
import { buildX509Token, readBinarySecurityToken } from '../wss/binary_security_token.ts';
import type { InboundResult } from '../wss/inbound.ts';
import { tokenPolicyChecks } from '../wss/saml_processing.ts';
import { freshId } from '../wss/outbound.ts';
import { securityHeader } from '../wss/security_header.ts';
import { buildStr, strReference } from '../wss/security_token_reference.ts';
import { buildTimestamp } from '../wss/timestamp.ts';
import { buildUsernameToken, type UtSecrets } from '../wss/username_token.ts';
import { childElements, firstChildNS, textOf, type ElSpec } from '../xml/dom.ts';
import { findById } from '../xml/ids.ts';
import { NS, URI } from '../xml/names.ts';
import { parseXml } from '../xml/parse.ts';
import { where } from '../xml/path.ts';
import { formatXml, serializeXml } from '../xml/serialize.ts';
import { signsWithAgentKey, type Mechanism } from './opensso_mechanisms.ts';

/** What the WSC agent secures a request with: the WSC's credentials and the token the STS issued. */
export interface AgentCredential {
  username: string;
  password: string;
  /** The SAML assertion exactly as the STS signed it, its id, and the proof key (base64) of a symmetric holder-of-key token. */
  token?: string;
  tokenId?: string;
  proofKey?: string;
}

export interface AgentMessageSpec {
  soap: SoapVersion;
  wsa: WsaVersion;
  addressing: Omit<AddressingProps, 'ids' | 'messageId'>;
  /** The application's Body children, serialized. */
  payload: string[];
  /** The agent's own X.509 identity. */
  signer: { cert: CertInfo; key: RsaPrivateKey };
  random: RandomSource;
  now: number;
}

export interface AgentMessage {
  wire: string;
  messageId: string;
  /** What went into the Security header, for keys.json. */
  secrets: Record<string, string>;
}

const SUITE = algorithmSuite('Basic256');

interface Built {
  doc: ReturnType<typeof parseXml>;
  security: Element;
  messageId: string;
  signIds: string[];
  bstId: string;
}

/** The envelope with addressing headers (each with a wsu:Id), a Timestamp, extra tokens and the payload, indented. */
function assemble(s: AgentMessageSpec, tokens: ElSpec[], withBst: boolean): Built {
  const r = s.random;
  const messageId = `urn:uuid:${uuidV4(r)}`;
  const ids = { action: freshId('Action', r), to: freshId('To', r), messageId: freshId('MessageID', r), ...(s.addressing.replyTo ? { replyTo: freshId('ReplyTo', r) } : {}), ...(s.addressing.relatesTo ? { relatesTo: freshId('RelatesTo', r) } : {}) };
  const tsId = freshId('TS', r);
  const bodyId = freshId('Body', r);
  const bstId = freshId('X509', r);
  const children = [buildTimestamp({ id: tsId, now: s.now, ttlSeconds: 300 }), ...(withBst ? [buildX509Token(s.signer.cert, bstId)] : []), ...tokens];
  const doc = buildEnvelope({
    version: s.soap, xmlns: { wsa: WSA[s.wsa].ns, wsu: NS.wsu },
    headers: [...addressingHeaders(s.wsa, { ...s.addressing, messageId, ids }), securityHeader(s.soap, children)],
    body: [], bodyAttrs: [[NS.wsu, 'wsu:Id', bodyId]],
  });
  const body = firstChildNS(doc.documentElement as Element, SOAP_NS[s.soap], 'Body') as Element;
  for (const p of s.payload) body.appendChild(doc.importNode(parseXml(p).documentElement as Element, true));
  // Indent first, then sign: the signature covers the text exactly as sent.
  const wireDoc = parseXml(formatXml(serializeXml(doc)));
  const security = wireDoc.getElementsByTagNameNS(NS.wsse, 'Security')[0] as Element;
  return { doc: wireDoc, security, messageId, signIds: [tsId, ...Object.values(ids), bodyId], bstId };
}

/** The response the WSP agent returns: Timestamp, its certificate, its signature over the Timestamp, addressing headers and Body. */
export async function signedAgentMessage(s: AgentMessageSpec): Promise<AgentMessage> {
  const b = assemble(s, [], true);
  await signDocument(b.doc, {
    references: b.signIds.map((target) => ({ target, digest: SUITE.digest })), signatureAlgorithm: SUITE.asymmetricSignature, c14n: SUITE.c14n,
    key: s.signer.key, keyInfo: strReference(`#${b.bstId}`, URI.x509v3), parent: b.security, id: freshId('SIG', s.random),
  });
  return { wire: serializeXml(b.doc), messageId: b.messageId, secrets: { signer: s.signer.cert.subject } };
}

/**
 * The WSC agent's request for the mechanism: UserName → the WSC agent's certificate, a UsernameToken
 * with a password digest, one signature (its key) over everything; X.509 → certificate + signature;
 * SAML → the assertion as issued, then the second signature that binds it to the message: with the
 * proof key (holder-of-key), or with the agent's key over the assertion and the Body (sender-vouches,
 * Liberty bearer).
 */
export async function securedAgentRequest(s: AgentMessageSpec, m: Mechanism, cred: AgentCredential): Promise<AgentMessage & { ut?: UtSecrets }> {
  const agentSigns = signsWithAgentKey(m);
  const ut = m.token === 'username'
    ? await buildUsernameToken(usernameToken({ password: 'hash', profile: '1.1' }), cred, { random: s.random, now: s.now, id: freshId('UsernameToken', s.random) })
    : undefined;
  const b = assemble(s, ut ? [ut.spec] : [], agentSigns);
  const refs = [...b.signIds];
  if (ut) refs.splice(1, 0, ut.secrets.tokenId);
  let saml: '1.1' | '2.0' = '1.1';
  if (m.token === 'saml') {
    if (!cred.token || !cred.tokenId) throw new UsageError('AGENT_NO_TOKEN', `expected the SAML assertion the STS issued for ${m.title}, found none in the WSC's credentials`);
    const assertion = parseXml(cred.token).documentElement as Element;
    saml = assertion.namespaceURI === NS.saml2 ? '2.0' : '1.1';
    b.security.appendChild(b.doc.importNode(assertion, true));
    refs.splice(1, 0, cred.tokenId);
  }
  const secrets: Record<string, string> = { mechanism: m.id, ...(cred.tokenId ? { assertionId: cred.tokenId } : {}) };
  const proof = !agentSigns && cred.proofKey ? fromBase64(cred.proofKey) : undefined;
  await signDocument(b.doc, {
    references: refs.map((target) => ({ target, digest: SUITE.digest })), c14n: SUITE.c14n, parent: b.security, id: freshId('SIG', s.random),
    ...(proof
      ? { key: { kind: 'secret' as const, bytes: proof }, signatureAlgorithm: SUITE.symmetricSignature }
      : { key: s.signer.key, signatureAlgorithm: SUITE.asymmetricSignature }),
    keyInfo: agentSigns ? strReference(`#${b.bstId}`, URI.x509v3) : buildStr({ kind: 'samlAssertionId', assertionId: cred.tokenId ?? '', samlVersion: saml }),
  });
  if (proof) secrets['proofKey'] = cred.proofKey ?? '';
  return { wire: serializeXml(b.doc), messageId: b.messageId, secrets, ...(ut ? { ut: ut.secrets } : {}) };
}

/** Whose key made a signature, read from its KeyInfo: a SAML assertion (by id) or a BinarySecurityToken's certificate. */
export type KeyOwner = { kind: 'assertion'; id: string } | { kind: 'certificate'; cert: CertInfo } | null;

export function signatureKeyOwner(sig: Element): KeyOwner {
  const keyInfo = firstChildNS(sig, NS.ds, 'KeyInfo');
  const str = keyInfo ? firstChildNS(keyInfo, NS.wsse, 'SecurityTokenReference') : null;
  if (!str) return null;
  const ki = firstChildNS(str, NS.wsse, 'KeyIdentifier');
  const vt = ki?.getAttribute('ValueType');
  if (ki && (vt === URI.samlAssertionIdValueType || vt === URI.samlIdValueType)) return { kind: 'assertion', id: textOf(ki).trim() };
  const uri = firstChildNS(str, NS.wsse, 'Reference')?.getAttribute('URI') ?? '';
  const target = uri.startsWith('#') && sig.ownerDocument ? findById(sig.ownerDocument, uri) : null;
  if (!target) return null;
  if (target.localName === 'Assertion') return { kind: 'assertion', id: uri.slice(1) };
  if (target.namespaceURI !== NS.wsse || target.localName !== 'BinarySecurityToken') return null;
  const { cert } = readBinarySecurityToken(target);
  return cert ? { kind: 'certificate', cert } : null;
}

export interface BindingContext {
  mechanism: Mechanism;
  sec: InboundResult;
  parts: EnvelopeParts;
  /** Certificates of the senders allowed to vouch (sender-vouches). */
  trustedSenders: CertInfo[];
}

const idOfAssertion = (el: Element) => el.getAttribute('AssertionID') || el.getAttribute('ID') || '';

/**
 * The mechanism's requirements on the token and the signature that binds it (tables 3-1, 3-2), and
 * the principal it establishes. SAML tokens: the confirmation method must be the registered one;
 * then WSS SAML Token Profile 1.1 §3.5 (tokenPolicyChecks: proof of possession, a trusted sender's
 * vouching signature), plus what the seed adds — the holder-of-key signature binds the assertion to
 * the payload (Timestamp and Body), and Liberty bearer's second signature covers assertion and Body.
 */
export function tokenBindingChecks(c: BindingContext): { checks: Check[]; principal?: string } {
  const m = c.mechanism;
  const spec = `${m.source}; WSS SAML Token Profile 1.1 §3.5`;
  if (m.token === 'username') {
    const ut = c.sec.tokens.find((t) => t.principal);
    return ut?.principal
      ? { checks: [pass('AGENT_MECHANISM_MET', m.source, c.parts.body, `${m.title}: ${ut.principal} authenticated by a UsernameToken with a password digest, covered by the WSC agent's signature`)], principal: ut.principal }
      : { checks: [fail('AGENT_MECHANISM_NOT_MET', m.source, c.parts.body, `${m.title}: expected a UsernameToken the registry accepts, found none`)] };
  }
  if (m.token === 'x509') {
    const cert = c.sec.certificates[0];
    return cert
      ? { checks: [pass('AGENT_MECHANISM_MET', m.source, c.parts.body, `${m.title}: the requester is ${cert.subject}, whose certificate's key signed the message`)], principal: cert.subject }
      : { checks: [fail('AGENT_MECHANISM_NOT_MET', m.source, c.parts.body, `${m.title}: expected the requester's certificate in a BinarySecurityToken, found none`)] };
  }
  const a = c.sec.assertions.find((x) => x.validation.accepted);
  if (!a) return { checks: [fail('AGENT_SAML_MISSING', spec, c.parts.header ?? c.parts.body, `${m.title}: expected a SAML assertion from the trusted STS, found ${c.sec.assertions.length === 0 ? 'none' : 'none that validated'}`)] };
  if (a.validation.confirmation !== m.confirmation) {
    return { checks: [fail('AGENT_CONFIRMATION_MISMATCH', spec, a.element, `${m.title}: expected confirmation method ${m.confirmation}, found ${a.validation.confirmation ?? 'none'} in assertion ${idOfAssertion(a.element)}`)] };
  }
  const checks = tokenPolicyChecks([a], c.sec.signatures, c.parts.body, { trustedSenders: c.trustedSenders });
  if (m.confirmation === 'holder-of-key') checks.push(holderOfKey(c, a, spec));
  if (m.confirmation === 'bearer') checks.push(bearerBinding(c, a, spec));
  return { checks, ...(a.validation.subject ? { principal: a.validation.subject } : {}) };
}

type Carried = { element: Element; validation: AssertionValidation };

function validSignatures(c: BindingContext) {
  return c.sec.signatures.filter((s) => s.verification.ok).map((s) => ({ ...s, owner: signatureKeyOwner(s.element) }));
}

/** Holder-of-key (table 3-2: "the second signature binds the assertion to the payload"): the proof-key signature covers the Timestamp and the Body. */
function holderOfKey(c: BindingContext, a: Carried, spec: string): Check {
  const id = idOfAssertion(a.element);
  const ts = timestampOf(c.parts);
  const sig = validSignatures(c).find((s) => s.owner?.kind === 'assertion' && s.owner.id === id);
  if (!sig) return fail('AGENT_HOK_NOT_PROVEN', spec, a.element, `${c.mechanism.title}: expected a signature whose KeyInfo names assertion ${id} (its proof key), found ${c.sec.signatures.length === 0 ? 'no signature' : 'none that verifies with it'}`);
  const missing = [!sig.covered.includes(c.parts.body) && 'the Body', !ts ? 'a Timestamp (there is none)' : !sig.covered.includes(ts) && 'the Timestamp'].filter(Boolean);
  if (missing.length > 0) return fail('AGENT_HOK_NOT_BOUND', spec, sig.element, `${c.mechanism.title}: expected the proof-key signature to cover the Timestamp and the Body, found it without ${missing.join(' and ')}`);
  return pass('AGENT_HOK_BOUND', spec, sig.element, `${c.mechanism.title}: the signature made with the proof key of assertion ${id} (${sig.verification.key?.source ?? 'key'}) covers the Timestamp, the Body${sig.covered.includes(a.element) ? ' and the assertion' : ''}`);
}

/** Liberty bearer (table 3-1): a second signature, by the WSC's X.509 key (its public key information in the message), covers the assertion and the Body. */
function bearerBinding(c: BindingContext, a: Carried, spec: string): Check {
  const id = idOfAssertion(a.element);
  const sig = validSignatures(c).find((s) => s.owner?.kind === 'certificate' && s.covered.includes(a.element) && s.covered.includes(c.parts.body));
  if (!sig || sig.owner?.kind !== 'certificate') {
    return fail('AGENT_BEARER_NOT_BOUND', spec, a.element, `${c.mechanism.title}: expected a second signature by the WSC's X.509 key covering both assertion ${id} and the Body, found none`);
  }
  const cert = sig.owner.cert;
  return pass('AGENT_BEARER_BOUND', spec, sig.element, `${c.mechanism.title}: ${cert.subject} signed assertion ${id} together with the Body: the assertion is bound to this message`, { signer: cert.subject, thumbprintSha1: cert.thumbprintSha1 });
}

function timestampOf(parts: EnvelopeParts): Element | null {
  const sec = parts.headerBlocks.find((h) => h.namespaceURI === NS.wsse && h.localName === 'Security');
  return sec ? childElements(sec).find((e) => e.namespaceURI === NS.wsu && e.localName === 'Timestamp') ?? null : null;
}

function pass(code: string, specRef: string, el: Element, message: string, details?: Record<string, unknown>): Check {
  return { code, status: 'pass', specRef, ...where(el), message, ...(details ? { details } : {}) };
}

function fail(code: string, specRef: string, el: Element, message: string): Check {
  return { code, status: 'fail', specRef, ...where(el), message };
}
