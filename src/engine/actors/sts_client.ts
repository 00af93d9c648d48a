// The requester of an issued token (seed 004): it asks the STS with an RST under its bootstrap
// policy, reads the RSTR (the assertion, and the proof key — a BinarySecret, or computed with
// P_SHA1 from both entropies), then presents the assertion to the service and, for
// holder-of-key, proves possession by signing the Timestamp and Body with the proof key.

import type { Element } from '@xmldom/xmldom';
import { fromBase64, toBase64 } from '../crypto/encoding.ts';
import type { RandomSource } from '../crypto/random.ts';
import { uuidV4 } from '../crypto/random.ts';
import { signDocument } from '../dsig/index.ts';
import { makeReport, type Check, type Report } from '../report/index.ts';
import { readFault } from '../soap/fault.ts';
import { buildEnvelope, type SoapVersion } from '../soap/envelope.ts';
import { computedKeyPsha1 } from '../trust/computed_key.ts';
import { buildRst, type KeyTypeKind, type TrustVersionId } from '../trust/rst.ts';
import { readRstr } from '../trust/rstr.ts';
import { addressingHeaders, WSA, type WsaVersion } from '../wsa/headers.ts';
import { NS, TRUST_VERSIONS, URI } from '../xml/names.ts';
import { parseXml } from '../xml/parse.ts';
import { formatXml, serializeXml } from '../xml/serialize.ts';
import { freshId, secureOutbound } from '../wss/outbound.ts';
import { buildStr } from '../wss/security_token_reference.ts';
import { securityHeader } from '../wss/security_header.ts';
import { buildTimestamp } from '../wss/timestamp.ts';
import { transportBinding, usernameToken, type SecurityModel } from '../policy/model.ts';
import { echoBody } from './client.ts';
import { bodyChild } from './sts.ts';

export interface StsClientState {
  id: string;
  username: string;
  password: string;
  soap: SoapVersion;
  wsa: WsaVersion;
  trust: TrustVersionId;
  tokenType: string;
  keyType: KeyTypeKind;
  keySize: number;
  /** Send requestor entropy (then the proof key is computed from both sides' entropy). */
  entropy: boolean;
  appliesTo: string;
  /** What the client holds after the RSTR. */
  entropyB64?: string;
  token?: string;
  tokenId?: string;
  proofKey?: string;
  sent: string[];
}

/** The bootstrap policy of the RST: UsernameToken (PasswordText) over HTTPS with a Timestamp. */
export const BOOTSTRAP: SecurityModel = { spVersion: '1.2', wss: '1.1', binding: transportBinding(), supporting: [{ kind: 'SignedSupportingTokens', tokens: [usernameToken()] }] };

export async function requestToken(s: StsClientState, env: { random: RandomSource; now: number }): Promise<{ wire: string; state: StsClientState }> {
  const v = TRUST_VERSIONS[s.trust];
  const entropy = s.entropy && s.keyType === 'symmetric' ? env.random.bytes(s.keySize / 8) : undefined;
  const sec = await secureOutbound(BOOTSTRAP, s, { random: env.random, now: env.now, soap: s.soap });
  const messageId = `urn:uuid:${uuidV4(env.random)}`;
  const doc = buildEnvelope({
    version: s.soap, xmlns: { wsa: WSA[s.wsa].ns },
    headers: [...addressingHeaders(s.wsa, { action: v.actions.issue, to: 'https://sts.wsbench.example/sts', messageId, replyTo: 'anonymous' }), ...(sec.header ? [sec.header] : [])],
    body: [buildRst({ version: s.trust, requestType: 'issue', tokenType: s.tokenType, keyType: s.keyType, ...(s.keyType === 'symmetric' ? { keySize: s.keySize } : {}), ...(entropy ? { entropy } : {}), appliesTo: { address: s.appliesTo, wsaNs: WSA[s.wsa].ns } })],
  });
  return { wire: formatXml(serializeXml(doc)), state: { ...s, sent: [...s.sent, messageId], ...(entropy ? { entropyB64: toBase64(entropy) } : {}) } };
}

