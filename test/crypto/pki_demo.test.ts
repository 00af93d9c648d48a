// The demo PKI (issue 3 point 5) and certification path checks (RFC 5280 §6.1.3): the committed
// fixtures verify (and OpenSSL verified them when they were written), the TM subjects are FQDNs
// (seed 002 R1111), a freshly generated PKI verifies, and each broken path fails with its own code.

import { X509Certificate as NodeX509 } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  DEMO_ACTORS, createCertificate, demoPkiToFile, generateDemoPki, generateRsaKeyPair, keysMatch, loadDemoPki, parseCertificate,
  seededRandom, verifyCertificateChain, type CertInfo, type RsaPrivateKey,
} from '../../src/engine/crypto/index.ts';
import { DEMO_PKI_FILE, builtinDemoPki } from '../../src/engine/actors/demo_pki.ts';
import { LEAVES, NAMES, fixtureText } from './pki_fixtures.ts';

const NOW = Date.parse('2026-06-01T00:00:00Z');
const codes = (checks: Array<{ code: string; status: string }>) => checks.filter((c) => c.status === 'fail').map((c) => c.code);

describe('committed demo PKI', () => {
  it('pki.json, its engine copy and the PEM files are the same material', async () => {
    expect(JSON.parse(fixtureText('pki.json'))).toEqual(DEMO_PKI_FILE);
    const pki = await builtinDemoPki();
    for (const name of NAMES) {
      expect(pki[name].cert.pem).toBe(fixtureText(`${name}.cert.pem`));
      expect(pki[name].keyPem).toBe(fixtureText(`${name}.key.pem`));
      expect(keysMatch(pki[name].key, { kind: 'rsa-public', spki: pki[name].cert.spki })).toBe(true);
    }
  });

  it('every leaf chains to the CA; OpenSSL said OK for each when the fixtures were made', async () => {
    const pki = await builtinDemoPki();
    for (const name of LEAVES) {
      const checks = await verifyCertificateChain(pki[name].cert, [pki.ca.cert], NOW);
      expect(codes(checks), name).toEqual([]);
      expect(checks.at(-1)).toMatchObject({ code: 'X509_CHAIN_VALID', status: 'pass' });
      expect(checks.map((c) => c.code)).toEqual(['X509_VALIDITY', 'X509_SIGNATURE_VALID', 'X509_ISSUER_IS_CA', 'X509_VALIDITY', 'X509_CHAIN_VALID']);
    }
    expect(fixtureText('openssl/verify.txt').trim().split('\n')).toEqual(LEAVES.map((n) => `${n}.cert.pem: OK`));
  });

  it('RSA 2048, SHA-256, SKI extension, ten years; TM subjects are their FQDNs with a matching dNSName (R1111)', async () => {
    const pki = await builtinDemoPki();
    for (const name of NAMES) {
      const node = new NodeX509(pki[name].cert.pem);
      expect(node.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
      expect(pki[name].cert.signatureAlgorithm).toBe('sha256WithRSAEncryption');
      expect(pki[name].cert.skiSource).toBe('extension');
      expect(Date.parse(pki[name].cert.notAfter) - Date.parse(pki[name].cert.notBefore)).toBe(Date.parse('2035-01-01') - Date.parse('2025-01-01'));
    }
    for (const name of ['itm', 'ptm'] as const) {
      const cert = pki[name].cert;
      const cn = /^CN=([^,]+)$/.exec(cert.subject)?.[1];
      expect(cn).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
      expect(cert.subjectAltNames).toEqual([`DNS:${cn}`]);
    }
    expect(pki.ca.cert.subject).toBe('CN=wsbench Demo CA');
    expect(pki.ca.cert.isCA).toBe(true);
  });

  it('loadDemoPki refuses a file whose key does not match its certificate, and a wrong version', async () => {
    const swapped = structuredClone(DEMO_PKI_FILE);
    swapped.identities.sts.keyPem = DEMO_PKI_FILE.identities.service.keyPem;
    await expect(loadDemoPki(swapped)).rejects.toMatchObject({ code: 'DEMO_PKI_INVALID', message: expect.stringContaining('"sts"') });
    await expect(loadDemoPki({ ...DEMO_PKI_FILE, version: 2 })).rejects.toMatchObject({ code: 'DEMO_PKI_INVALID', message: expect.stringContaining('version 2') });
  });
});

describe('generateDemoPki', () => {
  it('makes a fresh set that chains, with serials from the injected random source', async () => {
    const pki = await generateDemoPki(seededRandom('pki test'), { bits: 1024 });
    const again = seededRandom('pki test');
    for (const spec of DEMO_ACTORS) {
      const serial = again.bytes(16);
      serial[0] = (serial[0]! & 0x3f) | 0x40;
      expect(pki[spec.name].cert.serialHex).toBe(Buffer.from(serial).toString('hex').toUpperCase());
      expect(pki[spec.name].cert.subject).toBe(spec.subject);
    }
    for (const name of LEAVES) {
      expect(codes(await verifyCertificateChain(pki[name].cert, [pki.ca.cert], NOW))).toEqual([]);
      expect(new NodeX509(pki[name].cert.pem).verify(new NodeX509(pki.ca.cert.pem).publicKey)).toBe(true);
    }
    const file = demoPkiToFile(pki);
    const reloaded = await loadDemoPki(JSON.parse(JSON.stringify(file)));
    expect(reloaded.itm.cert.thumbprintSha1).toBe(pki.itm.cert.thumbprintSha1);
    expect(file.identities.ptm.dnsNames).toEqual(['ptm.wsbench.example']);
  }, 60_000);
});

describe('verifyCertificateChain failures', () => {
  async function issue(subject: string, issuer: { cert: CertInfo; key: RsaPrivateKey } | null, isCA = false) {
    const keys = await generateRsaKeyPair(1024);
    const cert = await createCertificate({
      subject, publicKey: keys.publicKey, privateKey: keys.privateKey, serial: '01', isCA,
      notBefore: '2025-01-01T00:00:00Z', notAfter: '2027-01-01T00:00:00Z', ...(issuer ? { issuer } : {}),
    });
    return { cert, key: keys.privateKey };
  }

  it('X509_EXPIRED and X509_NOT_YET_VALID name the dates', async () => {
    const pki = await builtinDemoPki();
    const late = await verifyCertificateChain(pki.client.cert, [pki.ca.cert], Date.parse('2040-01-01T00:00:00Z'));
    expect(late.find((c) => c.code === 'X509_EXPIRED')?.message).toBe(
      'Expected CN=client.wsbench.example to be valid at 2040-01-01T00:00:00.000Z; found it expired at 2035-01-01T00:00:00Z');
    const early = await verifyCertificateChain(pki.client.cert, [pki.ca.cert], new Date('2020-01-01T00:00:00Z'));
    expect(codes(early)).toContain('X509_NOT_YET_VALID');
  });

  it('X509_ISSUER_UNKNOWN lists the certificates that were available', async () => {
    const pki = await builtinDemoPki();
    const checks = await verifyCertificateChain(pki.client.cert, [pki.service.cert], NOW);
    expect(checks.find((c) => c.code === 'X509_ISSUER_UNKNOWN')?.message).toBe(
      'Expected a trusted certificate for issuer CN=wsbench Demo CA of CN=client.wsbench.example; found only: CN=service.wsbench.example');
  });

  it('X509_SIGNATURE_INVALID when a different CA carries the same name', async () => {
    const pki = await builtinDemoPki();
    const impostor = await issue('CN=wsbench Demo CA', null, true);
    expect(codes(await verifyCertificateChain(pki.client.cert, [impostor.cert], NOW))).toEqual(['X509_SIGNATURE_INVALID']);
  }, 30_000);

  it('X509_ISSUER_NOT_CA when a leaf signed another certificate, X509_UNTRUSTED for an unknown self-signed one', async () => {
    const root = await issue('CN=Root', null, true);
    const leaf = await issue('CN=Leaf', root);
    const grandchild = await issue('CN=Grandchild', leaf);
    expect(codes(await verifyCertificateChain(grandchild.cert, [leaf.cert, root.cert], Date.parse('2026-01-01')))).toEqual(['X509_ISSUER_NOT_CA']);
    const selfSigned = await issue('CN=Lonely', null);
    expect(codes(await verifyCertificateChain(selfSigned.cert, [root.cert], Date.parse('2026-01-01')))).toEqual(['X509_UNTRUSTED']);
    expect(codes(await verifyCertificateChain(selfSigned.cert, [selfSigned.cert], Date.parse('2026-01-01')))).toEqual([]);
  }, 60_000);

  it('verifies a path built from certificates parsed straight from the PEM files', async () => {
    const ca = await parseCertificate(fixtureText('ca.cert.pem'));
    const itm = await parseCertificate(fixtureText('itm.cert.pem'));
    expect(codes(await verifyCertificateChain(itm, [ca], NOW))).toEqual([]);
  });
});
