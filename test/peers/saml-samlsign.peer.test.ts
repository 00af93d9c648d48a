// SAML assertion interop with samlsign (opensaml-tools), both directions, both versions.
//
// wsbench → samlsign: assertions built and signed by wsbench (bearer, holder-of-key with a symmetric
// EncryptedKey proof, holder-of-key with a certificate; RSA-SHA1/SHA-1 as seed 004, RSA-SHA256/SHA-256)
// are verified by `samlsign -c sts.cert.pem`, and with -V also validated against the SAML 1.1 / 2.0
// schemas (where the signature sits, the order of every child). A changed NameID, another certificate,
// and — under -V — a signature moved to a place the schema forbids are refused.
//
// samlsign → wsbench: unsigned assertions built by wsbench are signed by `samlsign -s -k -c` (its default
// RSA-SHA1 with SHA-256 digest, -alg rsa-sha256, and -alg rsa-sha1 -dig sha1) and validated by
// validateAssertion: signature, trusted issuer, lifetime, audience, subject and the proof key.
//
// What samlsign cannot do: it only signs and verifies (and with -V validates the schema); it does not
// evaluate Conditions, audience or subject confirmation, and does not unwrap a holder-of-key proof key,
// so those are checked by wsbench alone here. Without the schema packages its -V cannot run.

import type { Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/engine/crypto/encoding.ts';
import { firstChildNS } from '../../src/engine/xml/dom.ts';
import { NS, URI } from '../../src/engine/xml/names.ts';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { serializeXml } from '../../src/engine/xml/serialize.ts';
import { PROOF_KEY, check, codes, issue, pki, unsigned, type ConfirmationKind } from '../saml/fixtures.ts';
import { missingPeers } from './available.ts';
import { missingSamlSchemas, pem, samlsignSign, samlsignVerify } from './saml_peers.ts';

const skip = missingPeers('samlsign');
const noSchemas = skip ? skip : missingSamlSchemas();
const VERSIONS = ['1.1', '2.0'] as const;
const KINDS: ConfirmationKind[] = ['bearer', 'hok-symmetric', 'hok-cert'];
const ALGS = [URI.rsaSha1, URI.rsaSha256] as const;
const SHORT: Record<string, string> = { [URI.rsaSha1]: 'rsa-sha1', [URI.rsaSha256]: 'rsa-sha256' };

describe.skipIf(skip)('samlsign verifies assertions signed by wsbench', () => {
  for (const version of VERSIONS) {
    for (const kind of KINDS) {
      for (const alg of ALGS) {
        it(`samlsign verifies wsbench SAML ${version} ${kind} (${SHORT[alg]})`, async () => {
          const wire = await issue(version, kind, {}, { signatureAlgorithm: alg });
          const r = samlsignVerify(wire, pem('sts', 'cert'));
          expect(r.err).toBe('');
          expect(r.ok).toBe(true);
          const tampered = samlsignVerify(wire.replace(/>alice</g, '>mallory<'), pem('sts', 'cert'));
          expect(tampered.ok).toBe(false);
          expect(tampered.err).toContain('did not supply a successful verification key');
          expect(samlsignVerify(wire, pem('service', 'cert')).ok).toBe(false);
        });
      }
    }
  }
});

describe.skipIf(noSchemas)('samlsign -V: wsbench assertions are valid against the SAML schemas', () => {
  for (const version of VERSIONS) {
    it(`samlsign -V accepts wsbench SAML ${version} (every confirmation kind) and refuses a misplaced signature`, async () => {
      for (const kind of [...KINDS, 'sender-vouches', 'hok-public-key'] as ConfirmationKind[]) {
        const r = samlsignVerify(await issue(version, kind), pem('sts', 'cert'), { validate: true });
        expect(r.err, `${kind}`).toBe('');
        expect(r.ok).toBe(true);
      }
      const doc = parseXml(await issue(version, 'bearer'));
      const a = doc.documentElement as Element;
      const sig = firstChildNS(a, NS.ds, 'Signature')!;
      a.removeChild(sig);
      if (version === '1.1') a.insertBefore(sig, a.firstChild);
      else a.appendChild(sig);
      const moved = serializeXml(doc);
      expect(samlsignVerify(moved, pem('sts', 'cert')).ok).toBe(true); // the digest does not see where it sits
      const schema = samlsignVerify(moved, pem('sts', 'cert'), { validate: true });
      expect(schema.ok).toBe(false);
      expect(schema.err).toMatch(/element '(ds:)?Signature' is not allowed|not allowed for content model|unexpected element/i);
      expect(codes(await check(moved))).toContain('SAML_SIGNATURE_MISPLACED');
    });
  }
});

describe.skipIf(skip)('wsbench validates assertions signed by samlsign', () => {
  const variants = [
    { name: 'samlsign default (rsa-sha1, sha256 digest)', opts: {}, alg: URI.rsaSha1, digest: URI.sha256 },
    { name: 'rsa-sha256', opts: { alg: URI.rsaSha256 }, alg: URI.rsaSha256, digest: URI.sha256 },
    { name: 'rsa-sha1 + sha1 (seed 004)', opts: { alg: URI.rsaSha1, dig: URI.sha1 }, alg: URI.rsaSha1, digest: URI.sha1 },
  ];
  for (const version of VERSIONS) {
    for (const v of variants) {
      it(`wsbench validates samlsign SAML ${version}: ${v.name}`, async () => {
        const p = await pki();
        const signed = samlsignSign(serializeXml(await unsigned(version, 'hok-symmetric')), 'sts', v.opts);
        const sig = firstChildNS(parseXml(signed).documentElement as Element, NS.ds, 'Signature')!;
        expect(sig.getElementsByTagNameNS(NS.ds, 'SignatureMethod').item(0)!.getAttribute('Algorithm')).toBe(v.alg);
        expect(sig.getElementsByTagNameNS(NS.ds, 'DigestMethod').item(0)!.getAttribute('Algorithm')).toBe(v.digest);
        const r = await check(signed);
        expect(codes(r)).toEqual([]);
        expect(r.accepted).toBe(true);
        expect(r.issuer?.thumbprintSha1).toBe(p.sts.cert.thumbprintSha1);
        expect(r.checks.find((c) => c.code === 'SAML_SIGNATURE_VALID')?.details?.['signatureAlgorithm']).toBe(v.alg);
        expect(codes(r, 'pass')).toContain('DSIG_REFERENCE_OK');
        expect(r.proofKey?.kind === 'secret' && toHex(r.proofKey.bytes)).toBe(toHex(PROOF_KEY));
        const tampered = await check(signed.replace(/>alice</g, '>mallory<'));
        expect(codes(tampered)).toEqual(expect.arrayContaining(['DSIG_DIGEST_MISMATCH', 'SAML_SIGNATURE_INVALID']));
        expect(codes(await check(signed, { trustedIssuers: [p.service.cert] }))).toEqual(['SAML_ISSUER_UNTRUSTED', 'SAML_SIGNATURE_INVALID']);
      });
    }
  }

  it('wsbench refuses an assertion samlsign signed with a key the relying party does not trust', async () => {
    const signed = samlsignSign(serializeXml(await unsigned('2.0', 'bearer')), 'client');
    const r = await check(signed);
    expect(codes(r, 'pass')).toContain('DSIG_SIGNATURE_VALID');
    expect(codes(r)).toEqual(['SAML_ISSUER_UNTRUSTED', 'SAML_SIGNATURE_INVALID']);
  });
});
