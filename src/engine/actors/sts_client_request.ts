// The requester's side of the STS bootstrap (seed 001 table 3-3; seed 004): an RST put on the wire
// under the policy the STS asks for — TransportBinding (simulated HTTPS) with a UsernameToken or
// with the client's certificate endorsing the Timestamp, or the AsymmetricBinding (the client's key
// signs, the Body is encrypted for the STS), alone or carrying a signed, encrypted UsernameToken.
// The security header always comes from the security model (DESIGN.md decision 7).

import type { Document, Element } from '@xmldom/xmldom';
import { uuidV4, type RandomSource } from '../crypto/random.ts';
import { signDocument } from '../dsig/index.ts';
import { buildEnvelope, SOAP_NS, type SoapVersion } from '../soap/envelope.ts';
import { UsageError } from '../report/index.ts';
import { usernameToken } from '../policy/model.ts';
import { addressingHeaders, WSA, type WsaVersion } from '../wsa/headers.ts';
import { buildX509Token } from '../wss/binary_security_token.ts';
import { freshId, secureOutbound } from '../wss/outbound.ts';
import { securityHeader } from '../wss/security_header.ts';
import { strReference } from '../wss/security_token_reference.ts';
import { buildTimestamp } from '../wss/timestamp.ts';
import { buildUsernameToken } from '../wss/username_token.ts';
import { build, firstChildNS, type ElSpec } from '../xml/dom.ts';
import { NS, URI } from '../xml/names.ts';
import { parseXml } from '../xml/parse.ts';
import { formatXml, serializeXml } from '../xml/serialize.ts';
import { stsBootstrapPolicy, type ClientTokenKind, type StsBinding } from './sts_bootstrap.ts';
import { loadIdentity, type X509IdentityState } from './x509_identity.ts';
import { buildX509Message } from './x509_messages.ts';

export const STS_ENDPOINT = 'https://sts.wsbench.example/sts';

/** What the request needs from the client's state. */
export interface RequesterCredentials {
  username: string;
  password: string;
  soap: SoapVersion;
  wsa: WsaVersion;
  binding?: StsBinding;
  clientToken?: ClientTokenKind;
  x509?: X509IdentityState;
}

export interface SecuredRequest {
  wire: string;
  messageId: string;
  /** Keys the message used (for keys.json): the data key of the AsymmetricBinding, UT values. */
  secrets: Record<string, string>;
}

/** TransportBinding + UsernameToken: seed 004's bootstrap. */
async function transportUsername(s: RequesterCredentials, body: ElSpec, action: string, env: { random: RandomSource; now: number }): Promise<SecuredRequest> {
  const sec = await secureOutbound(stsBootstrapPolicy('transport', 'username'), s, { random: env.random, now: env.now, soap: s.soap });
  const messageId = `urn:uuid:${uuidV4(env.random)}`;
  const doc = buildEnvelope({
    version: s.soap, xmlns: { wsa: WSA[s.wsa].ns },
    headers: [...addressingHeaders(s.wsa, { action, to: STS_ENDPOINT, messageId, replyTo: 'anonymous' }), ...(sec.header ? [sec.header] : [])],
    body: [body],
  });
  const ut = sec.tokens[0];
  return { wire: formatXml(serializeXml(doc)), messageId, secrets: ut ? { 'RST UsernameToken password': ut.password } : {} };
}

function securityOf(doc: Document, soap: SoapVersion): Element {
  const header = firstChildNS(doc.documentElement as Element, SOAP_NS[soap], 'Header') as Element;
  return firstChildNS(header, NS.wsse, 'Security') as Element;
}

/** TransportBinding + EndorsingSupportingTokens X509Token: the client's key signs the Timestamp (WS-SP 1.3 §8.3). */
async function transportX509(s: RequesterCredentials, body: ElSpec, action: string, env: { random: RandomSource; now: number }): Promise<SecuredRequest> {
  const id = await loadIdentity(requireX509(s));
  const messageId = `urn:uuid:${uuidV4(env.random)}`;
  const tsId = freshId('TS', env.random);
  const doc = buildEnvelope({
    version: s.soap, xmlns: { wsa: WSA[s.wsa].ns },
    headers: [...addressingHeaders(s.wsa, { action, to: STS_ENDPOINT, messageId, replyTo: 'anonymous' }), securityHeader(s.soap, [buildTimestamp({ id: tsId, now: env.now, ttlSeconds: 300 })])],
    body: [body],
  });
  // Indent first, then add the certificate and sign: the signature covers the Timestamp as sent.
  const wire = parseXml(formatXml(serializeXml(doc)));
  const sec = securityOf(wire, s.soap);
  const bstId = freshId('X509', env.random);
  sec.appendChild(build(wire, buildX509Token(id.cert, bstId), sec));
  await signDocument(wire, {
    references: [{ target: tsId, digest: URI.sha1 }], signatureAlgorithm: URI.rsaSha1, c14n: URI.excC14n,
    key: id.key, parent: sec, keyInfo: strReference(`#${bstId}`, URI.x509v3), id: freshId('SIG', env.random),
  });
  return { wire: serializeXml(wire), messageId, secrets: {} };
}

/** AsymmetricBinding (with a signed, encrypted UsernameToken when the requester is a user). */
async function asymmetric(s: RequesterCredentials, body: ElSpec, action: string, env: { random: RandomSource; now: number }): Promise<SecuredRequest> {
  const id = await loadIdentity(requireX509(s));
  if (!id.peer) throw new UsageError('CLIENT_NO_PEER_CERT', 'expected the STS\'s certificate (x509.peerCertPem) in the client\'s state to encrypt the RST for, found none');
  const token = s.clientToken ?? 'username';
  const ut = token === 'username' ? await buildUsernameToken(usernameToken(), s, { random: env.random, now: env.now, id: freshId('UsernameToken', env.random) }) : null;
  const m = await buildX509Message({
    soap: s.soap, wsa: s.wsa, addressing: { action, to: STS_ENDPOINT.replace('https:', 'http:'), replyTo: 'anonymous' }, body,
    model: stsBootstrapPolicy('asymmetric', token), signer: id, recipient: id.peer, random: env.random, now: env.now,
    ...(ut ? { tokens: [ut.spec], signTokenIds: [ut.secrets.tokenId], encryptTokenIds: [ut.secrets.tokenId] } : {}),
  });
  return { wire: m.wire, messageId: m.messageId, secrets: { 'RST dataKey': m.secured.secrets.dataKey, 'RST EncryptedKey': m.secured.secrets.encryptedKeyId, ...(ut ? { 'RST UsernameToken password': ut.secrets.password } : {}) } };
}

function requireX509(s: RequesterCredentials): X509IdentityState {
  if (!s.x509) throw new UsageError('CLIENT_NO_X509', `expected the client to hold an X.509 identity for the ${s.binding ?? 'transport'} binding with a ${s.clientToken ?? 'username'} token, found none`);
  return s.x509;
}

/** An RST (or any Trust body) secured as the client's bootstrap binding and token say. */
export async function securedRequest(s: RequesterCredentials, body: ElSpec, action: string, env: { random: RandomSource; now: number }): Promise<SecuredRequest> {
  if ((s.binding ?? 'transport') === 'asymmetric') return asymmetric(s, body, action, env);
  return (s.clientToken ?? 'username') === 'x509' ? transportX509(s, body, action, env) : transportUsername(s, body, action, env);
}
