// X.509 sign + encrypt interop with xmlsec1 (libxmlsec1 + OpenSSL), both directions, on whole
// WS-Security messages.
//
// wsbench → xmlsec1: a request from secureX509Message is decrypted by `xmlsec1 --decrypt` with the
// service's private key (xmlsec1 unwraps the EncryptedKey and decrypts the Body) and its signature
// checked by `xmlsec1 --verify` with the client's certificate (wsu:Id registered with --id-attr),
// in the order the message was protected. xmlsec1 cannot follow a WSS SecurityTokenReference, so
// the one input change is the EncryptedData's KeyInfo: its STR to the header's EncryptedKey becomes
// the XML Encryption equivalent, ds:RetrievalMethod Type="…#EncryptedKey" to the same element.
//
// xmlsec1 → wsbench: a SOAP message written by hand around templates (Timestamp, BST, ds:Signature
// whose KeyInfo is an STR to the BST) is signed by `xmlsec1 --sign` with the client's key and its
// Body content encrypted by `xmlsec1 --encrypt` for the service's certificate, in either order;
// inspectMessage with the service's keys must verify and decrypt it. Two layouts: xmlsec1's own
// (EncryptedKey inside the EncryptedData's KeyInfo) and the WSS one (the same EncryptedKey moved to
// the Security header with a ReferenceList, the EncryptedData pointing at it with an STR).

import { beforeAll, describe, expect, it } from 'vitest';
import { createHash, X509Certificate } from 'node:crypto';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspectMessage, secureX509Message } from '../../src/engine/index.ts';
import { NS } from '../../src/engine/xml/names.ts';
import { missingPeers } from './available.ts';
import { PEER_SEED } from './peer_inputs.ts';
import { PEM, PKI_FILES, WSS4J_URI, serviceKeys, sessionKeys, summarize, type InspectionSummary } from './wss4j_x509.ts';

const skip = missingPeers('xmlsec1');
type Suite = Parameters<typeof secureX509Message>[0]['suite'];
type Order = 'SignBeforeEncrypting' | 'EncryptBeforeSigning';

interface Run { ok: boolean; out: string; err: string }

function xmlsec1(args: string[], files: Record<string, string | Uint8Array>, input: string): Run {
  const dir = mkdtempSync(join(tmpdir(), 'wsbench-x509-xmlsec1-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    writeFileSync(join(dir, 'in.xml'), input);
    const r = spawnSync('xmlsec1', [...args.map((a) => a.replace(/^@/, `${dir}/`)), join(dir, 'in.xml')], { encoding: 'utf8', timeout: 30000 });
    return { ok: r.status === 0, out: r.stdout, err: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** xmlsec1 on `input` without blocking, so independent runs overlap. */
function xmlsec1Async(args: string[], input: string): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'wsbench-x509-xmlsec1-'));
  writeFileSync(join(dir, 'in.xml'), input);
  return new Promise((done) => {
    execFile('xmlsec1', [...args, join(dir, 'in.xml')], { encoding: 'utf8', timeout: 30000, maxBuffer: 16 * 1024 * 1024 }, (error, out, err) => {
      rmSync(dir, { recursive: true, force: true });
      done({ ok: error === null, out, err });
    });
  });
}

/** --id-attr options: wsu:Id on the elements a WS-Security signature covers. */
const ID_ARGS = [
  ...[`${NS.wsu}:Timestamp`, `${NS.soap11}:Body`, `${NS.soap12}:Body`, ...['Action', 'To', 'MessageID', 'ReplyTo'].map((h) => `${NS.wsa2005}:${h}`)].flatMap((n) => ['--id-attr:Id', n]),
  '--id-attr:Id', `${NS.xenc}:EncryptedKey`,
];

const verifyArgs = ['--verify', '--pubkey-cert-pem', PKI_FILES.clientCert, ...ID_ARGS];
const decryptArgs = (keyPem = PKI_FILES.serviceKey) => ['--decrypt', '--privkey-pem', keyPem, ...ID_ARGS];

/**
 * The EncryptedData's KeyInfo (an STR to the EncryptedKey, which xmlsec1 cannot follow) replaced by
 * ds:RetrievalMethod to the same EncryptedKey; nothing else changes.
 */
function withRetrievalMethod(wire: string): string {
  const ekId = /<(?:[\w-]+:)?EncryptedKey\b[^>]*\sId="([^"]+)"/.exec(wire)?.[1];
  if (!ekId) throw new Error('no EncryptedKey Id');
  return withEncryptedDataKeyInfo(wire, `<ds:RetrievalMethod Type="${NS.xenc}EncryptedKey" URI="#${ekId}"/>`);
}

