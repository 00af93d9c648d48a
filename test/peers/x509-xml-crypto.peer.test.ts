// X.509 signature interop with xml-crypto (npm, SignedXml in this process) on WS-Security
// messages, both directions.
// xml-crypto → wsbench: a SOAP message with a wsu:Timestamp and the client's certificate in a
// BinarySecurityToken is signed by SignedXml (idMode 'wssecurity': references by wsu:Id; KeyInfo an
// STR to the BST through getKeyInfoContent, or xml-crypto's default ds:X509Data/X509Certificate)
// and verified by inspectMessage; a changed Body fails with DSIG_DIGEST_MISMATCH.
// wsbench → xml-crypto: requests from secureX509Message with EncryptBeforeSigning (the signature
// covers the EncryptedData; xml-crypto does not decrypt) pass SignedXml.checkSignature with the
// client's certificate; a changed signed header fails it.

import { describe, expect, it } from 'vitest';
import { DOMParser } from '@xmldom/xmldom';
import { X509Certificate } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { inspectMessage, secureX509Message } from '../../src/engine/index.ts';
import { missingPeers } from './available.ts';
import { runJavaPeerBatch } from './java_peer.ts';
import { PEM, WSS4J_URI, asX509Verdict, summarize, x509VerifyRequest } from './wss4j_x509.ts';

const NS_WSSE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const NS_WSU = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
const NS_SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const X509V3 = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3';
const B64 = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary';

function envelope(now: number): string {
  const der = new X509Certificate(PEM.clientCert).raw.toString('base64');
  return (
    `<soap:Envelope xmlns:soap="${NS_SOAP}" xmlns:wsu="${NS_WSU}"><soap:Header><wsse:Security xmlns:wsse="${NS_WSSE}" soap:mustUnderstand="1">` +
    `<wsu:Timestamp wsu:Id="TS-1"><wsu:Created>${new Date(now).toISOString()}</wsu:Created><wsu:Expires>${new Date(now + 300000).toISOString()}</wsu:Expires></wsu:Timestamp>` +
    `<wsse:BinarySecurityToken wsu:Id="X509-1" ValueType="${X509V3}" EncodingType="${B64}">${der}</wsse:BinarySecurityToken>` +
    `</wsse:Security></soap:Header><soap:Body wsu:Id="Body-1"><m:Echo xmlns:m="urn:example:echo"><m:Text>hello from xml-crypto \u00e9</m:Text></m:Echo></soap:Body></soap:Envelope>`
  );
}

const xpath = (ns: string, local: string) => `//*[local-name(.)='${local}' and namespace-uri(.)='${ns}']`;

interface SignCase { sig: 'rsa-sha1' | 'rsa-sha256'; digest: 'sha1' | 'sha256'; keyInfo: 'bst' | 'x509data' }
const SIGN_CASES: SignCase[] = [
  { sig: 'rsa-sha1', digest: 'sha1', keyInfo: 'bst' },
  { sig: 'rsa-sha256', digest: 'sha256', keyInfo: 'bst' },
  { sig: 'rsa-sha1', digest: 'sha256', keyInfo: 'bst' },
];

function xmlCryptoSign(c: SignCase): string {
  const sig = new SignedXml({
    privateKey: PEM.clientKey,
    publicCert: PEM.clientCert,
    signatureAlgorithm: WSS4J_URI[c.sig],
    canonicalizationAlgorithm: EXC_C14N,
    idMode: 'wssecurity',
    ...(c.keyInfo === 'bst'
      ? { getKeyInfoContent: () => `<wsse:SecurityTokenReference xmlns:wsse="${NS_WSSE}"><wsse:Reference URI="#X509-1" ValueType="${X509V3}"/></wsse:SecurityTokenReference>` }
      : {}),
  });
  for (const [ns, local] of [[NS_WSU, 'Timestamp'], [NS_SOAP, 'Body']] as const) {
    sig.addReference({ xpath: xpath(ns, local), transforms: [EXC_C14N], digestAlgorithm: WSS4J_URI[c.digest] });
  }
  sig.computeSignature(envelope(Date.now()), { prefix: 'ds', location: { reference: xpath(NS_WSSE, 'Security'), action: 'append' } });
  return sig.getSignedXml();
}

