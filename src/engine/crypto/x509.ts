// X.509 v3 certificates (RFC 5280 §4.1): parsing into plain data (CertInfo) and creating
// certificates for the demo PKI. The Subject Key Identifier is read from its extension
// (RFC 5280 §4.2.1.2) or, when absent, computed by method 1 (SHA-1 of the subjectPublicKey BIT
// STRING value), which is what WSS X.509 Token Profile §3.2 KeyIdentifier references match on.

import { DecodingError, UsageError, WsbenchError } from '../report/errors.ts';
import { TAG, child, decodeDer, oidToString, unsignedInteger, type DerNode } from './der.ts';
import { dnFromDer, dnToDer, dnToString, parseDn } from './dn.ts';
import { fromBase64, fromHex, fromUtf8Lossy, isBase64, toBase64, toHex } from './encoding.ts';
import { keysMatch, type RsaPrivateKey, type RsaPublicKey } from './keys.ts';
import { ownBytes } from './digest.ts';
import { derToPem, pemToDer } from './pem.ts';
import { subtle } from './port.ts';
import { sha1Sync } from './sha1_sync.ts';
import { x509, x509Crypto } from './x509_lib.ts';

export interface CertInfo {
  der: Uint8Array;
  pem: string;
  /** RFC 4514 string, most specific RDN first (as `openssl x509 -nameopt RFC2253` prints it). */
  subject: string;
  issuer: string;
  /** Serial number in uppercase hex, as `openssl x509 -serial` prints it. */
  serialHex: string;
  /** Serial number in decimal, as ds:X509SerialNumber carries it. */
  serialDecimal: string;
  /** ISO 8601 UTC, e.g. 2025-01-01T00:00:00Z. */
  notBefore: string;
  notAfter: string;
  /** SubjectPublicKeyInfo DER. */
  spki: Uint8Array;
  /** Base64 Subject Key Identifier (see skiSource). */
  ski: string;
  skiSource: 'extension' | 'computed (RFC 5280 §4.2.1.2 method 1)';
  /** Base64 SHA-1 of the DER (WSS 1.1 ThumbprintSHA1). */
  thumbprintSha1: string;
  /** As OpenSSL prints them: "DNS:host", "IP Address:…", "URI:…", "email:…". */
  subjectAltNames: string[];
  isCA: boolean;
  /** Name or OID of the signature algorithm, e.g. sha256WithRSAEncryption. */
  signatureAlgorithm: string;
  /** Subject and issuer are the same name. */
  selfIssued: boolean;
}

const SIGNATURE_NAMES: Record<string, string> = {
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'rsassaPss',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
};
const SAN_PREFIX: Record<string, string> = { dns: 'DNS', ip: 'IP Address', url: 'URI', email: 'email', upn: 'UPN', guid: 'GUID', dn: 'DirName', id: 'Registered ID' };
const CERT_LABELS = ['CERTIFICATE', 'X509 CERTIFICATE'];

function certError(found: string): DecodingError {
  return new DecodingError('X509_INVALID', `Expected an X.509 certificate (PEM, DER, or base64 DER); found ${found}`);
}

/** The certificate DER from PEM text, base64 text, DER bytes, or bytes holding PEM/base64 text. */
function certificateBytes(input: string | Uint8Array): Uint8Array {
  if (typeof input !== 'string') {
    if (input[0] === TAG.sequence) return input;
    if (input.length === 0) throw certError('no bytes');
    return certificateBytes(fromUtf8Lossy(input));
  }
  if (input.includes('-----BEGIN')) return pemToDer(input, CERT_LABELS).der;
  const trimmed = input.trim();
  if (trimmed === '') throw certError('empty text');
  if (!isBase64(trimmed)) throw certError(`text that is neither PEM nor base64 ("${trimmed.slice(0, 30)}…")`);
  return fromBase64(trimmed, 'the certificate');
}

interface TbsParts { serial: Uint8Array; issuer: DerNode; subject: DerNode; spki: DerNode; sigAlg: string }

