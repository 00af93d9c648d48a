// Shared fixtures for the dsig tests: a SOAP 1.1 envelope with one signable part per Id kind
// (wsu:Id, Id, ID, AssertionID), an X.509-like BinarySecurityToken with a SecurityTokenReference to
// it, fresh RSA and HMAC keys (node:crypto), and helpers to sign and verify.

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { Document, Element } from '@xmldom/xmldom';
import type { RsaPrivateKey, SecretKey } from '../../src/engine/crypto/keys.ts';
import type { ResolvedKey } from '../../src/engine/dsig/key_info.ts';
import { signDocument, verifySignature, type SignSpec, type SignatureVerification } from '../../src/engine/dsig/index.ts';
import { attr, firstChildNS } from '../../src/engine/xml/dom.ts';
import { findById } from '../../src/engine/xml/ids.ts';
import { NS, URI } from '../../src/engine/xml/names.ts';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { serializeXml } from '../../src/engine/xml/serialize.ts';

export const ALGORITHMS = [URI.rsaSha1, URI.rsaSha256, URI.hmacSha1, URI.hmacSha256] as const;
export const C14NS = [URI.excC14n, URI.c14n] as const;
export const DIGESTS = [URI.sha1, URI.sha256] as const;
export const SHORT: Record<string, string> = {
  [URI.rsaSha1]: 'rsa-sha1', [URI.rsaSha256]: 'rsa-sha256', [URI.hmacSha1]: 'hmac-sha1', [URI.hmacSha256]: 'hmac-sha256',
  [URI.excC14n]: 'exc-c14n', [URI.c14n]: 'c14n', [URI.sha1]: 'sha1', [URI.sha256]: 'sha256',
};

/** One element per Id attribute kind, each in the envelope below. */
export const ID_KINDS = [
  { kind: 'wsu:Id', id: 'Body-1', local: 'Body' },
  { kind: 'Id', id: 'payload-1', local: 'Echo' },
  { kind: 'ID', id: '_s2', local: 'Assertion' },
  { kind: 'AssertionID', id: '_a1', local: 'Assertion' },
] as const;

export const ENVELOPE = `<soap:Envelope xmlns:soap="${NS.soap11}" xmlns:wsu="${NS.wsu}" xmlns:xsd="${NS.xsd}" xmlns:xsi="${NS.xsi}">
  <soap:Header>
    <wsse:Security xmlns:wsse="${NS.wsse}" soap:mustUnderstand="1">
      <wsu:Timestamp wsu:Id="TS-1"><wsu:Created>2024-05-01T10:00:00Z</wsu:Created><wsu:Expires>2024-05-01T10:05:00Z</wsu:Expires></wsu:Timestamp>
      <wsse:BinarySecurityToken wsu:Id="X509-1" EncodingType="${URI.base64Binary}" ValueType="${URI.x509v3}">MIIBszCCAVmgAwIBAgIUQ2VydGlmaWNhdGU=</wsse:BinarySecurityToken>
      <wsse:SecurityTokenReference wsu:Id="STR-1"><wsse:Reference URI="#X509-1" ValueType="${URI.x509v3}"/></wsse:SecurityTokenReference>
      <saml:Assertion xmlns:saml="${NS.saml11}" AssertionID="_a1" MajorVersion="1" MinorVersion="1" Issuer="sts" IssueInstant="2024-05-01T10:00:00Z">
        <saml:AttributeStatement><saml:Subject><saml:NameIdentifier>alice</saml:NameIdentifier></saml:Subject></saml:AttributeStatement>
      </saml:Assertion>
      <saml2:Assertion xmlns:saml2="${NS.saml2}" ID="_s2" Version="2.0" IssueInstant="2024-05-01T10:00:00Z"><saml2:Issuer>idp</saml2:Issuer></saml2:Assertion>
    </wsse:Security>
  </soap:Header>
  <soap:Body wsu:Id="Body-1"><m:Echo xmlns:m="urn:example:echo" Id="payload-1"><m:Text xsi:type="xsd:string">h&#233;llo &amp; &lt;world&gt;</m:Text></m:Echo></soap:Body>
</soap:Envelope>`;

