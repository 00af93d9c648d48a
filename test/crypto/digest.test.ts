// SHA-1 / SHA-256 / HMAC through the WebCrypto port, with node:crypto (OpenSSL) as the oracle, and
// the native and @peculiar/webcrypto ports agreeing (DESIGN.md decision 5).

import { describe, expect, it } from 'vitest';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import {
  fallbackSubtle, hasNativeWebCrypto, hmac, hmacFunction, hmacSha1, ownBytes, sha1, sha256, subtle, toHex, utf8,
} from '../../src/engine/crypto/index.ts';

const u8 = (b: Buffer): Uint8Array => new Uint8Array(b);

describe('sha1 / sha256', () => {
  it('agree with node:crypto for assorted lengths', async () => {
    for (const n of [0, 1, 55, 56, 64, 1000, 100_000]) {
      const data = randomBytes(n);
      expect(toHex(await sha1(u8(data))), `SHA-1 length ${n}`).toBe(createHash('sha1').update(data).digest('hex'));
      expect(toHex(await sha256(u8(data))), `SHA-256 length ${n}`).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });

  it('accept a view into a larger buffer and hash only the view', async () => {
    const big = utf8('xxabcxx');
    expect(toHex(await sha1(big.subarray(2, 5)))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
  });

  it('accept SharedArrayBuffer-backed input (copied for WebCrypto)', async () => {
    const shared = new Uint8Array(new SharedArrayBuffer(3));
    shared.set(utf8('abc'));
    expect(ownBytes(shared).buffer).toBeInstanceOf(ArrayBuffer);
    expect(toHex(await sha1(shared))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
  });
});

describe('hmac', () => {
  it('equals node:crypto createHmac with an EMPTY key (which WebCrypto importKey refuses)', async () => {
    const data = utf8('P_SHA1 with an empty secret');
    expect(toHex(await hmacSha1(new Uint8Array(0), data))).toBe(createHmac('sha1', Buffer.alloc(0)).update(data).digest('hex'));
    expect(toHex(await hmac('SHA-256', new Uint8Array(0), data))).toBe(
      createHmac('sha256', Buffer.alloc(0)).update(data).digest('hex'),
    );
  });

  it('equals node:crypto for key lengths around the 64-byte block size', async () => {
    for (const n of [1, 20, 63, 64, 65, 200]) {
      const key = randomBytes(n);
      const data = randomBytes(n * 3);
      expect(toHex(await hmac('SHA-1', u8(key), u8(data))), `SHA-1 key ${n}`).toBe(createHmac('sha1', key).update(data).digest('hex'));
      expect(toHex(await hmac('SHA-256', u8(key), u8(data))), `SHA-256 key ${n}`).toBe(
        createHmac('sha256', key).update(data).digest('hex'),
      );
    }
  });

  it('distinguishes the empty key from a key that is not all zero', async () => {
    const data = utf8('abc');
    expect(toHex(await hmacSha1(new Uint8Array(0), data))).not.toBe(toHex(await hmacSha1(Uint8Array.of(1), data)));
  });

  it('hmacFunction reuses one imported key for many messages', async () => {
    const mac = await hmacFunction('SHA-1', utf8('Jefe'));
    expect(toHex(await mac(utf8('what do ya want for nothing?')))).toBe('effcdf6ae5eb2fa2d27416d5f184df9c259a7c79');
    expect(toHex(await mac(utf8('abc')))).toBe(createHmac('sha1', 'Jefe').update('abc').digest('hex'));
  });
});

describe('WebCrypto port', () => {
  it('uses the native implementation on Node 20', async () => {
    expect(hasNativeWebCrypto()).toBe(true);
    expect(await subtle()).toBe(globalThis.crypto.subtle);
  });

  it('falls back to @peculiar/webcrypto when globalThis.crypto is missing', async () => {
    const original = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
    Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true, writable: true });
    try {
      expect(hasNativeWebCrypto()).toBe(false);
      expect(await subtle()).toBe(await fallbackSubtle());
      expect(toHex(await sha1(utf8('abc')))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
      expect(toHex(await hmacSha1(new Uint8Array(0), utf8('abc')))).toBe('9b4a918f398d74d3e367970aba3cbe54e4d2b5d9');
    } finally {
      if (original) Object.defineProperty(globalThis, 'crypto', original);
    }
    expect(hasNativeWebCrypto()).toBe(true);
  });

  it('@peculiar/webcrypto gives the same digests and HMACs as the native port', async () => {
    const fallback = await fallbackSubtle();
    expect(fallback).not.toBe(globalThis.crypto.subtle);
    const data = randomBytes(777);
    const key = randomBytes(33);
    const viaFallback = new Uint8Array(await fallback.digest('SHA-256', data));
    expect(toHex(viaFallback)).toBe(toHex(await sha256(u8(data))));
    const k = await fallback.importKey('raw', key, { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
    expect(toHex(new Uint8Array(await fallback.sign('HMAC', k, data)))).toBe(toHex(await hmacSha1(u8(key), u8(data))));
  });
});
