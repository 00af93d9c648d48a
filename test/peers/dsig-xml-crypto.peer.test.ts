// XML Signature interop with xml-crypto (npm, SignedXml in this process), both directions, for
// rsa-sha1, rsa-sha256, hmac-sha1, hmac-sha256 under exclusive and inclusive c14n. xml-crypto ships
// no hmac-sha256, so dsig_peers.ts registers one through SignedXml.SignatureAlgorithms: the
// canonicalization, digests and signature layout stay xml-crypto's.

import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { serializeXml } from '../../src/engine/xml/serialize.ts';
import { NS, URI } from '../../src/engine/xml/names.ts';
import { ALGORITHMS, C14NS, ENVELOPE, KEYS, SHORT, codes, envelope, sign, verify } from '../dsig/fixtures.ts';
import { xmlCryptoSign, xmlCryptoVerify, xpathOf, type PeerKeys } from './dsig_peers.ts';

const keys: PeerKeys = { rsaPrivatePem: KEYS.rsaPrivatePem, rsaPublicPem: KEYS.rsaPublicPem, hmac: KEYS.secret.bytes };

/** The Id kinds and how xml-crypto is told to find each. */
const KINDS = [
  { kind: 'wsu:Id', id: 'Body-1', xpath: xpathOf(NS.soap11, 'Body'), opts: { idMode: 'wssecurity' as const } },
  { kind: 'Id', id: 'payload-1', xpath: xpathOf('urn:example:echo', 'Echo'), opts: {} },
  { kind: 'ID', id: '_s2', xpath: xpathOf(NS.saml2, 'Assertion'), opts: {} },
  { kind: 'AssertionID', id: '_a1', xpath: xpathOf(NS.saml11, 'Assertion'), opts: { idAttribute: 'AssertionID' } },
] as const;

describe('xml-crypto verifies documents signed by wsbench', () => {
  for (const alg of ALGORITHMS) {
    for (const c14n of C14NS) {
      it(`xml-crypto verifies wsbench: ${SHORT[alg]} / ${SHORT[c14n]}`, async () => {
        const doc = envelope();
        const ids = ['Body-1', 'TS-1', 'payload-1', '_s2', '_a1'];
        await sign(doc, { signatureAlgorithm: alg, c14n, references: ids.map((id, i) => ({ target: id, digest: i % 2 ? URI.sha256 : URI.sha1, transforms: [{ algorithm: c14n }] })) });
        const wire = serializeXml(doc);
        const r = xmlCryptoVerify(wire, alg, keys);
        expect(r.error).toBe('');
        expect(r.ok).toBe(true);
        expect(xmlCryptoVerify(wire.replace('10:05:00Z', '23:05:00Z'), alg, keys).ok).toBe(false);
      });
    }
  }
});

describe('wsbench verifies documents signed by xml-crypto', () => {
  for (const alg of ALGORITHMS) {
    for (const c14n of C14NS) {
      for (const k of KINDS) {
        it(`wsbench verifies xml-crypto: ${SHORT[alg]} / ${SHORT[c14n]} / ${k.kind}`, async () => {
          const xml = xmlCryptoSign(ENVELOPE, { alg, c14n, refs: [{ xpath: k.xpath, transforms: [c14n], digest: URI.sha256 }], ...k.opts }, keys);
          expect(xml).not.toBe(ENVELOPE);
          const doc = parseXml(xml);
          const v = await verify(doc, alg);
          expect(codes(v, 'fail')).toEqual([]);
          expect(v.ok).toBe(true);
          expect(v.references.map((r) => r.uri)).toEqual([`#${k.id}`]);
          const tampered = await verify(parseXml(xml.replace(`="${k.id}"`, `="${k.id}" x="1"`)), alg);
          expect(codes(tampered, 'fail')).toEqual(['DSIG_DIGEST_MISMATCH']);
        });
      }
    }
  }
});
