// The requester of an issued token (seeds 004 and 001): it asks the STS with an RST under its
// bootstrap policy (sts_client_request.ts) — with KeyType, KeySize, Entropy, OnBehalfOf and UseKey
// as the request needs — reads the RSTR (verifying and decrypting it under the AsymmetricBinding):
// the assertion, what it was issued (confirmation, proof-key kind) and the proof key (a BinarySecret,
// computed with P_SHA1 from both entropies, or its own key pair), then presents the assertion to the
// service as its confirmation method asks (sts_client_present.ts).

import type { Element } from '@xmldom/xmldom';
import { bytesEqual, fromBase64, toBase64 } from '../crypto/encoding.ts';
import type { RandomSource } from '../crypto/random.ts';
import { parseCertificate } from '../crypto/x509.ts';
import { makeReport, UsageError, type Check, type Report } from '../report/index.ts';
import { describeAssertion } from '../saml/index.ts';
import { readFault } from '../soap/fault.ts';
import { readEnvelope, type EnvelopeParts, type SoapVersion } from '../soap/envelope.ts';
import { computedKeyPsha1 } from '../trust/computed_key.ts';
import { onBehalfOfUsername } from '../trust/on_behalf_of.ts';
import { buildRst, type KeyTypeKind, type TrustVersionId } from '../trust/rst.ts';
import { readRstr } from '../trust/rstr.ts';
import { buildUseKey, type UseKeyForm } from '../trust/use_key.ts';
import { WSA, type WsaVersion } from '../wsa/headers.ts';
import { processSecurity } from '../wss/inbound.ts';
import { freshId } from '../wss/outbound.ts';
import { buildStr } from '../wss/security_token_reference.ts';
import { childElements } from '../xml/dom.ts';
import { TRUST_VERSIONS } from '../xml/names.ts';
import { parseXml } from '../xml/parse.ts';
import { serializeXml } from '../xml/serialize.ts';
import { bodyChild } from './sts.ts';
import { stsBootstrapPolicy, type ClientTokenKind, type StsBinding } from './sts_bootstrap.ts';
import { securedRequest } from './sts_client_request.ts';
import { loadIdentity, type X509IdentityState } from './x509_identity.ts';
import { trustChecks } from './x509_messages.ts';

export { BOOTSTRAP } from './sts_bootstrap.ts';
export { presentToken } from './sts_client_present.ts';

export interface StsClientState {
  id: string;
  username: string;
  password: string;
  soap: SoapVersion;
  wsa: WsaVersion;
  trust: TrustVersionId;
  tokenType: string;
  /** wst:KeyType to ask for; null sends none (the STS then decides, seed 001 rows 26–28). */
  keyType: KeyTypeKind | null;
  keySize: number;
  /** Send requestor entropy (then the proof key is computed from both sides' entropy). */
  entropy: boolean;
  appliesTo: string;
  /** The bootstrap binding and the token that authenticates the client (default: transport + username, seed 004). */
  binding?: StsBinding;
  clientToken?: ClientTokenKind;
  /** The client's certificate and key, the STS's certificate (peerCertPem) and the CA. */
  x509?: X509IdentityState;
  /** Ask on behalf of this user: wst:OnBehalfOf with a UsernameToken naming it, no password. */
  onBehalfOf?: string;
  /** Send wst:UseKey with the client's public key in this form. */
  useKey?: UseKeyForm;
  /** The certificate UseKey names, when not the client's own (an experiment: the STS must refuse it). */
  useKeyCertPem?: string;
  /** How the client's signature names its key at the service: the assertion (SAML KeyIdentifier, default) or a BST. */
  proofKeyReference?: 'assertion' | 'bst';
  /** The service's certificate and the CA it chains to, to check the service's signed response. */
  serviceCertPem?: string;
  caPem?: string;
  /** What the client holds after the RSTR. */
  entropyB64?: string;
  token?: string;
  tokenId?: string;
  proofKey?: string;
  /** What the issued assertion says: its confirmation method and proof-key kind. */
  confirmation?: 'bearer' | 'holder-of-key' | 'sender-vouches';
  proofKind?: 'none' | 'symmetric' | 'asymmetric';
  sent: string[];
}

/** Asks the STS for a token: RST Issue under the client's bootstrap policy. */
export async function requestToken(s: StsClientState, env: { random: RandomSource; now: number }): Promise<{ wire: string; state: StsClientState; secrets: Record<string, string> }> {
  const v = TRUST_VERSIONS[s.trust];
  const entropy = s.entropy && s.keyType === 'symmetric' ? env.random.bytes(s.keySize / 8) : undefined;
  const certPem = s.useKeyCertPem ?? s.x509?.certPem;
  const cert = s.useKey && certPem ? await parseCertificate(certPem) : undefined;
  if (s.useKey && !cert) throw new UsageError('CLIENT_NO_X509', 'expected the client\'s certificate to send in wst:UseKey, found none');
  const rst = buildRst({
    version: s.trust, requestType: 'issue', tokenType: s.tokenType, ...(s.keyType ? { keyType: s.keyType } : {}), ...(s.keyType === 'symmetric' ? { keySize: s.keySize } : {}),
    ...(entropy ? { entropy } : {}), appliesTo: { address: s.appliesTo, wsaNs: WSA[s.wsa].ns },
    ...(cert && s.useKey ? { useKey: buildUseKey(s.useKey, cert, freshId('UseKey', env.random)) } : {}),
    ...(s.onBehalfOf ? { onBehalfOf: onBehalfOfUsername(s.onBehalfOf, freshId('OnBehalfOf', env.random)) } : {}),
  });
  const m = await securedRequest(s, rst, v.actions.issue, env);
  return { wire: m.wire, state: { ...s, sent: [...s.sent, m.messageId], ...(entropy ? { entropyB64: toBase64(entropy) } : {}) }, secrets: m.secrets };
}

