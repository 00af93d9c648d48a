// Presenting an issued SAML assertion to the service as its confirmation method asks (WSS SAML Token
// Profile 1.1 §3.5): bearer — carried as is, over HTTPS; holder-of-key — a signature over the
// Timestamp and Body with the proof key (HMAC with the symmetric key, or RSA with the private key
// of the certificate the assertion names, its KeyInfo pointing at the assertion or at the client's
// BinarySecurityToken); sender-vouches — the sender's certificate signs the Timestamp, the Body and
// the assertion (through an STR-Transform reference to a SecurityTokenReference naming it).

import type { Document, Element } from '@xmldom/xmldom';
import { fromBase64 } from '../crypto/encoding.ts';
import { uuidV4, type RandomSource } from '../crypto/random.ts';
import { signDocument } from '../dsig/index.ts';
import type { RsaPrivateKey, SecretKey } from '../crypto/keys.ts';
import { UsageError } from '../report/index.ts';
import { buildEnvelope } from '../soap/envelope.ts';
import { addressingHeaders, WSA } from '../wsa/headers.ts';
import { buildX509Token } from '../wss/binary_security_token.ts';
import { freshId } from '../wss/outbound.ts';
import { securityHeader } from '../wss/security_header.ts';
import { buildStr, dereferenceStr, strReference } from '../wss/security_token_reference.ts';
import { buildTimestamp } from '../wss/timestamp.ts';
import { build, type ElSpec } from '../xml/dom.ts';
import { NS, URI } from '../xml/names.ts';
import { parseXml } from '../xml/parse.ts';
import { formatXml, serializeXml } from '../xml/serialize.ts';
import { echoBody } from './client.ts';
import type { StsClientState } from './sts_client.ts';
import { loadIdentity } from './x509_identity.ts';

interface Slots {
  doc: Document;
  sec: Element;
  tsId: string;
  bodyId: string;
  random: RandomSource;
}

const samlVersionOf = (s: StsClientState): '1.1' | '2.0' => (s.tokenType.endsWith('SAMLV1.1') ? '1.1' : '2.0');

async function sign(x: Slots, key: RsaPrivateKey | SecretKey, keyInfo: ElSpec, extra: Array<{ target: string; transforms?: Array<{ algorithm: string }> }> = []): Promise<void> {
  const refs = [{ target: x.tsId, digest: URI.sha1 }, { target: x.bodyId, digest: URI.sha1 }, ...extra.map((e) => ({ ...e, digest: URI.sha1 }))];
  await signDocument(x.doc, {
    references: refs, signatureAlgorithm: key.kind === 'secret' ? URI.hmacSha1 : URI.rsaSha1, c14n: URI.excC14n,
    key, parent: x.sec, keyInfo, dereferenceStr,
  });
}

function addBst(x: Slots, cert: Parameters<typeof buildX509Token>[0]): string {
  const id = freshId('X509', x.random);
  x.sec.appendChild(build(x.doc, buildX509Token(cert, id), x.sec));
  return id;
}

async function clientIdentity(s: StsClientState) {
  if (!s.x509) throw new UsageError('CLIENT_NO_X509', `expected the client's certificate and key to present a ${s.confirmation ?? ''} token, found none`);
  return loadIdentity(s.x509);
}

/** Holder-of-key with the client's own key pair: its KeyInfo names the assertion (default) or a BST with its certificate. */
async function proveAsymmetric(s: StsClientState, x: Slots): Promise<void> {
  const id = await clientIdentity(s);
  const keyInfo = s.proofKeyReference === 'bst'
    ? strReference(`#${addBst(x, id.cert)}`, URI.x509v3)
    : buildStr({ kind: 'samlAssertionId', assertionId: s.tokenId ?? '', samlVersion: samlVersionOf(s) });
  await sign(x, id.key, keyInfo);
}

/** Sender-vouches: the sender's certificate signs the message and, through an STR-Transform, the assertion. */
async function vouch(s: StsClientState, x: Slots): Promise<void> {
  const id = await clientIdentity(s);
  const bstId = addBst(x, id.cert);
  const strId = freshId('STR', x.random);
  x.sec.appendChild(build(x.doc, buildStr({ kind: 'samlAssertionId', assertionId: s.tokenId ?? '', samlVersion: samlVersionOf(s), id: strId }), x.sec));
  await sign(x, id.key, strReference(`#${bstId}`, URI.x509v3), [{ target: strId, transforms: [{ algorithm: URI.strTransform }] }]);
}

/** The application request: the assertion in the Security header, and the proof its confirmation method asks for. */
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
  // Indent first, then add the assertion exactly as the STS signed it, then sign.
  const wireDoc = parseXml(formatXml(serializeXml(doc)));
  const sec = wireDoc.getElementsByTagNameNS(NS.wsse, 'Security')[0] as Element;
  if (token) sec.appendChild(wireDoc.importNode(token, true));
  const x: Slots = { doc: wireDoc, sec, tsId, bodyId, random: env.random };
  const confirmation = s.confirmation ?? (s.proofKey ? 'holder-of-key' : 'bearer');
  if (token && confirmation === 'sender-vouches') await vouch(s, x);
  else if (token && confirmation === 'holder-of-key' && s.proofKind === 'asymmetric') await proveAsymmetric(s, x);
  else if (token && confirmation === 'holder-of-key' && s.proofKey && s.tokenId) {
    await sign(x, { kind: 'secret', bytes: fromBase64(s.proofKey) }, buildStr({ kind: 'samlAssertionId', assertionId: s.tokenId, samlVersion: samlVersionOf(s) }));
  }
  return { wire: serializeXml(wireDoc), state: { ...s, sent: [...s.sent, messageId] } };
}