/** The first EncryptedData's KeyInfo replaced by (or, without one, given) a KeyInfo holding `content`. */
function withEncryptedDataKeyInfo(wire: string, content: string): string {
  const ed = wire.search(/<([\w-]+:)?EncryptedData[\s>]/);
  if (ed < 0) throw new Error('no EncryptedData');
  const rm = `<ds:KeyInfo xmlns:ds="${NS.ds}">${content}</ds:KeyInfo>`;
  const rest = wire.slice(ed);
  const ki = /<([\w-]+:)?KeyInfo\b[^>]*>[\s\S]*?<\/\1KeyInfo>/.exec(rest);
  const cipherData = rest.search(/<([\w-]+:)?CipherData[\s>]/);
  if (ki && ki.index < cipherData) return wire.slice(0, ed) + rest.slice(0, ki.index) + rm + rest.slice(ki.index + ki[0].length);
  const em = /<([\w-]+:)?EncryptionMethod\b[^>]*?(\/>|>[\s\S]*?<\/\1EncryptionMethod>)/.exec(rest)!;
  return wire.slice(0, ed) + rest.slice(0, em.index + em[0].length) + rm + rest.slice(em.index + em[0].length);
}

/** exc-c14n-free comparison: the Echo payload text in a (decrypted) document. */
const payload = (xml: string): string | undefined => /<e:Text>([^<]*)<\/e:Text>/.exec(xml)?.[1];

const SUITES: Suite[] = ['Basic256', 'Basic192', 'Basic128', 'TripleDes', 'Basic256Rsa15', 'Basic128Rsa15', 'Basic256Sha256', 'Basic128Sha256'];
const ORDERS: Order[] = ['SignBeforeEncrypting', 'EncryptBeforeSigning'];
const seedOf = (label: string): number => createHash('sha256').update(`${PEER_SEED}/${label}`).digest().readUInt32BE(0);

describe.skipIf(skip)(`xmlsec1 decrypts and verifies X.509 requests made by wsbench (seed ${PEER_SEED})`, () => {
  for (const suite of SUITES) {
    for (const order of ORDERS) {
      it(`xmlsec1 decrypts + verifies wsbench: ${suite} / ${order}`, async () => {
        const wire = await secureX509Message({
          clientKeyPem: PEM.clientKey, clientCertPem: PEM.clientCert, serviceCertPem: PEM.serviceCert,
          suite, order, seed: seedOf(`${suite}/${order}`),
        });
        expect(payload(wire)).toBeUndefined();
        const input = withRetrievalMethod(wire);
        const tamper = (x: string) => x.replace('http://service.wsbench.example/echo<', 'http://service.wsbench.example/echo2<');
        let plain: Run;
        let verified: Run;
        let bad: Run;
        const inspected = inspectMessage(wire, serviceKeys());
        if (order === 'SignBeforeEncrypting') {
          plain = await xmlsec1Async(decryptArgs(), input);
          expect(plain.ok, plain.err).toBe(true);
          [verified, bad] = await Promise.all([xmlsec1Async(verifyArgs, plain.out), xmlsec1Async(verifyArgs, tamper(plain.out))]);
        } else {
          // The signature covers the EncryptedData (KeyInfo included): verify the wire as sent.
          [verified, plain, bad] = await Promise.all([xmlsec1Async(verifyArgs, wire), xmlsec1Async(decryptArgs(), input), xmlsec1Async(verifyArgs, tamper(wire))]);
          expect(plain.ok, plain.err).toBe(true);
        }
        expect(verified.ok, verified.err).toBe(true);
        expect(verified.err).toContain('SignedInfo References (ok/all): 6/6');
        expect(payload(plain.out)).toBe('Hello from wsbench');
        // The same plaintext wsbench itself gets back.
        expect(payload((await inspected).decrypted ?? '')).toBe('Hello from wsbench');
        // The peer really checks: a changed signed header fails.
        expect(bad.ok).toBe(false);
      });
    }
  }

  for (const suite of ['Basic256', 'Basic128', 'TripleDes'] as Suite[]) {
    it(`xmlsec1 decrypts wsbench's Body with the session key wsbench's inspector reports: ${suite}`, async () => {
      const wire = await secureX509Message({
        clientKeyPem: PEM.clientKey, clientCertPem: PEM.clientCert, serviceCertPem: PEM.serviceCert, suite, order: 'SignBeforeEncrypting', seed: seedOf(`session/${suite}`),
      });
      const [key, ...more] = sessionKeys(await inspectMessage(wire, serviceKeys()));
      expect(more).toEqual([]);
      const bytes = Buffer.from(key!, 'base64');
      expect(bytes.length).toBe(suite === 'Basic128' ? 16 : suite === 'TripleDes' ? 24 : 32);
      const input = withEncryptedDataKeyInfo(wire, '<ds:KeyName>session</ds:KeyName>');
      const r = xmlsec1(['--decrypt', suite === 'TripleDes' ? '--deskey:session' : '--aeskey:session', '@session.bin'], { 'session.bin': bytes }, input);
      expect(r.ok, r.err).toBe(true);
      expect(payload(r.out)).toBe('Hello from wsbench');
    });
  }

  it('xmlsec1 really decrypts: the wrong private key fails', async () => {
    const wire = await secureX509Message({
      clientKeyPem: PEM.clientKey, clientCertPem: PEM.clientCert, serviceCertPem: PEM.serviceCert, suite: 'Basic256', order: 'SignBeforeEncrypting', seed: seedOf('wrong-key'),
    });
    expect(xmlsec1(decryptArgs(), {}, withRetrievalMethod(wire)).ok).toBe(true);
    expect(xmlsec1(decryptArgs(PKI_FILES.stsKey), {}, withRetrievalMethod(wire)).ok).toBe(false);
  });
});

