// Harnesses for the XML Encryption peers: xmlsec1 (command line) and python-xmlsec
// (xenc_xmlsec_peer.py under Debian's /usr/bin/python3), plus an xenc:EncryptedData template
// written by hand — independent of the engine's builder — for xmlsec1 --encrypt.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NS, URI } from '../../src/engine/xml/names.ts';

export const PYTHON = '/usr/bin/python3';
const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'xenc_xmlsec_peer.py');
const PKI = fileURLToPath(new URL('../fixtures/pki/', import.meta.url));

export const SERVICE_KEY_PEM = join(PKI, 'service.key.pem');
export const SERVICE_CERT_PEM = join(PKI, 'service.cert.pem');
export const CLIENT_KEY_PEM = join(PKI, 'client.key.pem');

export const short = (uri: string): string => uri.slice(uri.lastIndexOf('#') + 1);

/** What xmlsec1 needs to find the key-encryption key: the RSA private key, or a named AES key. */
export type PeerKey = { privkeyPem: string } | { aesKek: Uint8Array } | { publicCertPem: string };

/** xmlsec1 --session-key spec for a data algorithm. */
export function sessionKeySpec(dataAlg: string): string {
  if (dataAlg === URI.tripledesCbc) return 'des-192';
  const bits = /aes(\d+)/.exec(short(dataAlg))?.[1];
  if (!bits) throw new Error(`no session key spec for ${dataAlg}`);
  return `aes-${bits}`;
}

function keyArgs(dir: string, key: PeerKey): string[] {
  if ('privkeyPem' in key) return ['--privkey-pem:service', key.privkeyPem];
  if ('publicCertPem' in key) return ['--pubkey-cert-pem:service', key.publicCertPem];
  const file = join(dir, 'kek.bin');
  writeFileSync(file, key.aesKek);
  return ['--aeskey:kek', file];
}

function inTempDir<T>(work: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'wsbench-xenc-'));
  try {
    return work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `xmlsec1 --decrypt` of the first EncryptedData; ok with the output document, or the error text. */
export function xmlsec1Decrypt(wire: string, key: PeerKey): { ok: boolean; output: string } {
  return inTempDir((dir) => {
    const file = join(dir, 'in.xml');
    writeFileSync(file, wire);
    const r = spawnSync('xmlsec1', ['--decrypt', ...keyArgs(dir, key), file], { encoding: 'utf8', timeout: 30000 });
    return { ok: r.status === 0, output: r.status === 0 ? r.stdout : `${r.stdout}\n${r.stderr}` };
  });
}

/** `xmlsec1 --encrypt` of the node `nodeName` ("ns:local") of `data` into `template`. */
export function xmlsec1Encrypt(data: string, template: string, nodeName: string, dataAlg: string, key: PeerKey): string {
  return inTempDir((dir) => {
    writeFileSync(join(dir, 'data.xml'), data);
    writeFileSync(join(dir, 'tmpl.xml'), template);
    const args = ['--encrypt', '--session-key', sessionKeySpec(dataAlg), ...keyArgs(dir, key), '--xml-data', join(dir, 'data.xml'), '--node-name', nodeName, join(dir, 'tmpl.xml')];
    return execFileSync('xmlsec1', args, { encoding: 'utf8', timeout: 30000 });
  });
}

/** An xenc:EncryptedData template holding an xenc:EncryptedKey template (XML Encryption §3.4/§3.5.1). */
export function encryptionTemplate(opts: { type: 'Element' | 'Content'; data: string; transport: string; keyName: string }): string {
  const type = opts.type === 'Element' ? URI.xencElement : URI.xencContent;
  return `<xenc:EncryptedData xmlns:xenc="${NS.xenc}" Id="ED-peer" Type="${type}">`
    + `<xenc:EncryptionMethod Algorithm="${opts.data}"/>`
    + `<ds:KeyInfo xmlns:ds="${NS.ds}"><xenc:EncryptedKey Id="EK-peer"><xenc:EncryptionMethod Algorithm="${opts.transport}"/>`
    + `<ds:KeyInfo><ds:KeyName>${opts.keyName}</ds:KeyName></ds:KeyInfo>`
    + '<xenc:CipherData><xenc:CipherValue/></xenc:CipherData></xenc:EncryptedKey></ds:KeyInfo>'
    + '<xenc:CipherData><xenc:CipherValue/></xenc:CipherData></xenc:EncryptedData>';
}

export type PythonCase =
  | { op: 'encrypt'; xml: string; target: [string, string]; type: 'Element' | 'Content'; data: string; transport: string; cert?: string; kek?: string }
  | { op: 'decrypt'; xml: string; privkey?: string; kek?: string; count?: number };

export type PythonResult = { ok: true; xml: string } | { ok: false; error: string };

/** Runs all cases in one python-xmlsec process. */
export function pythonXmlsec(cases: PythonCase[]): PythonResult[] {
  const out = execFileSync(PYTHON, [SCRIPT], { input: JSON.stringify(cases), timeout: 120000, maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out.toString('utf8')) as PythonResult[];
}
