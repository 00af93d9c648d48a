// Harnesses for the XML Signature peers: xmlsec1 (command line), python-xmlsec
// (dsig_xmlsec_peer.py under Debian's /usr/bin/python3) and xml-crypto (in this process), plus a
// hand-written ds:Signature template builder, independent of the engine's builder, for the peers
// that sign templates.

import { execFileSync, spawnSync } from 'node:child_process';
import { createHmac, type BinaryLike, type KeyLike } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignedXml, type SignatureAlgorithm } from 'xml-crypto';
import { NS, URI } from '../../src/engine/xml/names.ts';

export const PYTHON = '/usr/bin/python3';
const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'dsig_xmlsec_peer.py');

/** Key material a peer is given: PEM for RSA, raw bytes for HMAC. */
export interface PeerKeys {
  rsaPrivatePem: string;
  rsaPublicPem: string;
  hmac: Uint8Array;
}

export const isHmacUri = (alg: string): boolean => alg === URI.hmacSha1 || alg === URI.hmacSha256;

/** xmlsec1 --id-attr options for the four Id kinds in test/dsig/fixtures.ts ENVELOPE. */
export const XMLSEC1_ID_ARGS = [
  `--id-attr:Id`, `${NS.soap11}:Body`,
  `--id-attr:Id`, `${NS.wsu}:Timestamp`,
  `--id-attr:Id`, 'urn:example:echo:Echo',
  `--id-attr:ID`, `${NS.saml2}:Assertion`,
  `--id-attr:AssertionID`, `${NS.saml11}:Assertion`,
];

function withTempDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'wsbench-dsig-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes the key xmlsec1 needs for `alg` and returns its options. */
function xmlsec1KeyArgs(dir: string, alg: string, keys: PeerKeys, use: 'sign' | 'verify'): string[] {
  if (isHmacUri(alg)) {
    writeFileSync(join(dir, 'hmac.bin'), keys.hmac);
    return ['--hmackey', join(dir, 'hmac.bin')];
  }
  const file = join(dir, 'key.pem');
  writeFileSync(file, use === 'sign' ? keys.rsaPrivatePem : keys.rsaPublicPem);
  return use === 'sign' ? ['--privkey-pem', file] : ['--pubkey-pem', file];
}

/** `xmlsec1 --verify`; ok when it exits 0, with its output for the failure message. */
export function xmlsec1Verify(xml: string, alg: string, keys: PeerKeys): { ok: boolean; output: string } {
  return withTempDir((dir) => {
    writeFileSync(join(dir, 'in.xml'), xml);
    const r = spawnSync('xmlsec1', ['--verify', ...xmlsec1KeyArgs(dir, alg, keys, 'verify'), ...XMLSEC1_ID_ARGS, join(dir, 'in.xml')], {
      encoding: 'utf8', timeout: 30000,
    });
    return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
  });
}

/** `xmlsec1 --sign` of a document holding a ds:Signature template; returns the signed document. */
export function xmlsec1Sign(template: string, alg: string, keys: PeerKeys): string {
  return withTempDir((dir) => {
    writeFileSync(join(dir, 'tmpl.xml'), template);
    const args = ['--sign', ...xmlsec1KeyArgs(dir, alg, keys, 'sign'), ...XMLSEC1_ID_ARGS, join(dir, 'tmpl.xml')];
    return execFileSync('xmlsec1', args, { encoding: 'utf8', timeout: 30000 });
  });
}

type PyKey = { type: 'rsa-private' | 'rsa-public'; pem: string } | { type: 'hmac'; b64: string };
export type PyRequest = { cmd: 'sign' | 'verify'; xml: string; key: PyKey };

export function pyKey(alg: string, keys: PeerKeys, use: 'sign' | 'verify'): PyKey {
  if (isHmacUri(alg)) return { type: 'hmac', b64: Buffer.from(keys.hmac).toString('base64') };
  return use === 'sign' ? { type: 'rsa-private', pem: keys.rsaPrivatePem } : { type: 'rsa-public', pem: keys.rsaPublicPem };
}

/** Runs python-xmlsec requests in one process; returns the answers in order. */
export function pythonXmlsec(requests: PyRequest[]): Array<{ xml?: string; ok?: boolean; error?: string | null }> {
  const r = spawnSync(PYTHON, [SCRIPT], {
    input: requests.map((q) => JSON.stringify(q)).join('\n') + '\n',
    encoding: 'utf8', timeout: 60000, maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, PYTHONIOENCODING: 'utf-8', PYTHONDONTWRITEBYTECODE: '1' },
  });
  if (r.status !== 0) throw new Error(`python-xmlsec peer failed (${r.status}): ${r.stderr}`);
  return r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { xml?: string; ok?: boolean; error?: string | null });
}