// ------------------------------------------------------------------------------------------------
// xmlsec1 → wsbench

const b64Der = (pem: string): string => new X509Certificate(pem).raw.toString('base64');
const thumbprint = (pem: string): string => createHash('sha1').update(new X509Certificate(pem).raw).digest('base64');
const X509V3 = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3';
const B64 = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const SKI = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509SubjectKeyIdentifier';
/** The service certificate's SKI as the demo PKI records it (pki.json), not computed by the engine. */
const SERVICE_SKI = (JSON.parse(readFileSync(new URL('../fixtures/pki/pki.json', import.meta.url), 'utf8')) as { identities: Record<string, { ski: string }> }).identities['service']!.ski;
const THUMB = 'http://docs.oasis-open.org/wss/oasis-wss-soap-message-security-1.1#ThumbprintSHA1';

type Layout = 'xmlsec1' | 'wss';
type EkKeyInfo = 'thumbprint-str' | 'ski-str' | 'x509-issuer-serial';

interface TheirCase {
  sig: 'rsa-sha1' | 'rsa-sha256';
  digest: 'sha1' | 'sha256';
  enc: 'aes128-cbc' | 'aes192-cbc' | 'aes256-cbc' | 'tripledes-cbc' | 'aes128-gcm' | 'aes192-gcm' | 'aes256-gcm';
  wrap: 'rsa-oaep-mgf1p' | 'rsa-1_5';
  order: 'sign-encrypt' | 'encrypt-sign';
  layout: Layout;
  ekKeyInfo: EkKeyInfo;
}

