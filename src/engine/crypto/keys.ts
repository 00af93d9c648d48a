// Key material as plain, serializable data (DESIGN.md decision 2): RSA private keys as PKCS#8
// PrivateKeyInfo (RFC 5208 §5) holding a PKCS#1 RSAPrivateKey (RFC 8017 App. A.1.2), public keys as
// SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) holding a PKCS#1 RSAPublicKey (RFC 8017 App. A.1.1), and
// symmetric secrets as bytes. Also ResolvedKey, what a SecurityTokenReference resolves to.

import { CryptoError, DecodingError } from '../report/errors.ts';
import type { CertInfo } from './x509.ts';
import { TAG, child, decodeDer, derEncode, derOid, oidToString, unsignedInteger, type DerNode } from './der.ts';
import { bytesEqual } from './encoding.ts';
import { pemToDer, splitPemBlocks, derToPem } from './pem.ts';
import { subtle } from './port.ts';

/** An RSA private key as PKCS#8 DER. */
export interface RsaPrivateKey { kind: 'rsa-private'; pkcs8: Uint8Array }
/** An RSA public key as SubjectPublicKeyInfo DER. */
export interface RsaPublicKey { kind: 'rsa-public'; spki: Uint8Array }
/** A symmetric key (HMAC secret, session key, derived key). */
export interface SecretKey { kind: 'secret'; bytes: Uint8Array }

/** A key found by following a reference; `source` says in words where it came from. */
export type ResolvedKey =
  | { kind: 'rsa-public'; spki: Uint8Array; cert?: CertInfo; source: string }
  | { kind: 'secret'; bytes: Uint8Array; source: string };

export const RSA_ENCRYPTION_OID = '1.2.840.113549.1.1.1';
const RSASSA_PSS_OID = '1.2.840.113549.1.1.10';
const KEY_LABELS = ['PRIVATE KEY', 'RSA PRIVATE KEY', 'ENCRYPTED PRIVATE KEY'];

const rsaAlgorithmIdentifier = (): Uint8Array => derEncode(TAG.sequence, derOid(RSA_ENCRYPTION_OID), derEncode(TAG.null));

function keyError(what: string, found: string): DecodingError {
  return new DecodingError('KEY_INVALID', `Expected ${what}; found ${found}`);
}

/** The nine INTEGERs of a PKCS#1 RSAPrivateKey (version, n, e, d, p, q, dp, dq, qinv). */
function readPkcs1Private(der: Uint8Array): DerNode[] {
  const seq = decodeDer(der, 'the PKCS#1 RSAPrivateKey');
  if (seq.tag !== TAG.sequence || seq.children.length < 9 || seq.children.slice(0, 9).some((c) => c.tag !== TAG.integer)) {
    throw keyError('a PKCS#1 RSAPrivateKey (a SEQUENCE of nine INTEGERs, RFC 8017 App. A.1.2)', `a structure of ${seq.children.length} elements`);
  }
  return seq.children;
}

/** The PKCS#1 RSAPrivateKey inside a PKCS#8 PrivateKeyInfo, after checking it is an RSA key. */
function pkcs1FromPkcs8(pkcs8: Uint8Array): Uint8Array {
  const info = decodeDer(pkcs8, 'the PKCS#8 PrivateKeyInfo');
  if (info.tag !== TAG.sequence) throw keyError('a PKCS#8 PrivateKeyInfo SEQUENCE (RFC 5208 §5)', `tag 0x${info.tag.toString(16)}`);
  const algorithm = child(info, 1, TAG.sequence, 'the PKCS#8 privateKeyAlgorithm');
  const oid = oidToString(child(algorithm, 0, TAG.oid, 'the PKCS#8 algorithm OID').content);
  if (oid !== RSA_ENCRYPTION_OID) {
    const name = oid === RSASSA_PSS_OID ? 'RSASSA-PSS (1.2.840.113549.1.1.10), which WebCrypto cannot import for PKCS#1 v1.5 or OAEP' : oid;
    throw new CryptoError('KEY_NOT_RSA', `Expected an RSA private key (rsaEncryption, ${RSA_ENCRYPTION_OID}); found algorithm ${name}`);
  }
  return child(info, 2, TAG.octetString, 'the PKCS#8 privateKey OCTET STRING').content;
}