export function envelope(): Document {
  return parseXml(ENVELOPE);
}

export function securityHeader(doc: Document): Element {
  return doc.getElementsByTagNameNS(NS.wsse, 'Security').item(0)!;
}

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'der' }, privateKeyEncoding: { type: 'pkcs8', format: 'der' } });
const otherRsa = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'der' }, privateKeyEncoding: { type: 'pkcs8', format: 'der' } });

export const KEYS = {
  rsaPrivate: { kind: 'rsa-private', pkcs8: new Uint8Array(rsa.privateKey) } as RsaPrivateKey,
  rsaPublic: { kind: 'rsa-public', spki: new Uint8Array(rsa.publicKey), source: 'test RSA key' } as ResolvedKey,
  otherRsaPublic: { kind: 'rsa-public', spki: new Uint8Array(otherRsa.publicKey), source: 'another RSA key' } as ResolvedKey,
  secret: { kind: 'secret', bytes: new Uint8Array(randomBytes(32)) } as SecretKey,
  otherSecret: { kind: 'secret', bytes: new Uint8Array(randomBytes(32)) } as SecretKey,
  /** PEM forms for the peers. */
  rsaPrivatePem: derToPem(rsa.privateKey, 'PRIVATE KEY'),
  rsaPublicPem: derToPem(rsa.publicKey, 'PUBLIC KEY'),
};

function derToPem(der: Buffer, label: string): string {
  const b64 = der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

export const isHmac = (alg: string): boolean => alg.includes('hmac');

export function signingKey(alg: string): RsaPrivateKey | SecretKey {
  return isHmac(alg) ? KEYS.secret : KEYS.rsaPrivate;
}

export function verifyingKey(alg: string): ResolvedKey {
  return isHmac(alg) ? { kind: 'secret', bytes: KEYS.secret.bytes, source: 'test HMAC secret' } : KEYS.rsaPublic;
}

/** A resolver that always answers with `key`. */
export function fixedKey(key: ResolvedKey | null) {
  return async () => ({ key, checks: [] });
}

/** Follows wsse:Reference URI="#id" inside a SecurityTokenReference (enough for these tests). */
export function derefStr(str: Element): Element | null {
  const ref = firstChildNS(str, NS.wsse, 'Reference');
  const uri = ref ? attr(ref, 'URI') : null;
  return uri && str.ownerDocument ? findById(str.ownerDocument, uri) : null;
}

/** Signs `doc` in its Security header with defaults filled in, returning the ds:Signature. */
export async function sign(doc: Document, over: Partial<SignSpec> & { references: SignSpec['references'] }): Promise<Element> {
  const alg = over.signatureAlgorithm ?? URI.rsaSha1;
  return signDocument(doc, {
    signatureAlgorithm: alg, c14n: URI.excC14n, key: signingKey(alg), parent: securityHeader(doc), dereferenceStr: derefStr, ...over,
  });
}

/** Verifies the first ds:Signature of `doc` with the key matching `alg`. */
export async function verify(doc: Document, alg: string, key: ResolvedKey | null = verifyingKey(alg)): Promise<SignatureVerification> {
  const sig = doc.getElementsByTagNameNS(NS.ds, 'Signature').item(0)!;
  return verifySignature(sig, { resolveKey: fixedKey(key), dereferenceStr: derefStr });
}

/** The document as wire text and parsed back, as a receiver sees it. */
export function rewire(doc: Document): Document {
  return parseXml(serializeXml(doc));
}

export function codes(v: SignatureVerification, status?: string): string[] {
  return v.checks.filter((c) => !status || c.status === status).map((c) => c.code);
}
