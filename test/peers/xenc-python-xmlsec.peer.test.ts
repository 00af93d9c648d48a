// XML Encryption interop with python-xmlsec (libxmlsec1 through lxml, Debian's /usr/bin/python3),
// both directions: every block algorithm × Element/Content with an RSA-OAEP EncryptedKey and every
// key transport / key wrap algorithm. All cases run in one python process (xenc_xmlsec_peer.py).

import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { toHex } from '../../src/engine/crypto/encoding.ts';
import { importPrivateKeyPem, publicKeyOf } from '../../src/engine/crypto/keys.ts';
import { NS, URI } from '../../src/engine/xml/names.ts';
import { missingPeers } from './available.ts';
import { PEER_SEED } from './peer_inputs.ts';
import {
  DATA_ALGORITHMS, ENVELOPE, KEK, ORIGINAL, TRANSPORTS, TYPES, canonical, isKeyWrap, ourEncrypted, weDecrypt, type RsaKeys,
} from './xenc_interop.ts';
import { SERVICE_CERT_PEM, SERVICE_KEY_PEM, pythonXmlsec, short, type PythonCase, type PythonResult } from './xenc_peers.ts';

const skip = missingPeers('python3-xmlsec');

interface Case { name: string; data: string; type: 'Element' | 'Content'; transport: string }

const CASES: Case[] = [
  ...DATA_ALGORITHMS.flatMap((data) => TYPES.map((type) => ({ name: `${short(data)} × ${type} (rsa-oaep-mgf1p)`, data, type, transport: URI.rsaOaepMgf1p }))),
  ...TRANSPORTS.map((transport) => ({ name: `${short(transport)} key transport (aes256-gcm Content)`, data: URI.aes256Gcm, type: 'Content' as const, transport })),
];

const keyFields = (transport: string, side: 'encrypt' | 'decrypt'): { cert?: string; privkey?: string; kek?: string } =>
  isKeyWrap(transport) ? { kek: toHex(KEK(transport)) } : side === 'encrypt' ? { cert: SERVICE_CERT_PEM } : { privkey: SERVICE_KEY_PEM };

let rsa: RsaKeys;
let theirs: PythonResult[] = [];
let decryptedByThem: PythonResult[] = [];

beforeAll(async () => {
  const priv = importPrivateKeyPem(readFileSync(SERVICE_KEY_PEM, 'utf8'));
  rsa = { priv, pub: await publicKeyOf(priv) };
  if (skip) return;
  const encryptions: PythonCase[] = CASES.map((c) => ({
    op: 'encrypt', xml: ENVELOPE, type: c.type, data: short(c.data), transport: short(c.transport),
    target: c.type === 'Element' ? ['urn:example:order', 'Order'] : [NS.soap11, 'Body'], ...keyFields(c.transport, 'encrypt'),
  }));
  const ours = await Promise.all(CASES.map((c) => ourEncrypted({ ...c, rsa, label: `py/${c.data}/${c.type}/${c.transport}` })));
  const decryptions: PythonCase[] = CASES.map((c, i) => ({ op: 'decrypt', xml: ours[i]!, ...keyFields(c.transport, 'decrypt') }));
  const results = pythonXmlsec([...encryptions, ...decryptions]);
  theirs = results.slice(0, CASES.length);
  decryptedByThem = results.slice(CASES.length);
});

describe.skipIf(skip)(`wsbench decrypts documents encrypted by python-xmlsec (seed ${PEER_SEED})`, () => {
  CASES.forEach((c, i) => {
    it(`wsbench decrypts python-xmlsec: ${c.name}`, async () => {
      const r = theirs[i]!;
      expect(r.ok, r.ok ? '' : r.error).toBe(true);
      const wire = (r as { xml: string }).xml;
      expect(wire).toContain(`Algorithm="${c.data}"`);
      expect(wire).toContain(`Algorithm="${c.transport}"`);
      const result = await weDecrypt(wire, isKeyWrap(c.transport) ? KEK(c.transport) : rsa.priv);
      expect(result.failures).toEqual([]);
      expect(result.decrypted).toBe(1);
      expect(canonical(result.doc)).toBe(ORIGINAL());
    });
  });
});

describe.skipIf(skip)(`python-xmlsec decrypts documents encrypted by wsbench (seed ${PEER_SEED})`, () => {
  CASES.forEach((c, i) => {
    it(`python-xmlsec decrypts wsbench: ${c.name}`, () => {
      const r = decryptedByThem[i]!;
      expect(r.ok, r.ok ? '' : r.error).toBe(true);
      expect(canonical((r as { xml: string }).xml)).toBe(ORIGINAL());
    });
  });
});
