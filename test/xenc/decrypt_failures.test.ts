// decryptData failures are checks (DESIGN.md decision 4) that say what was expected and what was
// found, carry the EncryptedData's path and leave the document untouched.

import { describe, expect, it } from 'vitest';
import type { Document, Element } from '@xmldom/xmldom';
import { seededRandom } from '../../src/engine/crypto/random.ts';
import { toBase64 } from '../../src/engine/crypto/encoding.ts';
import { decryptData, decryptDocument, encryptElement } from '../../src/engine/xenc/index.ts';
import { textOf } from '../../src/engine/xml/dom.ts';
import { NS, URI } from '../../src/engine/xml/names.ts';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { serializeXml } from '../../src/engine/xml/serialize.ts';
import { ENVELOPE, byName, bytes, fixedResolver } from './xenc_fixtures.ts';

async function encrypted(alg: string, key: Uint8Array): Promise<string> {
  const doc = parseXml(ENVELOPE);
  await encryptElement(doc, byName(doc, 'soap:Body'), { type: 'Content', algorithm: alg, key, random: seededRandom(1), id: 'ED-1' });
  return serializeXml(doc);
}

function edOf(doc: Document): Element {
  return doc.getElementsByTagNameNS(NS.xenc, 'EncryptedData').item(0)!;
}

function setCipherValue(doc: Document, value: string): void {
  const cv = doc.getElementsByTagNameNS(NS.xenc, 'CipherValue').item(0)!;
  while (cv.firstChild) cv.removeChild(cv.firstChild);
  cv.appendChild(doc.createTextNode(value));
}

describe('decryptData failures', () => {
  it('a truncated CipherValue: XENC_DECRYPT_FAILED with expected shape vs 37 bytes found', async () => {
    const doc = parseXml(await encrypted(URI.aes128Cbc, bytes(16)));
    setCipherValue(doc, toBase64(bytes(37)));
    const wire = serializeXml(doc);
    const result = await decryptData(edOf(doc), bytes(16));
    expect(result.replaced).toEqual([]);
    expect(result.plaintext).toBe('');
    expect(result.checks).toHaveLength(1);
    expect(result.checks[0]).toMatchObject({ code: 'XENC_DECRYPT_FAILED', status: 'fail', path: 'Envelope/Body/EncryptedData', specRef: 'XML Encryption 1.0 §4.2', details: { cause: 'XENC_CIPHERTEXT_LENGTH' } });
    expect(result.checks[0]!.message).toBe("EncryptedData 'ED-1' at Envelope/Body/EncryptedData with aes128-cbc: expected a CipherValue of a whole number of 16-byte blocks after the 16-byte IV, found 37 bytes");
    expect(serializeXml(doc)).toBe(wire);
  });

  it('the wrong key (CBC), usual case: the padding-length octet is out of range', async () => {
    // Inputs are fixed, so the wrong key's garbage is too: here its last octet is 58.
    const doc = parseXml(await encrypted(URI.aes256Cbc, bytes(32)));
    const result = await decryptData(edOf(doc), bytes(32, 2));
    expect(result.checks.map((c) => [c.code, c.status, c.details])).toEqual([['XENC_DECRYPT_FAILED', 'fail', { cause: 'XENC_BAD_PADDING' }]]);
    expect(result.checks[0]!.message).toBe("EncryptedData 'ED-1' at Envelope/Body/EncryptedData with aes256-cbc: expected the last decrypted octet to be a padding length from 1 to 16 (XML Encryption §5.2), found 58: aes256-cbc was decrypted with the wrong key or the CipherValue was altered");
  });

  it('the wrong key (CBC), 1 time in 16: the padding passes and the plaintext is not UTF-8', async () => {
    const doc = parseXml(await encrypted(URI.aes256Cbc, bytes(32)));
    const result = await decryptData(edOf(doc), bytes(32, 4));
    expect(result.checks.map((c) => [c.code, c.details])).toEqual([['XENC_DECRYPT_FAILED', { cause: 'UTF8_INVALID' }]]);
    expect(result.checks[0]!.message).toMatch(/with aes256-cbc: expected the decrypted plaintext to be UTF-8; found a malformed byte sequence/i);
  });

  it('the wrong key (GCM): the tag does not verify', async () => {
    const doc = parseXml(await encrypted(URI.aes128Gcm, bytes(16)));
    const result = await decryptData(edOf(doc), bytes(16, 4));
    expect(result.checks[0]!.message).toBe("EncryptedData 'ED-1' at Envelope/Body/EncryptedData with aes128-gcm: expected the AES-GCM authentication tag to verify (XML Encryption 1.1 §5.2.4), found it does not: wrong key, or the CipherValue was altered");
  });

  it('a key of the wrong length names both lengths', async () => {
    const doc = parseXml(await encrypted(URI.aes256Gcm, bytes(32)));
    const result = await decryptData(edOf(doc), bytes(16));
    expect(result.checks[0]!.message).toMatch(/with aes256-gcm: expected a 32-byte key for aes256-gcm, found 16 bytes$/);
  });

  it('an unknown algorithm URI: XENC_UNKNOWN_ALGORITHM listing the supported ones', async () => {
    const doc = parseXml((await encrypted(URI.aes128Cbc, bytes(16))).replace(URI.aes128Cbc, 'http://www.w3.org/2001/04/xmlenc#camellia128-cbc'));
    const result = await decryptData(edOf(doc), bytes(16));
    expect(result.checks[0]).toMatchObject({ code: 'XENC_UNKNOWN_ALGORITHM', status: 'fail', specRef: 'XML Encryption 1.0 §5.1' });
    expect(result.checks[0]!.message).toBe("EncryptedData 'ED-1' at Envelope/Body/EncryptedData with camellia128-cbc: expected a block encryption algorithm, one of aes128-cbc, aes192-cbc, aes256-cbc, aes128-gcm, aes192-gcm, aes256-gcm, tripledes-cbc; found http://www.w3.org/2001/04/xmlenc#camellia128-cbc");
  });

  it('no EncryptionMethod and no CipherValue are each named', async () => {
    const doc = parseXml('<r><xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#"><xenc:CipherData><xenc:CipherReference URI="cid:x"/></xenc:CipherData></xenc:EncryptedData></r>');
    const noMethod = await decryptData(edOf(doc), bytes(16));
    expect(noMethod.checks[0]).toMatchObject({ code: 'XENC_UNKNOWN_ALGORITHM', message: 'EncryptedData at r/EncryptedData: expected an xenc:EncryptionMethod with an Algorithm, found none' });
    const doc2 = parseXml(`<r><xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#"><xenc:EncryptionMethod Algorithm="${URI.aes128Cbc}"/><xenc:CipherData><xenc:CipherReference URI="cid:x"/></xenc:CipherData></xenc:EncryptedData></r>`);
    const noValue = await decryptData(edOf(doc2), bytes(16));
    expect(noValue.checks[0]).toMatchObject({ code: 'XENC_MALFORMED', message: 'EncryptedData at r/EncryptedData: expected xenc:CipherData/xenc:CipherValue, found an xenc:CipherReference, which wsbench does not dereference' });
  });

  it('a CipherValue that is not base64 is a failed check naming the character', async () => {
    const doc = parseXml(await encrypted(URI.aes128Cbc, bytes(16)));
    setCipherValue(doc, 'AAAA*AAA');
    const result = await decryptData(edOf(doc), bytes(16));
    expect(result.checks[0]).toMatchObject({ code: 'XENC_DECRYPT_FAILED', details: { cause: 'BASE64_INVALID' } });
    expect(result.checks[0]!.message).toMatch(/expected the CipherValue to be base64 \(RFC 4648 §4\); found '\*' \(U\+002A\) at offset 4/i);
  });

  it('Security: flipping one IV bit is caught by AES-GCM but silently changes AES-CBC plaintext', async () => {
    // XML Encryption 1.1 §5.2 warns that CBC has no integrity; this is the demonstration.
    const flipFirstByte = (doc: Document): void => {
      const raw = Buffer.from(textOf(doc.getElementsByTagNameNS(NS.xenc, 'CipherValue').item(0)!), 'base64');
      raw[0]! ^= 0x40; // first octet of the IV: CBC XORs it into the first plaintext octet
      setCipherValue(doc, raw.toString('base64'));
    };
    const gcm = parseXml(await encrypted(URI.aes128Gcm, bytes(16)));
    flipFirstByte(gcm);
    const g = await decryptData(edOf(gcm), bytes(16));
    expect(g.checks.map((c) => c.code)).toEqual(['XENC_DECRYPT_FAILED']);
    expect(gcm.getElementsByTagNameNS(NS.xenc, 'EncryptedData').length).toBe(1);

    const cbc = parseXml(await encrypted(URI.aes128Cbc, bytes(16)));
    flipFirstByte(cbc);
    const c = await decryptData(edOf(cbc), bytes(16));
    expect(c.checks.map((x) => x.code)).toEqual(['XENC_DECRYPTED']);
    expect(c.plaintext.startsWith('J    <m:Order')).toBe(true); // '\n' ^ 0x40 = 'J'
  });
});

