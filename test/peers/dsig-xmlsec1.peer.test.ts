// XML Signature interop with xmlsec1 (libxmlsec1 + OpenSSL), both directions, for rsa-sha1,
// rsa-sha256, hmac-sha1, hmac-sha256 under exclusive and inclusive c14n, over all four Id kinds.

import { describe, expect, it } from 'vitest';
import type { Document } from '@xmldom/xmldom';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { serializeXml } from '../../src/engine/xml/serialize.ts';
import { URI } from '../../src/engine/xml/names.ts';
import { ALGORITHMS, C14NS, ENVELOPE, KEYS, SHORT, codes, envelope, sign, verify } from '../dsig/fixtures.ts';
import { missingPeers } from './available.ts';
import { signatureTemplate, withTemplate, xmlsec1Sign, xmlsec1Verify, type PeerKeys } from './dsig_peers.ts';

const skip = missingPeers('xmlsec1');
const keys: PeerKeys = { rsaPrivatePem: KEYS.rsaPrivatePem, rsaPublicPem: KEYS.rsaPublicPem, hmac: KEYS.secret.bytes };
const IDS = ['Body-1', 'TS-1', 'payload-1', '_s2', '_a1'];
const digestFor = (i: number): string => (i % 2 === 0 ? URI.sha1 : URI.sha256);

async function ourSigned(alg: string, c14n: string): Promise<string> {
  const doc = envelope();
  await sign(doc, { signatureAlgorithm: alg, c14n, references: IDS.map((id, i) => ({ target: id, digest: digestFor(i), transforms: [{ algorithm: c14n }] })) });
  return serializeXml(doc);
}

function theirSigned(alg: string, c14n: string): Document {
  const template = signatureTemplate(alg, c14n, IDS.map((id, i) => ({ uri: `#${id}`, transforms: [c14n], digest: digestFor(i) })));
  return parseXml(xmlsec1Sign(withTemplate(ENVELOPE, template), alg, keys));
}

describe.skipIf(skip)('xmlsec1 verifies documents signed by wsbench', () => {
  for (const alg of ALGORITHMS) {
    for (const c14n of C14NS) {
      it(`xmlsec1 verifies wsbench: ${SHORT[alg]} / ${SHORT[c14n]}`, async () => {
        const wire = await ourSigned(alg, c14n);
        const r = xmlsec1Verify(wire, alg, keys);
        expect(r.output).toContain('SignedInfo References (ok/all): 5/5');
        expect(r.ok, r.output).toBe(true);
        // The peer really checks: a changed Body fails it.
        expect(xmlsec1Verify(wire.replace('héllo', 'hello'), alg, keys).ok).toBe(false);
      });
    }
  }

  it('xmlsec1 verifies a wsbench enveloped signature inside a SAML 2.0 assertion', async () => {
    const doc = envelope();
    const assertion = doc.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:assertion', 'Assertion').item(0)!;
    await sign(doc, { parent: assertion, references: [{ target: assertion, digest: URI.sha256, transforms: [{ algorithm: URI.envelopedSignature }, { algorithm: URI.excC14n }] }] });
    const r = xmlsec1Verify(serializeXml(doc), URI.rsaSha1, keys);
    expect(r.ok, r.output).toBe(true);
  });

  it('xmlsec1 rejects a wsbench HMAC signature under another secret', async () => {
    const wire = await ourSigned(URI.hmacSha1, URI.excC14n);
    expect(xmlsec1Verify(wire, URI.hmacSha1, { ...keys, hmac: KEYS.otherSecret.bytes }).ok).toBe(false);
  });
});

describe.skipIf(skip)('wsbench verifies documents signed by xmlsec1', () => {
  for (const alg of ALGORITHMS) {
    for (const c14n of C14NS) {
      it(`wsbench verifies xmlsec1: ${SHORT[alg]} / ${SHORT[c14n]}`, async () => {
        const doc = theirSigned(alg, c14n);
        const v = await verify(doc, alg);
        expect(codes(v, 'fail')).toEqual([]);
        expect(v.ok).toBe(true);
        expect(v.references.map((r) => r.uri)).toEqual(IDS.map((id) => `#${id}`));
        expect(v.references.every((r) => r.statedDigest.trim() === r.computedDigest)).toBe(true);
        const tampered = parseXml(serializeXml(doc).replace('>alice<', '>admin<'));
        const f = (await verify(tampered, alg)).checks.filter((c) => c.status === 'fail');
        expect(f.map((c) => [c.code, c.details?.['uri']])).toEqual([['DSIG_DIGEST_MISMATCH', '#_a1']]);
      });
    }
  }
});
