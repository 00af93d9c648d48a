// WSS 1.1 §9.3 EncryptedHeader: the header block is encrypted whole, the wrapper repeats its SOAP
// attributes, decryption puts the block back where the EncryptedHeader was.

import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/engine/crypto/random.ts';
import { buildEncryptedKey, decryptData, decryptDocument, encryptHeader, findEncryptedParts } from '../../src/engine/xenc/index.ts';
import { excC14n } from '../../src/engine/xml/c14n.ts';
import { build } from '../../src/engine/xml/dom.ts';
import { NS, URI } from '../../src/engine/xml/names.ts';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { serializeXml } from '../../src/engine/xml/serialize.ts';
import { ENVELOPE, byName, bytes, fixedResolver } from './xenc_fixtures.ts';

const SOAP12 = `<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Header><h:Ctx xmlns:h="urn:h" env:mustUnderstand="true" env:role="urn:r" env:relay="true" other="x">secret</h:Ctx></env:Header><env:Body/></env:Envelope>`;

describe('encryptHeader', () => {
  it('wraps the EncryptedData in wsse11:EncryptedHeader with the SOAP 1.1 attributes copied', async () => {
    const doc = parseXml(ENVELOPE);
    const eh = await encryptHeader(doc, byName(doc, 'm:Route'), { algorithm: URI.aes256Gcm, key: bytes(32), random: seededRandom(1), id: 'ED-h', headerId: 'EH-1' });
    expect(eh.namespaceURI).toBe(NS.wsse11);
    expect(eh.localName).toBe('EncryptedHeader');
    expect(eh.getAttributeNS(NS.soap11, 'mustUnderstand')).toBe('1');
    expect(eh.getAttributeNS(NS.soap11, 'actor')).toBe('urn:example:next');
    expect(eh.getAttributeNS(NS.wsu, 'Id')).toBe('EH-1');
    const ed = eh.firstChild as unknown as { getAttribute(n: string): string; localName: string };
    expect(ed.localName).toBe('EncryptedData');
    expect(ed.getAttribute('Type')).toBe(URI.xencElement);
    expect(ed.getAttribute('Id')).toBe('ED-h');
    expect(serializeXml(doc)).not.toContain('m:Hop');
  });

  it('copies SOAP 1.2 mustUnderstand, role and relay but nothing else', async () => {
    const doc = parseXml(SOAP12);
    const eh = await encryptHeader(doc, byName(doc, 'h:Ctx'), { algorithm: URI.aes128Cbc, key: bytes(16), random: seededRandom(1), id: 'ED-1' });
    const attrs = [...Array(eh.attributes.length).keys()].map((i) => eh.attributes.item(i)!).filter((a) => a.namespaceURI !== NS.xmlns).map((a) => `${a.localName}=${a.value}`);
    expect(attrs.sort()).toEqual(['mustUnderstand=true', 'relay=true', 'role=urn:r']);
  });

  it('refuses an element that is not a SOAP header block, saying what it found', async () => {
    const doc = parseXml(ENVELOPE);
    await expect(encryptHeader(doc, byName(doc, 'm:Order'), { algorithm: URI.aes128Cbc, key: bytes(16), random: seededRandom(1), id: 'x' }))
      .rejects.toThrow('expected a SOAP header block (a child of soap:Header) to encrypt as an EncryptedHeader, found <m:Order> under <soap:Body>');
  });
});

