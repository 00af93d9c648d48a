// WS-SecureConversation with xmlsec1 (libxmlsec1 1.2 + OpenSSL), wsbench → xmlsec1 (DESIGN.md §5,
// docs/interop.md §4): a request protected by secureWithDerivedKeys — HMAC signature over the
// Timestamp and Body with a key derived from the SCT's secret, Body content encrypted with a second
// derived key — checked by `xmlsec1 --verify --hmackey` given the derived signature key (and, when
// the Body is encrypted, first `xmlsec1 --decrypt` given the derived encryption key).
//
// xmlsec1 cannot follow a WSS SecurityTokenReference to a wsc:DerivedKeyToken, nor derive keys; it
// is handed the derived key bytes wsbench reports. Nothing in the message is changed: xmlsec1 skips
// the ds:KeyInfo child it does not know (the STR to the DKT) and uses the one key it was given.
// Refusals: the same DKT inputs under a wrong secret, the other DKT's key (separate keys for signing
// and encrypting), and a changed Body character.

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveKey } from '../../src/engine/sc/derive.ts';
import type { DerivedRecord } from '../../src/engine/wss/sc_outbound.ts';
import { NS, URI } from '../../src/engine/xml/names.ts';
import { missingPeers } from './available.ts';
import { PEER_SEED, peerRandom } from './peer_inputs.ts';
import { SC_BODY_TEXT, decodeCharRefs, tamperText, wsbenchScMessage, type WsbenchScMessage, type WsbenchScOptions } from './sc_wsbench.ts';

const skip = missingPeers('xmlsec1');

interface Run { ok: boolean; out: string; err: string }

/** xmlsec1 with the given key files (name → bytes, referenced as @name in args) on `input`. */
function xmlsec1(args: string[], files: Record<string, Uint8Array>, input: string): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'wsbench-sc-xmlsec1-'));
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  writeFileSync(join(dir, 'in.xml'), input);
  return new Promise((done) => {
    execFile('xmlsec1', [...args.map((a) => a.replace(/^@/, `${dir}/`)), join(dir, 'in.xml')], { encoding: 'utf8', timeout: 30000, maxBuffer: 16 * 1024 * 1024 }, (error, out, err) => {
      rmSync(dir, { recursive: true, force: true });
      done({ ok: error === null, out, err });
    });
  });
}

const ID_ARGS = [`${NS.wsu}:Timestamp`, `${NS.soap11}:Body`, `${NS.soap12}:Body`].flatMap((n) => ['--id-attr:Id', n]);
const bytes = (b64: string): Uint8Array => new Uint8Array(Buffer.from(b64, 'base64'));

function keyOf(m: WsbenchScMessage, usage: DerivedRecord['usage']): DerivedRecord {
  const d = m.secured.derived.find((x) => x.usage === usage);
  if (!d) throw new Error(`no ${usage} key`);
  return d;
}

/** The same DKT inputs (nonce, label, offset, length) under another secret. */
async function wrongKey(d: DerivedRecord, secret: Uint8Array): Promise<Uint8Array> {
  const pos = d.generation !== undefined ? { generation: d.generation } : { offset: d.offset ?? 0 };
  return (await deriveKey({ secret, nonce: bytes(d.nonceB64), label: d.label, length: d.length, ...pos })).key;
}

const verify = (wire: string, key: Uint8Array): Promise<Run> => xmlsec1(['--verify', '--hmackey', '@k.bin', ...ID_ARGS], { 'k.bin': key }, wire);

function decrypt(wire: string, key: Uint8Array, alg: string): Promise<Run> {
  return xmlsec1(['--decrypt', alg === URI.tripledesCbc ? '--deskey' : '--aeskey', '@k.bin'], { 'k.bin': key }, wire);
}

interface Case { name: string; o: WsbenchScOptions }
const CASES: Case[] = [];
for (const version of ['2005/02', '1.3'] as const) {
  for (const includeSct of [true, false]) {
    CASES.push({ name: `SC ${version} / ${includeSct ? 'SCT in header' : 'SCT by Identifier'} / sign`, o: { version, includeSct, encryptBody: false } });
    CASES.push({ name: `SC ${version} / ${includeSct ? 'SCT in header' : 'SCT by Identifier'} / sign + encrypt (aes256-cbc)`, o: { version, includeSct, encryptBody: true } });
  }
}
CASES.push(
  { name: 'SC 1.3 / hmac-sha256, 32-byte key / sign + encrypt (aes128-cbc)', o: { version: '1.3', includeSct: true, encryptBody: true, signatureAlgorithm: URI.hmacSha256, signatureKeyLength: 32, encryptionAlgorithm: URI.aes128Cbc } },
  { name: 'SC 2005/02 / sign + encrypt (tripledes-cbc)', o: { version: '2005/02', includeSct: true, encryptBody: true, encryptionAlgorithm: URI.tripledesCbc } },
  { name: 'SC 1.3 / wsc:Generation 1 / sign', o: { version: '1.3', includeSct: true, encryptBody: false, generation: 1 } },
  { name: 'SC 1.3 / SOAP 1.2 / sign + encrypt', o: { version: '1.3', includeSct: true, encryptBody: true, soap: '1.2' } },
);

describe.skipIf(skip)(`xmlsec1 verifies (and decrypts) SC messages made by wsbench, given the derived keys (seed ${PEER_SEED})`, () => {
  const r = peerRandom('sc-xmlsec1');

  for (const c of CASES) {
    it(`xmlsec1 ${c.o.encryptBody ? 'decrypts + verifies' : 'verifies'} wsbench: ${c.name}`, async () => {
      const m = await wsbenchScMessage(c.o, r);
      const sig = keyOf(m, 'signature');
      expect(sig.keyB64).toBeTruthy();
      let signedWire = m.wire;
      if (c.o.encryptBody) {
        const enc = keyOf(m, 'encryption');
        expect(enc.keyB64).not.toBe(sig.keyB64);
        const alg = c.o.encryptionAlgorithm ?? URI.aes256Cbc;
        const [plain, badPlain] = await Promise.all([decrypt(m.wire, bytes(enc.keyB64), alg), decrypt(m.wire, await wrongKey(enc, r.bytes(32)), alg)]);
        expect(plain.ok, plain.err).toBe(true);
        expect(decodeCharRefs(plain.out)).toContain(SC_BODY_TEXT);
        // A key from the wrong secret fails (bad padding) or at least yields no plaintext.
        expect(badPlain.ok && decodeCharRefs(badPlain.out).includes(SC_BODY_TEXT)).toBe(false);
        expect(m.wire).not.toContain(SC_BODY_TEXT);
        signedWire = plain.out; // the signature covers the plaintext Body (sign, then encrypt)
      }
      const wrong = await wrongKey(sig, r.bytes(32));
      const others = m.secured.derived.filter((d) => d.usage !== 'signature').map((d) => bytes(d.keyB64));
      const [ok, bad, tampered, ...other] = await Promise.all([
        verify(signedWire, bytes(sig.keyB64)), verify(signedWire, wrong), verify(tamperText(signedWire, 'text'), bytes(sig.keyB64)), ...others.map((k) => verify(signedWire, k)),
      ]);
      expect(ok.ok, ok.err).toBe(true);
      expect(ok.err).toContain('SignedInfo References (ok/all): 2/2');
      expect(bad.ok).toBe(false);
      expect(bad.err).toMatch(/data do not match|FAIL/);
      expect(tampered.ok).toBe(false);
      expect(tampered.err).toContain('SignedInfo References (ok/all): 1/2');
      for (const o of other) expect(o.ok).toBe(false);
    });
  }
});
