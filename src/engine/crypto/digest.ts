// Message digests SHA-1 / SHA-256 (FIPS 180-4) and HMAC (RFC 2104, FIPS 198-1) through the
// WebCrypto port.

import { CryptoError } from '../report/errors.ts';
import { subtle } from './port.ts';

export type HashName = 'SHA-1' | 'SHA-256';

/** A keyed HMAC, imported once and applied to many messages (P_SHA1 needs hundreds). */
export type HmacFunction = (data: Uint8Array) => Promise<Uint8Array>;

/** WebCrypto wants ArrayBuffer-backed views; copy the rare SharedArrayBuffer-backed one. */
export function ownBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}

function failure(operation: string, cause: unknown): CryptoError {
  const found = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
  return new CryptoError('CRYPTO_OPERATION_FAILED', `Expected ${operation} to succeed; WebCrypto reported ${found}`);
}

/** The digest of `data` under `hash`. */
export async function digest(hash: HashName, data: Uint8Array): Promise<Uint8Array> {
  const s = await subtle();
  try {
    return new Uint8Array(await s.digest(hash, ownBytes(data)));
  } catch (cause) {
    throw failure(`${hash} digest`, cause);
  }
}

export function sha1(data: Uint8Array): Promise<Uint8Array> {
  return digest('SHA-1', data);
}

export function sha256(data: Uint8Array): Promise<Uint8Array> {
  return digest('SHA-256', data);
}

/**
 * Imports `key` for HMAC under `hash`. An empty key is legal HMAC (RFC 2104 §2 zero-pads the key to
 * the block size) but WebCrypto importKey refuses zero-length keys. Zero-padding makes the empty key
 * and the one-byte key 0x00 the same padded block K0, so the latter stands in: same MAC, by definition.
 */
export async function hmacFunction(hash: HashName, key: Uint8Array): Promise<HmacFunction> {
  const s = await subtle();
  const raw = key.length === 0 ? new Uint8Array(1) : ownBytes(key);
  let cryptoKey: CryptoKey;
  try {
    cryptoKey = await s.importKey('raw', raw, { name: 'HMAC', hash }, false, ['sign']);
  } catch (cause) {
    throw failure(`HMAC-${hash} key import`, cause);
  }
  return async (data: Uint8Array) => {
    try {
      return new Uint8Array(await s.sign('HMAC', cryptoKey, ownBytes(data)));
    } catch (cause) {
      throw failure(`HMAC-${hash}`, cause);
    }
  };
}

/** HMAC of `data` under `key` with `hash` (any key length, including zero). */
export async function hmac(hash: HashName, key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  return (await hmacFunction(hash, key))(data);
}

export function hmacSha1(key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  return hmac('SHA-1', key, data);
}
