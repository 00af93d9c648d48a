// XML Encryption interop with xmlsec1 (libxmlsec1 + OpenSSL), both directions: every block
// algorithm × Element/Content with an RSA-OAEP EncryptedKey, every key transport / key wrap
// algorithm, and the EncryptedHeader. Keys and IVs come from the peer seed (peer_inputs.ts).

import { beforeAll, describe, expect, it } from 'vitest';
import { importPrivateKeyPem, publicKeyOf } from '../../src/engine/crypto/keys.ts';
import { readFileSync } from 'node:fs';
import { NS, URI } from '../../src/engine/xml/names.ts';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { excC14n } from '../../src/engine/xml/c14n.ts';
import { byName } from '../xenc/xenc_fixtures.ts';
import { missingPeers } from './available.ts';
import { PEER_SEED } from './peer_inputs.ts';
import {
  DATA_ALGORITHMS, ENVELOPE, KEK, ORIGINAL, TRANSPORTS, TYPES, canonical, isKeyWrap, ourEncrypted, ourEncryptedHeader, weDecrypt, type RsaKeys,
} from './xenc_interop.ts';
import { CLIENT_KEY_PEM, SERVICE_CERT_PEM, SERVICE_KEY_PEM, encryptionTemplate, short, xmlsec1Decrypt, xmlsec1Encrypt, type PeerKey } from './xenc_peers.ts';

const skip = missingPeers('xmlsec1');
let rsa: RsaKeys;
beforeAll(async () => {
  const priv = importPrivateKeyPem(readFileSync(SERVICE_KEY_PEM, 'utf8'));
  rsa = { priv, pub: await publicKeyOf(priv) };
});

const peerKey = (transport: string, side: 'decrypt' | 'encrypt'): PeerKey =>
  isKeyWrap(transport) ? { aesKek: KEK(transport) } : side === 'decrypt' ? { privkeyPem: SERVICE_KEY_PEM } : { publicCertPem: SERVICE_CERT_PEM };

describe.skipIf(skip)(`xmlsec1 decrypts documents encrypted by wsbench (seed ${PEER_SEED})`, () => {
  for (const data of DATA_ALGORITHMS) {
    for (const type of TYPES) {
      it(`xmlsec1 decrypts wsbench: ${short(data)} × ${type} (rsa-oaep-mgf1p)`, async () => {
        const wire = await ourEncrypted({ data, type, transport: URI.rsaOaepMgf1p, rsa, label: `x1/${data}/${type}` });
        expect(canonical(wire)).not.toBe(ORIGINAL());
        const r = xmlsec1Decrypt(wire, { privkeyPem: SERVICE_KEY_PEM });
        expect(r.ok, r.output).toBe(true);
        expect(canonical(r.output)).toBe(ORIGINAL());
      });
    }
  }

  for (const transport of TRANSPORTS) {
    it(`xmlsec1 decrypts wsbench: ${short(transport)} key transport (aes256-cbc Content)`, async () => {
      const wire = await ourEncrypted({ data: URI.aes256Cbc, type: 'Content', transport, rsa, label: `x1/${transport}` });
      const r = xmlsec1Decrypt(wire, peerKey(transport, 'decrypt'));
      expect(r.ok, r.output).toBe(true);
      expect(canonical(r.output)).toBe(ORIGINAL());
    });
  }

  it('xmlsec1 decrypts the EncryptedData inside a wsbench EncryptedHeader back to the header block', async () => {
    const wire = await ourEncryptedHeader(URI.aes128Gcm, rsa, 'x1/header');
    const r = xmlsec1Decrypt(wire, { privkeyPem: SERVICE_KEY_PEM });
    expect(r.ok, r.output).toBe(true);
    const out = parseXml(r.output);
    // xmlsec1 knows no EncryptedHeader: it replaces the EncryptedData, leaving the wrapper around the block.
    const eh = out.getElementsByTagNameNS(NS.wsse11, 'EncryptedHeader').item(0)!;
    expect(excC14n(byName(eh, 'm:Route'))).toBe(excC14n(byName(parseXml(ENVELOPE), 'm:Route')));
  });

  it('xmlsec1 really decrypts: the wrong RSA key fails for rsa-oaep-mgf1p', async () => {
    const wire = await ourEncrypted({ data: URI.aes128Cbc, type: 'Content', transport: URI.rsaOaepMgf1p, rsa, label: 'x1/wrong' });
    expect(xmlsec1Decrypt(wire, { privkeyPem: CLIENT_KEY_PEM }).ok).toBe(false);
  });
});

describe.skipIf(skip)(`wsbench decrypts documents encrypted by xmlsec1 (seed ${PEER_SEED})`, () => {
  const encryptWithXmlsec1 = (data: string, type: 'Element' | 'Content', transport: string): string => {
    const template = encryptionTemplate({ type, data, transport, keyName: isKeyWrap(transport) ? 'kek' : 'service' });
    const node = type === 'Element' ? 'urn:example:order:Order' : `${NS.soap11}:Body`;
    return xmlsec1Encrypt(ENVELOPE, template, node, data, peerKey(transport, 'encrypt'));
  };

  for (const data of DATA_ALGORITHMS) {
    for (const type of TYPES) {
      it(`wsbench decrypts xmlsec1: ${short(data)} × ${type} (rsa-oaep-mgf1p)`, async () => {
        const wire = encryptWithXmlsec1(data, type, URI.rsaOaepMgf1p);
        expect(wire).toContain(`Algorithm="${data}"`);
        const r = await weDecrypt(wire, rsa.priv);
        expect(r.failures).toEqual([]);
        expect(r.decrypted).toBe(1);
        expect(canonical(r.doc)).toBe(ORIGINAL());
      });
    }
  }

  for (const transport of TRANSPORTS) {
    it(`wsbench decrypts xmlsec1: ${short(transport)} key transport (aes128-cbc Content)`, async () => {
      const wire = encryptWithXmlsec1(URI.aes128Cbc, 'Content', transport);
      expect(wire).toContain(`Algorithm="${transport}"`);
      const r = await weDecrypt(wire, isKeyWrap(transport) ? KEK(transport) : rsa.priv);
      expect(r.failures).toEqual([]);
      expect(canonical(r.doc)).toBe(ORIGINAL());
    });
  }
});