/** Reads the RSTR: keeps the token and derives the proof key. */
export async function readTokenResponse(s: StsClientState, wire: string): Promise<{ report: Report; state: StsClientState }> {
  const checks: Check[] = [];
  const fault = readFault(parseXml(wire));
  if (fault) {
    checks.push({ code: 'WST_FAULT_RECEIVED', status: 'fail', specRef: 'WS-Trust 1.3 §11', path: 'Envelope/Body/Fault', message: `the STS refused: ${fault.subcode ?? fault.code} — ${fault.reason}`, details: { ...fault } });
    return { report: makeReport(s.id, checks), state: s };
  }
  const el = bodyChild(wire);
  const { rstr, checks: rc } = el ? readRstr(el) : { rstr: null, checks: [] };
  checks.push(...rc);
  if (!rstr?.token) {
    checks.push({ code: 'WST_NO_TOKEN', status: 'fail', specRef: 'WS-Trust 1.3 §4.3', path: 'Envelope/Body', message: 'expected wst:RequestedSecurityToken in the RSTR, found none' });
    return { report: makeReport(s.id, checks), state: s };
  }
  const proof = await proofKey(s, rstr, checks);
  const tokenId = rstr.token.getAttribute('AssertionID') || rstr.token.getAttribute('ID') || '';
  checks.push({ code: 'WST_TOKEN_RECEIVED', status: 'pass', specRef: 'WS-Trust 1.3 §4.3', path: 'Envelope/Body', message: `received ${rstr.token.localName} ${tokenId}${proof ? ` with a ${proof.length * 8}-bit proof key` : ' (no proof key)'}` });
  const next: StsClientState = { ...s, token: serializeXml(rstr.token), tokenId, ...(proof ? { proofKey: toBase64(proof) } : {}) };
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

/** The application request: the assertion in the Security header, signed with the proof key (holder-of-key). */
export async function presentToken(s: StsClientState, env: { random: RandomSource; now: number }, to: string): Promise<{ wire: string; state: StsClientState }> {
  const messageId = `urn:uuid:${uuidV4(env.random)}`;
  const tsId = freshId('TS', env.random);
  const bodyId = freshId('Body', env.random);
  const token = s.token ? (parseXml(s.token).documentElement as Element) : null;
  const doc = buildEnvelope({
    version: s.soap, xmlns: { wsa: WSA[s.wsa].ns, wsu: NS.wsu },
    headers: [...addressingHeaders(s.wsa, { action: 'urn:wsbench:echo:Echo', to, messageId, replyTo: 'anonymous' }), securityHeader(s.soap, [buildTimestamp({ id: tsId, now: env.now, ttlSeconds: 300 })])],
    body: [echoBody('e:Echo', 'Hello with an issued token')], bodyAttrs: [[NS.wsu, 'wsu:Id', bodyId]],
  });
  // Indent first, then add the assertion exactly as the STS signed it, then sign with the proof key.
  const wireDoc = parseXml(formatXml(serializeXml(doc)));
  const sec = wireDoc.getElementsByTagNameNS(NS.wsse, 'Security')[0] as Element;
  if (token) sec.appendChild(wireDoc.importNode(token, true));
  if (s.proofKey && s.tokenId) {
    await signDocument(wireDoc, {
      references: [tsId, bodyId].map((target) => ({ target, digest: URI.sha1 })), signatureAlgorithm: URI.hmacSha1, c14n: URI.excC14n,
      key: { kind: 'secret', bytes: fromBase64(s.proofKey) }, parent: sec,
      keyInfo: buildStr({ kind: 'samlAssertionId', assertionId: s.tokenId, samlVersion: s.tokenType.endsWith('SAMLV1.1') ? '1.1' : '2.0' }),
    });
  }
  return { wire: serializeXml(wireDoc), state: { ...s, sent: [...s.sent, messageId] } };
}

export type LifecycleKind = 'validate' | 'renew' | 'cancel';

/** An RST Validate / Renew / Cancel for the token the client holds (Renew carries the token itself). */
export async function requestLifecycle(s: StsClientState, kind: LifecycleKind, env: { random: RandomSource; now: number }): Promise<{ wire: string; state: StsClientState }> {
  const v = TRUST_VERSIONS[s.trust];
  const sec = await secureOutbound(BOOTSTRAP, s, { random: env.random, now: env.now, soap: s.soap });
  const messageId = `urn:uuid:${uuidV4(env.random)}`;
  const samlVersion = s.tokenType.endsWith('SAMLV1.1') ? '1.1' : '2.0';
  const target = kind === 'renew' && s.token ? (parseXml(s.token).documentElement as Element) : buildStr({ kind: 'samlAssertionId', assertionId: s.tokenId ?? '', samlVersion });
  const action = { validate: v.actions.validate, renew: v.actions.renew, cancel: v.actions.cancel }[kind];
  const doc = buildEnvelope({
    version: s.soap, xmlns: { wsa: WSA[s.wsa].ns },
    headers: [...addressingHeaders(s.wsa, { action, to: 'https://sts.wsbench.example/sts', messageId, replyTo: 'anonymous' }), ...(sec.header ? [sec.header] : [])],
    body: [buildRst({ version: s.trust, requestType: kind, ...(kind === 'validate' ? { tokenType: v.actions.status } : { tokenType: s.tokenType }), target: target as never })],
  });
  return { wire: formatXml(serializeXml(doc)), state: { ...s, sent: [...s.sent, messageId] } };
}

/** Reads the answer to a lifecycle request: Status, a renewed token, or RequestedTokenCancelled. */
export async function readLifecycleResponse(s: StsClientState, kind: LifecycleKind, wire: string): Promise<{ report: Report; state: StsClientState }> {
  if (kind === 'renew') return readTokenResponse(s, wire);
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
