// EncryptedKey (XML Encryption 1.0 §3.5.1) with every key transport / key wrap algorithm, its
// ReferenceList (§3.6), the WSS layout (EncryptedKey in wsse:Security naming the EncryptedData),
// the key chain for the inspector, and EncryptedKeySHA1.

import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Document } from '@xmldom/xmldom';
import { fromBase64, toBase64 } from '../../src/engine/crypto/encoding.ts';
import type { RsaPrivateKey, RsaPublicKey } from '../../src/engine/crypto/keys.ts';
import { seededRandom } from '../../src/engine/crypto/random.ts';
import {
  buildEncryptedKey, buildReferenceList, decryptDocument, decryptEncryptedKey, encryptElement, encryptedKeySha1, encryptedKeySha1Of,
  findEncryptedParts, resolveReferenceList,
} from '../../src/engine/xenc/index.ts';
import { excC14n } from '../../src/engine/xml/c14n.ts';
import { build, textOf } from '../../src/engine/xml/dom.ts';
import { NS, URI } from '../../src/engine/xml/names.ts';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { serializeXml } from '../../src/engine/xml/serialize.ts';
import { ENVELOPE, KEY_LENGTH, byName, bytes, fixedResolver, rsaPair } from './xenc_fixtures.ts';

let service: { priv: RsaPrivateKey; pub: RsaPublicKey };
let client: { priv: RsaPrivateKey; pub: RsaPublicKey };
beforeAll(async () => {
  service = await rsaPair('service');
  client = await rsaPair('client');
});

const short = (uri: string): string => uri.split('#')[1]!;
const STR: { ns: string; name: string; text: string } = { ns: NS.ds, name: 'ds:KeyName', text: 'service' };

/** Body content encrypted under a fresh data key, the key transported by an EncryptedKey in wsse:Security. */
async function wssMessage(transport: string, data: string, kek: RsaPublicKey | Uint8Array): Promise<{ wire: string; dataKey: Uint8Array }> {
  const doc = parseXml(ENVELOPE);
  const dataKey = bytes(KEY_LENGTH[data]!, 7);
  await encryptElement(doc, byName(doc, 'soap:Body'), { type: 'Content', algorithm: data, key: dataKey, random: seededRandom(1), id: 'ED-body' });
  const security = byName(doc, 'wsse:Security');
  const ek = await buildEncryptedKey({ algorithm: transport, kek, key: dataKey, id: 'EK-1', random: seededRandom(2), referenceList: ['ED-body'], keyInfo: STR });
  security.appendChild(build(doc, ek, security));
  return { wire: serializeXml(doc), dataKey };
}

function privateFor(transport: string): RsaPrivateKey | Uint8Array {
  return transport.includes('#kw-') ? bytes(KEY_LENGTH[transport]!, 3) : service.priv;
}

function kekFor(transport: string): RsaPublicKey | Uint8Array {
  return transport.includes('#kw-') ? bytes(KEY_LENGTH[transport]!, 3) : service.pub;
}

describe('EncryptedKey + ReferenceList round trips (decryptDocument)', () => {
  const transports = [URI.rsaOaepMgf1p, URI.rsa15, URI.kwAes128, URI.kwAes192, URI.kwAes256];
  const data = [URI.aes128Cbc, URI.aes256Gcm, URI.tripledesCbc];
  for (const transport of transports) {
    for (const alg of data) {
      it(`${short(transport)} → ${short(alg)}`, async () => {
        const { wire, dataKey } = await wssMessage(transport, alg, kekFor(transport));
        const doc = parseXml(wire);
        const result = await decryptDocument(doc, fixedResolver(privateFor(transport), 'the service key'));
        expect(result.decrypted).toBe(1);
        expect(result.checks.filter((c) => c.status === 'fail')).toEqual([]);
        const codes = result.checks.map((c) => c.code);
        expect(codes).toContain('XENC_KEY_UNWRAPPED');
        expect(codes).toContain('XENC_DECRYPTED');
        const legacy = [transport, alg].filter((u) => u === URI.rsa15 || u === URI.tripledesCbc).length;
        expect(result.checks.filter((c) => c.code === 'XENC_LEGACY_ALGORITHM' && c.status === 'warn')).toHaveLength(legacy);
        expect(result.chain).toEqual([{ what: "EncryptedKey 'EK-1' at Envelope/Header/Security/EncryptedKey", algorithm: transport, keySource: 'the service key', keyBytes: toBase64(dataKey) }]);
        expect(excC14n(byName(doc, 'soap:Body'))).toBe(excC14n(byName(parseXml(ENVELOPE), 'soap:Body')));
      });
    }
  }
});

