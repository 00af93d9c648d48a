// The Java peer's X.509 commands checked against themselves (WSS4J verifies what WSS4J built), so a
// failing wsbench ↔ WSS4J cell is about wsbench, not the harness. Also proves the verdict is real:
// a changed Body, an untrusted signer and the wrong decryption key are each refused.

import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { missingPeers } from './available.ts';
import { runJavaPeerBatch } from './java_peer.ts';
import {
  PKI_FILES, WSS4J_URI, asSecured, asX509Verdict, clark, describeVerdict, wss4jCases, x509SecureRequest, x509VerifyRequest,
  verifyOptionsFor, type Wss4jSecured, type Wss4jX509Verdict,
} from './wss4j_x509.ts';

const skip = missingPeers('java', 'wss4j');
const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';
const WSU = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
const CASES = wss4jCases();

/** Flips one base64 character inside the Body's first CipherValue (or the Body text when not encrypted). */
function tamperBody(xml: string): string {
  const body = xml.search(/<[\w-]+:Body[\s>]/);
  const cv = xml.indexOf('CipherValue>', body);
  const at = cv > 0 ? cv + 'CipherValue>'.length + 10 : xml.indexOf('hello', body);
  const c = xml[at]!;
  return xml.slice(0, at) + (c === 'A' ? 'B' : 'A') + xml.slice(at + 1);
}

const PKCS1_KEY = readFileSync(PKI_FILES.clientKey.replace('client.key.pem', 'client.key.pkcs1.pem'), 'utf8');

describe.skipIf(skip)('WSS4J verifies and decrypts what WSS4J signed and encrypted (harness check)', () => {
  let secured: Wss4jSecured[] = [];
  let verdicts: Wss4jX509Verdict[] = [];
  let refusals: Wss4jX509Verdict[] = [];
  let pemText: Wss4jX509Verdict | undefined;
  let bspAes192: Wss4jX509Verdict | undefined;

  beforeAll(() => {
    // One JVM builds everything (the last one from PEM text and a PKCS#1 key), one verifies.
    const all = runJavaPeerBatch([
      ...CASES.map((c) => x509SecureRequest(c.o)),
      x509SecureRequest({ keyPem: PKCS1_KEY, certPem: readFileSync(PKI_FILES.clientCert, 'utf8'), timestamp: true }),
    ]).map(asSecured);
    secured = all.slice(0, CASES.length);
    const first = secured[0]!.xml;
    const answers = runJavaPeerBatch([
      ...secured.map((s, i) => x509VerifyRequest(s.xml, verifyOptionsFor(CASES[i]!.o))),
      x509VerifyRequest(tamperBody(first)),
      x509VerifyRequest(tamperBody(secured.find((s) => s.order === 'encrypt-sign')!.xml)),
      x509VerifyRequest(first, { trust: [PKI_FILES.stsCert] }),
      x509VerifyRequest(first, { keyPem: PKI_FILES.stsKey, certPem: PKI_FILES.stsCert }),
      x509VerifyRequest(all[CASES.length]!.xml),
      x509VerifyRequest(secured[CASES.findIndex((c) => c.o.enc === 'aes192-cbc')]!.xml),
    ]).map(asX509Verdict);
    verdicts = answers.slice(0, secured.length);
    refusals = answers.slice(secured.length, secured.length + 4);
    [pemText, bspAes192] = answers.slice(secured.length + 4);
  }, 120000);

  CASES.forEach((c, i) => {
    it(`WSS4J verifies WSS4J: ${c.name}`, () => {
      const s = secured[i]!;
      const v = verdicts[i]!;
      expect(v.ok, describeVerdict(v)).toBe(true);
      const soap = c.o.soap12 ? SOAP12 : SOAP11;
      expect(v.signedElements).toEqual(expect.arrayContaining([clark(WSU, 'Timestamp'), clark(soap, 'Body')]));
      expect(v.decryptedElements).toContain(`${clark(soap, 'Body')}#content`);
      expect(v.dataAlgorithms).toContain(WSS4J_URI[c.o.enc!]);
      expect(v.keyTransports).toEqual([WSS4J_URI[c.o.keywrap!]]);
      expect(v.signatureMethods).toEqual([WSS4J_URI[c.o.sig!]]);
      expect(new Set(v.digestMethods)).toEqual(new Set([WSS4J_URI[c.o.digest!]]));
      expect(v.signerSubject).toBe('CN=client.wsbench.example');
      expect(s.xml).not.toContain('hello from wss4j');
      expect(v.decryptedBody).toContain('hello from wss4j');
      // Processing order follows the order of protection: decrypt first when signed first.
      const [first] = v.actions.filter((a) => a === 'Encrypt' || a === 'Signature');
      expect(first).toBe(c.o.order === 'encrypt-sign' ? 'Signature' : 'Encrypt');
      if (c.o.encryptSignature) expect(v.decryptedElements).toContain(clark('http://www.w3.org/2000/09/xmldsig#', 'Signature'));
    });
  });

  it('WSS4J refuses a changed ciphertext (sign-encrypt), a changed signed ciphertext (encrypt-sign), an untrusted signer and the wrong decryption key', () => {
    const [cipher, signedCipher, untrusted, wrongKey] = refusals;
    for (const v of refusals) expect(v?.ok, describeVerdict(v!)).toBe(false);
    expect(signedCipher!.errorCode).toBe('FAILED_CHECK');
    expect(untrusted!.errorCode).toBe('FAILED_AUTHENTICATION');
    expect(wrongKey!.errorCode).toMatch(/FAILED_CHECK|FAILURE|FAILED_ENCRYPTION/);
    expect(cipher!.error).toBeTruthy();
  });

  it('WSS4J in BSP mode refuses aes192 (BSP R5620), so the aes192 cells run it with --no-bsp', () => {
    expect(bspAes192!.ok).toBe(false);
    expect(bspAes192!.error).toContain('aes192-cbc');
  });

  it('the peer reads PEM text as well as paths, and PKCS#1 keys', () => {
    expect(pemText!.ok, describeVerdict(pemText!)).toBe(true);
    expect(pemText!.signerSubject).toBe('CN=client.wsbench.example');
  });
});
