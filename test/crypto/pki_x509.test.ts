// X.509 parsing and creation (RFC 5280) checked against OpenSSL's recorded view of the fixtures
// and, live, against node:crypto's X509Certificate (also OpenSSL underneath, independent of
// @peculiar/x509).

import { X509Certificate as NodeX509, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  computeSki, createCertificate, dnEquals, dnFromDer, dnToDer, dnToString, fromBase64, generateRsaKeyPair, parseCertificate,
  parseDn, toBase64,
} from '../../src/engine/crypto/index.ts';
import { DecodingError } from '../../src/engine/report/errors.ts';
import { NAMES, colonHexToBase64, fixtureText, parseOpensslX509 } from './pki_fixtures.ts';

describe('parseCertificate vs openssl x509 (fixtures)', () => {
  it.each(NAMES)('%s: serial, subject, issuer, SHA-1 fingerprint, SKI, SAN and CA flag agree', async (name) => {
    const info = await parseCertificate(fixtureText(`${name}.cert.pem`));
    const view = parseOpensslX509(fixtureText(`openssl/${name}.x509.txt`));
    expect(info.serialHex).toBe(view.serial);
    expect(info.subject).toBe(view.subject);
    expect(info.issuer).toBe(view.issuer);
    expect(info.thumbprintSha1).toBe(view.sha1Base64);
    expect(info.ski).toBe(view.skiBase64);
    expect(info.skiSource).toBe('extension');
    expect(info.subjectAltNames).toEqual(view.subjectAltNames);
    expect(info.isCA).toBe(view.ca);
  });

  it('serialDecimal is the same number as the hex serial, and node:crypto agrees on dates and SPKI', async () => {
    const pem = fixtureText('client.cert.pem');
    const info = await parseCertificate(pem);
    const node = new NodeX509(pem);
    expect(BigInt(info.serialDecimal)).toBe(BigInt(`0x${node.serialNumber}`));
    expect(Date.parse(info.notBefore)).toBe(Date.parse(node.validFrom));
    expect(Date.parse(info.notAfter)).toBe(Date.parse(node.validTo));
    const spki = node.publicKey.export({ type: 'spki', format: 'der' });
    expect(Buffer.from(info.spki).equals(spki)).toBe(true);
    expect(info.signatureAlgorithm).toBe('sha256WithRSAEncryption');
  });

  it('reads the same certificate from PEM, DER, base64 DER and bytes holding PEM', async () => {
    const pem = fixtureText('sts.cert.pem');
    const fromPem = await parseCertificate(pem);
    const fromDer = await parseCertificate(fromPem.der);
    const fromB64 = await parseCertificate(`\n  ${toBase64(fromPem.der)}\n`);
    const fromPemBytes = await parseCertificate(new TextEncoder().encode(pem));
    for (const other of [fromDer, fromB64, fromPemBytes]) expect(other.thumbprintSha1).toBe(fromPem.thumbprintSha1);
    expect(fromDer.pem).toBe(pem);
  });

  it('computes the SKI by RFC 5280 method 1 when the extension is absent, equal to OpenSSL\'s "hash" SKI', async () => {
    const info = await parseCertificate(fixtureText('noski.cert.pem'));
    const expected = colonHexToBase64(fixtureText('openssl/client-key.ski-hash.txt').split('\n')[1]!);
    expect(info.skiSource).toBe('computed (RFC 5280 §4.2.1.2 method 1)');
    expect(info.ski).toBe(expected);
    expect(toBase64(computeSki(info.spki))).toBe(expected);
  });

  it('rejects input that is not a certificate with X509_INVALID or the PEM label found', async () => {
    await expect(parseCertificate('not base64 at all!')).rejects.toMatchObject({ code: 'X509_INVALID', message: expect.stringContaining('neither PEM nor base64') });
    await expect(parseCertificate(toBase64(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x05])))).rejects.toMatchObject({ code: 'X509_INVALID' });
    await expect(parseCertificate(fixtureText('client.key.pem'))).rejects.toMatchObject({
      code: 'X509_INVALID', message: expect.stringContaining('"PRIVATE KEY"'),
    });
    await expect(parseCertificate(new Uint8Array(0))).rejects.toBeInstanceOf(DecodingError);
  });
});

