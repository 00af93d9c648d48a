// What the STS issues once it has decided (seed 004; seed 001 table 3-3): a SAML assertion signed
// with its key, whose SubjectConfirmation is bearer, sender-vouches (the OnBehalfOf subject, no
// proof key), holder-of-key with a symmetric proof key encrypted for the relying service (generated,
// or P_SHA1 of both entropies), or holder-of-key with the requester's public key (UseKey, or the
// certificate that signed the request); then the RSTR around it — with a RequestedProofToken only
// when the requester does not already hold the proof key — and the envelope, signed and encrypted
// for the requester when the request came over the AsymmetricBinding.

import type { Document, Element } from '@xmldom/xmldom';
import { fromBase64, toBase64, toHex } from '../crypto/encoding.ts';
import { importPrivateKeyPem, importPublicKey } from '../crypto/keys.ts';
import { uuidV4, type RandomSource } from '../crypto/random.ts';
import { parseCertificate } from '../crypto/x509.ts';
import { buildAssertion, signAssertion, type ConfirmationSpec } from '../saml/index.ts';
import { buildEnvelope, type SoapVersion } from '../soap/envelope.ts';
import { computedKeyPsha1 } from '../trust/computed_key.ts';
import type { TrustVersionId } from '../trust/rst.ts';
import { buildRstr } from '../trust/rstr.ts';
import { addressingHeaders, WSA, type WsaVersion } from '../wsa/headers.ts';
import { freshId } from '../wss/outbound.ts';
import { securityHeader } from '../wss/security_header.ts';
import { buildStr } from '../wss/security_token_reference.ts';
import { buildTimestamp } from '../wss/timestamp.ts';
import { secureAsymmetric } from '../wss/x509_outbound.ts';
import { newDocument, type ElSpec } from '../xml/dom.ts';
import { NS, TRUST_VERSIONS, URI } from '../xml/names.ts';
import { parseXml } from '../xml/parse.ts';
import { formatXml, serializeXml } from '../xml/serialize.ts';
import type { StsState } from './sts.ts';

/** What the STS decided about the last request, as the issuing step needs it. */
export type IssueInput = Pick<NonNullable<StsState['last']>,
  'requester' | 'requesterKind' | 'onBehalfOf' | 'confirmation' | 'proofKey' | 'keySize' | 'clientEntropy' | 'appliesTo' | 'tokenType' | 'proofCertPem' | 'proofKeySpki'>;

export interface IssueEnv {
  random: RandomSource;
  now: number;
  soap: SoapVersion;
  wsa: WsaVersion;
}

export interface Issued {
  rstr: ElSpec;
  token: Element;
  assertionId: string;
  secrets: Record<string, string>;
}

/** The symmetric proof key and the issuer entropy it was computed with, when there is one. */
async function symmetricProof(last: IssueInput, random: RandomSource, reuseKey?: Uint8Array): Promise<{ proof?: Uint8Array; stsEntropy?: Uint8Array }> {
  if (last.proofKey !== 'symmetric') return {};
  if (reuseKey) return { proof: reuseKey };
  const bits = last.keySize ?? 256;
  if (!last.clientEntropy) return { proof: random.bytes(bits / 8) };
  const stsEntropy = random.bytes(bits / 8);
  return { proof: await computedKeyPsha1(fromBase64(last.clientEntropy), stsEntropy, bits), stsEntropy };
}

/** The SubjectConfirmation the decision asks for. */
async function confirmationFor(state: StsState, last: IssueInput, proof: Uint8Array | undefined): Promise<ConfirmationSpec> {
  if (last.confirmation === 'bearer') return { method: 'bearer' };
  if (last.confirmation === 'sender-vouches') return { method: 'sender-vouches' };
  if (last.proofKey === 'asymmetric') {
    if (last.proofCertPem) return { method: 'holder-of-key', proof: { kind: 'asymmetric', cert: await parseCertificate(last.proofCertPem) } };
    return { method: 'holder-of-key', proof: { kind: 'asymmetric', publicKey: importPublicKey(fromBase64(last.proofKeySpki ?? '', 'the UseKey public key')) } };
  }
  const sp = state.config.serviceProviders.find((s) => s.appliesTo === last.appliesTo) ?? state.config.serviceProviders[0];
  return { method: 'holder-of-key', proof: { kind: 'symmetric', key: proof as Uint8Array, encryptedFor: await parseCertificate(sp?.certPem ?? '') } };
}

function authnMethod(state: StsState, last: IssueInput): string | undefined {
  if (last.onBehalfOf) return undefined; // the STS did not authenticate the OnBehalfOf subject itself
  const x509 = last.requesterKind === 'x509';
  if (state.samlVersion === '1.1') return x509 ? 'urn:oasis:names:tc:SAML:1.0:am:X509-PKI' : 'urn:oasis:names:tc:SAML:1.0:am:password';
  return x509 ? 'urn:oasis:names:tc:SAML:2.0:ac:classes:X509' : 'urn:oasis:names:tc:SAML:2.0:ac:classes:Password';
}

