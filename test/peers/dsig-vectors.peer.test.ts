// VECTORS.md, "Peers agree with each other": python-xmlsec, xmlsec1 and xml-crypto produce
// byte-identical HMAC-SHA1 signatures over the same template with the same key, so the signature
// wsbench makes over that template must equal theirs. The same holds for RSA PKCS#1 v1.5, which is
// deterministic too. Compared: SignatureValue and DigestValue bytes, and the exclusive c14n of the
// whole signed documents.

import { describe, expect, it } from 'vitest';
import type { Document, Element } from '@xmldom/xmldom';
import { signDocument } from '../../src/engine/dsig/index.ts';
import { utf8 } from '../../src/engine/crypto/encoding.ts';
import { excC14n } from '../../src/engine/xml/c14n.ts';
import { textOf } from '../../src/engine/xml/dom.ts';
import { NS, URI } from '../../src/engine/xml/names.ts';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { serializeXml } from '../../src/engine/xml/serialize.ts';
import { ENVELOPE, KEYS, SHORT, envelope, securityHeader } from '../dsig/fixtures.ts';
import { missingPeers } from './available.ts';
import {
  pyKey, pythonXmlsec, signatureTemplate, withTemplate, xmlCryptoSign, xmlsec1Sign, xpathOf, type PeerKeys,
} from './dsig_peers.ts';

const skip = missingPeers('xmlsec1', 'python3-xmlsec');
/** The fixed key of the vector: any fixed bytes do; these are spelled out so a run is repeatable. */
const FIXED: PeerKeys = { rsaPrivatePem: KEYS.rsaPrivatePem, rsaPublicPem: KEYS.rsaPublicPem, hmac: utf8('wsbench VECTORS.md fixed HMAC-SHA1 key') };
const REFS = [
  { id: 'Body-1', xpath: xpathOf(NS.soap11, 'Body') },
  { id: 'TS-1', xpath: xpathOf(NS.wsu, 'Timestamp') },
];

function values(doc: Document): { signature: string; digests: string[] } {
  const hex = (el: Element): string => Buffer.from(textOf(el), 'base64').toString('hex');
  const list = doc.getElementsByTagNameNS(NS.ds, 'DigestValue');
  const digests = Array.from({ length: list.length }, (_, i) => hex(list.item(i)!));
  return { signature: hex(doc.getElementsByTagNameNS(NS.ds, 'SignatureValue').item(0)!), digests };
}

/** A copy of doc with the text of every DigestValue and SignatureValue mapped by `f`. */
function mapValues(doc: Document, f: (text: string) => string): Document {
  const copy = parseXml(serializeXml(doc));
  for (const local of ['DigestValue', 'SignatureValue']) {
    const list = copy.getElementsByTagNameNS(NS.ds, local);
    for (let i = 0; i < list.length; i++) {
      const el = list.item(i)!;
      const text = f(textOf(el));
      while (el.firstChild) el.removeChild(el.firstChild);
      if (text) el.appendChild(copy.createTextNode(text));
    }
  }
  return copy;
}

const emptied = (doc: Document): Document => mapValues(doc, () => '');
/** xmlsec wraps long base64 at 64 characters: legal base64Binary whitespace, so not compared. */
const unwrapped = (doc: Document): Document => mapValues(doc, (t) => t.replace(/\s+/g, ''));

async function wsbenchSigned(alg: string): Promise<Document> {
  const doc = envelope();
  await signDocument(doc, {
    signatureAlgorithm: alg, c14n: URI.excC14n, parent: securityHeader(doc),
    key: alg === URI.hmacSha1 ? { kind: 'secret', bytes: FIXED.hmac } : KEYS.rsaPrivate,
    references: REFS.map((r) => ({ target: r.id, digest: URI.sha1, transforms: [{ algorithm: URI.excC14n }] })),
  });
  return doc;
}

describe.skipIf(skip)('VECTORS.md: byte-identical signatures over one template', () => {
  for (const alg of [URI.hmacSha1, URI.rsaSha1]) {
    it(`${SHORT[alg]}: wsbench, xmlsec1, python-xmlsec and xml-crypto sign the fixed template identically`, async () => {
      const template = withTemplate(ENVELOPE, signatureTemplate(alg, URI.excC14n, REFS.map((r) => ({ uri: `#${r.id}`, transforms: [URI.excC14n], digest: URI.sha1 }))));
      const ours = await wsbenchSigned(alg);
      // Our signature is that template, filled in: empty its values and the documents are equal.
      expect(serializeXml(emptied(ours))).toBe(serializeXml(parseXml(template)));
      const peers: Record<string, Document> = {
        xmlsec1: parseXml(xmlsec1Sign(template, alg, FIXED)),
        'python-xmlsec': parseXml(pythonXmlsec([{ cmd: 'sign', xml: template, key: pyKey(alg, FIXED, 'sign') }])[0]!.xml!),
        'xml-crypto': parseXml(xmlCryptoSign(ENVELOPE, {
          alg, c14n: URI.excC14n, idMode: 'wssecurity', refs: REFS.map((r) => ({ xpath: r.xpath, transforms: [URI.excC14n], digest: URI.sha1 })),
        }, FIXED)),
      };
      const mine = values(ours);
      expect(mine.digests).toHaveLength(2);
      expect(mine.signature.length).toBeGreaterThan(0);
      for (const [name, doc] of Object.entries(peers)) {
        expect(values(doc), name).toEqual(mine);
        expect(excC14n(unwrapped(doc)), name).toBe(excC14n(ours));
      }
    });
  }
});
