// Inputs and checks shared by the XML Encryption peer tests: messages encrypted by wsbench in the
// plain XML Encryption layout peers understand (the EncryptedKey inside the EncryptedData's
// ds:KeyInfo, named by a KeyName), and the comparison of a decrypted message with the original.

import type { Document } from '@xmldom/xmldom';
import type { RsaPrivateKey, RsaPublicKey } from '../../src/engine/crypto/keys.ts';
import { buildEncryptedKey, decryptDocument, encryptElement, encryptHeader } from '../../src/engine/xenc/index.ts';
import { excC14n } from '../../src/engine/xml/c14n.ts';
import { NS, URI } from '../../src/engine/xml/names.ts';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { serializeXml } from '../../src/engine/xml/serialize.ts';
import { ENVELOPE, KEY_LENGTH, byName, bytes, fixedResolver } from '../xenc/xenc_fixtures.ts';
import { peerRandom } from './peer_inputs.ts';

export { ENVELOPE };

/** Data algorithms every peer test covers, and the key transports. */
export const DATA_ALGORITHMS = [URI.aes128Cbc, URI.aes192Cbc, URI.aes256Cbc, URI.tripledesCbc, URI.aes128Gcm, URI.aes192Gcm, URI.aes256Gcm];
export const TRANSPORTS = [URI.rsaOaepMgf1p, URI.rsa15, URI.kwAes128, URI.kwAes192, URI.kwAes256];
export const TYPES = ['Element', 'Content'] as const;

export const isKeyWrap = (uri: string): boolean => uri.includes('#kw-');
export const KEK = (transport: string): Uint8Array => bytes(KEY_LENGTH[transport]!, 11);

export interface RsaKeys {
  priv: RsaPrivateKey;
  pub: RsaPublicKey;
}

/** ENVELOPE with its Body content (Content) or the m:Order element (Element) encrypted by wsbench. */
export async function ourEncrypted(opts: { data: string; type: 'Element' | 'Content'; transport: string; rsa: RsaKeys; label: string }): Promise<string> {
  const doc = parseXml(ENVELOPE);
  const random = peerRandom(opts.label);
  const key = random.bytes(KEY_LENGTH[opts.data]!);
  const wrap = isKeyWrap(opts.transport);
  const ek = await buildEncryptedKey({
    algorithm: opts.transport, kek: wrap ? KEK(opts.transport) : opts.rsa.pub, key, id: 'EK-1', random,
    keyInfo: { ns: NS.ds, name: 'ds:KeyName', text: wrap ? 'kek' : 'service' },
  });
  const target = opts.type === 'Element' ? byName(doc, 'm:Order') : byName(doc, 'soap:Body');
  await encryptElement(doc, target, { type: opts.type, algorithm: opts.data, key, random, id: 'ED-1', keyInfo: ek });
  return serializeXml(doc);
}

/** ENVELOPE with its m:Route header block in a wsse11:EncryptedHeader, key transported by RSA-OAEP. */
export async function ourEncryptedHeader(data: string, rsa: RsaKeys, label: string): Promise<string> {
  const doc = parseXml(ENVELOPE);
  const random = peerRandom(label);
  const key = random.bytes(KEY_LENGTH[data]!);
  const ek = await buildEncryptedKey({ algorithm: URI.rsaOaepMgf1p, kek: rsa.pub, key, id: 'EK-1', random, keyInfo: { ns: NS.ds, name: 'ds:KeyName', text: 'service' } });
  await encryptHeader(doc, byName(doc, 'm:Route'), { algorithm: data, key, random, id: 'ED-h', headerId: 'EH-1', keyInfo: ek });
  return serializeXml(doc);
}

/** Exclusive c14n of the whole envelope: equal for the original and a correctly decrypted copy. */
export function canonical(xml: string | Document): string {
  const doc = typeof xml === 'string' ? parseXml(xml) : xml;
  return excC14n(doc.documentElement!);
}

export const ORIGINAL = (): string => canonical(ENVELOPE);

/** wsbench decrypts a peer's message with the service RSA key or the AES KEK. */
export async function weDecrypt(wire: string, kek: RsaPrivateKey | Uint8Array): Promise<{ doc: Document; failures: string[]; decrypted: number }> {
  const doc = parseXml(wire);
  const result = await decryptDocument(doc, fixedResolver(kek, 'the peer test key'));
  return { doc, failures: result.checks.filter((c) => c.status === 'fail').map((c) => c.message), decrypted: result.decrypted };
}