const THEIRS: TheirCase[] = [
  { sig: 'rsa-sha1', digest: 'sha1', enc: 'aes128-cbc', wrap: 'rsa-oaep-mgf1p', order: 'sign-encrypt', layout: 'wss', ekKeyInfo: 'thumbprint-str' },
  { sig: 'rsa-sha256', digest: 'sha256', enc: 'aes256-cbc', wrap: 'rsa-oaep-mgf1p', order: 'encrypt-sign', layout: 'wss', ekKeyInfo: 'thumbprint-str' },
  { sig: 'rsa-sha1', digest: 'sha256', enc: 'tripledes-cbc', wrap: 'rsa-1_5', order: 'sign-encrypt', layout: 'wss', ekKeyInfo: 'x509-issuer-serial' },
  { sig: 'rsa-sha256', digest: 'sha256', enc: 'aes128-gcm', wrap: 'rsa-oaep-mgf1p', order: 'sign-encrypt', layout: 'wss', ekKeyInfo: 'x509-issuer-serial' },
  { sig: 'rsa-sha256', digest: 'sha1', enc: 'aes256-gcm', wrap: 'rsa-1_5', order: 'encrypt-sign', layout: 'wss', ekKeyInfo: 'thumbprint-str' },
  { sig: 'rsa-sha1', digest: 'sha1', enc: 'aes192-cbc', wrap: 'rsa-oaep-mgf1p', order: 'sign-encrypt', layout: 'wss', ekKeyInfo: 'ski-str' },
  { sig: 'rsa-sha256', digest: 'sha256', enc: 'aes192-gcm', wrap: 'rsa-1_5', order: 'encrypt-sign', layout: 'wss', ekKeyInfo: 'ski-str' },
  { sig: 'rsa-sha1', digest: 'sha1', enc: 'aes256-cbc', wrap: 'rsa-oaep-mgf1p', order: 'encrypt-sign', layout: 'xmlsec1', ekKeyInfo: 'thumbprint-str' },
  { sig: 'rsa-sha256', digest: 'sha256', enc: 'aes128-gcm', wrap: 'rsa-1_5', order: 'encrypt-sign', layout: 'xmlsec1', ekKeyInfo: 'x509-issuer-serial' },
];
const theirName = (c: TheirCase): string => `${c.enc} / ${c.wrap} / ${c.sig}+${c.digest} / ${c.order} / ${c.layout} layout / EK ${c.ekKeyInfo}`;

function theirEnvelope(c: TheirCase, now: number): string {
  const iso = (t: number) => new Date(t).toISOString();
  const ref = (uri: string) =>
    `<ds:Reference URI="${uri}"><ds:Transforms><ds:Transform Algorithm="${EXC_C14N}"/></ds:Transforms>` +
    `<ds:DigestMethod Algorithm="${WSS4J_URI[c.digest]}"/><ds:DigestValue/></ds:Reference>`;
  return (
    `<soap:Envelope xmlns:soap="${NS.soap11}" xmlns:wsu="${NS.wsu}" xmlns:e="urn:wsbench:echo"><soap:Header>` +
    `<wsse:Security xmlns:wsse="${NS.wsse}" soap:mustUnderstand="1">` +
    `<wsu:Timestamp wsu:Id="TS-x1"><wsu:Created>${iso(now)}</wsu:Created><wsu:Expires>${iso(now + 300000)}</wsu:Expires></wsu:Timestamp>` +
    `<wsse:BinarySecurityToken wsu:Id="X509-x1" ValueType="${X509V3}" EncodingType="${B64}">${b64Der(PEM.clientCert)}</wsse:BinarySecurityToken>` +
    `<ds:Signature xmlns:ds="${NS.ds}" Id="SIG-x1"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="${EXC_C14N}"/>` +
    `<ds:SignatureMethod Algorithm="${WSS4J_URI[c.sig]}"/>${ref('#TS-x1')}${ref('#Body-x1')}</ds:SignedInfo><ds:SignatureValue/>` +
    `<ds:KeyInfo><wsse:SecurityTokenReference><wsse:Reference URI="#X509-x1" ValueType="${X509V3}"/></wsse:SecurityTokenReference></ds:KeyInfo>` +
    `</ds:Signature></wsse:Security></soap:Header>` +
    `<soap:Body wsu:Id="Body-x1"><e:Echo><e:Text>Hello from xmlsec1 \u00e9\u{1F511}</e:Text></e:Echo></soap:Body></soap:Envelope>`
  );
}

