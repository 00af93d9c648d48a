// X.509 sign + encrypt interop with Apache WSS4J 1.6 (libwss4j-java + Santuario 2.1), both
// directions. wsbench → WSS4J: requests made by secureX509Message (the x509-mutual client's
// message: Timestamp, WS-Addressing headers and Body signed with the client's key and a BST; Body
// content encrypted for the service) go through WSS4J's WSSecurityEngine with the service's key and
// the demo CA as trust anchor; every algorithm suite × protection order, the recipient reference
// rotating, and a copy with a changed signed header that WSS4J must refuse. WSS4J → wsbench:
// messages made by WSSecTimestamp + WSSecSignature + WSSecEncrypt for every data algorithm × key
// transport (wss4j_x509.ts wss4jCases) go through inspectMessage with the service's keys.
// One JVM for all WSS4J building, one for all WSS4J verifying.

import { beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { inspectMessage, secureX509Message } from '../../src/engine/index.ts';
import { missingPeers } from './available.ts';
import { runJavaPeerBatch } from './java_peer.ts';
import { PEER_SEED } from './peer_inputs.ts';
import {
  PEM, WSS4J_URI, asSecured, asX509Verdict, clark, describeVerdict, serviceKeys, summarize, verifyOptionsFor, wss4jCases,
  x509SecureRequest, x509VerifyRequest, type InspectionSummary, type Wss4jDigest, type Wss4jEnc, type Wss4jKeyWrap, type Wss4jSecured,
  type Wss4jSig, type Wss4jX509Verdict,
} from './wss4j_x509.ts';

type Suite = Parameters<typeof secureX509Message>[0]['suite'];
type Order = 'SignBeforeEncrypting' | 'EncryptBeforeSigning';
type RecipientRef = 'thumbprint' | 'keyIdentifier' | 'issuerSerial';

const skip = missingPeers('java', 'wss4j');
const NS = {
  soap11: 'http://schemas.xmlsoap.org/soap/envelope/',
  soap12: 'http://www.w3.org/2003/05/soap-envelope',
  wsu: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd',
  wsa: 'http://www.w3.org/2005/08/addressing',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
};

/**
 * WS-SP 1.3 §6.1 algorithm suites, written out here (not read from the engine): base cipher, RSA
 * key transport (OAEP, or PKCS#1 v1.5 for *Rsa15), digest SHA-1 (SHA-256 for *Sha256, which also
 * sign with RSA-SHA256 as WCF, WSS4J and wsbench do).
 */
const BASES: [string, Wss4jEnc][] = [['Basic256', 'aes256-cbc'], ['Basic192', 'aes192-cbc'], ['Basic128', 'aes128-cbc'], ['TripleDes', 'tripledes-cbc']];
const SUFFIXES: [string, boolean, boolean][] = [['', false, false], ['Rsa15', false, true], ['Sha256', true, false], ['Sha256Rsa15', true, true]];
interface SuiteAlgs { enc: Wss4jEnc; wrap: Wss4jKeyWrap; sig: Wss4jSig; digest: Wss4jDigest }
const SUITES: [Suite, SuiteAlgs][] = BASES.flatMap(([base, enc]) =>
  SUFFIXES.map(([suffix, sha256, rsa15]): [Suite, SuiteAlgs] => [
    `${base}${suffix}` as Suite,
    { enc, wrap: rsa15 ? 'rsa-1_5' : 'rsa-oaep-mgf1p', sig: sha256 ? 'rsa-sha256' : 'rsa-sha1', digest: sha256 ? 'sha256' : 'sha1' },
  ]),
);
const ORDERS: Order[] = ['SignBeforeEncrypting', 'EncryptBeforeSigning'];
const REFS: RecipientRef[] = ['thumbprint', 'keyIdentifier', 'issuerSerial'];

interface OurCase {
  name: string;
  suite: Suite;
  algs: SuiteAlgs;
  order: Order;
  ref: RecipientRef;
  encryptSignature?: boolean;
  soap?: '1.1' | '1.2';
}

function ourCases(): OurCase[] {
  const out: OurCase[] = [];
  let i = 0;
  for (const [suite, algs] of SUITES) {
    for (const order of ORDERS) out.push({ name: '', suite, algs, order, ref: REFS[i++ % REFS.length]! });
  }
  const basic256 = SUITES[0]![1];
  for (const ref of REFS) out.push({ name: '', suite: 'Basic256', algs: basic256, order: 'SignBeforeEncrypting', ref, soap: '1.2' });
  for (const [suite, algs] of SUITES.filter(([n]) => n === 'Basic256Sha256' || n === 'Basic128')) {
    out.push({ name: '', suite, algs, order: 'SignBeforeEncrypting', ref: 'thumbprint', encryptSignature: true });
  }
  return out.map((c) => ({
    ...c,
    name: [c.suite, c.order, c.ref, ...(c.encryptSignature ? ['EncryptSignature'] : []), ...(c.soap === '1.2' ? ['SOAP 1.2'] : [])].join(' / '),
  }));
}

const OURS = ourCases();
const seedOf = (label: string): number => createHash('sha256').update(`${PEER_SEED}/${label}`).digest().readUInt32BE(0);

/** The same message with the signed wsa:To changed: every correct verifier refuses it. */
const tamperTo = (wire: string): string => wire.replace('http://service.wsbench.example/echo<', 'http://service.wsbench.example/echo2<');

describe.skipIf(skip)(`WSS4J verifies and decrypts X.509 requests made by wsbench (seed ${PEER_SEED})`, () => {
  const wires: string[] = [];
  let verdicts: Wss4jX509Verdict[] = [];
  let tampered: Wss4jX509Verdict[] = [];
  let bspBasic192: Wss4jX509Verdict | undefined;

  beforeAll(async () => {
    for (const c of OURS) {
      wires.push(
        await secureX509Message({
          clientKeyPem: PEM.clientKey, clientCertPem: PEM.clientCert, serviceCertPem: PEM.serviceCert,
          suite: c.suite, order: c.order, recipientReference: c.ref, soap: c.soap ?? '1.1', seed: seedOf(c.name),
          ...(c.encryptSignature ? { encryptSignature: true } : {}),
        }),
      );
    }
    const opts = (c: OurCase) => verifyOptionsFor({ enc: c.algs.enc });
    const basic192 = OURS.findIndex((c) => c.suite === 'Basic192');
    const all = runJavaPeerBatch([
      ...wires.map((w, i) => x509VerifyRequest(w, opts(OURS[i]!))),
      ...wires.map((w, i) => x509VerifyRequest(tamperTo(w), opts(OURS[i]!))),
      x509VerifyRequest(wires[basic192]!),
    ]).map(asX509Verdict);
    verdicts = all.slice(0, wires.length);
    tampered = all.slice(wires.length, 2 * wires.length);
    bspBasic192 = all[2 * wires.length];
  }, 180000);

  OURS.forEach((c, i) => {
    it(`WSS4J verifies wsbench: ${c.name}`, () => {
      const v = verdicts[i]!;
      expect(v.ok, describeVerdict(v)).toBe(true);
      const soap = c.soap === '1.2' ? NS.soap12 : NS.soap11;
      expect(v.signedElements).toEqual(
        expect.arrayContaining([clark(NS.wsu, 'Timestamp'), clark(soap, 'Body'), ...['Action', 'To', 'MessageID', 'ReplyTo'].map((h) => clark(NS.wsa, h))]),
      );
      expect(v.decryptedElements).toContain(`${clark(soap, 'Body')}#content`);
      if (c.encryptSignature) expect(v.decryptedElements).toContain(clark(NS.ds, 'Signature'));
      expect(v.dataAlgorithms).toContain(WSS4J_URI[c.algs.enc]);
      expect(v.keyTransports).toEqual([WSS4J_URI[c.algs.wrap]]);
      expect(v.signatureMethods).toEqual([WSS4J_URI[c.algs.sig]]);
      expect(new Set(v.digestMethods)).toEqual(new Set([WSS4J_URI[c.algs.digest]]));
      expect(v.signerSubject).toBe('CN=client.wsbench.example');
      expect(wires[i]).not.toContain('Hello from wsbench');
      expect(v.decryptedBody).toContain('Hello from wsbench');
      // WSS4J processes in document order; the order of protection shows in what came first.
      const first = v.actions.find((a) => a === 'Encrypt' || a === 'Signature');
      expect(first).toBe(c.order === 'EncryptBeforeSigning' ? 'Signature' : 'Encrypt');
      const t = tampered[i]!;
      expect(t.ok, `tampered: ${describeVerdict(t)}`).toBe(false);
      expect(t.errorCode).toBe('FAILED_CHECK');
    });
  });

  it('WSS4J in its default BSP mode refuses Basic192 (aes192-cbc is not in BSP R5620), so the aes192 cells run with --no-bsp', () => {
    expect(bspBasic192!.ok).toBe(false);
    expect(bspBasic192!.error).toContain('aes192-cbc');
  });
});

const THEIRS = wss4jCases();
const SHORT_TO_URI = WSS4J_URI;

describe.skipIf(skip)('wsbench verifies and decrypts X.509 messages made by WSS4J', () => {
  let secured: Wss4jSecured[] = [];
  const summaries: InspectionSummary[] = [];
  const tamperedSummaries: InspectionSummary[] = [];

  beforeAll(async () => {
    secured = runJavaPeerBatch(THEIRS.map((c) => x509SecureRequest(c.o))).map(asSecured);
    for (const [i, s] of secured.entries()) {
      const keys = serviceKeys(THEIRS[i]!.o.sigKeyId !== undefined && THEIRS[i]!.o.sigKeyId !== 'direct');
      summaries.push(summarize(await inspectMessage(s.xml, keys)));
      tamperedSummaries.push(summarize(await inspectMessage(flipCipherValue(s.xml), keys)));
    }
  }, 180000);

  THEIRS.forEach((c, i) => {
    it(`wsbench verifies WSS4J: ${c.name}`, () => {
      const s = summaries[i]!;
      expect(s.failures).toEqual([]);
      expect(s.accepted).toBe(true);
      expect(s.codes).toContain('DSIG_SIGNATURE_VALID');
      expect(s.signatureAlgorithms).toEqual([SHORT_TO_URI[c.o.sig!]]);
      expect(s.digestAlgorithms).toEqual([SHORT_TO_URI[c.o.digest!]]);
      expect(s.signedPaths).toEqual(expect.arrayContaining(['Envelope/Header/Security/Timestamp', 'Envelope/Body']));
      expect(s.keyTransports).toEqual([SHORT_TO_URI[c.o.keywrap!]]);
      expect(s.dataAlgorithms).toContain(SHORT_TO_URI[c.o.enc!]);
      if (c.o.encryptSignature) expect(s.dataAlgorithms).toHaveLength(2);
      expect(secured[i]!.xml).not.toContain('hello from wss4j');
      expect(s.decrypted).toContain('hello from wss4j');
      // A changed ciphertext: the decryption or (sign-then-encrypt) the Body digest must fail.
      const t = tamperedSummaries[i]!;
      expect(t.accepted).toBe(false);
      // wsbench processes in document order: the Body digest first when the ciphertext was signed.
      expect(t.failures[0], t.failures.join('\n')).toMatch(c.o.order === 'encrypt-sign' ? /^DSIG_DIGEST_MISMATCH:/ : /^XENC_DECRYPT_FAILED:/);
    });
  });
});

/** Flips one base64 character inside the Body's EncryptedData CipherValue (block 2 of the ciphertext). */
function flipCipherValue(xml: string): string {
  const body = xml.search(/<[\w-]+:Body[\s>]/);
  const at = xml.indexOf('CipherValue>', body) + 'CipherValue>'.length + 30;
  const c = xml[at]!;
  return xml.slice(0, at) + (c === 'A' ? 'B' : 'A') + xml.slice(at + 1);
}