/** The RSTR's Security header under the AsymmetricBinding: the STS signed it, and it is decrypted for the client. */
async function securedResponseChecks(s: StsClientState, parts: EnvelopeParts, now: number): Promise<Check[]> {
  const id = await loadIdentity(s.x509 as X509IdentityState);
  const policy = stsBootstrapPolicy('asymmetric', s.clientToken ?? 'username');
  const sec = await processSecurity(parts, { ...policy, supporting: [] }, {
    users: {}, now, freshnessSeconds: 300, skewSeconds: 300, nonceCache: [], transport: 'http',
    identity: { privateKey: id.key, certificate: id.cert }, knownCerts: id.peer ? [id.peer] : [],
  });
  return [...sec.checks, ...(await trustChecks(sec.certificates, id.ca, now, id.peer))];
}

/** What the assertion was issued as; for a key of the client's own, that it is the client's key. */
async function issuedKind(s: StsClientState, token: Element, checks: Check[]): Promise<Pick<StsClientState, 'confirmation' | 'proofKind'>> {
  const d = describeAssertion(token);
  if (!d?.confirmation) return {};
  checks.push({ code: 'WST_TOKEN_CONFIRMATION', status: 'info', specRef: 'WSS SAML Token Profile 1.1 §3.5', path: 'Envelope/Body', message: `the assertion is ${d.confirmation}${d.proofKey === 'none' ? '' : ` with ${d.proofKey === 'asymmetric' ? 'an' : 'a'} ${d.proofKey} proof key`} for ${d.subject ?? '(no subject)'}`, details: { confirmation: d.confirmation, proofKey: d.proofKey, subject: d.subject ?? null } });
  if (d.proofKey === 'asymmetric' && s.x509) {
    const own = await parseCertificate(s.x509.certPem);
    const ok = !!d.proofCert && bytesEqual(d.proofCert.spki, own.spki);
    checks.push(ok
      ? { code: 'WST_PROOF_KEY_OURS', status: 'pass', specRef: 'WS-Trust 1.3 §4.4.3', path: 'Envelope/Body', message: `the assertion is bound to the client's own key (${own.subject}); no proof token is needed` }
      : { code: 'WST_PROOF_KEY_NOT_OURS', status: 'fail', specRef: 'WS-Trust 1.3 §4.4.3', path: 'Envelope/Body', message: `expected the assertion bound to the client's key ${own.subject} (SHA-1 thumbprint ${own.thumbprintSha1}), found ${d.proofCert ? `${d.proofCert.subject} (${d.proofCert.thumbprintSha1})` : 'a key without a certificate'}` });
  }
  return { confirmation: d.confirmation, proofKind: d.proofKey };
}

/** Reads the RSTR: verifies it (AsymmetricBinding), keeps the token, learns what it is and derives the proof key. */
export async function readTokenResponse(s: StsClientState, wire: string, now?: number): Promise<{ report: Report; state: StsClientState }> {
  const checks: Check[] = [];
  const doc = parseXml(wire);
  const fault = readFault(doc);
  if (fault) {
    checks.push({ code: 'WST_FAULT_RECEIVED', status: 'fail', specRef: 'WS-Trust 1.3 §11', path: 'Envelope/Body/Fault', message: `the STS refused: ${fault.subcode ?? fault.code} — ${fault.reason}`, details: { ...fault } });
    return { report: makeReport(s.id, checks), state: s };
  }
  const { parts } = readEnvelope(doc);
  if (parts && s.binding === 'asymmetric' && s.x509) {
    if (now === undefined) throw new UsageError('CLIENT_NO_CLOCK', 'expected the time of receipt to check a secured RSTR, found none');
    checks.push(...(await securedResponseChecks(s, parts, now)));
  }
  const el = parts ? (childElements(parts.body)[0] ?? null) : bodyChild(wire);
  const { rstr, checks: rc } = el ? readRstr(el) : { rstr: null, checks: [] };
  checks.push(...rc);
  if (!rstr?.token) {
    checks.push({ code: 'WST_NO_TOKEN', status: 'fail', specRef: 'WS-Trust 1.3 §4.3', path: 'Envelope/Body', message: 'expected wst:RequestedSecurityToken in the RSTR, found none' });
    return { report: makeReport(s.id, checks), state: s };
  }
  const proof = await proofKey(s, rstr, checks);
  const tokenId = rstr.token.getAttribute('AssertionID') || rstr.token.getAttribute('ID') || '';
  const kind = await issuedKind(s, rstr.token, checks);
  checks.push({ code: 'WST_TOKEN_RECEIVED', status: 'pass', specRef: 'WS-Trust 1.3 §4.3', path: 'Envelope/Body', message: `received ${rstr.token.localName} ${tokenId}${proof ? ` with a ${proof.length * 8}-bit proof key` : kind.proofKind === 'asymmetric' ? ' bound to the client\'s own key' : ' (no proof key)'}` });
  const { proofKey: _old, ...rest } = s;
  const next: StsClientState = { ...rest, token: serializeXml(rstr.token), tokenId, ...kind, ...(proof ? { proofKey: toBase64(proof) } : {}) };
  return { report: makeReport(s.id, checks), state: next };
}