function encryptionTemplate(c: TheirCase): string {
  // ds:KeyName lets xmlsec1 pick the key; xmlsec1 keeps the STR as written and fills X509IssuerSerial.
  const str = (valueType: string, value: string) =>
    `<ds:KeyName>service</ds:KeyName><wsse:SecurityTokenReference xmlns:wsse="${NS.wsse}"><wsse:KeyIdentifier ValueType="${valueType}" EncodingType="${B64}">${value}</wsse:KeyIdentifier></wsse:SecurityTokenReference>`;
  const ekKi =
    c.ekKeyInfo === 'thumbprint-str'
      ? str(THUMB, thumbprint(PEM.serviceCert))
      : c.ekKeyInfo === 'ski-str'
        ? str(SKI, SERVICE_SKI)
        : '<ds:KeyName>service</ds:KeyName><ds:X509Data><ds:X509IssuerSerial/></ds:X509Data>';
  return (
    `<xenc:EncryptedData xmlns:xenc="${NS.xenc}" Id="ED-x1" Type="${NS.xenc}Content"><xenc:EncryptionMethod Algorithm="${WSS4J_URI[c.enc]}"/>` +
    `<ds:KeyInfo xmlns:ds="${NS.ds}"><xenc:EncryptedKey Id="EK-x1"><xenc:EncryptionMethod Algorithm="${WSS4J_URI[c.wrap]}"/>` +
    `<ds:KeyInfo>${ekKi}</ds:KeyInfo><xenc:CipherData><xenc:CipherValue/></xenc:CipherData></xenc:EncryptedKey></ds:KeyInfo>` +
    '<xenc:CipherData><xenc:CipherValue/></xenc:CipherData></xenc:EncryptedData>'
  );
}

const sessionKeySpec = (enc: TheirCase['enc']): string => (enc === 'tripledes-cbc' ? 'des-192' : `aes-${/aes(\d+)/.exec(enc)![1]}`);

function xmlsec1Encrypt(doc: string, c: TheirCase): string {
  const r = xmlsec1(
    ['--encrypt', '--session-key', sessionKeySpec(c.enc), '--pubkey-cert-pem:service', PKI_FILES.serviceCert, '--xml-data', '@data.xml', '--node-name', `${NS.soap11}:Body`],
    { 'data.xml': doc },
    encryptionTemplate(c),
  );
  if (!r.ok) throw new Error(`xmlsec1 --encrypt failed: ${r.err}`);
  return r.out;
}

function xmlsec1Sign(doc: string): string {
  const r = xmlsec1(['--sign', '--privkey-pem', PKI_FILES.clientKey, ...ID_ARGS], {}, doc);
  if (!r.ok) throw new Error(`xmlsec1 --sign failed: ${r.err}`);
  return r.out;
}

/**
 * The WSS layout from xmlsec1's: its EncryptedKey moves, unchanged, from the EncryptedData's
 * KeyInfo to the Security header (after the BST, before the Signature) with a ReferenceList to the
 * EncryptedData, whose KeyInfo becomes an STR to it (WSS 1.1 §7.7 / X.509 Token Profile).
 */
function toWssLayout(xml: string, order: TheirCase['order']): string {
  const ek = /<xenc:EncryptedKey\b[\s\S]*?<\/xenc:EncryptedKey>/.exec(xml)![0];
  const edKi = /(<xenc:EncryptedData\b[^>]*>(?:<xenc:EncryptionMethod\b[^>]*\/>))(<ds:KeyInfo\b[^>]*>[\s\S]*?<\/xenc:EncryptedKey><\/ds:KeyInfo>)/.exec(xml);
  if (!edKi) throw new Error('unexpected xmlsec1 EncryptedData layout');
  const str =
    `<ds:KeyInfo xmlns:ds="${NS.ds}"><wsse:SecurityTokenReference xmlns:wsse="${NS.wsse}" xmlns:wsse11="${NS.wsse11}" ` +
    `wsse11:TokenType="http://docs.oasis-open.org/wss/oasis-wss-soap-message-security-1.1#EncryptedKey"><wsse:Reference URI="#EK-x1"/></wsse:SecurityTokenReference></ds:KeyInfo>`;
  const withoutEk = xml.replace(edKi[0], edKi[1] + str);
  const headerEk = ek
    .replace('<xenc:EncryptedKey ', `<xenc:EncryptedKey xmlns:xenc="${NS.xenc}" xmlns:ds="${NS.ds}" `)
    .replace('</xenc:EncryptedKey>', '<xenc:ReferenceList><xenc:DataReference URI="#ED-x1"/></xenc:ReferenceList></xenc:EncryptedKey>');
  // A receiver works through the header in order: decrypt first when the plaintext was signed,
  // verify first when the ciphertext was (WSS 1.1 §5.2: each block is prepended as it is added).
  const at = order === 'sign-encrypt' ? withoutEk.indexOf('<ds:Signature') : withoutEk.indexOf('</wsse:Security>');
  return withoutEk.slice(0, at) + headerEk + withoutEk.slice(at);
}