describe('decryptDocument key resolution failures', () => {
  it('an EncryptedData without KeyInfo and a resolver without a key: XENC_KEY_UNRESOLVED', async () => {
    const doc = parseXml(await encrypted(URI.aes128Cbc, bytes(16)));
    const result = await decryptDocument(doc, fixedResolver(null, 'no key configured'));
    expect(result.decrypted).toBe(0);
    expect(result.checks.map((c) => [c.code, c.status, c.path])).toEqual([['XENC_KEY_UNRESOLVED', 'fail', 'Envelope/Body/EncryptedData']]);
    expect(result.checks[0]!.message).toBe('expected a symmetric key of the EncryptedData at Envelope/Body/EncryptedData from its KeyInfo, found none (no key configured)');
  });

  it('a resolver handing an RSA key for data is told it cannot decrypt data directly', async () => {
    const doc = parseXml(await encrypted(URI.aes128Cbc, bytes(16)));
    const result = await decryptDocument(doc, fixedResolver({ kind: 'rsa-private', pkcs8: new Uint8Array(1) }));
    expect(result.checks[0]!.message).toMatch(/found an RSA private key, which cannot decrypt data directly$/);
  });

  it('a resolver handing the symmetric key decrypts and records where the key came from', async () => {
    const doc = parseXml(await encrypted(URI.aes128Cbc, bytes(16)));
    const result = await decryptDocument(doc, fixedResolver(bytes(16), 'pre-shared key "k1"'));
    expect(result.decrypted).toBe(1);
    expect(result.chain).toEqual([{ what: 'key of the EncryptedData at Envelope/Body/EncryptedData', algorithm: URI.aes128Cbc, keySource: 'pre-shared key "k1"' }]);
  });
});
