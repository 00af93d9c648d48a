// SAML assertion signatures checked by xmlsec1 (libxmlsec1 + OpenSSL), which knows no SAML: the
// assertion's Id attribute is registered with `--id-attr:AssertionID urn:oasis:names:tc:SAML:1.0:assertion:Assertion`
// (SAML 1.1) or `--id-attr:ID urn:oasis:names:tc:SAML:2.0:assertion:Assertion` (SAML 2.0). The key
// comes from the STS certificate in the signature's ds:KeyInfo, verified against the demo CA
// (--trusted-pem), or from the STS certificate given directly (--pubkey-cert-pem).
//
// xmlsec1 trusts any certificate the CA issued; wsbench trusts named issuers (by thumbprint). An
// assertion signed by the client's CA-issued certificate shows the difference.

import { describe, expect, it } from 'vitest';
import { URI } from '../../src/engine/xml/names.ts';
import { check, codes, issue, pki, type ConfirmationKind } from '../saml/fixtures.ts';
import { missingPeers } from './available.ts';
import { pem, xmlsec1VerifySaml } from './saml_peers.ts';

const skip = missingPeers('xmlsec1');
const VERSIONS = ['1.1', '2.0'] as const;
const KINDS: ConfirmationKind[] = ['bearer', 'sender-vouches', 'hok-symmetric', 'hok-cert', 'hok-public-key'];
const ALGS = [URI.rsaSha1, URI.rsaSha256] as const;
const SHORT: Record<string, string> = { [URI.rsaSha1]: 'rsa-sha1', [URI.rsaSha256]: 'rsa-sha256' };

describe.skipIf(skip)('xmlsec1 verifies assertions signed by wsbench', () => {
  for (const version of VERSIONS) {
    for (const alg of ALGS) {
      it(`xmlsec1 verifies wsbench SAML ${version} for every confirmation kind (${SHORT[alg]})`, async () => {
        for (const kind of KINDS) {
          const wire = await issue(version, kind, {}, { signatureAlgorithm: alg });
          const r = xmlsec1VerifySaml(wire, version, { trusted: pem('ca', 'cert') });
          expect(r.ok, `${kind}: ${r.err}`).toBe(true);
          expect(r.err).toContain('SignedInfo References (ok/all): 1/1');
          const tampered = xmlsec1VerifySaml(wire.replace(/>alice</g, '>mallory<'), version, { trusted: pem('ca', 'cert') });
          expect(tampered.ok).toBe(false);
          expect(tampered.err).toContain('SignedInfo References (ok/all): 0/1');
        }
      });
    }

    it(`xmlsec1 verifies wsbench SAML ${version} with the STS certificate given directly, and refuses another`, async () => {
      const wire = await issue(version, 'hok-symmetric');
      expect(xmlsec1VerifySaml(wire, version, { cert: pem('sts', 'cert') }).ok).toBe(true);
      // Without the signature's KeyInfo (the enveloped transform leaves it out of the digest, and
      // SignedInfo does not cover it) the key can only come from the certificate given.
      const bare = wire.replace(/<ds:KeyInfo><ds:X509Data>.*?<\/ds:X509Data><\/ds:KeyInfo><\/ds:Signature>/s, '</ds:Signature>');
      expect(bare.length).toBeLessThan(wire.length - 500);
      expect(xmlsec1VerifySaml(bare, version, { cert: pem('sts', 'cert') }).ok).toBe(true);
      expect(xmlsec1VerifySaml(bare, version, { cert: pem('service', 'cert') }).ok).toBe(false);
      const r = await check(bare);
      expect(codes(r)).toEqual([]);
      expect(codes(r, 'info')).toContain('SAML_SIGNER_ASSUMED');
    });

    it(`SAML ${version}: xmlsec1 accepts any CA-issued signer; wsbench only its trusted STS (SAML_ISSUER_UNTRUSTED)`, async () => {
      const p = await pki();
      const wire = await issue(version, 'bearer', {}, { key: p.client.key, cert: p.client.cert });
      expect(xmlsec1VerifySaml(wire, version, { trusted: pem('ca', 'cert') }).ok).toBe(true);
      expect(codes(await check(wire))).toEqual(['SAML_ISSUER_UNTRUSTED', 'SAML_SIGNATURE_INVALID']);
      const forged = await issue(version, 'bearer', {}, { key: p.client.key, cert: p.sts.cert });
      expect(xmlsec1VerifySaml(forged, version, { trusted: pem('ca', 'cert') }).ok).toBe(false);
    });
  }
});