function theirMessage(c: TheirCase): string {
  const doc = theirEnvelope(c, Date.now());
  const encrypt = (x: string) => (c.layout === 'wss' ? toWssLayout(xmlsec1Encrypt(x, c), c.order) : xmlsec1Encrypt(x, c));
  return c.order === 'sign-encrypt' ? encrypt(xmlsec1Sign(doc)) : xmlsec1Sign(encrypt(doc));
}

describe.skipIf(skip)('wsbench verifies and decrypts messages signed and encrypted by xmlsec1', () => {
  const results = new Map<TheirCase, { wire: string; s: InspectionSummary; tampered: InspectionSummary }>();
  beforeAll(async () => {
    for (const c of THEIRS) {
      const wire = theirMessage(c);
      const s = summarize(await inspectMessage(wire, serviceKeys()));
      const cut = wire.indexOf('<xenc:CipherValue>', wire.indexOf('<xenc:EncryptedData')) + '<xenc:CipherValue>'.length + 30;
      const bad = wire.slice(0, cut) + (wire[cut] === 'A' ? 'B' : 'A') + wire.slice(cut + 1);
      results.set(c, { wire, s, tampered: summarize(await inspectMessage(bad, serviceKeys())) });
    }
  }, 120000);

  for (const c of THEIRS.filter((x) => x.layout === 'wss')) {
    it(`wsbench verifies + decrypts xmlsec1: ${theirName(c)}`, () => {
      const { wire, s, tampered } = results.get(c)!;
      expect(wire).not.toContain('Hello from xmlsec1');
      expect(s.failures).toEqual([]);
      expect(s.accepted).toBe(true);
      expect(s.codes).toContain('DSIG_SIGNATURE_VALID');
      expect(s.signatureAlgorithms).toEqual([WSS4J_URI[c.sig]]);
      expect(s.digestAlgorithms).toEqual([WSS4J_URI[c.digest]]);
      expect(s.signedPaths).toEqual(['Envelope/Header/Security/Timestamp', 'Envelope/Body']);
      expect(s.keyTransports).toEqual([WSS4J_URI[c.wrap]]);
      expect(s.dataAlgorithms).toEqual([WSS4J_URI[c.enc]]);
      expect(s.decrypted).toContain('Hello from xmlsec1 \u00e9\u{1F511}');
      expect(tampered.accepted).toBe(false);
      expect(tampered.failures[0], tampered.failures.join('\n')).toMatch(c.order === 'encrypt-sign' ? /^DSIG_DIGEST_MISMATCH:/ : /^XENC_DECRYPT_FAILED:/);
    });
  }

  for (const c of THEIRS.filter((x) => x.layout === 'xmlsec1')) {
    it(`wsbench verifies xmlsec1 (signature over the EncryptedData): ${theirName(c)}`, () => {
      const { s, tampered } = results.get(c)!;
      expect(s.failures).toEqual([]);
      expect(s.codes).toContain('DSIG_SIGNATURE_VALID');
      expect(s.signatureAlgorithms).toEqual([WSS4J_URI[c.sig]]);
      expect(s.signedPaths).toEqual(['Envelope/Header/Security/Timestamp', 'Envelope/Body']);
      expect(tampered.failures[0], tampered.failures.join('\n')).toMatch(/^DSIG_DIGEST_MISMATCH:/);
    });

    // xmlsec1's layout: the EncryptedKey sits in the EncryptedData's own KeyInfo, with no
    // ReferenceList in the Security header; the inspector decrypts it after the header walk.
    it(`wsbench decrypts xmlsec1's own layout (EncryptedKey inside the EncryptedData): ${theirName(c)}`, () => {
      const { s } = results.get(c)!;
      expect(s.keyTransports).toEqual([WSS4J_URI[c.wrap]]);
      expect(s.dataAlgorithms).toEqual([WSS4J_URI[c.enc]]);
      expect(s.decrypted).toContain('Hello from xmlsec1 \u00e9\u{1F511}');
    });
  }
});
