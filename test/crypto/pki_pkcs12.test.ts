// PKCS#12 import (RFC 7292) of files made by `openssl pkcs12 -export` (scripts/make-pki.ts): the
// OpenSSL 3 default (PBES2/PBKDF2/AES-256-CBC, HMAC-SHA256 MAC) and -legacy (3DES, RC2-40,
// HMAC-SHA1 MAC), right and wrong passwords, a non-ASCII password, and files that are not PKCS#12.

import { createPrivateKey, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { importPkcs12, parseCertificate } from '../../src/engine/crypto/index.ts';
import { CryptoError, DecodingError } from '../../src/engine/report/errors.ts';
import { fixtureBytes, fixtureText } from './pki_fixtures.ts';

const index = JSON.parse(fixtureText('index.json')) as { extras: { password: string; utf8Password: string } };
const { password: PASSWORD, utf8Password: UTF8_PASSWORD } = index.extras;

const FILES = [
  { file: 'client.p12', generation: 'OpenSSL 3 default', info: ['MAC: sha256', 'PBES2, PBKDF2, AES-256-CBC'] },
  { file: 'client.legacy.p12', generation: '-legacy', info: ['MAC: sha1', 'pbeWithSHA1And3-KeyTripleDES-CBC', 'pbeWithSHA1And40BitRC2-CBC'] },
] as const;

describe.each(FILES)('$file ($generation)', ({ file, info }) => {
  it('was written with the algorithms of its generation (openssl pkcs12 -info)', () => {
    const text = fixtureText(`openssl/${file}.info.txt`);
    for (const needle of info) expect(text).toContain(needle);
  });

  it('opens with the right password: the client key (as OpenSSL reads it) and the client then CA certificate', async () => {
    const { key, certs } = await importPkcs12(fixtureBytes(file), PASSWORD);
    const clientCert = await parseCertificate(fixtureText('client.cert.pem'));
    const caCert = await parseCertificate(fixtureText('ca.cert.pem'));
    expect(certs.map((c) => c.thumbprintSha1)).toEqual([clientCert.thumbprintSha1, caCert.thumbprintSha1]);
    const ours = createPrivateKey({ key: Buffer.from(key.pkcs8), format: 'der', type: 'pkcs8' });
    const openssl = createPrivateKey(fixtureText('client.key.pem'));
    expect(createPublicKey(ours).export({ type: 'spki', format: 'der' }).equals(createPublicKey(openssl).export({ type: 'spki', format: 'der' }))).toBe(true);
    expect(ours.export({ format: 'jwk' }).d).toBe(openssl.export({ format: 'jwk' }).d);
  });

  it('refuses a wrong password with PKCS12_BAD_PASSWORD (the MAC does not verify)', async () => {
    const attempt = importPkcs12(fixtureBytes(file), `${PASSWORD}x`);
    await expect(attempt).rejects.toBeInstanceOf(CryptoError);
    await expect(importPkcs12(fixtureBytes(file), '')).rejects.toMatchObject({
      code: 'PKCS12_BAD_PASSWORD',
      message: 'Expected the password that opens this PKCS#12 file: the MAC does not verify',
    });
  });
});

describe('PKCS#12 edge cases', () => {
  it.each(['client.utf8-password.p12', 'client.utf8-password.legacy.p12'])('opens %s made with a non-ASCII password', async (file) => {
    const { certs } = await importPkcs12(fixtureBytes(file), UTF8_PASSWORD);
    expect(certs[0]!.subject).toBe('CN=client.wsbench.example');
    await expect(importPkcs12(fixtureBytes(file), PASSWORD)).rejects.toMatchObject({ code: 'PKCS12_BAD_PASSWORD' });
  });

  it('reports PKCS12_NO_KEY for a certificates-only file', async () => {
    await expect(importPkcs12(fixtureBytes('ca-only.p12'), PASSWORD)).rejects.toMatchObject({
      code: 'PKCS12_NO_KEY', message: expect.stringContaining('found 1 certificate(s) and no key bag'),
    });
  });

  it('reports PKCS12_INVALID for a certificate, PEM text, a PKCS#7 bundle and random bytes', async () => {
    const cases: Array<[Uint8Array, string]> = [
      [(await parseCertificate(fixtureText('client.cert.pem'))).der, 'not a PFX'],
      [fixtureBytes('client.cert.pem'), 'PEM text ("-----BEGIN CERTIFICATE-----")'],
      [fixtureBytes('client-chain.p7b'), 'not a PFX'],
      [Uint8Array.from({ length: 64 }, (_, i) => (i * 37 + 11) & 0xff), 'not DER'],
    ];
    for (const [bytes, found] of cases) {
      const attempt = importPkcs12(bytes, PASSWORD);
      await expect(attempt).rejects.toBeInstanceOf(DecodingError);
      await expect(importPkcs12(bytes, PASSWORD)).rejects.toMatchObject({ code: 'PKCS12_INVALID', message: expect.stringContaining(found) });
    }
  });
});