/** Mints the signed assertion and the RSTR (with an empty RequestedSecurityToken slot for it). */
export async function issueToken(state: StsState, last: IssueInput, env: IssueEnv, reuseKey?: Uint8Array): Promise<Issued> {
  const lifetime = { created: env.now, expires: env.now + state.config.lifetimeSeconds * 1000 };
  const assertionId = `_${toHex(env.random.bytes(16))}`;
  const { proof, stsEntropy } = await symmetricProof(last, env.random, reuseKey);
  const method = authnMethod(state, last);
  const spec = await buildAssertion({
    version: state.samlVersion, id: assertionId, issuer: state.issuerName, issueInstant: env.now, notBefore: env.now, notOnOrAfter: lifetime.expires,
    ...(last.appliesTo ? { audience: last.appliesTo } : {}), subject: { name: last.onBehalfOf ?? last.requester ?? '' },
    confirmation: await confirmationFor(state, last, proof), random: env.random, ...(method ? { authnMethod: method } : {}),
  });
  const doc = newDocument(spec);
  await signAssertion(doc, doc.documentElement as Element, { key: importPrivateKeyPem(state.x509.keyPem), cert: await parseCertificate(state.x509.certPem), signatureAlgorithm: state.config.signatureAlgorithm === 'rsa-sha256' ? URI.rsaSha256 : URI.rsaSha1 });
  const ref = buildStr({ kind: 'samlAssertionId', assertionId, samlVersion: state.samlVersion });
  const rstr = buildRstr({
    version: state.trust, tokenType: last.tokenType ?? '', attachedReference: ref, unattachedReference: ref, lifetime,
    ...(proof && !stsEntropy ? { proofToken: { kind: 'binary-secret' as const, secret: proof } } : {}),
    ...(proof && stsEntropy ? { proofToken: { kind: 'computed-key' as const, algorithm: TRUST_VERSIONS[state.trust].computedKeyPsha1 }, entropy: stsEntropy, keySize: last.keySize ?? 256 } : {}),
    collection: state.trust === '1.3',
  });
  const secrets: Record<string, string> = { assertionId, ...(proof ? { proofKey: toBase64(proof) } : {}), ...(stsEntropy ? { stsEntropy: toBase64(stsEntropy) } : {}) };
  return { rstr: { ...rstr, children: withTokenSlot(rstr, state.trust) }, token: doc.documentElement as Element, assertionId, secrets };
}

/** The RSTR's children with an empty wst:RequestedSecurityToken first (the token goes in verbatim later). */
function withTokenSlot(rstr: ElSpec, trust: TrustVersionId): ElSpec['children'] {
  const ns = TRUST_VERSIONS[trust].ns;
  const inner = rstr.name.endsWith('Collection') ? (rstr.children?.[0] as ElSpec) : rstr;
  const slot: ElSpec = { ns, name: 'wst:RequestedSecurityToken' };
  if (inner !== rstr) return [{ ...inner, children: [slot, ...(inner.children ?? [])] }];
  return [slot, ...(rstr.children ?? [])];
}

/** Indents the envelope, then puts the signed assertion into its slot exactly as it was signed. */
function withToken(doc: Document, issued: Issued, trust: TrustVersionId): Document {
  const wire = parseXml(formatXml(serializeXml(doc)));
  const slot = wire.getElementsByTagNameNS(TRUST_VERSIONS[trust].ns, 'RequestedSecurityToken')[0] as Element;
  slot.appendChild(wire.importNode(issued.token, true));
  return wire;
}

export interface RstrEnvelopeOptions {
  action: string;
  relatesTo?: string;
  /** Whether to put a Timestamp in a Security header (the issue response does; Renew's answer did not). */
  timestamp: boolean;
  /** The AsymmetricBinding: the response signed with the STS key and encrypted for this certificate. */
  secureFor?: string;
}

/** The response envelope carrying an issued token: over HTTPS as is, or secured with the AsymmetricBinding. */
export async function rstrEnvelope(state: StsState, issued: Issued, env: IssueEnv, o: RstrEnvelopeOptions): Promise<{ wire: string; secrets: Record<string, string> }> {
  const r = env.random;
  const messageId = `urn:uuid:${uuidV4(r)}`;
  const secured = o.secureFor && state.policy.binding?.kind === 'AsymmetricBinding';
  const ids = secured ? { action: freshId('Action', r), to: freshId('To', r), messageId: freshId('MessageID', r), ...(o.relatesTo ? { relatesTo: freshId('RelatesTo', r) } : {}) } : undefined;
  const tsId = freshId('TS', r);
  const bodyId = freshId('Body', r);
  const headers = addressingHeaders(env.wsa, { action: o.action, to: WSA[env.wsa].anonymous, messageId, ...(o.relatesTo ? { relatesTo: o.relatesTo } : {}), ...(ids ? { ids } : {}) });
  if (o.timestamp || secured) headers.push(securityHeader(env.soap, [buildTimestamp({ id: tsId, now: env.now, ttlSeconds: 300 })]));
  const doc = buildEnvelope({ version: env.soap, xmlns: { wsa: WSA[env.wsa].ns, ...(secured ? { wsu: NS.wsu } : {}) }, headers, body: [issued.rstr], ...(secured ? { bodyAttrs: [[NS.wsu, 'wsu:Id', bodyId]] } : {}) });
  const wire = withToken(doc, issued, state.trust);
  if (!secured || !ids || !o.secureFor) return { wire: serializeXml(wire), secrets: issued.secrets };
  const s = await secureAsymmetric(wire, state.policy, {
    soap: env.soap, random: r, signer: { key: importPrivateKeyPem(state.x509.keyPem), cert: await parseCertificate(state.x509.certPem) },
    recipient: await parseCertificate(o.secureFor), bodyId, signIds: [tsId, ...Object.values(ids)],
  });
  return { wire: serializeXml(wire), secrets: { ...issued.secrets, 'response dataKey': s.secrets.dataKey, 'response EncryptedKey': s.secrets.encryptedKeyId } };
}