describe('EncryptedKey structure', () => {
  it('rsa-oaep-mgf1p states its DigestMethod and OAEPparams; the ReferenceList names the data', async () => {
    const spec = await buildEncryptedKey({ algorithm: URI.rsaOaepMgf1p, kek: service.pub, key: bytes(16), id: 'EK-2', random: seededRandom(1), referenceList: ['a', '#b'], oaepParams: bytes(4) });
    const doc = parseXml('<x/>');
    const ek = build(doc, spec);
    const text = serializeXml(ek);
    expect(text).toContain('<xenc:OAEPparams>GDdWdQ==</xenc:OAEPparams><ds:DigestMethod xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Algorithm="http://www.w3.org/2000/09/xmldsig#sha1"/>');
    expect(text).toContain('<xenc:ReferenceList><xenc:DataReference URI="#a"/><xenc:DataReference URI="#b"/></xenc:ReferenceList>');
    const result = await decryptEncryptedKey(ek, fixedResolver(service.priv));
    expect(result.key).toEqual(bytes(16));
  });

  it('encryptedKeySha1 is base64 SHA-1 of the wrapped key octets, from bytes, a spec or an element', async () => {
    const spec = await buildEncryptedKey({ algorithm: URI.kwAes128, kek: bytes(16, 3), key: bytes(16), id: 'EK-3', random: seededRandom(1) });
    const ek = build(parseXml('<x/>'), spec);
    const cv = ek.getElementsByTagNameNS(NS.xenc, 'CipherValue').item(0)!;
    const wrapped = fromBase64(textOf(cv));
    const expected = createHash('sha1').update(wrapped).digest('base64');
    expect(await encryptedKeySha1(wrapped)).toBe(expected);
    expect(await encryptedKeySha1Of(spec)).toBe(expected);
    expect(await encryptedKeySha1Of(ek)).toBe(expected);
  });

  it('findEncryptedParts lists the EncryptedKey with the Ids it references', async () => {
    const { wire } = await wssMessage(URI.kwAes128, URI.aes128Cbc, kekFor(URI.kwAes128));
    const parts = findEncryptedParts(parseXml(wire));
    expect(parts.map((p) => [p.kind, p.path, p.id, p.references])).toEqual([
      ['EncryptedKey', 'Envelope/Header/Security/EncryptedKey', 'EK-1', ['ED-body']],
      ['EncryptedData', 'Envelope/Body/EncryptedData', 'ED-body', []],
    ]);
  });
});

