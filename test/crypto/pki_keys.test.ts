// PEM (RFC 7468) and RSA key import: PKCS#8, PKCS#1 (wrapped into PKCS#8), encrypted keys, the
// public half, key-pair matching and generation — with node:crypto (OpenSSL) as the oracle.

import { createPrivateKey, createPublicKey, createSign, createVerify, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  derToPem, generateRsaKeyPair, importEncryptedPrivateKeyPem, importPrivateKeyPem, importPublicKey, keysMatch,
  parseCertificate, pemToDer, privateKeyToPem, publicKeyOf, rsaModulusBits, rsaPublicKeyFromNumbers, splitPemBlocks,
} from '../../src/engine/crypto/index.ts';
import { fixtureText } from './pki_fixtures.ts';

const PASSWORD = 'wsbench-demo';

/** node:crypto's SPKI DER for a PEM private key, to compare with ours. */
function nodeSpki(keyPem: string, passphrase?: string): Buffer {
  const key = createPrivateKey(passphrase ? { key: keyPem, passphrase } : keyPem);
  return createPublicKey(key).export({ type: 'spki', format: 'der' });
}

describe('PEM', () => {
  it('splits blocks, skipping text between them, and reads RFC 1421 headers', () => {
    const text = `Bag Attributes\n    friendlyName: x\n${fixtureText('client.cert.pem')}junk\n${fixtureText('client.key.pkcs1-encrypted.pem')}`;
    const blocks = splitPemBlocks(text);
    expect(blocks.map((b) => b.label)).toEqual(['CERTIFICATE', 'RSA PRIVATE KEY']);
    expect(blocks[1]!.headers['Proc-Type']).toBe('4,ENCRYPTED');
    expect(blocks[1]!.headers['DEK-Info']).toMatch(/^AES-128-CBC,/);
    expect(blocks[0]!.headers).toEqual({});
  });

  it('derToPem writes 64-column lines that pemToDer reads back', () => {
    const der = Uint8Array.from({ length: 100 }, (_, i) => i);
    const pem = derToPem(der, 'TEST DATA');
    expect(pem.split('\n')[1]!.length).toBe(64);
    expect(pemToDer(pem, 'TEST DATA')).toEqual({ label: 'TEST DATA', der });
  });

  it('PEM_INVALID for no block, mismatched END, bad base64; PEM_WRONG_LABEL naming what was found', () => {
    expect(() => pemToDer('hello')).toThrow(expect.objectContaining({ code: 'PEM_INVALID', message: expect.stringContaining('"hello"') }));
    expect(() => pemToDer('-----BEGIN A-----\nAAAA\n-----END B-----')).toThrow(expect.objectContaining({
      code: 'PEM_INVALID', message: expect.stringContaining('found "-----END B-----"'),
    }));
    expect(() => pemToDer('-----BEGIN A-----\nA$AA\n-----END A-----')).toThrow(expect.objectContaining({ code: 'PEM_INVALID' }));
    expect(() => pemToDer(fixtureText('client.cert.pem'), ['PRIVATE KEY', 'RSA PRIVATE KEY'])).toThrow(expect.objectContaining({
      code: 'PEM_WRONG_LABEL', message: 'Expected a PEM block labelled "PRIVATE KEY" or "RSA PRIVATE KEY"; found "CERTIFICATE"',
    }));
  });
});

