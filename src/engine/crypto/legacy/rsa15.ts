// XML Encryption 1.0 §5.4.1 RSA Version 1.5 (rsa-1_5): RSAES-PKCS1-v1_5 key transport (RFC 8017
// §7.2). Legacy: Bleichenbacher's attack makes it unsafe wherever a party answers differently to
// bad padding, and Node 20 refuses PKCS#1 v1.5 decryption by default (CVE-2023-46809). node-forge
// does the RSA arithmetic (its "RAW" scheme); the EME-PKCS1-v1_5 encoding and decoding are here,
// so the padding string comes from the injected RandomSource and decoding never branches on
// secret data before the final selection.
//
// Padding-oracle defence (the "implicit rejection" of WSS4J and xmlsec): when the decrypted block
// is not a valid encoding of a key of the expected length, rsa15Decrypt returns random bytes of
// that length instead of failing. The forged key then fails where any wrong key fails — in the
// data decryption — so a sender cannot tell bad padding from a bad key.

import forge from 'node-forge';
import { CryptoError, UsageError } from '../../report/errors.ts';
import type { RandomSource } from '../random.ts';
import { fromBinary, toBinary } from './forge_bytes.ts';

/** PKCS#1 v1.5 needs at least 8 padding octets (RFC 8017 §7.2.1 step 1: mLen <= k - 11). */
const MIN_PS = 8;

function publicKey(spki: Uint8Array): forge.pki.rsa.PublicKey {
  try {
    return forge.pki.publicKeyFromAsn1(forge.asn1.fromDer(toBinary(spki))) as forge.pki.rsa.PublicKey;
  } catch (cause) {
    throw new CryptoError('XENC_BAD_KEY', `expected an RSA SubjectPublicKeyInfo for rsa-1_5, found ${describe(cause)}`);
  }
}

function privateKey(pkcs8: Uint8Array): forge.pki.rsa.PrivateKey {
  try {
    return forge.pki.privateKeyFromAsn1(forge.asn1.fromDer(toBinary(pkcs8)));
  } catch (cause) {
    throw new CryptoError('XENC_BAD_KEY', `expected an RSA PKCS#8 private key for rsa-1_5, found ${describe(cause)}`);
  }
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

function modulusBytes(n: forge.jsbn.BigInteger): number {
  return Math.ceil(n.bitLength() / 8);
}

/** Non-zero random octets for the padding string PS (RFC 8017 §7.2.1 step 2a). */
function nonZeroBytes(n: number, random: RandomSource): Uint8Array {
  const out = new Uint8Array(n);
  let filled = 0;
  while (filled < n) {
    for (const b of random.bytes(n - filled)) if (b !== 0 && filled < n) out[filled++] = b;
  }
  return out;
}

/** RSAES-PKCS1-v1_5-ENCRYPT (RFC 8017 §7.2.1) of `message` under the SubjectPublicKeyInfo `spki`. */
export function rsa15Encrypt(spki: Uint8Array, message: Uint8Array, random: RandomSource): Uint8Array {
  const key = publicKey(spki);
  const k = modulusBytes(key.n);
  if (message.length > k - 3 - MIN_PS) {
    throw new UsageError('XENC_KEY_TOO_LONG', `expected at most ${k - 3 - MIN_PS} bytes to encrypt with rsa-1_5 under a ${k * 8}-bit key, found ${message.length}`);
  }
  const em = new Uint8Array(k);
  em[1] = 0x02;
  em.set(nonZeroBytes(k - message.length - 3, random), 2);
  em.set(message, k - message.length);
  return fromBinary(key.encrypt(toBinary(em), 'RAW'));
}

/** The raw RSA decryption primitive (RFC 8017 §5.1.2), k bytes, left-padded with zeros. */
function rsaDecryptRaw(key: forge.pki.rsa.PrivateKey, ciphertext: Uint8Array): Uint8Array {
  const k = modulusBytes(key.n);
  if (ciphertext.length !== k) {
    throw new CryptoError('XENC_CIPHERTEXT_LENGTH', `expected an rsa-1_5 CipherValue of ${k} bytes for a ${k * 8}-bit key, found ${ciphertext.length} bytes`);
  }
  try {
    return fromBinary(key.decrypt(toBinary(ciphertext), 'RAW'));
  } catch (cause) {
    throw new CryptoError('XENC_DECRYPT_FAILED', `expected an rsa-1_5 CipherValue below the RSA modulus, found ${describe(cause)}`);
  }
}

/** Default substitute length when the caller cannot say which key length it expects. */
const DEFAULT_SUBSTITUTE_BYTES = 32;

/**
 * RSAES-PKCS1-v1_5-DECRYPT (RFC 8017 §7.2.2) of a key of `expectedLength` bytes, with implicit
 * rejection (module comment): any malformed encoding, or a message of another length, yields
 * random bytes of that length and no error. With `expectedLength` null any length is accepted and
 * a malformed encoding yields 32 random bytes. The scan over EM has no early exit.
 */
export function rsa15Decrypt(pkcs8: Uint8Array, ciphertext: Uint8Array, expectedLength: number | null, random: RandomSource): Uint8Array {
  const em = rsaDecryptRaw(privateKey(pkcs8), ciphertext);
  const substitute = random.bytes(expectedLength ?? DEFAULT_SUBSTITUTE_BYTES);
  let separator = 0;
  for (let i = 2; i < em.length; i++) {
    const isFirstZero = (em[i] === 0 ? 1 : 0) & (separator === 0 ? 1 : 0);
    separator |= isFirstZero * i;
  }
  const headerOk = (em[0] === 0 ? 1 : 0) & (em[1] === 2 ? 1 : 0);
  const paddingOk = separator >= 2 + MIN_PS ? 1 : 0;
  const lengthOk = expectedLength === null || em.length - separator - 1 === expectedLength ? 1 : 0;
  if ((headerOk & paddingOk & lengthOk) === 0) return substitute;
  return em.slice(separator + 1);
}
