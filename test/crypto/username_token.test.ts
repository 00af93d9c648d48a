// UsernameToken Profile 1.1 §3.1 Password_Digest and §4 key derivation, against node:crypto
// computed by hand, plus argument validation and the Salt layout.

import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { fromBase64, seededRandom, systemRandom, toHex, utf8 } from '../../src/engine/crypto/index.ts';
import { passwordDigest } from '../../src/engine/wss/password_digest.ts';
import {
  UT_MIN_ITERATIONS, UT_SALT_BYTES, deriveUsernameTokenKey, makeUtSalt,
} from '../../src/engine/wss/ut_key_derivation.ts';
import { UsageError } from '../../src/engine/report/errors.ts';

/** K1 = SHA-1(password ‖ salt), Kn = SHA-1(Kn-1), by hand with node:crypto. */
function oracleKey(password: Buffer, salt: Buffer, iterations: number): string {
  let k = createHash('sha1').update(Buffer.concat([password, salt])).digest();
  for (let i = 1; i < iterations; i++) k = createHash('sha1').update(k).digest();
  return k.toString('hex');
}

async function usageError(promise: Promise<unknown>): Promise<UsageError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(UsageError);
  return error as UsageError;
}

describe('passwordDigest', () => {
  const nonce = fromBase64('2FW1CIo2ZUOJmSjVRcJZlQ==');
  const created = '2019-02-12T12:34:12.110Z';

  it('is Base64(SHA-1(nonce ‖ created ‖ password)) as node:crypto computes it', async () => {
    const password = 'pässwörd ✓';
    const expected = createHash('sha1')
      .update(Buffer.concat([Buffer.from(nonce), Buffer.from(created, 'utf8'), Buffer.from(password, 'utf8')]))
      .digest('base64');
    expect(await passwordDigest(nonce, created, password)).toBe(expected);
  });

  it('takes the password as text or as its UTF-8 bytes alike', async () => {
    expect(await passwordDigest(nonce, created, utf8('vM3s1hKVMy6zBOn'))).toBe(await passwordDigest(nonce, created, 'vM3s1hKVMy6zBOn'));
  });

  it('hashes Created exactly as sent: a different lexical form gives a different digest', async () => {
    const a = await passwordDigest(nonce, '2019-02-12T12:34:12Z', 'pw');
    const b = await passwordDigest(nonce, '2019-02-12T12:34:12.000Z', 'pw');
    expect(a).not.toBe(b);
  });
});

describe('deriveUsernameTokenKey', () => {
  it('equals SHA-1 iterated by hand with node:crypto for 1000 iterations', async () => {
    const salt = makeUtSalt(seededRandom('salt'), 'signature');
    const key = await deriveUsernameTokenKey('s3cret-ü', salt, 1000);
    expect(key.length).toBe(20);
    expect(toHex(key)).toBe(oracleKey(Buffer.from('s3cret-ü', 'utf8'), Buffer.from(salt), 1000));
  });

  it('treats a string password as UTF-8 and a byte password as is', async () => {
    const salt = makeUtSalt(systemRandom(), 'encryption');
    expect(toHex(await deriveUsernameTokenKey(utf8('ß'), salt, 3))).toBe(toHex(await deriveUsernameTokenKey('ß', salt, 3)));
  });

  it('with 1 iteration is K1 = SHA-1(password ‖ salt)', async () => {
    const salt = Uint8Array.of(1, 2, 3);
    expect(toHex(await deriveUsernameTokenKey('pw', salt, 1))).toBe(oracleKey(Buffer.from('pw'), Buffer.from(salt), 1));
  });

  it('Security: an Iteration of 0 or below is refused rather than yielding a weaker key', async () => {
    const salt = makeUtSalt(seededRandom(1), 'signature');
    expect((await deriveUsernameTokenKey('pw', salt, UT_MIN_ITERATIONS)).length).toBe(20); // baseline
    const zero = await usageError(deriveUsernameTokenKey('pw', salt, 0));
    expect(zero.code).toBe('UT_BAD_ITERATION');
    expect(zero.message).toBe('Expected the UsernameToken Iteration to be an integer from 1 to 1000000; found 0');
    expect((await usageError(deriveUsernameTokenKey('pw', salt, -5))).code).toBe('UT_BAD_ITERATION');
    expect((await usageError(deriveUsernameTokenKey('pw', salt, 2.5))).message).toContain('found 2.5');
    expect((await usageError(deriveUsernameTokenKey('pw', salt, 1e9))).message).toContain('found 1000000000');
  });

  it('exports the BSP minimum iteration count', () => {
    expect(UT_MIN_ITERATIONS).toBe(1000);
  });
});

describe('makeUtSalt', () => {
  it('is 16 bytes: flag 0x01 for signature or 0x02 for encryption, then 15 random bytes', () => {
    const sig = makeUtSalt(seededRandom('x'), 'signature');
    const enc = makeUtSalt(seededRandom('x'), 'encryption');
    const rest = toHex(seededRandom('x').bytes(15));
    expect(sig.length).toBe(UT_SALT_BYTES);
    expect(toHex(sig)).toBe(`01${rest}`);
    expect(toHex(enc)).toBe(`02${rest}`);
  });

  it('rejects an unknown usage', () => {
    // @ts-expect-error: deliberately passing a value outside the type, as untyped callers could
    expect(() => makeUtSalt(seededRandom(1), 'mac')).toThrow(UsageError);
  });
});
