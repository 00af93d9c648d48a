// P_SHA1: the TLS 1.0 P_hash data-expansion function with HMAC-SHA1 (RFC 2246 §5), as WS-Trust
// (ComputedKey CK/PSHA1) and WS-SecureConversation (DerivedKeyToken dk/p_sha1) use it:
//   A(0) = seed, A(i) = HMAC(secret, A(i-1))
//   P_SHA1(secret, seed) = HMAC(secret, A(1) ‖ seed) ‖ HMAC(secret, A(2) ‖ seed) ‖ …
// The key is the `length` bytes that follow the first `offset` bytes of that stream.

import { UsageError } from '../report/errors.ts';
import { hmacFunction } from './digest.ts';
import { concatBytes } from './encoding.ts';

/** Upper bound for `length` and for `offset`: far above any real key, low enough not to hang a tab. */
export const PSHA1_MAX_BYTES = 1024 * 1024;
const SHA1_BYTES = 20;

function checkCount(name: 'length' | 'offset', value: number, code: string): void {
  if (!Number.isInteger(value) || value < 0 || value > PSHA1_MAX_BYTES) {
    throw new UsageError(
      code,
      `Expected the P_SHA1 ${name} to be an integer from 0 to ${PSHA1_MAX_BYTES} bytes; found ${String(value)}`,
    );
  }
}

/**
 * `length` bytes of P_SHA1(secret, seed) starting at byte `offset`. Throws UsageError
 * `PSHA1_BAD_LENGTH` / `PSHA1_BAD_OFFSET` for a negative, fractional or oversized count.
 */
export async function psha1(secret: Uint8Array, seed: Uint8Array, length: number, offset = 0): Promise<Uint8Array> {
  checkCount('length', length, 'PSHA1_BAD_LENGTH');
  checkCount('offset', offset, 'PSHA1_BAD_OFFSET');
  if (length === 0) return new Uint8Array(0);
  const mac = await hmacFunction('SHA-1', secret);
  const end = offset + length;
  const out = new Uint8Array(Math.ceil(end / SHA1_BYTES) * SHA1_BYTES);
  let a = seed;
  for (let at = 0; at < end; at += SHA1_BYTES) {
    a = await mac(a);
    // Blocks wholly before `offset` are still needed for the A(i) chain, but not their output.
    if (at + SHA1_BYTES > offset) out.set(await mac(concatBytes(a, seed)), at);
  }
  return out.slice(offset, end);
}