/** Wraps a PKCS#1 RSAPrivateKey into a PKCS#8 PrivateKeyInfo (version 0, rsaEncryption, NULL). */
export function pkcs1ToPkcs8(pkcs1: Uint8Array): Uint8Array {
  readPkcs1Private(pkcs1);
  return derEncode(TAG.sequence, derEncode(TAG.integer, Uint8Array.of(0)), rsaAlgorithmIdentifier(), derEncode(TAG.octetString, pkcs1));
}

/** A PKCS#8 RSA private key from DER, validated (the RSAPrivateKey inside must parse). */
export function rsaPrivateKeyFromPkcs8(pkcs8: Uint8Array): RsaPrivateKey {
  readPkcs1Private(pkcs1FromPkcs8(pkcs8));
  return { kind: 'rsa-private', pkcs8: new Uint8Array(pkcs8) };
}

/**
 * Imports an RSA private key from PEM: PKCS#8 "PRIVATE KEY" as is, PKCS#1 "RSA PRIVATE KEY" wrapped
 * into PKCS#8. An encrypted key (PKCS#8 "ENCRYPTED PRIVATE KEY", or a traditional key with
 * Proc-Type: 4,ENCRYPTED) throws CryptoError `KEY_ENCRYPTED` asking for its password.
 */
export function importPrivateKeyPem(pem: string): RsaPrivateKey {
  const { label, der } = pemToDer(pem, KEY_LABELS);
  if (label === 'ENCRYPTED PRIVATE KEY') throw encryptedKeyError('a PKCS#8 "ENCRYPTED PRIVATE KEY"');
  if (label === 'PRIVATE KEY') return rsaPrivateKeyFromPkcs8(der);
  const block = splitPemBlocks(pem).find((b) => b.label === label);
  if (block?.headers['Proc-Type']?.includes('ENCRYPTED')) {
    throw encryptedKeyError(`an "RSA PRIVATE KEY" encrypted with ${block.headers['DEK-Info'] ?? 'an unnamed cipher'}`);
  }
  return { kind: 'rsa-private', pkcs8: pkcs1ToPkcs8(der) };
}

function encryptedKeyError(found: string): CryptoError {
  return new CryptoError('KEY_ENCRYPTED',
    `Expected an unencrypted private key; found ${found}: give its password (or export it unencrypted with \`openssl pkey -in key.pem -out plain.pem\`)`);
}

/** PKCS#8 PEM text ("PRIVATE KEY") of a private key. */
export function privateKeyToPem(key: RsaPrivateKey): string {
  return derToPem(key.pkcs8, 'PRIVATE KEY');
}

/** SPKI PEM text ("PUBLIC KEY") of a public key. */
export function publicKeyToPem(key: RsaPublicKey): string {
  return derToPem(key.spki, 'PUBLIC KEY');
}

/** An RSA public key from SPKI DER or a "PUBLIC KEY" PEM, validated. */
export function importPublicKey(input: string | Uint8Array): RsaPublicKey {
  const spki = typeof input === 'string' ? pemToDer(input, 'PUBLIC KEY').der : input;
  rsaPublicNumbers(spki);
  return { kind: 'rsa-public', spki: new Uint8Array(spki) };
}

/** Modulus and public exponent (unsigned big-endian bytes) of an RSA SubjectPublicKeyInfo. */
export function rsaPublicNumbers(spki: Uint8Array): { modulus: Uint8Array; exponent: Uint8Array } {
  const info = decodeDer(spki, 'the SubjectPublicKeyInfo');
  const algorithm = child(info, 0, TAG.sequence, 'the SubjectPublicKeyInfo algorithm');
  const oid = oidToString(child(algorithm, 0, TAG.oid, 'the SubjectPublicKeyInfo algorithm OID').content);
  if (oid !== RSA_ENCRYPTION_OID) {
    throw new CryptoError('KEY_NOT_RSA', `Expected an RSA public key (rsaEncryption, ${RSA_ENCRYPTION_OID}); found algorithm ${oid}`);
  }
  const bits = child(info, 1, TAG.bitString, 'the subjectPublicKey BIT STRING').content;
  const rsa = decodeDer(bits.subarray(1), 'the PKCS#1 RSAPublicKey');
  return {
    modulus: unsignedInteger(child(rsa, 0, TAG.integer, 'the RSA modulus').content),
    exponent: unsignedInteger(child(rsa, 1, TAG.integer, 'the RSA public exponent').content),
  };
}

