// crypto/cipher.ts: every XML Encryption algorithm round-trips, agrees with node:crypto (OpenSSL)
// and RFC 3394's vectors, accepts arbitrary XML Encryption padding, and fails with typed errors
// that say what was expected and what was found.

import { constants, createCipheriv, createDecipheriv, privateDecrypt, publicEncrypt, createPrivateKey } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  decryptBytes, encryptBytes, keyLengthOf, unwrapKey, wrapKey, xmlEncPad, xmlEncUnpad, LEGACY_ALGORITHMS,
} from '../../src/engine/crypto/cipher.ts';
import { fromHex, toHex } from '../../src/engine/crypto/encoding.ts';
import type { RsaPrivateKey, RsaPublicKey } from '../../src/engine/crypto/keys.ts';
import { seededRandom } from '../../src/engine/crypto/random.ts';
import { UsageError } from '../../src/engine/report/errors.ts';
import { URI } from '../../src/engine/xml/names.ts';
import { BLOCK_ALGORITHMS, KEY_LENGTH, bytes, rsaPair } from './xenc_fixtures.ts';

const NODE_CIPHER: Record<string, string> = {
  [URI.aes128Cbc]: 'aes-128-cbc', [URI.aes192Cbc]: 'aes-192-cbc', [URI.aes256Cbc]: 'aes-256-cbc', [URI.tripledesCbc]: 'des-ede3-cbc',
};

async function rejection(p: Promise<unknown>): Promise<{ name: string; code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as Error & { code: string };
    return { name: err.constructor.name, code: err.code, message: err.message };
  }
  throw new Error('expected a rejection');
}

describe('block encryption round trips', () => {
  for (const alg of [...BLOCK_ALGORITHMS, URI.aes192Gcm]) {
    it(`${alg.split('#')[1]} decrypts what it encrypted, for lengths 0..40`, async () => {
      const random = seededRandom(`rt/${alg}`);
      const key = bytes(KEY_LENGTH[alg]!);
      for (let n = 0; n <= 40; n += 3) {
        const plain = bytes(n, n);
        const c = await encryptBytes(alg, key, plain, random);
        expect(await decryptBytes(alg, key, c)).toEqual(plain);
      }
    });
  }

  it('is reproducible from a seed (same IV and padding)', async () => {
    const a = await encryptBytes(URI.aes128Cbc, bytes(16), bytes(20), seededRandom('same'));
    const b = await encryptBytes(URI.aes128Cbc, bytes(16), bytes(20), seededRandom('same'));
    expect(toHex(a)).toBe(toHex(b));
  });
});

describe('CBC interop with OpenSSL (node:crypto)', () => {
  for (const alg of Object.keys(NODE_CIPHER)) {
    const block = alg === URI.tripledesCbc ? 8 : 16;
    it(`${alg.split('#')[1]}: OpenSSL decrypts ours and its padding bytes are our random ones`, async () => {
      const key = bytes(KEY_LENGTH[alg]!);
      const plain = bytes(21);
      const c = await encryptBytes(alg, key, plain, seededRandom(`ossl/${alg}`));
      const d = createDecipheriv(NODE_CIPHER[alg]!, key, c.subarray(0, block)).setAutoPadding(false);
      const padded = Buffer.concat([d.update(c.subarray(block)), d.final()]);
      const padLength = padded[padded.length - 1]!;
      expect(padLength).toBe(block - (21 % block));
      expect(new Uint8Array(padded.subarray(0, 21))).toEqual(plain);
      // ISO 10126 style: the pad octets before the length octet are random, not all equal to it
      expect([...padded.subarray(21, padded.length - 1)].every((b) => b === padLength)).toBe(false);
    });

    it(`${alg.split('#')[1]}: we decrypt OpenSSL output with random non-zero pad octets (XML Enc §5.2)`, async () => {
      const key = bytes(KEY_LENGTH[alg]!);
      const iv = bytes(block, 9);
      const plain = bytes(block + 3, 4);
      const padLength = block - 3;
      const pad = Uint8Array.from({ length: padLength }, (_, i) => (i === padLength - 1 ? padLength : 0xa0 + i));
      const e = createCipheriv(NODE_CIPHER[alg]!, key, iv).setAutoPadding(false);
      const body = Buffer.concat([e.update(Buffer.concat([plain, pad])), e.final()]);
      expect(await decryptBytes(alg, key, new Uint8Array(Buffer.concat([iv, body])))).toEqual(plain);
    });
  }

  it('decrypts PKCS#7-padded OpenSSL output too (a full pad block)', async () => {
    const key = bytes(32);
    const iv = bytes(16, 3);
    const e = createCipheriv('aes-256-cbc', key, iv);
    const body = Buffer.concat([e.update(bytes(32)), e.final()]);
    expect(body.length).toBe(48);
    expect(await decryptBytes(URI.aes256Cbc, key, new Uint8Array(Buffer.concat([iv, body])))).toEqual(bytes(32));
  });
});

