// `npm run bench`: wsbench against peers in the same run, reported as ratios (not timed tests).
//   - UsernameToken PasswordDigest: wsbench vs node-soap's passwordDigest
//   - exclusive c14n of a SOAP message (5 KB) and of a 1 MB document: wsbench vs xml-crypto
//   - UT 1.1 key derivation (1000 iterations): wsbench vs node:crypto
//   - a whole UsernameToken scenario run in Node, per variant
//   - DerivedKeyToken derivation (P_SHA1, 32 bytes at offset 32): wsbench vs node:crypto HMAC
//   - whole runs of the STS, OpenSSO, SecureConversation and WS-AT scenarios in Node
import { createHash } from 'node:crypto';
import { pSha1 } from '../test/crypto/node_psha1.ts';
import { DOMParser } from '@xmldom/xmldom';
import { passwordDigest as soapDigest } from 'soap';
import { ExclusiveCanonicalization } from 'xml-crypto';
import {
  buildUsernameTokenMessage, deriveUsernameTokenKey, excC14n, listScenarios, parseXml, passwordDigest,
  runToEnd, seededRandom, startRun, toBase64, deriveDktKey, utf8,
} from '../src/engine/index.ts';
import { readFileSync } from 'node:fs';
import { SignedXml } from 'xml-crypto';
import { parseCertificate as parseCert, soapMessage, wsbenchSignVerify } from './sign_verify.ts';
import { chromiumSignVerify } from './chromium.ts';

async function time(label: string, n: number, fn: () => unknown | Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(20, n); i++) await fn(); // warm up
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn();
  const per = (performance.now() - t0) / n;
  console.log(`${label.padEnd(58)} ${per.toFixed(4).padStart(10)} ms/op`);
  return per;
}

function ratio(label: string, ours: number, peer: number): void {
  console.log(`${label.padEnd(58)} ${(ours / peer).toFixed(2).padStart(10)} × the peer's time`);
}

function bigDocument(bytes: number): string {
  const item = '<item xmlns:x="urn:x" x:a="1" b="&lt;two&gt;">text &amp; more <x:sub>value</x:sub></item>\n';
  return `<root xmlns="urn:root">${item.repeat(Math.ceil(bytes / item.length))}</root>`;
}

async function main(): Promise<void> {
  const nonce = seededRandom(1).bytes(16);
  const created = '2026-01-01T00:00:00.000Z';
  const ours = await time('UT PasswordDigest — wsbench', 5000, () => passwordDigest(nonce, created, 'p@ss'));
  const b64 = toBase64(nonce);
  const peer = await time('UT PasswordDigest — node-soap passwordDigest', 5000, () => soapDigest(b64, created, 'p@ss'));
  ratio('UT PasswordDigest: wsbench / node-soap', ours, peer);

  const msg = await buildUsernameTokenMessage({ username: 'alice', password: 'x', passwordType: 'PasswordDigest', timestamp: true }, { random: seededRandom(2), now: Date.now() });
  const padded = msg.replace('<e:Text>Hello</e:Text>', `<e:Text>${'lorem ipsum '.repeat(350)}</e:Text>`);
  for (const [name, text] of [[`SOAP message ${(padded.length / 1024).toFixed(0)} KB`, padded], ['1 MB document', bigDocument(1 << 20)]] as const) {
    const ourDoc = parseXml(text, { maxBytes: 4 << 20 });
    const peerDoc = new DOMParser().parseFromString(text, 'text/xml');
    const n = text.length > 100_000 ? 10 : 500;
    const a = await time(`exc-c14n ${name} — wsbench`, n, () => excC14n(ourDoc));
    const xc = new ExclusiveCanonicalization();
    const b = await time(`exc-c14n ${name} — xml-crypto`, n, () => xc.process(peerDoc.documentElement as never, {}));
    ratio(`exc-c14n ${name}: wsbench / xml-crypto`, a, b);
  }

  const salt = seededRandom(3).bytes(16);
  const k1 = await time('UT key derivation (1000 iterations) — wsbench', 50, () => deriveUsernameTokenKey('password', salt, 1000));
  const k2 = await time('UT key derivation (1000 iterations) — node:crypto', 50, () => {
    let k = createHash('sha1').update(Buffer.concat([Buffer.from('password'), salt])).digest();
    for (let i = 1; i < 1000; i++) k = createHash('sha1').update(k).digest();
    return k;
  });
  ratio('UT key derivation: wsbench / node:crypto', k1, k2);

  for (const v of listScenarios().find((s) => s.id === 'usernametoken')!.variants) {
    await time(`scenario usernametoken --variant ${v.id} (Node)`, 5, async () => runToEnd(await startRun('usernametoken', v.id)));
  }

  const secret = seededRandom(4).bytes(32);
  const dkNonce = seededRandom(5).bytes(16);
  const d1 = await time('DKT P_SHA1 (32 bytes at offset 32) — wsbench', 500, () => deriveDktKey({ secret, nonce: dkNonce, offset: 32, length: 32 }));
  const d2 = await time('DKT P_SHA1 (32 bytes at offset 32) — node:crypto', 500, () => pSha1(Buffer.from(secret), Buffer.concat([Buffer.from(utf8('WS-SecureConversationWS-SecureConversation')), dkNonce]), 32, 32));
  ratio('DKT derivation: wsbench / node:crypto', d1, d2);

  for (const [scenario, variant] of [
    ['sts-issuance', 'saml20-hok-symmetric-entropy-trust13'], ['opensso-sts', 'row-9'], ['opensso-sts', 'row-10'], ['opensso-agent', 'wsibs-saml-sv'],
    ['secure-conversation', 'sc13-entropy-both-encrypted'], ['wsat', '1.1-mixed-commit'], ['wsat', '1.0-https-commit'],
  ] as const) {
    await time(`scenario ${scenario} --variant ${variant} (Node)`, 3, async () => runToEnd(await startRun(scenario, variant)));
  }
}