/** Modulus and public exponent (unsigned) of a private key. */
function privateNumbers(key: RsaPrivateKey): { modulus: Uint8Array; exponent: Uint8Array; n: DerNode; e: DerNode } {
  const ints = readPkcs1Private(pkcs1FromPkcs8(key.pkcs8));
  return { modulus: unsignedInteger(ints[1]!.content), exponent: unsignedInteger(ints[2]!.content), n: ints[1]!, e: ints[2]! };
}

/** The public half of a private key, built from its modulus and exponent (no WebCrypto round trip). */
export async function publicKeyOf(priv: RsaPrivateKey): Promise<RsaPublicKey> {
  const { n, e } = privateNumbers(priv);
  const rsaPublicKey = derEncode(TAG.sequence, n.raw, e.raw);
  const spki = derEncode(TAG.sequence, rsaAlgorithmIdentifier(), derEncode(TAG.bitString, Uint8Array.of(0), rsaPublicKey));
  return { kind: 'rsa-public', spki };
}

/** INTEGER content for an unsigned big-endian value: no redundant zeros, a 0x00 sign octet when needed. */
function positiveInteger(value: Uint8Array): Uint8Array {
  const v = unsignedInteger(value);
  return v.length > 0 && (v[0]! & 0x80) !== 0 ? Uint8Array.of(0, ...v) : v;
}

/** An RSA public key from its modulus and exponent (e.g. a ds:RSAKeyValue, XMLDSig §4.4.2.2). */
export function rsaPublicKeyFromNumbers(modulus: Uint8Array, exponent: Uint8Array): RsaPublicKey {
  if (unsignedInteger(modulus).every((b) => b === 0) || unsignedInteger(exponent).every((b) => b === 0)) {
    throw keyError('a non-zero RSA modulus and exponent', 'a zero value');
  }
  const rsa = derEncode(TAG.sequence, derEncode(TAG.integer, positiveInteger(modulus)), derEncode(TAG.integer, positiveInteger(exponent)));
  return { kind: 'rsa-public', spki: derEncode(TAG.sequence, rsaAlgorithmIdentifier(), derEncode(TAG.bitString, Uint8Array.of(0), rsa)) };
}

/** True when `pub` is the public half of `priv` (same modulus and exponent). */
export function keysMatch(priv: RsaPrivateKey, pub: RsaPublicKey): boolean {
  const a = privateNumbers(priv);
  const b = rsaPublicNumbers(pub.spki);
  return bytesEqual(a.modulus, b.modulus) && bytesEqual(a.exponent, b.exponent);
}

/** Size of the RSA modulus in bits. */
export function rsaModulusBits(pub: RsaPublicKey): number {
  const { modulus } = rsaPublicNumbers(pub.spki);
  return modulus.length === 0 ? 0 : (modulus.length - 1) * 8 + (32 - Math.clz32(modulus[0]!));
}

/**
 * A fresh RSA key pair from the WebCrypto port (public exponent 65537). WebCrypto draws its own
 * randomness, so keys are never reproducible from a seed; demo keys come from fixtures instead.
 */
export async function generateRsaKeyPair(bits = 2048): Promise<{ privateKey: RsaPrivateKey; publicKey: RsaPublicKey }> {
  if (!Number.isInteger(bits) || bits < 1024 || bits > 8192 || bits % 8 !== 0) {
    throw new CryptoError('KEY_BAD_SIZE', `Expected an RSA modulus size from 1024 to 8192 bits, a multiple of 8; found ${bits}`);
  }
  const s = await subtle();
  const algorithm = { name: 'RSASSA-PKCS1-v1_5', modulusLength: bits, publicExponent: Uint8Array.of(1, 0, 1), hash: 'SHA-256' };
  const pair = await s.generateKey(algorithm, true, ['sign', 'verify']);
  const pkcs8 = new Uint8Array(await s.exportKey('pkcs8', pair.privateKey));
  const spki = new Uint8Array(await s.exportKey('spki', pair.publicKey));
  return { privateKey: { kind: 'rsa-private', pkcs8 }, publicKey: { kind: 'rsa-public', spki } };
}