describe('XML Encryption padding', () => {
  it('pads 1..block octets, the last one the count', () => {
    const r = seededRandom('pad');
    expect(xmlEncPad(bytes(16), 16, r).length).toBe(32);
    const p = xmlEncPad(bytes(5), 8, r);
    expect(p.length).toBe(8);
    expect(p[7]).toBe(3);
    expect(xmlEncUnpad(p, 8, URI.tripledesCbc)).toEqual(bytes(5));
  });

  it('rejects a padding length of 0 or above the block size, naming both', () => {
    const bad = new Uint8Array(16);
    bad[15] = 17;
    expect(() => xmlEncUnpad(bad, 16, URI.aes128Cbc)).toThrow(/expected the last decrypted octet to be a padding length from 1 to 16 \(XML Encryption §5\.2\), found 17/);
    bad[15] = 0;
    expect(() => xmlEncUnpad(bad, 16, URI.aes128Cbc)).toThrow(/found 0/);
  });
});

describe('block encryption failures', () => {
  it('a truncated AES-CBC CipherValue names the expected shape and the length found', async () => {
    const r = await rejection(decryptBytes(URI.aes128Cbc, bytes(16), bytes(37)));
    expect(r).toMatchObject({ name: 'CryptoError', code: 'XENC_CIPHERTEXT_LENGTH' });
    expect(r.message).toBe('expected a CipherValue of a whole number of 16-byte blocks after the 16-byte IV, found 37 bytes');
  });

  it('a truncated tripledes-cbc CipherValue speaks of 8-byte blocks', async () => {
    const r = await rejection(decryptBytes(URI.tripledesCbc, bytes(24), bytes(12)));
    expect(r.message).toBe('expected a CipherValue of a whole number of 8-byte blocks after the 8-byte IV, found 12 bytes');
  });

  it('a too-short GCM CipherValue and a wrong GCM key are different failures', async () => {
    expect((await rejection(decryptBytes(URI.aes128Gcm, bytes(16), bytes(20)))).message)
      .toMatch(/12-byte IV, the ciphertext and the 16-byte tag \(at least 28 bytes\), found 20 bytes/);
    const c = await encryptBytes(URI.aes128Gcm, bytes(16), bytes(30), seededRandom('g'));
    const r = await rejection(decryptBytes(URI.aes128Gcm, bytes(16, 2), c));
    expect(r).toMatchObject({ code: 'XENC_DECRYPT_FAILED' });
    expect(r.message).toMatch(/expected the AES-GCM authentication tag to verify/);
  });

  it('a wrong key length names expected and found lengths', async () => {
    const r = await rejection(encryptBytes(URI.aes256Cbc, bytes(16), bytes(3), seededRandom(1)));
    expect(r).toEqual({ name: 'CryptoError', code: 'XENC_KEY_LENGTH', message: 'expected a 32-byte key for aes256-cbc, found 16 bytes' });
  });

  it('an unknown algorithm URI is a UsageError listing the supported ones', async () => {
    const r = await rejection(decryptBytes('http://www.w3.org/2001/04/xmlenc#aes999-cbc', bytes(16), bytes(32)));
    expect(r).toMatchObject({ name: 'UsageError', code: 'XENC_UNKNOWN_ALGORITHM' });
    expect(r.message).toMatch(/^expected a block encryption algorithm, one of aes128-cbc, aes192-cbc, aes256-cbc, aes128-gcm, aes192-gcm, aes256-gcm, tripledes-cbc; found http:\/\/www\.w3\.org\/2001\/04\/xmlenc#aes999-cbc$/);
    const w = await rejection(encryptBytes(URI.kwAes128, bytes(16), bytes(3), seededRandom(1)));
    expect(w.message).toMatch(/found .*kw-aes128 \(a key transport or key wrap algorithm\)$/);
  });

  it('keyLengthOf knows block and wrap algorithms and refuses RSA and unknown URIs', () => {
    expect(keyLengthOf(URI.aes192Cbc)).toBe(24);
    expect(keyLengthOf(URI.tripledesCbc)).toBe(24);
    expect(keyLengthOf(URI.kwAes256)).toBe(32);
    expect(() => keyLengthOf(URI.rsaOaepMgf1p)).toThrow(UsageError);
    expect(() => keyLengthOf('urn:nope')).toThrow(/XENC|one of aes128-cbc/);
  });

  it('LEGACY_ALGORITHMS are exactly rsa-1_5 and tripledes-cbc', () => {
    expect([...LEGACY_ALGORITHMS].sort()).toEqual([URI.rsa15, URI.tripledesCbc].sort());
  });
});

describe('AES key wrap (RFC 3394 §4 vectors)', () => {
  const vectors = [
    { alg: URI.kwAes128, kek: '000102030405060708090A0B0C0D0E0F', key: '00112233445566778899AABBCCDDEEFF', out: '1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5' },
    { alg: URI.kwAes192, kek: '000102030405060708090A0B0C0D0E0F1011121314151617', key: '00112233445566778899AABBCCDDEEFF', out: '96778B25AE6CA435F92B5B97C050AED2468AB8A17AD84E5D' },
    { alg: URI.kwAes256, kek: '000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F', key: '00112233445566778899AABBCCDDEEFF', out: '64E8C3F9CE0F5BA263E9777905818A2A93C8191E7D6E8AE7' },
    { alg: URI.kwAes256, kek: '000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F', key: '00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F', out: '28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21' },
  ];
  for (const v of vectors) {
    it(`${v.alg.split('#')[1]} with a ${v.key.length / 2}-byte key (WebCrypto and the forge fallback)`, async () => {
      const wrapped = await wrapKey(v.alg, fromHex(v.kek), fromHex(v.key), seededRandom(1));
      expect(toHex(wrapped)).toBe(v.out.toLowerCase());
      expect(toHex(await unwrapKey(v.alg, fromHex(v.kek), wrapped))).toBe(v.key.toLowerCase());
      const legacy = await import('../../src/engine/crypto/legacy/index.ts');
      expect(toHex(legacy.aesKeyWrap(fromHex(v.kek), fromHex(v.key)))).toBe(v.out.toLowerCase());
      expect(toHex(legacy.aesKeyUnwrap(fromHex(v.kek), wrapped)!)).toBe(v.key.toLowerCase());
    });
  }

  it('a wrong KEK fails the integrity check, in words', async () => {
    const wrapped = await wrapKey(URI.kwAes128, bytes(16), bytes(16, 5), seededRandom(1));
    const r = await rejection(unwrapKey(URI.kwAes128, bytes(16, 2), wrapped));
    expect(r).toMatchObject({ code: 'XENC_UNWRAP_FAILED' });
    expect(r.message).toMatch(/expected the RFC 3394 integrity check value A6A6A6A6A6A6A6A6 after kw-aes128 unwrapping, found another/);
  });

  it('a CipherValue that is not 8-byte aligned says so', async () => {
    expect((await rejection(unwrapKey(URI.kwAes128, bytes(16), bytes(25)))).message).toMatch(/multiple of 8 bytes, at least 24 \(RFC 3394 §2\), found 25 bytes/);
  });
});

describe('RSA key transport', () => {
  let service: { priv: RsaPrivateKey; pub: RsaPublicKey; pem: string };
  let client: { priv: RsaPrivateKey; pub: RsaPublicKey; pem: string };
  beforeAll(async () => {
    service = await rsaPair('service');
    client = await rsaPair('client');
  });

  it('rsa-oaep-mgf1p round trips, and OpenSSL (SHA-1 OAEP) decrypts ours', async () => {
    const key = bytes(32);
    const wrapped = await wrapKey(URI.rsaOaepMgf1p, service.pub, key, seededRandom(1));
    expect(await unwrapKey(URI.rsaOaepMgf1p, service.priv, wrapped)).toEqual(key);
    const openssl = privateDecrypt({ key: createPrivateKey(service.pem), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, wrapped);
    expect(new Uint8Array(openssl)).toEqual(key);
  });

  it('rsa-oaep-mgf1p with OAEPparams needs the same params to decrypt', async () => {
    const oaepParams = bytes(9);
    const wrapped = await wrapKey(URI.rsaOaepMgf1p, service.pub, bytes(16), seededRandom(1), { oaepParams });
    expect(await unwrapKey(URI.rsaOaepMgf1p, service.priv, wrapped, { oaepParams })).toEqual(bytes(16));
    const r = await rejection(unwrapKey(URI.rsaOaepMgf1p, service.priv, wrapped));
    expect(r).toMatchObject({ code: 'XENC_UNWRAP_FAILED' });
    expect(r.message).toMatch(/the OAEPparams differ/);
  });

  it('rsa-1_5 round trips, OpenSSL encryption decrypts with us, and ours is reproducible from a seed', async () => {
    const key = bytes(24);
    const a = await wrapKey(URI.rsa15, service.pub, key, seededRandom('r'));
    const b = await wrapKey(URI.rsa15, service.pub, key, seededRandom('r'));
    expect(toHex(a)).toBe(toHex(b));
    expect(await unwrapKey(URI.rsa15, service.priv, a, { expectedLength: 24 })).toEqual(key);
    const theirs = publicEncrypt({ key: createPrivateKey(service.pem), padding: constants.RSA_PKCS1_PADDING }, key);
    expect(await unwrapKey(URI.rsa15, service.priv, new Uint8Array(theirs), { expectedLength: 24 })).toEqual(key);
  });

  it('Security: rsa-1_5 with the wrong private key yields a random key of the expected length, not an error', async () => {
    const wrapped = await wrapKey(URI.rsa15, service.pub, bytes(16), seededRandom(1));
    const k1 = await unwrapKey(URI.rsa15, client.priv, wrapped, { expectedLength: 16, random: seededRandom('x') });
    const k2 = await unwrapKey(URI.rsa15, client.priv, wrapped, { expectedLength: 16, random: seededRandom('y') });
    expect(k1.length).toBe(16);
    expect(k1).not.toEqual(bytes(16));
    expect(k1).not.toEqual(k2);
  });

  it('Security: rsa-1_5 substitutes a random key when the length differs from the expected one', async () => {
    const wrapped = await wrapKey(URI.rsa15, service.pub, bytes(16), seededRandom(1));
    const k = await unwrapKey(URI.rsa15, service.priv, wrapped, { expectedLength: 32, random: seededRandom('z') });
    expect(k.length).toBe(32);
    expect(toHex(k).startsWith(toHex(bytes(16)))).toBe(false);
  });

  it('the wrong kind of key-encryption key is a UsageError naming both', async () => {
    const r = await rejection(wrapKey(URI.rsaOaepMgf1p, bytes(16), bytes(16), seededRandom(1)));
    expect(r).toEqual({ name: 'UsageError', code: 'XENC_WRONG_KEY_TYPE', message: 'expected an RSA public key for rsa-oaep-mgf1p, found 16 raw key bytes' });
    const k = await rejection(unwrapKey(URI.kwAes256, service.priv, bytes(40)));
    expect(k.message).toBe('expected a 32-byte AES key-encryption key for kw-aes256, found an RSA private key');
  });

  it('an rsa-1_5 CipherValue of the wrong size is reported (public information, no oracle)', async () => {
    const r = await rejection(unwrapKey(URI.rsa15, service.priv, bytes(100), { expectedLength: 16 }));
    expect(r).toMatchObject({ name: 'CryptoError', code: 'XENC_CIPHERTEXT_LENGTH' });
    expect(r.message).toMatch(/expected an rsa-1_5 CipherValue of 256 bytes for a 2048-bit key, found 100 bytes/);
  });
});

describe('192-bit AES where WebCrypto refuses it (as Chromium does)', () => {
  afterEach(() => vi.restoreAllMocks());

  const refused = { count: 0 };
  function refuse192(): void {
    const subtle = globalThis.crypto.subtle;
    const original = subtle.importKey.bind(subtle);
    vi.spyOn(subtle, 'importKey').mockImplementation(((format: KeyFormat, data: BufferSource, alg: AlgorithmIdentifier, ext: boolean, usages: KeyUsage[]) => {
      const name = typeof alg === 'string' ? alg : alg.name;
      if (name.startsWith('AES') && (data as Uint8Array).byteLength === 24) {
        refused.count++;
        return Promise.reject(new DOMException('192-bit AES keys are not supported', 'OperationError'));
      }
      return original(format as 'raw', data, alg, ext, usages);
    }) as typeof subtle.importKey);
  }

  for (const alg of [URI.aes192Cbc, URI.aes192Gcm]) {
    it(`${alg.split('#')[1]}: the forge fallback decrypts WebCrypto's output and vice versa`, async () => {
      const key = bytes(24);
      const native = await encryptBytes(alg, key, bytes(50), seededRandom('n'));
      refuse192();
      const before = refused.count;
      expect(await decryptBytes(alg, key, native)).toEqual(bytes(50));
      expect(refused.count).toBeGreaterThan(before); // WebCrypto really said no, forge did the work
      const viaForge = await encryptBytes(alg, key, bytes(50), seededRandom('n'));
      expect(toHex(viaForge)).toBe(toHex(native));
      vi.restoreAllMocks();
      expect(await decryptBytes(alg, key, viaForge)).toEqual(bytes(50));
    });
  }

  it('kw-aes192 through the fallback gives the RFC 3394 vector', async () => {
    refuse192();
    const kek = fromHex('000102030405060708090A0B0C0D0E0F1011121314151617');
    const wrapped = await wrapKey(URI.kwAes192, kek, fromHex('00112233445566778899AABBCCDDEEFF'), seededRandom(1));
    expect(toHex(wrapped)).toBe('96778b25ae6ca435f92b5b97c050aed2468ab8a17ad84e5d');
    expect(refused.count).toBeGreaterThan(0);
    const r = await rejection(unwrapKey(URI.kwAes192, bytes(24), wrapped));
    expect(r.code).toBe('XENC_UNWRAP_FAILED');
  });

  it('a fallback GCM tag failure is the same failure as WebCrypto’s', async () => {
    const c = await encryptBytes(URI.aes192Gcm, bytes(24), bytes(10), seededRandom(2));
    refuse192();
    c[c.length - 1]! ^= 1;
    const r = await rejection(decryptBytes(URI.aes192Gcm, bytes(24), c));
    expect(r).toMatchObject({ name: 'CryptoError', code: 'XENC_DECRYPT_FAILED' });
  });
});

