// Seeded and system random sources (RFC 8439 ChaCha20 keystream, key = SHA-256 of the documented
// seed text), UUIDv4 (RFC 4122 §4.4) and the pure-JS SHA-256. node:crypto (OpenSSL) is the oracle.

import { describe, expect, it } from 'vitest';
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import {
  deriveRandom, randomFill, seededRandom, sha256Sync, systemRandom, toHex, uuidV4,
} from '../../src/engine/crypto/index.ts';
import { UsageError } from '../../src/engine/report/errors.ts';

/** OpenSSL's ChaCha20 keystream: the IV is the 32-bit LE counter (0) followed by the 96-bit nonce (0). */
function opensslKeystream(seedText: string, n: number): string {
  const key = createHash('sha256').update(seedText, 'utf8').digest();
  return createCipheriv('chacha20', key, Buffer.alloc(16)).update(Buffer.alloc(n)).toString('hex');
}

function usageError(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error('expected a UsageError, nothing was thrown');
}

describe('seededRandom', () => {
  it('is the ChaCha20 keystream under SHA-256("wsbench/seeded-random/v1\\0" + seed), as documented', () => {
    expect(toHex(seededRandom('demo').bytes(300))).toBe(opensslKeystream('wsbench/seeded-random/v1\u0000demo', 300));
    expect(toHex(seededRandom(7).bytes(64))).toBe(opensslKeystream('wsbench/seeded-random/v1\u00007', 64));
  });

  it('gives the same bytes for the same seed, and a number seed equals its decimal string', () => {
    expect(toHex(seededRandom(42).bytes(48))).toBe(toHex(seededRandom(42).bytes(48)));
    expect(toHex(seededRandom(42).bytes(48))).toBe(toHex(seededRandom('42').bytes(48)));
    expect(toHex(seededRandom(42).bytes(48))).not.toBe(toHex(seededRandom(43).bytes(48)));
  });

  it('reads the stream sequentially: chunked reads equal one long read', () => {
    const whole = toHex(seededRandom('s').bytes(200));
    const r = seededRandom('s');
    const parts = [3, 61, 0, 64, 1, 71].map((n) => toHex(r.bytes(n))).join('');
    expect(parts).toBe(whole);
  });

  it('rejects a seed that is not a finite number, and a bad byte count', () => {
    const seed = usageError(() => seededRandom(Number.NaN));
    expect(seed.code).toBe('RANDOM_BAD_SEED');
    expect(seed.message).toBe('Expected a finite number or a string as random seed; found NaN');
    const count = usageError(() => seededRandom(1).bytes(-1));
    expect(count.code).toBe('RANDOM_BAD_LENGTH');
    expect(count.message).toBe('Expected a byte count from 0 to 67108864; found -1');
    expect(usageError(() => seededRandom(1).bytes(1.5)).code).toBe('RANDOM_BAD_LENGTH');
  });
});

describe('deriveRandom', () => {
  it('is the ChaCha20 keystream under SHA-256("wsbench/derived-random/v1\\0" + seed + "\\0" + label)', () => {
    expect(toHex(deriveRandom(5, 'step:3').bytes(100))).toBe(
      opensslKeystream('wsbench/derived-random/v1\u00005\u0000step:3', 100),
    );
  });

  it('gives independent streams per label, and per seed, distinct from seededRandom', () => {
    const streams = [
      deriveRandom(1, 'step:0'), deriveRandom(1, 'step:1'), deriveRandom(2, 'step:0'), seededRandom(1),
    ].map((r) => toHex(r.bytes(32)));
    expect(new Set(streams).size).toBe(streams.length);
  });

  it('reproduces one step without replaying the others', () => {
    const first = deriveRandom(9, 'step:4').bytes(40);
    deriveRandom(9, 'step:3').bytes(1000); // other steps consuming randomness change nothing
    expect(toHex(deriveRandom(9, 'step:4').bytes(40))).toBe(toHex(first));
  });
});

describe('systemRandom / randomFill', () => {
  it('returns the requested number of bytes, different each time', () => {
    const r = systemRandom();
    const a = r.bytes(32);
    expect(a.length).toBe(32);
    expect(toHex(a)).not.toBe(toHex(r.bytes(32)));
    expect(r.bytes(0).length).toBe(0);
  });

  it('fills buffers larger than the 65536-byte getRandomValues limit', () => {
    const buf = randomFill(new Uint8Array(200_000));
    // The last chunk must have been filled too: 4096 zero bytes by chance is impossible in practice.
    expect(buf.subarray(196_000).some((b) => b !== 0)).toBe(true);
  });
});

describe('uuidV4', () => {
  it('has the RFC 4122 layout, version 4 and variant 10xx', () => {
    const r = systemRandom();
    for (let i = 0; i < 200; i++) {
      expect(uuidV4(r)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it('is reproducible from a seeded source and keeps the other 122 bits from it', () => {
    const bytes = seededRandom('uuid').bytes(16);
    bytes[6] = (bytes[6]! & 0x0f) | 0x40;
    bytes[8] = (bytes[8]! & 0x3f) | 0x80;
    const hex = toHex(bytes);
    const expected = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    expect(uuidV4(seededRandom('uuid'))).toBe(expected);
  });
});

describe('sha256Sync', () => {
  it('agrees with node:crypto at every length around the padding boundaries', () => {
    for (const n of [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000]) {
      const data = randomBytes(n);
      expect(toHex(sha256Sync(new Uint8Array(data))), `length ${n}`).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });
});