/** xml-crypto has no hmac-sha256; this registers one through its documented extension point. */
class HmacSha256 {
  getSignature(signedInfo: BinaryLike, key: KeyLike): string {
    return createHmac('sha256', key as BinaryLike).update(signedInfo).digest('base64');
  }
  verifySignature(material: string, key: KeyLike, signatureValue: string): boolean {
    return this.getSignature(material, key) === signatureValue.replace(/\s+/g, '');
  }
  getAlgorithmName(): string {
    return URI.hmacSha256;
  }
}

function xmlCrypto(alg: string, opts: ConstructorParameters<typeof SignedXml>[0] = {}): SignedXml {
  const sig = new SignedXml(opts);
  if (isHmacUri(alg)) {
    sig.enableHMAC();
    // The class implements the synchronous half of the interface, which is all SignedXml calls.
    sig.SignatureAlgorithms[URI.hmacSha256] = HmacSha256 as unknown as new () => SignatureAlgorithm;
  }
  return sig;
}

/** xml-crypto's SignedXml.checkSignature on the first ds:Signature of `xml`. */
export function xmlCryptoVerify(xml: string, alg: string, keys: PeerKeys): { ok: boolean; error: string } {
  const key = isHmacUri(alg) ? Buffer.from(keys.hmac) : keys.rsaPublicPem;
  const sig = xmlCrypto(alg, { publicCert: key, idAttribute: 'AssertionID' });
  const start = xml.indexOf('<ds:Signature');
  sig.loadSignature(xml.slice(start, xml.indexOf('</ds:Signature>') + '</ds:Signature>'.length));
  try {
    return { ok: sig.checkSignature(xml), error: '' };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

export interface XmlCryptoSignSpec {
  alg: string;
  c14n: string;
  refs: Array<{ xpath: string; transforms: string[]; digest: string }>;
  /** 'wssecurity' looks the Id up as wsu:Id. */
  idMode?: 'wssecurity';
  idAttribute?: string;
}

/** xml-crypto's SignedXml.computeSignature, appending ds:Signature to wsse:Security. */
export function xmlCryptoSign(xml: string, s: XmlCryptoSignSpec, keys: PeerKeys): string {
  const privateKey = isHmacUri(s.alg) ? Buffer.from(keys.hmac) : keys.rsaPrivatePem;
  const sig = xmlCrypto(s.alg, { privateKey, signatureAlgorithm: s.alg, canonicalizationAlgorithm: s.c14n, ...(s.idMode ? { idMode: s.idMode } : {}), ...(s.idAttribute ? { idAttribute: s.idAttribute } : {}) });
  for (const r of s.refs) sig.addReference({ xpath: r.xpath, transforms: r.transforms, digestAlgorithm: r.digest });
  sig.computeSignature(xml, { prefix: 'ds', location: { reference: "//*[local-name(.)='Security']", action: 'append' } });
  return sig.getSignedXml();
}

/** An XPath selecting the element {ns}local for xml-crypto. */
export function xpathOf(ns: string, local: string): string {
  return `//*[local-name(.)='${local}' and namespace-uri(.)='${ns}']`;
}

export interface TemplateRef {
  uri: string;
  transforms: string[];
  digest: string;
}

/** A ds:Signature template (empty DigestValue and SignatureValue), written by hand as text. */
export function signatureTemplate(alg: string, c14n: string, refs: TemplateRef[]): string {
  const refText = refs.map((r) => {
    const ts = r.transforms.map((t) => `<ds:Transform Algorithm="${t}"/>`).join('');
    return `<ds:Reference URI="${r.uri}">${ts ? `<ds:Transforms>${ts}</ds:Transforms>` : ''}`
      + `<ds:DigestMethod Algorithm="${r.digest}"/><ds:DigestValue></ds:DigestValue></ds:Reference>`;
  }).join('');
  return `<ds:Signature xmlns:ds="${NS.ds}"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="${c14n}"/>`
    + `<ds:SignatureMethod Algorithm="${alg}"/>${refText}</ds:SignedInfo><ds:SignatureValue></ds:SignatureValue></ds:Signature>`;
}

/** `envelope` with the template appended as the last child of wsse:Security. */
export function withTemplate(envelope: string, template: string): string {
  const at = envelope.indexOf('</wsse:Security>');
  return envelope.slice(0, at) + template + envelope.slice(at);
}