describe('decryptEncryptedKey failures', () => {
  async function ekIn(transport: string): Promise<{ doc: Document; ek: ReturnType<Document['getElementsByTagNameNS']> }> {
    const { wire } = await wssMessage(transport, URI.aes128Cbc, kekFor(transport));
    const doc = parseXml(wire);
    return { doc, ek: doc.getElementsByTagNameNS(NS.xenc, 'EncryptedKey') };
  }

  it('no key for the KeyInfo: XENC_KEY_UNRESOLVED naming the resolver’s reason', async () => {
    const { ek } = await ekIn(URI.rsaOaepMgf1p);
    const result = await decryptEncryptedKey(ek.item(0)!, fixedResolver(null, 'no certificate matches KeyName "service"'));
    expect(result.key).toBeNull();
    expect(result.checks).toHaveLength(1);
    expect(result.checks[0]).toMatchObject({ code: 'XENC_KEY_UNRESOLVED', status: 'fail', path: 'Envelope/Header/Security/EncryptedKey/KeyInfo' });
    expect(result.checks[0]!.message).toBe("EncryptedKey 'EK-1' at Envelope/Header/Security/EncryptedKey: expected a key-encryption key for its KeyInfo, found none (no certificate matches KeyName \"service\")");
  });

  it('rsa-oaep-mgf1p with the wrong private key: XENC_DECRYPT_FAILED', async () => {
    const { ek } = await ekIn(URI.rsaOaepMgf1p);
    const result = await decryptEncryptedKey(ek.item(0)!, fixedResolver(client.priv));
    expect(result.checks.map((c) => [c.code, c.status])).toEqual([['XENC_DECRYPT_FAILED', 'fail']]);
    expect(result.checks[0]!.message).toMatch(/^EncryptedKey 'EK-1' at .* with rsa-oaep-mgf1p: expected RSA-OAEP decryption \(XML Encryption §5\.4\.2\) to yield a key, found it fails/);
    expect(result.checks[0]!.details).toEqual({ cause: 'XENC_UNWRAP_FAILED' });
  });

  it('Security: rsa-1_5 with the wrong private key unwraps "a key" and only the data decryption fails', async () => {
    const { doc } = await ekIn(URI.rsa15);
    const result = await decryptDocument(doc, fixedResolver(client.priv));
    const codes = result.checks.map((c) => `${c.code}:${c.status}`);
    expect(codes).toEqual(['XENC_LEGACY_ALGORITHM:warn', 'XENC_KEY_UNWRAPPED:pass', 'XENC_DECRYPT_FAILED:fail']);
    expect(result.checks[1]!.message).toMatch(/unwrapped a 16-byte key with rsa-1_5 .*by design against padding oracles/);
    expect(result.decrypted).toBe(0);
    expect(serializeXml(doc)).toContain('ED-body'); // untouched
  });

  it('an unknown key transport URI fails before any key is looked up, listing the supported ones', async () => {
    const { wire } = await wssMessage(URI.kwAes128, URI.aes128Cbc, kekFor(URI.kwAes128));
    const doc = parseXml(wire.replace(`${URI.kwAes128}"`, 'http://www.w3.org/2001/04/xmlenc#kw-aes999"'));
    let asked = false;
    const result = await decryptEncryptedKey(doc.getElementsByTagNameNS(NS.xenc, 'EncryptedKey').item(0)!, async () => {
      asked = true;
      return { key: null, source: '', checks: [] };
    });
    expect(asked).toBe(false);
    expect(result.checks[0]).toMatchObject({ code: 'XENC_UNKNOWN_ALGORITHM', status: 'fail', specRef: 'XML Encryption 1.0 §5.1', path: 'Envelope/Header/Security/EncryptedKey/EncryptionMethod' });
    expect(result.checks[0]!.message).toMatch(/expected a key transport or key wrap algorithm, one of rsa-oaep-mgf1p, rsa-1_5, kw-aes128, kw-aes192, kw-aes256; found http:\/\/www\.w3\.org\/2001\/04\/xmlenc#kw-aes999$/);
  });

  it('rsa-oaep-mgf1p with a SHA-256 DigestMethod is refused with the reason', async () => {
    const { wire } = await wssMessage(URI.rsaOaepMgf1p, URI.aes128Cbc, service.pub);
    const doc = parseXml(wire.replace(`${URI.sha1}"`, `${URI.sha256}"`));
    const result = await decryptEncryptedKey(doc.getElementsByTagNameNS(NS.xenc, 'EncryptedKey').item(0)!, fixedResolver(service.priv));
    expect(result.checks[0]).toMatchObject({ code: 'XENC_UNKNOWN_ALGORITHM', specRef: 'XML Encryption 1.0 §5.4.2' });
    expect(result.checks[0]!.message).toMatch(/expected the rsa-oaep-mgf1p DigestMethod http:\/\/www\.w3\.org\/2000\/09\/xmldsig#sha1, found http:\/\/www\.w3\.org\/2001\/04\/xmlenc#sha256/);
  });
});

describe('ReferenceList', () => {
  it('buildReferenceList writes DataReference URIs with one #', () => {
    const el = build(parseXml('<x/>'), buildReferenceList(['a', '#b']));
    expect(serializeXml(el)).toBe('<xenc:ReferenceList xmlns:xenc="http://www.w3.org/2001/04/xmlenc#"><xenc:DataReference URI="#a"/><xenc:DataReference URI="#b"/></xenc:ReferenceList>');
  });

  it('a standalone ReferenceList with the key in the EncryptedData’s KeyInfo decrypts', async () => {
    const doc = parseXml(ENVELOPE);
    const key = bytes(32);
    const ek = await buildEncryptedKey({ algorithm: URI.rsaOaepMgf1p, kek: service.pub, key, id: 'EK-in', random: seededRandom(1) });
    await encryptElement(doc, byName(doc, 'm:Order'), { type: 'Element', algorithm: URI.aes256Cbc, key, random: seededRandom(2), id: 'ED-o', keyInfo: ek });
    const security = byName(doc, 'wsse:Security');
    security.appendChild(build(doc, buildReferenceList(['ED-o']), security));
    const received = parseXml(serializeXml(doc));
    const result = await decryptDocument(received, fixedResolver(service.priv));
    expect(result.decrypted).toBe(1);
    expect(result.checks.map((c) => c.code)).toEqual(['XENC_KEY_UNWRAPPED', 'XENC_DECRYPTED']);
    expect(byName(received, 'm:Order').getAttribute('id')).toBe('o-1');
  });

  it('a DataReference to a missing Id or to a plaintext element is XENC_DATA_REFERENCE_NOT_FOUND', () => {
    const doc = parseXml(ENVELOPE);
    const security = byName(doc, 'wsse:Security');
    const list = build(doc, buildReferenceList(['nope', 'body', '']), security);
    security.appendChild(list);
    const { references, checks } = resolveReferenceList(doc, list);
    expect(references.map((r) => r.encryptedData)).toEqual([null, null, null]);
    expect(checks.map((c) => [c.code, c.status, c.specRef])).toEqual([
      ['XENC_DATA_REFERENCE_NOT_FOUND', 'fail', 'XML Encryption 1.0 §3.6'],
      ['XENC_DATA_REFERENCE_NOT_FOUND', 'fail', 'XML Encryption 1.0 §3.6'],
      ['XENC_DATA_REFERENCE_NOT_FOUND', 'fail', 'XML Encryption 1.0 §3.6'],
    ]);
    expect(checks[0]!.message).toBe("expected DataReference URI '#nope' to name an xenc:EncryptedData in this message, found no element with Id 'nope'");
    expect(checks[1]!.message).toBe("expected DataReference URI '#body' to name an xenc:EncryptedData in this message, found <soap:Body> (plaintext, or the Id of another element)");
    expect(checks[1]!.path).toBe('Envelope/Header/Security/ReferenceList/DataReference[2]');
  });

  it('a key serving two EncryptedData is unwrapped once', async () => {
    const doc = parseXml(ENVELOPE);
    const key = bytes(16);
    await encryptElement(doc, byName(doc, 'm:Route'), { type: 'Content', algorithm: URI.aes128Gcm, key, random: seededRandom(1), id: 'ED-r' });
    await encryptElement(doc, byName(doc, 'soap:Body'), { type: 'Content', algorithm: URI.aes128Gcm, key, random: seededRandom(2), id: 'ED-b' });
    const security = byName(doc, 'wsse:Security');
    security.appendChild(build(doc, await buildEncryptedKey({ algorithm: URI.kwAes256, kek: bytes(32, 3), key, id: 'EK', random: seededRandom(3), referenceList: ['ED-r', 'ED-b'] }), security));
    const result = await decryptDocument(parseXml(serializeXml(doc)), fixedResolver(bytes(32, 3)));
    expect(result.decrypted).toBe(2);
    expect(result.checks.filter((c) => c.code === 'XENC_KEY_UNWRAPPED')).toHaveLength(1);
    expect(result.chain).toHaveLength(1);
  });
});