describe('RSA private keys', () => {
  it('imports PKCS#8 and PKCS#1 to the same PKCS#8 key whose public half node:crypto derives too', async () => {
    const p8 = importPrivateKeyPem(fixtureText('client.key.pem'));
    const p1 = importPrivateKeyPem(fixtureText('client.key.pkcs1.pem'));
    expect(Buffer.from(p1.pkcs8).equals(Buffer.from(p8.pkcs8))).toBe(true);
    const pub = await publicKeyOf(p1);
    expect(Buffer.from(pub.spki).equals(nodeSpki(fixtureText('client.key.pkcs1.pem')))).toBe(true);
    expect(createPrivateKey({ key: Buffer.from(p1.pkcs8), format: 'der', type: 'pkcs8' }).asymmetricKeyType).toBe('rsa');
  });

  it('matches each fixture key to its own certificate and not to another', async () => {
    const client = importPrivateKeyPem(fixtureText('client.key.pem'));
    const clientCert = await parseCertificate(fixtureText('client.cert.pem'));
    const serviceCert = await parseCertificate(fixtureText('service.cert.pem'));
    expect(keysMatch(client, { kind: 'rsa-public', spki: clientCert.spki })).toBe(true);
    expect(keysMatch(client, { kind: 'rsa-public', spki: serviceCert.spki })).toBe(false);
    expect(rsaModulusBits({ kind: 'rsa-public', spki: clientCert.spki })).toBe(2048);
  });

  it('asks for the password of an encrypted key (PKCS#8 and traditional), and decrypts PKCS#8 with it', async () => {
    expect(() => importPrivateKeyPem(fixtureText('client.key.encrypted.pem'))).toThrow(expect.objectContaining({
      code: 'KEY_ENCRYPTED', message: expect.stringContaining('give its password'),
    }));
    expect(() => importPrivateKeyPem(fixtureText('client.key.pkcs1-encrypted.pem'))).toThrow(expect.objectContaining({
      code: 'KEY_ENCRYPTED', message: expect.stringContaining('AES-128-CBC'),
    }));
    const key = await importEncryptedPrivateKeyPem(fixtureText('client.key.encrypted.pem'), PASSWORD);
    expect(Buffer.from((await publicKeyOf(key)).spki).equals(nodeSpki(fixtureText('client.key.encrypted.pem'), PASSWORD))).toBe(true);
    await expect(importEncryptedPrivateKeyPem(fixtureText('client.key.encrypted.pem'), 'wrong')).rejects.toMatchObject({ code: 'KEY_BAD_PASSWORD' });
  });

  it('rejects a certificate PEM and a non-RSA key with typed errors', () => {
    expect(() => importPrivateKeyPem(fixtureText('ca.cert.pem'))).toThrow(expect.objectContaining({ code: 'PEM_WRONG_LABEL' }));
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    expect(() => importPrivateKeyPem(ec)).toThrow(expect.objectContaining({ code: 'KEY_NOT_RSA', message: expect.stringContaining('1.2.840.10045.2.1') }));
  });

  it('generates an extractable key pair that signs what node:crypto verifies', async () => {
    const pair = await generateRsaKeyPair(2048);
    expect(keysMatch(pair.privateKey, pair.publicKey)).toBe(true);
    const data = Buffer.from('signed by a generated key');
    const signature = createSign('sha256').update(data).sign(privateKeyToPem(pair.privateKey));
    const ok = createVerify('sha256').update(data).verify(createPublicKey({ key: Buffer.from(pair.publicKey.spki), format: 'der', type: 'spki' }), signature);
    expect(ok).toBe(true);
    await expect(generateRsaKeyPair(1000)).rejects.toMatchObject({ code: 'KEY_BAD_SIZE' });
  }, 30_000);

  it('builds the same SPKI from modulus and exponent as the certificate holds', async () => {
    const cert = await parseCertificate(fixtureText('sts.cert.pem'));
    const jwk = createPublicKey({ key: Buffer.from(cert.spki), format: 'der', type: 'spki' }).export({ format: 'jwk' });
    const pub = rsaPublicKeyFromNumbers(Buffer.from(jwk.n!, 'base64url'), Buffer.from(jwk.e!, 'base64url'));
    expect(Buffer.from(pub.spki).equals(Buffer.from(cert.spki))).toBe(true);
    expect(importPublicKey(derToPem(pub.spki, 'PUBLIC KEY')).spki).toEqual(pub.spki);
  });
});
