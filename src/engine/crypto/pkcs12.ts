// PKCS #12 v1.1 Personal Information Exchange (RFC 7292) import: the private key and certificates
// of a .p12/.pfx file, whether written with OpenSSL 3 defaults (PBES2, PBKDF2, AES-256-CBC,
// HMAC-SHA256 MAC) or `-legacy` (pbeWithSHAAnd3-KeyTripleDES-CBC, pbeWithSHAAnd40BitRC2-CBC,
// HMAC-SHA1 MAC). Also PKCS #8 EncryptedPrivateKeyInfo PEM (RFC 5208 §6) with a password.
// The decryption is node-forge's (pkcs12_forge.ts), loaded only when a file is opened.

import { CryptoError, DecodingError, UsageError } from '../report/errors.ts';
import { TAG, decodeDer, oidToString, type DerNode } from './der.ts';
import { keysMatch, rsaPrivateKeyFromPkcs8, type RsaPrivateKey } from './keys.ts';
import { pemToDer } from './pem.ts';
import { certInfoFromDer, type CertInfo } from './x509.ts';

const PKCS7_DATA = '1.2.840.113549.1.7.1';
const PKCS7_SIGNED_DATA = '1.2.840.113549.1.7.2';
const SPEC = 'RFC 7292 §4';

function invalid(found: string): DecodingError {
  return new DecodingError('PKCS12_INVALID', `Expected a PKCS#12 file (PFX: version 3, authSafe, macData; ${SPEC}); found ${found}`);
}

/** Checks the outer PFX shape before handing the bytes to forge; returns whether a MAC is present. */
function checkPfxShape(bytes: Uint8Array): { hasMac: boolean } {
  const head = String.fromCharCode(...bytes.subarray(0, 64));
  const pem = /-----BEGIN ([^-]+)-----/.exec(head);
  if (pem) throw invalid(`PEM text ("-----BEGIN ${pem[1]}-----"), not a binary PKCS#12 file`);
  let pfx: DerNode;
  try {
    pfx = decodeDer(bytes, 'the PKCS#12 file');
  } catch (e) {
    throw invalid(`bytes that are not DER (${e instanceof Error ? e.message : String(e)})`);
  }
  const [version, authSafe, macData] = pfx.children;
  if (pfx.tag !== TAG.sequence || version?.tag !== TAG.integer || authSafe?.tag !== TAG.sequence) {
    throw invalid(`a DER structure of ${pfx.children.length} elements that is not a PFX`);
  }
  if (version.content.length !== 1 || version.content[0] !== 3) {
    throw invalid(`version ${version.content.length === 1 ? version.content[0] : 'unreadable'} (a PFX has version 3)`);
  }
  const contentType = authSafe.children[0]?.tag === TAG.oid ? oidToString(authSafe.children[0].content) : '?';
  if (contentType !== PKCS7_DATA && contentType !== PKCS7_SIGNED_DATA) {
    throw invalid(`authSafe content type ${contentType} (expected data ${PKCS7_DATA} or signedData ${PKCS7_SIGNED_DATA})`);
  }
  return { hasMac: macData !== undefined };
}

function badPassword(reason: string): CryptoError {
  return new CryptoError('PKCS12_BAD_PASSWORD', `Expected the password that opens this PKCS#12 file: ${reason}`);
}

/** The certificates with the one holding `key`'s public half first. */
function orderCerts(certs: CertInfo[], key: RsaPrivateKey): CertInfo[] {
  const own = certs.filter((c) => matches(key, c));
  return [...own, ...certs.filter((c) => !own.includes(c))];
}

function matches(key: RsaPrivateKey, cert: CertInfo): boolean {
  try {
    return keysMatch(key, { kind: 'rsa-public', spki: cert.spki });
  } catch {
    return false; // a non-RSA certificate cannot hold this RSA key
  }
}

/**
 * Opens a PKCS#12 file. Wrong password → CryptoError `PKCS12_BAD_PASSWORD`; not PKCS#12 →
 * DecodingError `PKCS12_INVALID`; no key inside → `PKCS12_NO_KEY`; a non-RSA key → `KEY_NOT_RSA`.
 * With several keys, the first is returned. Certificates come first-the-key's-own.
 */
export async function importPkcs12(bytes: Uint8Array, password: string): Promise<{ key: RsaPrivateKey; certs: CertInfo[] }> {
  if (!(bytes instanceof Uint8Array)) throw new UsageError('PKCS12_BAD_INPUT', `Expected the PKCS#12 file as bytes; found ${typeof bytes}`);
  const { hasMac } = checkPfxShape(bytes);
  const { readPfx, PfxReadError } = await import('./pkcs12_forge.ts');
  let raw: { keys: Uint8Array[]; certs: Uint8Array[] };
  try {
    raw = readPfx(bytes, password);
  } catch (e) {
    if (!(e instanceof PfxReadError)) throw e;
    if (e.kind === 'mac') throw badPassword('the MAC does not verify');
    if (e.kind === 'decrypt' && !hasMac) throw badPassword('the contents do not decrypt (the file has no MAC)');
    throw invalid(`contents that cannot be read (${e.message})`);
  }
  const certs = raw.certs.map((der) => certInfoFromDer(der));
  const first = raw.keys[0];
  if (!first) {
    throw new DecodingError('PKCS12_NO_KEY', `Expected a private key in the PKCS#12 file; found ${certs.length} certificate(s) and no key bag`);
  }
  const key = rsaPrivateKeyFromPkcs8(first);
  return { key, certs: orderCerts(certs, key) };
}

/**
 * Decrypts a PKCS#8 "ENCRYPTED PRIVATE KEY" PEM (PBES2 or the PKCS#12 PBEs) with `password`.
 * Wrong password → CryptoError `KEY_BAD_PASSWORD`.
 */
export async function importEncryptedPrivateKeyPem(pem: string, password: string): Promise<RsaPrivateKey> {
  const { der } = pemToDer(pem, 'ENCRYPTED PRIVATE KEY');
  const { decryptPkcs8, PfxReadError } = await import('./pkcs12_forge.ts');
  let plain: Uint8Array | null;
  try {
    plain = decryptPkcs8(der, password);
  } catch (e) {
    if (!(e instanceof PfxReadError)) throw e;
    throw new DecodingError('KEY_INVALID', `Expected a PKCS#8 EncryptedPrivateKeyInfo (RFC 5208 §6); found ${e.message}`);
  }
  if (!plain) {
    throw new CryptoError('KEY_BAD_PASSWORD', 'Expected the password of this encrypted private key; found one that does not decrypt it');
  }
  return rsaPrivateKeyFromPkcs8(plain);
}
