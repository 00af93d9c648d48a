// X.509 signature interop with node-soap (npm `soap`, WSSecurityCert — xml-crypto underneath):
// requests signed with the client's key, the certificate in a BinarySecurityToken, over the Body,
// node-soap's Timestamp and optional extra headers, are verified by inspectMessage; a changed Body
// fails with DSIG_DIGEST_MISMATCH. node-soap has no verifier of its own (it only signs requests).

import { describe, expect, it } from 'vitest';
import { inspectMessage } from '../../src/engine/index.ts';
import { missingPeers } from './available.ts';
import { runJavaPeerBatch } from './java_peer.ts';
import { NODE_SOAP_VERSION, nodeSoapRequest, nodeSoapSign, type NodeSoapCertOptions } from './node_soap_x509.ts';
import { PEM, WSS4J_URI, asX509Verdict, describeVerdict, summarize, x509VerifyRequest } from './wss4j_x509.ts';

const RSA_SHA1 = WSS4J_URI['rsa-sha1'];
const SHA1 = WSS4J_URI.sha1;
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const WSA = 'xmlns:wsa="http://www.w3.org/2005/08/addressing"';
const WSA_HEADERS = `<wsa:Action ${WSA}>urn:wsbench:echo:Echo</wsa:Action><wsa:To ${WSA}>http://service.wsbench.example/echo</wsa:To>`;

interface Case {
  name: string;
  options: NodeSoapCertOptions;
  headers?: string;
  sig: string;
  digest: string;
  signed: string[];
}

const CASES: Case[] = [
  { name: 'defaults (rsa-sha256, sha256, Timestamp, Id attributes)', options: {}, sig: WSS4J_URI['rsa-sha256'], digest: WSS4J_URI.sha256, signed: ['Envelope/Body', 'Envelope/Header/Security/Timestamp'] },
  { name: 'rsa-sha1 + sha1', options: { signatureAlgorithm: RSA_SHA1, digestAlgorithm: SHA1 }, sig: RSA_SHA1, digest: SHA1, signed: ['Envelope/Body', 'Envelope/Header/Security/Timestamp'] },
  { name: "idMode 'wssecurity' (wsu:Id)", options: { signerOptions: { idMode: 'wssecurity' } }, sig: WSS4J_URI['rsa-sha256'], digest: WSS4J_URI.sha256, signed: ['Envelope/Body', 'Envelope/Header/Security/Timestamp'] },
  { name: 'no Timestamp', options: { hasTimeStamp: false }, sig: WSS4J_URI['rsa-sha256'], digest: WSS4J_URI.sha256, signed: ['Envelope/Body'] },
  {
    name: 'additionalReferences wsa:Action + wsa:To, exc-c14n only, wsu:Id',
    options: { additionalReferences: ['wsa:Action', 'wsa:To'], signatureTransformations: [EXC_C14N], signerOptions: { idMode: 'wssecurity' }, signatureAlgorithm: RSA_SHA1 },
    headers: WSA_HEADERS, sig: RSA_SHA1, digest: WSS4J_URI.sha256, signed: ['Envelope/Body', 'Envelope/Header/Action', 'Envelope/Header/To', 'Envelope/Header/Security/Timestamp'],
  },
];

describe(`wsbench verifies requests signed by node-soap ${NODE_SOAP_VERSION} WSSecurityCert`, () => {
  for (const c of CASES) {
    it(`wsbench verifies node-soap: ${c.name}`, async () => {
      const xml = nodeSoapSign(nodeSoapRequest(c.headers), PEM.clientKey, PEM.clientCert, c.options);
      expect(xml).toContain('wsse:BinarySecurityToken');
      const s = summarize(await inspectMessage(xml, { certificates: [PEM.ca] }));
      expect(s.failures).toEqual([]);
      expect(s.accepted).toBe(true);
      expect(s.codes).toContain('DSIG_SIGNATURE_VALID');
      expect(s.signatureAlgorithms).toEqual([c.sig]);
      expect(s.digestAlgorithms).toEqual([c.digest]);
      expect(s.signedPaths).toEqual(c.signed);
      const t = summarize(await inspectMessage(xml.replace('hello from node-soap', 'hello from mallory'), { certificates: [PEM.ca] }));
      expect(t.failures.map((f) => f.slice(0, f.indexOf(':')))).toEqual(['DSIG_DIGEST_MISMATCH']);
    });
  }
});

describe.skipIf(missingPeers('java', 'wss4j'))('WSS4J on the same node-soap requests (for comparison)', () => {
  it("WSS4J accepts node-soap's requests, with its default unqualified Id attributes as with wsu:Id", () => {
    const byDefault = nodeSoapSign(nodeSoapRequest(), PEM.clientKey, PEM.clientCert, CASES[0]!.options);
    const wsuId = nodeSoapSign(nodeSoapRequest(), PEM.clientKey, PEM.clientCert, CASES[2]!.options);
    expect(byDefault).toContain('<soap:Body Id="_0">');
    for (const v of runJavaPeerBatch([x509VerifyRequest(byDefault), x509VerifyRequest(wsuId)]).map(asX509Verdict)) {
      expect(v.ok, describeVerdict(v)).toBe(true);
      expect(v.signerSubject).toBe('CN=client.wsbench.example');
      expect(v.signedElements).toContain('{http://schemas.xmlsoap.org/soap/envelope/}Body');
    }
  });
});
