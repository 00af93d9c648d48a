// Round trips of SAML 1.1 and 2.0 assertions for every confirmation method: build → sign →
// serialize → parse → validate, with the proof key recovered exactly.

import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/engine/crypto/encoding.ts';
import { KINDS, PROOF_KEY, VERSIONS, check, codes, issue, pki } from './fixtures.ts';

const EXPECTED_METHOD = { bearer: 'bearer', 'sender-vouches': 'sender-vouches', 'hok-symmetric': 'holder-of-key', 'hok-cert': 'holder-of-key', 'hok-public-key': 'holder-of-key' } as const;

describe('SAML assertions round-trip through the wire', () => {
  for (const version of VERSIONS) {
    for (const kind of KINDS) {
      it(`SAML ${version} ${kind}: the service accepts what the STS issued`, async () => {
        const p = await pki();
        const r = await check(await issue(version, kind));
        expect(codes(r)).toEqual([]);
        expect(r.accepted).toBe(true);
        expect(r.version).toBe(version);
        expect(r.subject).toBe('alice');
        expect(r.confirmation).toBe(EXPECTED_METHOD[kind]);
        expect(r.issuer?.thumbprintSha1).toBe(p.sts.cert.thumbprintSha1);
        expect(codes(r, 'pass')).toEqual(expect.arrayContaining(['SAML_VERSION', 'SAML_SIGNATURE_VALID', 'SAML_ISSUER_TRUSTED', 'SAML_VALIDITY_PERIOD', 'SAML_AUDIENCE', 'SAML_SUBJECT', 'SAML_CONFIRMATION']));
        if (kind === 'hok-symmetric') {
          expect(r.proofKey?.kind).toBe('secret');
          expect(toHex(r.proofKey?.kind === 'secret' ? r.proofKey.bytes : new Uint8Array(0))).toBe(toHex(PROOF_KEY));
        } else if (kind === 'hok-cert' || kind === 'hok-public-key') {
          expect(r.proofKey?.kind).toBe('rsa-public');
          expect(toHex(r.proofKey?.kind === 'rsa-public' ? r.proofKey.spki : new Uint8Array(0))).toBe(toHex(p.client.cert.spki));
          if (kind === 'hok-cert') expect(r.proofKey?.kind === 'rsa-public' && r.proofKey.cert?.subject).toBe(p.client.cert.subject);
        } else {
          expect(r.proofKey).toBeUndefined();
        }
      });
    }

    for (const reference of ['ski', 'issuerSerial'] as const) {
      it(`SAML ${version}: a symmetric proof key named by ${reference} is recovered`, async () => {
        const p = await pki();
        const r = await check(await issue(version, 'hok-symmetric', {
          confirmation: { method: 'holder-of-key', proof: { kind: 'symmetric', encryptedFor: p.service.cert, key: PROOF_KEY, reference } },
        }));
        expect(codes(r)).toEqual([]);
        expect(r.proofKey?.kind === 'secret' && toHex(r.proofKey.bytes)).toBe(toHex(PROOF_KEY));
        expect(r.proofKey?.source).toContain(p.service.cert.subject);
      });
    }
  }

  it('SAML 1.1: a proof key wrapped with rsa-1_5 is recovered, with the legacy-algorithm warning', async () => {
    const p = await pki();
    const key = PROOF_KEY.slice(0, 16);
    const r = await check(await issue('1.1', 'hok-symmetric', {
      confirmation: { method: 'holder-of-key', proof: { kind: 'symmetric', encryptedFor: p.service.cert, key, keyWrap: 'http://www.w3.org/2001/04/xmlenc#rsa-1_5' } },
    }));
    expect(codes(r)).toEqual([]);
    expect(codes(r, 'warn')).toContain('XENC_LEGACY_ALGORITHM');
    expect(r.proofKey?.kind === 'secret' && toHex(r.proofKey.bytes)).toBe(toHex(key));
  });

  it('an assertion without audience, attributes or authentication method still round-trips', async () => {
    for (const version of VERSIONS) {
      const r = await check(await issue(version, 'bearer', { audience: undefined, attributes: undefined, authnMethod: undefined }), { audience: undefined });
      expect(codes(r)).toEqual([]);
      expect(r.subject).toBe('alice');
    }
  });
});