/** The fields of TBSCertificate (RFC 5280 §4.1) wsbench reads itself. */
function tbsParts(der: Uint8Array): TbsParts {
  const cert = decodeDer(der, 'the certificate');
  const tbs = child(cert, 0, TAG.sequence, 'the tbsCertificate');
  const sigAlg = oidToString(child(child(cert, 1, TAG.sequence, 'the signatureAlgorithm'), 0, TAG.oid, 'the signature OID').content);
  const at = tbs.children[0]?.tag === 0xa0 ? 1 : 0;
  return {
    serial: child(tbs, at, TAG.integer, 'the serialNumber').content,
    issuer: child(tbs, at + 2, TAG.sequence, 'the issuer Name'),
    subject: child(tbs, at + 4, TAG.sequence, 'the subject Name'),
    spki: child(tbs, at + 5, TAG.sequence, 'the subjectPublicKeyInfo'),
    sigAlg,
  };
}

/** Serial as [uppercase hex like OpenSSL, decimal]; a negative (non-conforming) serial keeps its sign in decimal. */
function serialForms(content: Uint8Array): [string, string] {
  let value = BigInt(`0x${toHex(content) || '0'}`);
  if (content.length > 0 && (content[0]! & 0x80) !== 0) value -= 1n << BigInt(content.length * 8);
  return [toHex(unsignedInteger(content)).toUpperCase() || '00', value.toString()];
}

function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** SHA-1 of the subjectPublicKey BIT STRING value (no tag, length or unused-bits octet). */
export function computeSki(spki: Uint8Array): Uint8Array {
  const info = decodeDer(spki, 'the SubjectPublicKeyInfo');
  return sha1Sync(child(info, 1, TAG.bitString, 'the subjectPublicKey').content.subarray(1));
}

function extensionFields(cert: x509.X509Certificate, spki: Uint8Array): Pick<CertInfo, 'ski' | 'skiSource' | 'subjectAltNames' | 'isCA'> {
  const skiExt = cert.getExtension(x509.SubjectKeyIdentifierExtension);
  const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
  const bc = cert.getExtension(x509.BasicConstraintsExtension);
  return {
    ski: skiExt ? toBase64(fromHex(skiExt.keyId)) : toBase64(computeSki(spki)),
    skiSource: skiExt ? 'extension' : 'computed (RFC 5280 §4.2.1.2 method 1)',
    subjectAltNames: san ? san.names.items.map((n) => `${SAN_PREFIX[n.type] ?? n.type}:${n.value}`) : [],
    isCA: bc?.ca ?? false,
  };
}

/** CertInfo from certificate DER, synchronously (SHA-1 in pure JS). Throws DecodingError X509_INVALID. */
export function certInfoFromDer(der: Uint8Array): CertInfo {
  let cert: x509.X509Certificate;
  let parts: TbsParts;
  try {
    parts = tbsParts(der);
    cert = new x509.X509Certificate(ownBytes(der));
  } catch (e) {
    throw certError(`bytes that do not parse as one (${e instanceof Error ? e.message : String(e)})`);
  }
  const [serialHex, serialDecimal] = serialForms(parts.serial);
  const spki = new Uint8Array(parts.spki.raw);
  const own = new Uint8Array(der);
  return {
    der: own, pem: derToPem(own, 'CERTIFICATE'),
    subject: dnToString(dnFromDer(parts.subject)), issuer: dnToString(dnFromDer(parts.issuer)),
    serialHex, serialDecimal,
    notBefore: isoSeconds(cert.notBefore), notAfter: isoSeconds(cert.notAfter),
    spki, ...extensionFields(cert, spki),
    thumbprintSha1: toBase64(sha1Sync(own)),
    signatureAlgorithm: SIGNATURE_NAMES[parts.sigAlg] ?? parts.sigAlg,
    selfIssued: toHex(parts.subject.raw) === toHex(parts.issuer.raw),
  };
}

/** Parses a certificate from PEM, DER, or base64 DER (the content of a BinarySecurityToken). */
export async function parseCertificate(input: string | Uint8Array): Promise<CertInfo> {
  try {
    return certInfoFromDer(certificateBytes(input));
  } catch (e) {
    if (e instanceof WsbenchError && e.code !== 'X509_INVALID') throw certError(e.message);
    throw e;
  }
}

/** The subject Name of a certificate, as DER. */
export function subjectNameDer(cert: CertInfo): Uint8Array {
  return new Uint8Array(tbsParts(cert.der).subject.raw);
}

