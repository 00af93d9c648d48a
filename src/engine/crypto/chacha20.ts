// ChaCha20 block function and keystream (RFC 8439 §2.3 and §2.4), in pure JS so the seeded random
// source gives the same bytes in every browser and in Node.

import { UsageError } from '../report/errors.ts';

/** "expand 32-byte k" as four little-endian words (RFC 8439 §2.3). */
const SIGMA = [0x61707865, 0x3320646e, 0x79622d32, 0x6b206574];

export const CHACHA20_BLOCK_BYTES = 64;

function quarterRound(x: Uint32Array, a: number, b: number, c: number, d: number): void {
  x[a] = x[a]! + x[b]!; x[d] = rotl(x[d]! ^ x[a]!, 16);
  x[c] = x[c]! + x[d]!; x[b] = rotl(x[b]! ^ x[c]!, 12);
  x[a] = x[a]! + x[b]!; x[d] = rotl(x[d]! ^ x[a]!, 8);
  x[c] = x[c]! + x[d]!; x[b] = rotl(x[b]! ^ x[c]!, 7);
}

function rotl(v: number, n: number): number {
  return (v << n) | (v >>> (32 - n));
}

function checkInputs(key: Uint8Array, counter: number, nonce: Uint8Array): void {
  if (key.length !== 32) throw new UsageError('CHACHA20_BAD_KEY', `Expected a 32-byte ChaCha20 key; found ${key.length} bytes`);
  if (nonce.length !== 12) throw new UsageError('CHACHA20_BAD_NONCE', `Expected a 12-byte ChaCha20 nonce; found ${nonce.length} bytes`);
  if (!Number.isInteger(counter) || counter < 0 || counter > 0xffffffff) {
    throw new UsageError('CHACHA20_BAD_COUNTER', `Expected a ChaCha20 block counter from 0 to 2^32-1; found ${counter}`);
  }
}

/** The initial state: constants, key, counter, nonce (RFC 8439 §2.3). */
function initialState(key: Uint8Array, counter: number, nonce: Uint8Array): Uint32Array {
  const state = new Uint32Array(16);
  const k = new DataView(key.buffer, key.byteOffset, 32);
  const n = new DataView(nonce.buffer, nonce.byteOffset, 12);
  state.set(SIGMA);
  for (let i = 0; i < 8; i++) state[4 + i] = k.getUint32(4 * i, true);
  state[12] = counter;
  for (let i = 0; i < 3; i++) state[13 + i] = n.getUint32(4 * i, true);
  return state;
}

/** One 64-byte ChaCha20 block (RFC 8439 §2.3): 20 rounds, add the input state, serialize LE. */
export function chacha20Block(key: Uint8Array, counter: number, nonce: Uint8Array): Uint8Array {
  checkInputs(key, counter, nonce);
  const state = initialState(key, counter, nonce);
  const x = new Uint32Array(state);
  for (let round = 0; round < 10; round++) {
    quarterRound(x, 0, 4, 8, 12); quarterRound(x, 1, 5, 9, 13);
    quarterRound(x, 2, 6, 10, 14); quarterRound(x, 3, 7, 11, 15);
    quarterRound(x, 0, 5, 10, 15); quarterRound(x, 1, 6, 11, 12);
    quarterRound(x, 2, 7, 8, 13); quarterRound(x, 3, 4, 9, 14);
  }
  const out = new Uint8Array(CHACHA20_BLOCK_BYTES);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 16; i++) view.setUint32(4 * i, (x[i]! + state[i]!) >>> 0, true);
  return out;
}

/** ChaCha20 encryption (RFC 8439 §2.4): `data` XOR the keystream starting at block `counter`. */
export function chacha20Xor(key: Uint8Array, nonce: Uint8Array, counter: number, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length);
  for (let at = 0, block = counter; at < data.length; at += CHACHA20_BLOCK_BYTES, block++) {
    const stream = chacha20Block(key, block, nonce);
    const end = Math.min(at + CHACHA20_BLOCK_BYTES, data.length);
    for (let i = at; i < end; i++) out[i] = data[i]! ^ stream[i - at]!;
  }
  return out;
}