async function proofKey(s: StsClientState, rstr: NonNullable<ReturnType<typeof readRstr>['rstr']>, checks: Check[]): Promise<Uint8Array | undefined> {
  const p = rstr.proof;
  if (!p) return undefined;
  if (p.kind === 'binary-secret') return p.secret;
  if (p.kind === 'computed-key' && rstr.entropy && s.entropyB64) {
    const key = await computedKeyPsha1(fromBase64(s.entropyB64), rstr.entropy, rstr.keySize ?? s.keySize);
    checks.push({ code: 'WST_COMPUTED_KEY', status: 'info', specRef: 'WS-Trust 1.3 §4.4.4', path: 'Envelope/Body', message: 'proof key computed with P_SHA1(requestor entropy, issuer entropy)', details: { key: toBase64(key) } });
    return key;
  }
  checks.push({ code: 'WST_PROOF_KEY_UNUSABLE', status: 'fail', specRef: 'WS-Trust 1.3 §4.4', path: 'Envelope/Body', message: `expected a BinarySecret, or a ComputedKey with issuer entropy, found ${p.kind}` });
  return undefined;
}

export type LifecycleKind = 'validate' | 'renew' | 'cancel';

/** An RST Validate / Renew / Cancel for the token the client holds (Renew carries the token itself). */
export async function requestLifecycle(s: StsClientState, kind: LifecycleKind, env: { random: RandomSource; now: number }): Promise<{ wire: string; state: StsClientState }> {
  const v = TRUST_VERSIONS[s.trust];
  const samlVersion = s.tokenType.endsWith('SAMLV1.1') ? '1.1' : '2.0';
  const target = kind === 'renew' && s.token ? (parseXml(s.token).documentElement as Element) : buildStr({ kind: 'samlAssertionId', assertionId: s.tokenId ?? '', samlVersion });
  const action = { validate: v.actions.validate, renew: v.actions.renew, cancel: v.actions.cancel }[kind];
  const body = buildRst({ version: s.trust, requestType: kind, ...(kind === 'validate' ? { tokenType: v.actions.status } : { tokenType: s.tokenType }), target });
  const m = await securedRequest(s, body, action, env);
  return { wire: m.wire, state: { ...s, sent: [...s.sent, m.messageId] } };
}

/** Reads the answer to a lifecycle request: Status, a renewed token, or RequestedTokenCancelled. */
export async function readLifecycleResponse(s: StsClientState, kind: LifecycleKind, wire: string, now?: number): Promise<{ report: Report; state: StsClientState }> {
  if (kind === 'renew') return readTokenResponse(s, wire, now);
  const checks: Check[] = [];
  const fault = readFault(parseXml(wire));
  const el = fault ? null : bodyChild(wire);
  const { rstr, checks: rc } = el ? readRstr(el) : { rstr: null, checks: [] };
  checks.push(...rc);
  if (fault) checks.push({ code: 'WST_FAULT_RECEIVED', status: 'fail', specRef: 'WS-Trust 1.3 §11', path: 'Envelope/Body/Fault', message: `the STS refused: ${fault.subcode ?? fault.code} — ${fault.reason}` });
  else if (kind === 'validate') {
    const valid = rstr?.status?.valid === true;
    checks.push({ code: valid ? 'WST_STATUS_VALID' : 'WST_STATUS_INVALID', status: valid ? 'pass' : 'fail', specRef: 'WS-Trust 1.3 §7', path: 'Envelope/Body', message: valid ? `the STS says token ${s.tokenId} is valid` : `expected Status valid for token ${s.tokenId}, found ${rstr?.status?.code ?? 'no Status'}` });
  } else {
    checks.push(rstr?.cancelled
      ? { code: 'WST_CANCELLED', status: 'pass', specRef: 'WS-Trust 1.3 §6', path: 'Envelope/Body', message: `token ${s.tokenId} cancelled` }
      : { code: 'WST_NOT_CANCELLED', status: 'fail', specRef: 'WS-Trust 1.3 §6', path: 'Envelope/Body', message: 'expected wst:RequestedTokenCancelled, found none' });
  }
  return { report: makeReport(s.id, checks), state: s };
}