export interface CreateCertificateOptions {
  /** RFC 4514 subject, e.g. "CN=client.wsbench.example". */
  subject: string;
  /** The signing CA; omitted for a self-signed certificate. */
  issuer?: { cert: CertInfo; key: RsaPrivateKey };
  publicKey: RsaPublicKey;
  /** The subject's private key; required (and used to sign) when there is no issuer. */
  privateKey?: RsaPrivateKey;
  /** Serial number as hex digits. */
  serial: string;
  notBefore: Date | string;
  notAfter: Date | string;
  isCA?: boolean;
  dnsNames?: string[];
  hash?: 'SHA-256' | 'SHA-1';
}

function toDate(value: Date | string, what: string): Date {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) throw new UsageError('X509_BAD_DATE', `Expected ${what} as a Date or ISO 8601 text; found ${String(value)}`);
  return d;
}

/** Hex serial made a positive DER INTEGER (RFC 5280 §4.1.2.2): no redundant zeros, sign octet if needed. */
function normalizedSerial(serial: string): string {
  const hex = serial.replace(/[\s:]/g, '').toLowerCase().replace(/^0+(?=.)/, '');
  if (!/^[0-9a-f]+$/.test(hex) || hex.length > 40) {
    throw new UsageError('X509_BAD_SERIAL', `Expected a serial number of 1 to 20 octets in hex; found "${serial}"`);
  }
  const even = hex.length % 2 ? `0${hex}` : hex;
  return parseInt(even[0]!, 16) >= 8 ? `00${even}` : even;
}

function certExtensions(o: CreateCertificateOptions, ski: Uint8Array, authorityKeyId: Uint8Array): x509.Extension[] {
  const F = x509.KeyUsageFlags;
  const usages = o.isCA
    ? F.keyCertSign | F.cRLSign | F.digitalSignature
    : F.digitalSignature | F.nonRepudiation | F.keyEncipherment | F.dataEncipherment;
  const exts: x509.Extension[] = [
    new x509.BasicConstraintsExtension(o.isCA ?? false, undefined, true),
    new x509.KeyUsagesExtension(usages, true),
    new x509.SubjectKeyIdentifierExtension(toHex(ski)),
    new x509.AuthorityKeyIdentifierExtension(toHex(authorityKeyId)),
  ];
  if (o.dnsNames?.length) exts.push(new x509.SubjectAlternativeNameExtension(o.dnsNames.map((value) => ({ type: 'dns' as const, value }))));
  return exts;
}

/** Creates an RSA certificate signed by `issuer` (or self-signed), with BasicConstraints, KeyUsage, SKI, AKI and SAN. */
export async function createCertificate(o: CreateCertificateOptions): Promise<CertInfo> {
  const signer = o.issuer?.key ?? o.privateKey;
  if (!signer) throw new UsageError('X509_NO_SIGNER', 'Expected an issuer (cert and key) or the subject\'s own private key to sign with; found neither');
  if (!o.issuer && !keysMatch(signer, o.publicKey)) {
    throw new UsageError('X509_KEY_MISMATCH', 'Expected a self-signed certificate\'s private key to match its public key; found a different key pair');
  }
  const s = await subtle();
  const signingAlgorithm = { name: 'RSASSA-PKCS1-v1_5', hash: o.hash ?? 'SHA-256' };
  const signingKey = await s.importKey('pkcs8', new Uint8Array(signer.pkcs8), signingAlgorithm, false, ['sign']);
  const publicKey = await s.importKey('spki', new Uint8Array(o.publicKey.spki), signingAlgorithm, true, ['verify']);
  const ski = computeSki(o.publicKey.spki);
  const authorityKeyId = o.issuer ? fromBase64(o.issuer.cert.ski) : ski;
  const subjectDer = dnToDer(parseDn(o.subject));
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: normalizedSerial(o.serial),
    subject: new x509.Name(ownBytes(subjectDer)),
    issuer: new x509.Name(ownBytes(o.issuer ? subjectNameDer(o.issuer.cert) : subjectDer)),
    notBefore: toDate(o.notBefore, 'notBefore'),
    notAfter: toDate(o.notAfter, 'notAfter'),
    publicKey, signingKey, signingAlgorithm,
    extensions: certExtensions(o, ski, authorityKeyId),
  }, await x509Crypto());
  return certInfoFromDer(new Uint8Array(cert.rawData));
}
