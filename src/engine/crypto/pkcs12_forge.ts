// PKCS #12 v1.1 (RFC 7292) and PKCS #8 EncryptedPrivateKeyInfo (RFC 5208 §6) decryption through
// node-forge, which implements both generations OpenSSL writes: PBES2/PBKDF2 with AES-256-CBC and
// an HMAC-SHA256 MAC (OpenSSL 3 defaults), and the PKCS#12 PBEs with 3DES and RC2-40 under an
// HMAC-SHA1 MAC (`-legacy`). Pure JS, so browser and Node agree; pkcs12.ts loads this module
// lazily, so the bundle carries node-forge only once someone opens a PKCS#12 file.

import forge from 'node-forge';
import { utf8 } from './encoding.ts';
import { fromBinary, toBinary } from './legacy/forge_bytes.ts';

export interface RawPfxContents {
  /** PKCS#8 PrivateKeyInfo DER of each key bag (shrouded or not). */
  keys: Uint8Array[];
  /** DER of each X.509 certificate bag. */
  certs: Uint8Array[];
}

/** Why forge refused: the MAC (wrong password), a decryption (wrong password, no MAC), or the format. */
export type PfxFailure = 'mac' | 'decrypt' | 'format';

export class PfxReadError extends Error {
  constructor(readonly kind: PfxFailure, message: string) {
    super(message);
  }
}

function classify(e: unknown): PfxReadError {
  const message = e instanceof Error ? e.message : String(e);
  if (/MAC could not be verified/i.test(message)) return new PfxReadError('mac', message);
  if (/decrypt|wrong password|Too few bytes|Invalid password/i.test(message)) return new PfxReadError('decrypt', message);
  return new PfxReadError('format', message);
}

function keyDer(bag: forge.pkcs12.Bag): Uint8Array | null {
  if (bag.key) return fromBinary(forge.asn1.toDer(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key))).getBytes());
  // forge keeps a key type it cannot read (EC, PSS) as the PrivateKeyInfo ASN.1
  return bag.asn1 ? fromBinary(forge.asn1.toDer(bag.asn1).getBytes()) : null;
}

function certDer(bag: forge.pkcs12.Bag): Uint8Array | null {
  // certificateToAsn1 reuses the parsed tbsCertificate, so the DER is the original bytes
  if (bag.cert) return fromBinary(forge.asn1.toDer(forge.pki.certificateToAsn1(bag.cert)).getBytes());
  return bag.asn1 ? fromBinary(forge.asn1.toDer(bag.asn1).getBytes()) : null;
}

function readWith(der: Uint8Array, password: string, keepMac: boolean): RawPfxContents {
  const asn1 = forge.asn1.fromDer(toBinary(der));
  if (!keepMac && Array.isArray(asn1.value)) asn1.value.splice(2);
  const pfx = forge.pkcs12.pkcs12FromAsn1(asn1, true, password);
  const out: RawPfxContents = { keys: [], certs: [] };
  for (const contents of pfx.safeContents) {
    for (const bag of contents.safeBags) {
      const isKey = bag.type === forge.pki.oids.pkcs8ShroudedKeyBag || bag.type === forge.pki.oids.keyBag;
      const bytes = isKey ? keyDer(bag) : bag.type === forge.pki.oids.certBag ? certDer(bag) : null;
      if (bytes) (isKey ? out.keys : out.certs).push(bytes);
    }
  }
  return out;
}

/** The password as forge's "binary string" of its UTF-8 octets. */
function utf8Binary(password: string): string {
  return toBinary(utf8(password));
}

const NON_ASCII = /[^\u0000-\u007f]/;

/**
 * Opens a PFX with `password`; throws PfxReadError saying which stage failed. The MAC and the
 * PKCS#12 PBEs take the password as a BMPString (RFC 7292 App. B.1), which forge derives from the
 * JS string; PBES2 (RFC 8018 §6.2) takes its UTF-8 octets, which forge only gets as a binary
 * string. So a non-ASCII password that passed the MAC but failed PBES2 decryption is retried as
 * UTF-8, with the already-verified MAC set aside.
 */
export function readPfx(der: Uint8Array, password: string): RawPfxContents {
  try {
    return readWith(der, password, true);
  } catch (e) {
    const failure = classify(e);
    if (failure.kind !== 'decrypt' || !NON_ASCII.test(password)) throw failure;
    try {
      return readWith(der, utf8Binary(password), false);
    } catch (again) {
      throw classify(again);
    }
  }
}

function decryptWith(der: Uint8Array, password: string): Uint8Array | null {
  let info: forge.asn1.Asn1 | null;
  try {
    info = forge.pki.decryptPrivateKeyInfo(forge.asn1.fromDer(toBinary(der)), password);
  } catch (e) {
    const failure = classify(e);
    if (failure.kind === 'decrypt') return null;
    throw failure;
  }
  return info ? fromBinary(forge.asn1.toDer(info).getBytes()) : null;
}

/** Decrypts a PKCS#8 EncryptedPrivateKeyInfo; null when the password is wrong (non-ASCII: tried as BMPString and as UTF-8). */
export function decryptPkcs8(der: Uint8Array, password: string): Uint8Array | null {
  const plain = decryptWith(der, password);
  if (plain || !NON_ASCII.test(password)) return plain;
  return decryptWith(der, utf8Binary(password));
}