describe('createCertificate', () => {
  it('issues a CA and a SHA-1 leaf that node:crypto verifies, with serial, SAN and CA flags as asked', async () => {
    const caKeys = await generateRsaKeyPair(2048);
    const ca = await createCertificate({
      subject: 'CN=Test Root,O=wsbench tests,C=DE', publicKey: caKeys.publicKey, privateKey: caKeys.privateKey,
      serial: 'ff01', notBefore: '2024-01-01T00:00:00Z', notAfter: '2030-01-01T00:00:00Z', isCA: true,
    });
    const leafKeys = await generateRsaKeyPair(2048);
    const leaf = await createCertificate({
      subject: 'CN=host.example', issuer: { cert: ca, key: caKeys.privateKey }, publicKey: leafKeys.publicKey,
      serial: '0a', notBefore: new Date('2024-06-01T00:00:00Z'), notAfter: new Date('2026-06-01T00:00:00Z'),
      dnsNames: ['host.example', 'alt.example'], hash: 'SHA-1',
    });
    const nodeCa = new NodeX509(ca.pem);
    const nodeLeaf = new NodeX509(leaf.pem);
    expect(nodeCa.ca).toBe(true);
    expect(nodeLeaf.ca).toBe(false);
    expect(nodeLeaf.verify(nodeCa.publicKey)).toBe(true);
    expect(nodeLeaf.checkIssued(nodeCa)).toBe(true);
    expect(nodeCa.serialNumber.toUpperCase()).toBe('FF01');
    expect(ca.serialHex).toBe('FF01');
    expect(ca.serialDecimal).toBe(String(0xff01)); // positive: the high bit got its 0x00 sign octet
    expect(nodeLeaf.subjectAltName).toBe('DNS:host.example, DNS:alt.example');
    expect(leaf.signatureAlgorithm).toBe('sha1WithRSAEncryption');
    expect(nodeCa.subject.split('\n')).toEqual(['C=DE', 'O=wsbench tests', 'CN=Test Root']);
    expect(ca.subject).toBe('CN=Test Root,O=wsbench tests,C=DE');
    expect(leaf.issuer).toBe(ca.subject);
    expect(Buffer.from(leaf.spki).equals(createPublicKey({ key: Buffer.from(leafKeys.publicKey.spki), format: 'der', type: 'spki' }).export({ type: 'spki', format: 'der' }))).toBe(true);
  }, 30_000);

  it('refuses a self-signed certificate whose private key is not the public key\'s, and a bad serial', async () => {
    const a = await generateRsaKeyPair(1024);
    const b = await generateRsaKeyPair(1024);
    const base = { subject: 'CN=x', notBefore: '2024-01-01T00:00:00Z', notAfter: '2025-01-01T00:00:00Z' };
    await expect(createCertificate({ ...base, publicKey: a.publicKey, privateKey: b.privateKey, serial: '01' })).rejects.toMatchObject({ code: 'X509_KEY_MISMATCH' });
    await expect(createCertificate({ ...base, publicKey: a.publicKey, privateKey: a.privateKey, serial: 'xyz' })).rejects.toMatchObject({
      code: 'X509_BAD_SERIAL', message: expect.stringContaining('"xyz"'),
    });
    await expect(createCertificate({ ...base, publicKey: a.publicKey, serial: '01' })).rejects.toMatchObject({ code: 'X509_NO_SIGNER' });
  }, 30_000);
});

describe('distinguished names (RFC 4514)', () => {
  it('round-trips through DER in RFC 4514 order, with escaping and quoted values', () => {
    const dn = parseDn('CN=Doe\\, John+UID=jd,OU=R&D,O="Acme; Inc",C=US');
    expect(dnToString(dnFromDer(dnToDer(dn)))).toBe('CN=Doe\\, John+UID=jd,OU=R&D,O=Acme\\; Inc,C=US');
    expect(dn[0]).toEqual([{ type: 'CN', value: 'Doe, John' }, { type: 'UID', value: 'jd' }]);
  });

  it('compares names up to case, spacing, short-name spelling and reversed RDN order', () => {
    const a = parseDn('CN=wsbench Demo CA,O=wsbench,C=US');
    expect(dnEquals(a, parseDn('cn=WSBENCH  demo ca, o=wsbench, c=us'))).toBe(true);
    expect(dnEquals(a, parseDn('C=US, O=wsbench, CN=wsbench Demo CA'))).toBe(true);
    expect(dnEquals(a, parseDn('CN=wsbench Demo CA,O=other,C=US'))).toBe(false);
    expect(dnEquals(parseDn('E=a@b.example'), parseDn('emailAddress=a@b.example'))).toBe(true);
  });

  it('rejects an attribute without "=" with DN_INVALID', () => {
    expect(() => parseDn('CN=a,garbage')).toThrow(expect.objectContaining({ code: 'DN_INVALID', message: expect.stringContaining('"garbage"') }));
  });

  it('keeps a value of an unknown string type as #hex and re-encodes it byte for byte', () => {
    const der = fromBase64('MBMxETAPBgNVBAMECGFiY2RlZmdo'); // CN as an OCTET STRING (not a string type)
    const dn = dnFromDer(der);
    expect(dn[0]![0]!.value.startsWith('#04')).toBe(true);
    expect(toBase64(dnToDer(parseDn(dnToString(dn))))).toBe(toBase64(der));
  });
});
