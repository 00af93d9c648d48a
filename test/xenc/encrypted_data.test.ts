// EncryptedData round trips (XML Encryption 1.0 §3.4, §4.1, §4.2) for every block algorithm ×
// Type Element / Content, through the wire: encrypt in a DOM, serialize, re-parse, decrypt, and
// compare the canonical form of the protected part with the original.

import { describe, expect, it } from 'vitest';
import type { Document } from '@xmldom/xmldom';
import { encryptBytes } from '../../src/engine/crypto/cipher.ts';
import { toBase64, utf8 } from '../../src/engine/crypto/encoding.ts';
import { seededRandom } from '../../src/engine/crypto/random.ts';
import { decryptData, encryptElement, encryptedDataSpec, findEncryptedParts } from '../../src/engine/xenc/index.ts';
import { excC14n } from '../../src/engine/xml/c14n.ts';
import { build } from '../../src/engine/xml/dom.ts';
import { NS, URI } from '../../src/engine/xml/names.ts';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { serializeXml } from '../../src/engine/xml/serialize.ts';
import { BLOCK_ALGORITHMS, ENVELOPE, KEY_LENGTH, byName, bytes } from './xenc_fixtures.ts';

function reparse(doc: Document): Document {
  return parseXml(serializeXml(doc));
}

const short = (uri: string): string => uri.split('#')[1]!;

describe('encryptElement / decryptData round trips', () => {
  for (const alg of BLOCK_ALGORITHMS) {
    for (const type of ['Element', 'Content'] as const) {
      it(`${short(alg)} × ${type}`, async () => {
        const doc = parseXml(ENVELOPE);
        const before = excC14n(byName(doc, 'soap:Body'));
        const key = bytes(KEY_LENGTH[alg]!);
        const target = type === 'Element' ? byName(doc, 'm:Order') : byName(doc, 'soap:Body');
        const ed = await encryptElement(doc, target, { type, algorithm: alg, key, random: seededRandom(`${alg}/${type}`), id: 'ED-1' });
        expect(ed.getAttribute('Type')).toBe(type === 'Element' ? URI.xencElement : URI.xencContent);
        const wire = serializeXml(doc);
        expect(wire).not.toContain('m:Item');
        expect(wire).not.toContain('caf\u00e9');

        const received = reparse(doc);
        const encrypted = received.getElementsByTagNameNS(NS.xenc, 'EncryptedData').item(0)!;
        const result = await decryptData(encrypted, key);
        expect(result.checks.map((c) => [c.code, c.status])).toEqual([
          ...(alg === URI.tripledesCbc ? [['XENC_LEGACY_ALGORITHM', 'warn']] : []),
          ['XENC_DECRYPTED', 'pass'],
        ]);
        expect(result.plaintext).toContain('caf\u00e9 \u{1F600} &lt;tea&gt;');
        expect(excC14n(byName(received, 'soap:Body'))).toBe(before);
        expect(received.getElementsByTagNameNS(NS.xenc, 'EncryptedData').length).toBe(0);
      });
    }
  }

  it('the pass check carries the EncryptedData path, position and algorithm', async () => {
    const doc = parseXml(ENVELOPE);
    await encryptElement(doc, byName(doc, 'm:Order'), { type: 'Element', algorithm: URI.aes128Gcm, key: bytes(16), random: seededRandom(1), id: 'ED-9' });
    const received = parseXml(serializeXml(doc));
    const result = await decryptData(received.getElementsByTagNameNS(NS.xenc, 'EncryptedData').item(0)!, bytes(16));
    const check = result.checks[0]!;
    expect(check).toMatchObject({ code: 'XENC_DECRYPTED', path: 'Envelope/Body/EncryptedData', specRef: 'XML Encryption 1.0 §4.2', line: 7 });
    expect(check.message).toBe("decrypted EncryptedData 'ED-9' at Envelope/Body/EncryptedData (aes128-gcm, Type Element) into 1 node(s)");
    expect(result.replaced).toHaveLength(1);
    expect((result.replaced[0] as { localName?: string }).localName).toBe('Order');
  });

  it('Content keeps text, comments and several children in order', async () => {
    const doc = parseXml('<r xmlns:p="urn:p"><t>one<p:a/>two<!--c--><p:b x="1">three</p:b></t></r>');
    const before = excC14n(byName(doc, 't'), { withComments: true });
    await encryptElement(doc, byName(doc, 't'), { type: 'Content', algorithm: URI.aes256Cbc, key: bytes(32), random: seededRandom(2), id: 'c' });
    const received = reparse(doc);
    const result = await decryptData(received.getElementsByTagNameNS(NS.xenc, 'EncryptedData').item(0)!, bytes(32));
    expect(result.replaced).toHaveLength(5);
    expect(excC14n(byName(received, 't'), { withComments: true })).toBe(before);
  });

  it('a plaintext relying on context namespaces (as xmlsec writes it) parses in the EncryptedData’s context', async () => {
    // xmlsec serializes an element without its ancestors' declarations; decryption must supply them.
    const doc = parseXml('<a:root xmlns:a="urn:a" xmlns="urn:default"><a:slot/></a:root>');
    const cipher = await encryptBytes(URI.aes128Cbc, bytes(16), utf8('<a:x>1</a:x><y/>'), seededRandom(3));
    const slot = byName(doc, 'a:slot');
    slot.appendChild(build(doc, encryptedDataSpec({ id: 'd', type: URI.xencContent, algorithm: URI.aes128Cbc, cipherValue: toBase64(cipher) }), slot));
    const result = await decryptData(slot.firstChild as never, bytes(16));
    expect(result.checks.at(-1)!.status).toBe('pass');
    expect(result.replaced.map((n) => [(n as { namespaceURI: string }).namespaceURI, (n as { localName: string }).localName])).toEqual([['urn:a', 'x'], ['urn:default', 'y']]);
  });

  it('an XML declaration at the start of a plaintext is tolerated', async () => {
    const doc = parseXml('<root><slot/></root>');
    const cipher = await encryptBytes(URI.aes128Cbc, bytes(16), utf8('<?xml version="1.0" encoding="UTF-8"?><x/>'), seededRandom(4));
    const slot = byName(doc, 'slot');
    slot.appendChild(build(doc, encryptedDataSpec({ id: 'd', type: URI.xencElement, algorithm: URI.aes128Cbc, cipherValue: toBase64(cipher) }), slot));
    const result = await decryptData(slot.firstChild as never, bytes(16));
    expect(result.checks.map((c) => c.code)).toEqual(['XENC_DECRYPTED']);
    expect(serializeXml(doc)).toBe('<root><slot><x/></slot></root>');
  });
});

describe('findEncryptedParts', () => {
  it('lists EncryptedData with path, position, algorithm and type', async () => {
    const doc = parseXml(ENVELOPE);
    await encryptElement(doc, byName(doc, 'soap:Body'), { type: 'Content', algorithm: URI.aes256Gcm, key: bytes(32), random: seededRandom(5), id: 'ED-b' });
    const parts = findEncryptedParts(parseXml(serializeXml(doc)));
    expect(parts.map(({ kind, path, id, algorithm, type, line }) => ({ kind, path, id, algorithm, type, line }))).toEqual([
      { kind: 'EncryptedData', path: 'Envelope/Body/EncryptedData', id: 'ED-b', algorithm: URI.aes256Gcm, type: 'Content', line: 6 },
    ]);
  });
});
