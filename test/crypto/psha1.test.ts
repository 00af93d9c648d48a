// P_SHA1 (RFC 2246 §5 P_hash with HMAC-SHA1): agreement with an independent node:crypto
// implementation, offset semantics, and argument validation.

import { describe, expect, it } from 'vitest';
import { createHmac, randomBytes } from 'node:crypto';
import { PSHA1_MAX_BYTES, psha1, toHex, utf8 } from '../../src/engine/crypto/index.ts';
import { UsageError } from '../../src/engine/report/errors.ts';

/** P_SHA1 written directly from RFC 2246 §5 with node:crypto's HMAC. */
function oracle(secret: Buffer, seed: Buffer, length: number): string {
  const out: Buffer[] = [];
  let a = seed;
  for (let have = 0; have < length; have += 20) {
    a = createHmac('sha1', secret).update(a).digest();
    out.push(createHmac('sha1', secret).update(Buffer.concat([a, seed])).digest());
  }
  return Buffer.concat(out).subarray(0, length).toString('hex');
}

async function usageError(promise: Promise<unknown>): Promise<UsageError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(UsageError);
  return error as UsageError;
}

describe('psha1', () => {
  it('matches the RFC 2246 oracle for assorted secret, seed and output lengths', async () => {
    for (const [s, d, n] of [[32, 64, 32], [16, 300, 1], [20, 20, 20], [24, 0, 41], [100, 17, 256]] as const) {
      const secret = randomBytes(s);
      const seed = randomBytes(d);
      expect(toHex(await psha1(new Uint8Array(secret), new Uint8Array(seed), n)), `${s}/${d}/${n}`).toBe(oracle(secret, seed, n));
    }
  });

  it('works with an empty secret (HMAC with an empty key)', async () => {
    const seed = utf8('WS-SecureConversationWS-SecureConversation');
    expect(toHex(await psha1(new Uint8Array(0), seed, 32))).toBe(oracle(Buffer.alloc(0), Buffer.from(seed), 32));
  });

  it('with an offset returns exactly that slice of a longer output', async () => {
    const secret = new Uint8Array(randomBytes(32));
    const seed = new Uint8Array(randomBytes(48));
    const long = await psha1(secret, seed, 200);
    for (const [offset, length] of [[0, 16], [7, 45], [20, 20], [32, 32], [19, 2], [150, 50], [200, 0]] as const) {
      expect(toHex(await psha1(secret, seed, length, offset)), `offset ${offset} length ${length}`).toBe(
        toHex(long.subarray(offset, offset + length)),
      );
    }
  });

  it('returns an empty key for length 0', async () => {
    expect((await psha1(utf8('k'), utf8('s'), 0)).length).toBe(0);
  });

  it('rejects a negative or fractional length with PSHA1_BAD_LENGTH, naming the value', async () => {
    const negative = await usageError(psha1(utf8('k'), utf8('s'), -1));
    expect(negative.code).toBe('PSHA1_BAD_LENGTH');
    expect(negative.message).toBe('Expected the P_SHA1 length to be an integer from 0 to 1048576 bytes; found -1');
    expect((await usageError(psha1(utf8('k'), utf8('s'), 1.5))).message).toContain('found 1.5');
    expect((await usageError(psha1(utf8('k'), utf8('s'), Number.NaN))).message).toContain('found NaN');
  });

  it('Security: an absurd length taken from a message is refused before any work', async () => {
    expect((await psha1(utf8('k'), utf8('s'), 32, 4096)).length).toBe(32); // baseline: a real DKT size and offset
    const e = await usageError(psha1(utf8('k'), utf8('s'), PSHA1_MAX_BYTES + 1));
    expect(e.code).toBe('PSHA1_BAD_LENGTH');
    expect(e.message).toContain(`found ${PSHA1_MAX_BYTES + 1}`);
  });

  it('rejects a bad offset with PSHA1_BAD_OFFSET', async () => {
    const e = await usageError(psha1(utf8('k'), utf8('s'), 16, -32));
    expect(e.code).toBe('PSHA1_BAD_OFFSET');
    expect(e.message).toBe('Expected the P_SHA1 offset to be an integer from 0 to 1048576 bytes; found -32');
  });
});
