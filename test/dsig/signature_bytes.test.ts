// crypto/signature.ts: octet-level sign/verify/digest for the XMLDSig algorithm URIs, with
// node:crypto (OpenSSL) as the oracle, and HMACOutputLength truncation.

import { createHash, createHmac, createSign, createVerify, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { digestBytes, signBytes, verifyBytes } from '../../src/engine/crypto/signature.ts';
import { UsageError } from '../../src/engine/report/errors.ts';
import { URI } from '../../src/engine/xml/names.ts';
import { KEYS } from './fixtures.ts';

const data = new Uint8Array(randomBytes(300));
const pubPem = KEYS.rsaPublicPem;
const privPem = KEYS.rsaPrivatePem;

describe('signBytes / verifyBytes: RSA', () => {
  for (const [uri, hash] of [[URI.rsaSha1, 'sha1'], [URI.rsaSha256, 'sha256']] as const) {
    it(`${hash}: our signature verifies with OpenSSL and equals its (deterministic PKCS#1 v1.5) signature`, async () => {
      const ours = await signBytes(uri, KEYS.rsaPrivate, data);
      expect(createVerify(hash).update(data).verify(pubPem, Buffer.from(ours))).toBe(true);
      expect(Buffer.from(ours).toString('hex')).toBe(createSign(hash).update(data).sign(privPem).toString('hex'));
    });

    it(`${hash}: OpenSSL's signature verifies with us; a flipped bit or other data does not`, async () => {
      const theirs = new Uint8Array(createSign(hash).update(data).sign(privPem));
      expect(await verifyBytes(uri, KEYS.rsaPublic, theirs, data)).toBe(true);
      const flipped = theirs.slice();
      flipped[10] = flipped[10]! ^ 1;
      expect(await verifyBytes(uri, KEYS.rsaPublic, flipped, data)).toBe(false);
      expect(await verifyBytes(uri, KEYS.rsaPublic, theirs, data.subarray(1))).toBe(false);
      expect(await verifyBytes(uri, KEYS.otherRsaPublic, theirs, data)).toBe(false);
    });
  }
});

describe('signBytes / verifyBytes: HMAC', () => {
  for (const [uri, hash] of [[URI.hmacSha1, 'sha1'], [URI.hmacSha256, 'sha256']] as const) {
    it(`${hash}: equals node:crypto createHmac and verifies`, async () => {
      const mac = await signBytes(uri, KEYS.secret, data);
      expect(Buffer.from(mac).toString('hex')).toBe(createHmac(hash, KEYS.secret.bytes).update(data).digest('hex'));
      expect(await verifyBytes(uri, KEYS.secret, mac, data)).toBe(true);
      expect(await verifyBytes(uri, KEYS.otherSecret, mac, data)).toBe(false);
    });

    it(`${hash}: HMACOutputLength keeps the leading bits and is compared on them only`, async () => {
      const full = createHmac(hash, KEYS.secret.bytes).update(data).digest();
      const mac = await signBytes(uri, KEYS.secret, data, { hmacOutputLength: 124 });
      expect(mac.length).toBe(16);
      expect(Buffer.from(mac.subarray(0, 15)).equals(full.subarray(0, 15))).toBe(true);
      expect(mac[15]).toBe(full[15]! & 0xf0);
      expect(await verifyBytes(uri, KEYS.secret, mac, data, { hmacOutputLength: 124 })).toBe(true);
      // The 4 bits past the length are not compared; bit 124 (the last compared one) is.
      const lowBits = mac.slice();
      lowBits[15] = lowBits[15]! | 0x0f;
      expect(await verifyBytes(uri, KEYS.secret, lowBits, data, { hmacOutputLength: 124 })).toBe(true);
      const lastBit = mac.slice();
      lastBit[15] = lastBit[15]! ^ 0x10;
      expect(await verifyBytes(uri, KEYS.secret, lastBit, data, { hmacOutputLength: 124 })).toBe(false);
      // The full MAC is not a valid 124-bit MAC (wrong length), nor the reverse.
      expect(await verifyBytes(uri, KEYS.secret, new Uint8Array(full), data, { hmacOutputLength: 124 })).toBe(false);
      expect(await verifyBytes(uri, KEYS.secret, mac, data)).toBe(false);
    });
  }

  it('refuses an HMACOutputLength longer than the hash or with an RSA algorithm', async () => {
    await expect(signBytes(URI.hmacSha1, KEYS.secret, data, { hmacOutputLength: 161 })).rejects.toMatchObject({
      code: 'DSIG_HMAC_OUTPUT_LENGTH', message: expect.stringContaining('from 1 to 160 bits'),
    });
    await expect(signBytes(URI.rsaSha1, KEYS.rsaPrivate, data, { hmacOutputLength: 80 })).rejects.toMatchObject({ code: 'DSIG_HMAC_OUTPUT_LENGTH' });
  });
});

describe('algorithm and key checks', () => {
  it('an unknown URI is DSIG_UNKNOWN_ALGORITHM naming the supported ones', async () => {
    const err = await signBytes('http://www.w3.org/2000/09/xmldsig#dsa-sha1', KEYS.rsaPrivate, data).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).code).toBe('DSIG_UNKNOWN_ALGORITHM');
    for (const uri of [URI.rsaSha1, URI.rsaSha256, URI.hmacSha1, URI.hmacSha256]) expect((err as Error).message).toContain(uri);
    expect((err as Error).message).toContain("found 'http://www.w3.org/2000/09/xmldsig#dsa-sha1'");
    await expect(digestBytes(URI.sha512, data)).rejects.toMatchObject({ code: 'DSIG_UNKNOWN_ALGORITHM', message: expect.stringContaining(URI.sha1) });
  });

  it('Security: an RSA public key is never used as an HMAC secret (key confusion)', async () => {
    const spkiAsSecret = createHmac('sha1', KEYS.rsaPublic.kind === 'rsa-public' ? KEYS.rsaPublic.spki : new Uint8Array()).update(data).digest();
    await expect(verifyBytes(URI.hmacSha1, KEYS.rsaPublic, new Uint8Array(spkiAsSecret), data)).rejects.toMatchObject({
      code: 'DSIG_KEY_ALGORITHM_MISMATCH', message: expect.stringContaining('expected a secret key'),
    });
    await expect(signBytes(URI.rsaSha1, KEYS.secret, data)).rejects.toMatchObject({ code: 'DSIG_KEY_ALGORITHM_MISMATCH' });
  });
});

describe('digestBytes', () => {
  it('sha1 and sha256 URIs equal node:crypto', async () => {
    expect(Buffer.from(await digestBytes(URI.sha1, data)).toString('hex')).toBe(createHash('sha1').update(data).digest('hex'));
    expect(Buffer.from(await digestBytes(URI.sha256, data)).toString('hex')).toBe(createHash('sha256').update(data).digest('hex'));
  });
});