describe('wsbench verifies WS-Security messages signed by xml-crypto', () => {
  for (const c of SIGN_CASES) {
    it(`wsbench verifies xml-crypto: ${c.sig}+${c.digest} / KeyInfo ${c.keyInfo === 'bst' ? 'STR → BST' : 'ds:X509Data'}`, async () => {
      const xml = xmlCryptoSign(c);
      const s = summarize(await inspectMessage(xml, { certificates: [PEM.ca] }));
      expect(s.failures).toEqual([]);
      expect(s.accepted).toBe(true);
      expect(s.codes).toContain('DSIG_SIGNATURE_VALID');
      expect(s.signatureAlgorithms).toEqual([WSS4J_URI[c.sig]]);
      expect(s.digestAlgorithms).toEqual([WSS4J_URI[c.digest]]);
      expect(s.signedPaths).toEqual(['Envelope/Header/Security/Timestamp', 'Envelope/Body']);
      const t = summarize(await inspectMessage(xml.replace('hello from xml-crypto', 'hello from mallory'), { certificates: [PEM.ca] }));
      expect(t.failures.map((f) => f.slice(0, f.indexOf(':')))).toEqual(['DSIG_DIGEST_MISMATCH']);
    });
  }
});

describe('a WS-Security signature whose KeyInfo is a bare ds:X509Data (xml-crypto\'s default KeyInfo)', () => {
  it('wsbench refuses it for BSP R5417 (KeyInfo must hold one STR), and so does WSS4J', async () => {
    const xml = xmlCryptoSign({ sig: 'rsa-sha256', digest: 'sha256', keyInfo: 'x509data' });
    expect(xml).toMatch(/<ds:KeyInfo><ds:X509Data><ds:X509Certificate>/);
    const s = summarize(await inspectMessage(xml, { certificates: [PEM.ca] }));
    expect(s.failures.map((f) => f.slice(0, f.indexOf(':')))).toEqual(['WSS_SIGNATURE_KEYINFO', 'DSIG_KEY_UNRESOLVED']);
    if (missingPeers('java', 'wss4j')) return;
    const [bsp, noBsp] = runJavaPeerBatch([x509VerifyRequest(xml), x509VerifyRequest(xml, { noBsp: true })]).map(asX509Verdict);
    expect(bsp!.ok).toBe(false);
    expect(bsp!.error).toContain('The SecurityTokenReference was required but not found');
    expect(noBsp!.ok).toBe(false);
    expect(noBsp!.error).toContain('Unsupported KeyInfo type');
  });
});

type Suite = Parameters<typeof secureX509Message>[0]['suite'];

function xmlCryptoVerify(xml: string): { ok: boolean; error: string } {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const signature = doc.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'Signature').item(0);
  if (!signature) return { ok: false, error: 'no ds:Signature' };
  // KeyInfo is an STR, which xml-crypto does not follow: it gets the signer's certificate directly.
  const sig = new SignedXml({ publicCert: PEM.clientCert, idMode: 'wssecurity', getCertFromKeyInfo: () => null });
  // xml-crypto parses with @xmldom/xmldom itself; its typings name the DOM lib's Node instead.
  sig.loadSignature(signature as unknown as Node);
  try {
    return { ok: sig.checkSignature(xml), error: '' };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

describe('xml-crypto verifies the signature of X.509 requests made by wsbench (EncryptBeforeSigning)', () => {
  for (const suite of ['Basic256', 'Basic128Sha256', 'TripleDesRsa15'] as Suite[]) {
    it(`xml-crypto verifies wsbench: ${suite} / EncryptBeforeSigning`, async () => {
      const wire = await secureX509Message({
        clientKeyPem: PEM.clientKey, clientCertPem: PEM.clientCert, serviceCertPem: PEM.serviceCert, suite, order: 'EncryptBeforeSigning',
      });
      const r = xmlCryptoVerify(wire);
      expect(r.error).toBe('');
      expect(r.ok).toBe(true);
      const bad = xmlCryptoVerify(wire.replace('http://service.wsbench.example/echo<', 'http://service.wsbench.example/echo2<'));
      expect(bad.ok).toBe(false);
    });
  }
});