// Sign + verify, 5 KB and 1 MB, wsbench vs xml-crypto (issue 3).

async function signVerifyBench(): Promise<void> {
  const keyPem = readFileSync('test/fixtures/pki/client.key.pem', 'utf8');
  const certPem = readFileSync('test/fixtures/pki/client.cert.pem', 'utf8');
  const cert = await parseCert(certPem);
  for (const [label, size, n] of [['5 KB', 5 * 1024, 50], ['1 MB', 1 << 20, 3]] as const) {
    const text = soapMessage(size);
    const ours = await time(`sign+verify ${label} (RSA-SHA256, exc-c14n) — wsbench`, n, async () => {
      if (!(await wsbenchSignVerify(text, keyPem, cert))) throw new Error('wsbench did not verify its own signature');
    });
    const peer = await time(`sign+verify ${label} (RSA-SHA256, exc-c14n) — xml-crypto`, n, () => xmlCryptoSignVerify(text, keyPem, certPem));
    ratio(`sign+verify ${label}: wsbench / xml-crypto`, ours, peer);
  }
}

function xmlCryptoSignVerify(text: string, keyPem: string, certPem: string): void {
  const sig = new SignedXml({ privateKey: keyPem, signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#' });
  for (const id of ['TS-1', 'Body-1']) sig.addReference({ xpath: `//*[@*[local-name()='Id']='${id}']`, digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256', transforms: ['http://www.w3.org/2001/10/xml-exc-c14n#'] });
  sig.computeSignature(text, { location: { reference: "//*[local-name()='Security']", action: 'append' } });
  const signed = sig.getSignedXml();
  const v = new SignedXml({ publicCert: certPem });
  const doc = new DOMParser().parseFromString(signed, 'text/xml');
  v.loadSignature(doc.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'Signature')[0] as never);
  if (!v.checkSignature(signed)) throw new Error('xml-crypto did not verify its own signature');
}


async function all(): Promise<void> {
  await main();
  await signVerifyBench();
  for (const r of await chromiumSignVerify()) console.log(`${`sign+verify ${r.label} (RSA-SHA256, exc-c14n) — wsbench in Chromium`.padEnd(58)} ${r.ms.toFixed(4).padStart(10)} ms/op`);
}

all().catch((e) => {
  console.error(e);
  process.exit(1);
});
