// Randomness is injected (DESIGN.md decision 3): a seeded source for reproducible runs, the
// system source otherwise; the engine never uses the unseeded JavaScript random function.
//
// The seeded source is the ChaCha20 keystream (RFC 8439 §2.4) with an all-zero 96-bit nonce and
// the block counter starting at 0. Its 256-bit key is SHA-256 (FIPS 180-4) of UTF-8 text:
//   seededRandom(seed):         "wsbench/seeded-random/v1" 0x00 <seed>
//   deriveRandom(seed, label):  "wsbench/derived-random/v1" 0x00 <seed> 0x00 <label>
// where <seed> is the string itself or, for a number, its JavaScript decimal form (String(n)), so
// seededRandom(42) and seededRandom('42') are the same stream. Everything is pure JS and
// synchronous, so a seed gives the same bytes in every browser and in Node. UUIDs follow RFC 4122 §4.4.

import { UsageError } from '../report/errors.ts';
import { chacha20Block } from './chacha20.ts';
import { utf8 } from './encoding.ts';
import { randomFill } from './port.ts';
import { sha256Sync } from './sha256_sync.ts';

export interface RandomSource {
  /** `n` random bytes. */
  bytes(n: number): Uint8Array;
}

/** Largest single request; larger asks are almost certainly a bug (a length read from a message). */
export const MAX_RANDOM_REQUEST = 64 * 1024 * 1024;
const MAX_BLOCK_COUNTER = 0xffffffff;
const ZERO_NONCE = new Uint8Array(12);

function checkRequest(n: number): void {
  if (!Number.isInteger(n) || n < 0 || n > MAX_RANDOM_REQUEST) {
    throw new UsageError('RANDOM_BAD_LENGTH', `Expected a byte count from 0 to ${MAX_RANDOM_REQUEST}; found ${n}`);
  }
}

function seedText(seed: number | string): string {
  if (typeof seed === 'string') return seed;
  if (typeof seed !== 'number' || !Number.isFinite(seed)) {
    throw new UsageError('RANDOM_BAD_SEED', `Expected a finite number or a string as random seed; found ${String(seed)}`);
  }
  return String(seed);
}

/** A ChaCha20 keystream read sequentially: bytes(3) then bytes(5) equals bytes(8). */
class ChaCha20Stream implements RandomSource {
  private block: Uint8Array = new Uint8Array(0);
  private used = 0;
  private counter = 0;

  constructor(private readonly key: Uint8Array) {}

  bytes(n: number): Uint8Array {
    checkRequest(n);
    const out = new Uint8Array(n);
    let at = 0;
    while (at < n) {
      if (this.used === this.block.length) this.refill();
      const take = Math.min(n - at, this.block.length - this.used);
      out.set(this.block.subarray(this.used, this.used + take), at);
      this.used += take;
      at += take;
    }
    return out;
  }

  private refill(): void {
    if (this.counter > MAX_BLOCK_COUNTER) {
      throw new UsageError('RANDOM_EXHAUSTED', 'Expected fewer than 2^32 ChaCha20 blocks from one seeded stream; found the counter exhausted');
    }
    this.block = chacha20Block(this.key, this.counter++, ZERO_NONCE);
    this.used = 0;
  }
}

/** A deterministic source: the same seed gives the same bytes everywhere (see the module comment). */
export function seededRandom(seed: number | string): RandomSource {
  const key = sha256Sync(utf8(`wsbench/seeded-random/v1\u0000${seedText(seed)}`));
  return new ChaCha20Stream(key);
}

/**
 * An independent deterministic stream for one `label` (e.g. a step index) under `seed`, so that
 * re-running one step reproduces its bytes without replaying the steps before it.
 */
export function deriveRandom(seed: number | string, label: string): RandomSource {
  const key = sha256Sync(utf8(`wsbench/derived-random/v1\u0000${seedText(seed)}\u0000${label}`));
  return new ChaCha20Stream(key);
}

/** The system's cryptographic random source (getRandomValues). */
export function systemRandom(): RandomSource {
  return {
    bytes(n: number): Uint8Array {
      checkRequest(n);
      return randomFill(new Uint8Array(n));
    },
  };
}

/** A random UUID (RFC 4122 §4.4): version 4 in the high nibble of byte 6, variant 10x in byte 8. */
export function uuidV4(random: RandomSource): string {
  const b = random.bytes(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  let hex = '';
  for (const byte of b) hex += byte.toString(16).padStart(2, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
