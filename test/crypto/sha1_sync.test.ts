import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seededRandom, sha1, sha1Sync, toHex } from '../../src/engine/crypto/index.ts';

describe('synchronous SHA-1', () => {
  it('matches FIPS 180 "abc" and the empty string', () => {
    expect(toHex(sha1Sync(new TextEncoder().encode('abc')))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(toHex(sha1Sync(new Uint8Array(0)))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
  });

  it('matches node:crypto and WebCrypto for every length around the block boundaries', async () => {
    const r = seededRandom('sha1');
    for (const n of [1, 19, 20, 55, 56, 63, 64, 65, 119, 120, 128, 1000]) {
      const data = r.bytes(n);
      const ours = toHex(sha1Sync(data));
      expect(ours, `length ${n}`).toBe(createHash('sha1').update(data).digest('hex'));
      expect(ours, `length ${n}`).toBe(toHex(await sha1(data)));
    }
  });
});