describe('decrypting an EncryptedHeader', () => {
  for (const alg of [URI.aes128Cbc, URI.aes256Gcm, URI.tripledesCbc]) {
    it(`${alg.split('#')[1]}: the header block replaces the EncryptedHeader`, async () => {
      const doc = parseXml(ENVELOPE);
      const before = excC14n(byName(doc, 'soap:Header'));
      const key = bytes(alg === URI.aes128Cbc ? 16 : alg === URI.tripledesCbc ? 24 : 32);
      await encryptHeader(doc, byName(doc, 'm:Route'), { algorithm: alg, key, random: seededRandom(2), id: 'ED-h', headerId: 'EH-1' });
      const received = parseXml(serializeXml(doc));
      const ed = received.getElementsByTagNameNS(NS.xenc, 'EncryptedData').item(0)!;
      const result = await decryptData(ed, key);
      expect(result.checks.filter((c) => c.status === 'fail')).toEqual([]);
      expect(received.getElementsByTagNameNS(NS.wsse11, 'EncryptedHeader').length).toBe(0);
      expect(result.replaced.map((n) => (n as { localName?: string }).localName)).toEqual(['Route']);
      expect(excC14n(byName(received, 'soap:Header'))).toBe(before);
    });
  }

  it('via an EncryptedKey whose DataReference names the EncryptedData inside', async () => {
    const doc = parseXml(ENVELOPE);
    const key = bytes(16);
    await encryptHeader(doc, byName(doc, 'm:Route'), { algorithm: URI.aes128Gcm, key, random: seededRandom(3), id: 'ED-h', headerId: 'EH-1' });
    const security = byName(doc, 'wsse:Security');
    security.appendChild(build(doc, await buildEncryptedKey({ algorithm: URI.kwAes128, kek: bytes(16, 9), key, id: 'EK', random: seededRandom(4), referenceList: ['ED-h'] }), security));
    const received = parseXml(serializeXml(doc));
    expect(findEncryptedParts(received).map((p) => [p.kind, p.path])).toEqual([
      ['EncryptedKey', 'Envelope/Header/Security/EncryptedKey'],
      ['EncryptedHeader', 'Envelope/Header/EncryptedHeader'],
      ['EncryptedData', 'Envelope/Header/EncryptedHeader/EncryptedData'],
    ]);
    const result = await decryptDocument(received, fixedResolver(bytes(16, 9)));
    expect(result.decrypted).toBe(1);
    expect(byName(received, 'm:Route').getAttributeNS(NS.soap11, 'actor')).toBe('urn:example:next');
  });

  it('a DataReference to the EncryptedHeader’s wsu:Id is accepted too', async () => {
    const doc = parseXml(ENVELOPE);
    const key = bytes(16);
    await encryptHeader(doc, byName(doc, 'm:Route'), { algorithm: URI.aes128Gcm, key, random: seededRandom(3), id: 'ED-h', headerId: 'EH-1' });
    const security = byName(doc, 'wsse:Security');
    security.appendChild(build(doc, await buildEncryptedKey({ algorithm: URI.kwAes128, kek: bytes(16, 9), key, id: 'EK', random: seededRandom(4), referenceList: ['EH-1'] }), security));
    const result = await decryptDocument(parseXml(serializeXml(doc)), fixedResolver(bytes(16, 9)));
    expect(result.checks.map((c) => c.code)).toEqual(['XENC_KEY_UNWRAPPED', 'XENC_DECRYPTED']);
  });

  it('warns when the EncryptedHeader’s copies differ from the decrypted header block', async () => {
    const doc = parseXml(ENVELOPE);
    const eh = await encryptHeader(doc, byName(doc, 'm:Route'), { algorithm: URI.aes128Cbc, key: bytes(16), random: seededRandom(5), id: 'ED-h' });
    eh.setAttributeNS(NS.soap11, 'soap:actor', 'urn:somewhere-else');
    const received = parseXml(serializeXml(doc));
    const result = await decryptData(received.getElementsByTagNameNS(NS.xenc, 'EncryptedData').item(0)!, bytes(16));
    const warn = result.checks.find((c) => c.code === 'XENC_ENCRYPTED_HEADER_ATTRIBUTES')!;
    expect(warn).toMatchObject({ status: 'warn', specRef: 'WSS 1.1 §9.3', path: 'Envelope/Header/Route' });
    expect(warn.message).toBe("expected the EncryptedHeader to repeat the header block's SOAP attributes, found actor: urn:somewhere-else outside vs urn:example:next inside");
  });
});
