// X.509 signature interop with zeep (python3-zeep on python3-xmlsec), both directions.
// zeep → wsbench: SOAP messages signed by zeep.wsse.signature.BinarySignature (certificate in a
// BinarySecurityToken, STR Reference), Signature and MemorySignature (certificate in ds:X509Data
// inside the STR, zeep's own layout) with the client's key, over the Body and a wsu:Timestamp, are
// verified by inspectMessage; a changed Body fails with DSIG_DIGEST_MISMATCH.
// wsbench → zeep: requests from secureX509Message with EncryptBeforeSigning (the signature covers
// the EncryptedData, so a verifier that does not decrypt can check it) pass zeep's verify_envelope
// with the client's certificate; a changed signed header fails it.
// One Python process for all zeep work.

import { beforeAll, describe, expect, it } from 'vitest';
import { inspectMessage, secureX509Message } from '../../src/engine/index.ts';
import { missingPeers } from './available.ts';
import { PEER_SEED } from './peer_inputs.ts';
import { runJavaPeerBatch } from './java_peer.ts';
import { PEM, PKI_FILES, WSS4J_URI, asX509Verdict, describeVerdict, summarize, x509VerifyRequest, type InspectionSummary } from './wss4j_x509.ts';
import { runZeepX509Batch, signedXml, verdict, type ZeepSignRequest } from './zeep_x509.ts';

const skip = missingPeers('python3-zeep', 'python3-xmlsec');

type SignCase = Omit<ZeepSignRequest, 'cmd' | 'key' | 'cert'>;
const SIGN_CASES: SignCase[] = [
  { variant: 'binary', signature_method: 'rsa-sha1', digest_method: 'sha1', timestamp: true },
  { variant: 'binary', signature_method: 'rsa-sha256', digest_method: 'sha256', timestamp: true },
  { variant: 'binary', signature_method: 'rsa-sha256', digest_method: 'sha1' },
  { variant: 'binary', signature_method: 'rsa-sha1', digest_method: 'sha256', timestamp: true, soap: '1.2' },
  { variant: 'signature', signature_method: 'rsa-sha1', digest_method: 'sha1', timestamp: true },
  { variant: 'signature', signature_method: 'rsa-sha256', digest_method: 'sha256' },
  { variant: 'memory', signature_method: 'rsa-sha256', digest_method: 'sha256', timestamp: true },
];
const VARIANT = { binary: 'BinarySignature', signature: 'Signature', memory: 'MemorySignature' } as const;
const signName = (c: SignCase): string =>
  [VARIANT[c.variant], `${c.signature_method}+${c.digest_method}`, c.timestamp ? 'Body + Timestamp' : 'Body', ...(c.soap === '1.2' ? ['SOAP 1.2'] : [])].join(' / ');

type Suite = Parameters<typeof secureX509Message>[0]['suite'];
const VERIFY_SUITES: Suite[] = ['Basic256', 'Basic128Rsa15', 'Basic256Sha256', 'TripleDes'];

describe.skipIf(skip)(`zeep X.509 signatures ↔ wsbench (seed ${PEER_SEED})`, () => {
  const signed: string[] = [];
  const ours: string[] = [];
  const ourVerdicts: { ok: boolean; error: string | null }[] = [];
  const tamperedVerdicts: { ok: boolean; error: string | null }[] = [];
  const summaries: InspectionSummary[] = [];
  const tamperedSummaries: InspectionSummary[] = [];

  beforeAll(async () => {
    for (const suite of VERIFY_SUITES) {
      ours.push(
        await secureX509Message({
          clientKeyPem: PEM.clientKey, clientCertPem: PEM.clientCert, serviceCertPem: PEM.serviceCert, suite, order: 'EncryptBeforeSigning',
        }),
      );
    }
    const tamper = (w: string) => w.replace('http://service.wsbench.example/echo<', 'http://service.wsbench.example/echo2<');
    const answers = runZeepX509Batch([
      ...SIGN_CASES.map((c) => ({ cmd: 'sign' as const, key: PKI_FILES.clientKey, cert: PKI_FILES.clientCert, ...c })),
      ...ours.map((xml) => ({ cmd: 'verify' as const, xml, cert: PKI_FILES.clientCert })),
      ...ours.map((xml) => ({ cmd: 'verify' as const, xml: tamper(xml), cert: PKI_FILES.clientCert })),
    ]);
    signed.push(...answers.slice(0, SIGN_CASES.length).map(signedXml));
    ourVerdicts.push(...answers.slice(SIGN_CASES.length, SIGN_CASES.length + ours.length).map(verdict));
    tamperedVerdicts.push(...answers.slice(SIGN_CASES.length + ours.length).map(verdict));
    for (const xml of signed) {
      summaries.push(summarize(await inspectMessage(xml, { certificates: [PEM.ca] })));
      tamperedSummaries.push(summarize(await inspectMessage(xml.replace('hello from zeep', 'hello from mallory'), { certificates: [PEM.ca] })));
    }
  }, 120000);

  SIGN_CASES.forEach((c, i) => {
    if (c.variant !== 'binary') {
      // zeep's Signature/MemorySignature leave the <X509IssuerSerial/> that xmlsec was asked to
      // fill empty (zeep moves the X509Data into the STR after signing). wsbench refuses the empty
      // name and serial and finds no key; WSS4J refuses the same message (see below).
      it(`wsbench refuses zeep's empty X509IssuerSerial, and verifies once it is removed: ${signName(c)}`, async () => {
        expect(signed[i]).toContain('<X509IssuerSerial/>');
        const s = summaries[i]!;
        expect(s.accepted).toBe(false);
        expect(s.failures.map((f) => f.slice(0, f.indexOf(':')))).toEqual(['STR_BAD_ISSUER_SERIAL', 'DSIG_KEY_UNRESOLVED']);
        const fixed = summarize(await inspectMessage(signed[i]!.replace('<X509IssuerSerial/>', ''), { certificates: [PEM.ca] }));
        expect(fixed.failures).toEqual([]);
        expect(fixed.codes).toContain('DSIG_SIGNATURE_VALID');
        expect(fixed.signatureAlgorithms).toEqual([WSS4J_URI[c.signature_method!]]);
        expect(fixed.digestAlgorithms).toEqual([WSS4J_URI[c.digest_method!]]);
        expect(fixed.signedPaths).toEqual(c.timestamp ? ['Envelope/Body', 'Envelope/Header/Security/Timestamp'] : ['Envelope/Body']);
      });
      return;
    }
    it(`wsbench verifies zeep: ${signName(c)}`, () => {
      const s = summaries[i]!;
      expect(s.failures).toEqual([]);
      expect(s.accepted).toBe(true);
      expect(s.codes).toContain('DSIG_SIGNATURE_VALID');
      expect(s.signatureAlgorithms).toEqual([WSS4J_URI[c.signature_method!]]);
      expect(s.digestAlgorithms).toEqual([WSS4J_URI[c.digest_method!]]);
      expect(s.signedPaths).toEqual(c.timestamp ? ['Envelope/Body', 'Envelope/Header/Security/Timestamp'] : ['Envelope/Body']);
      const t = tamperedSummaries[i]!;
      expect(t.accepted).toBe(false);
      expect(t.failures.map((f) => f.slice(0, f.indexOf(':')))).toEqual(['DSIG_DIGEST_MISMATCH']);
    });
  });

  VERIFY_SUITES.forEach((suite, i) => {
    it(`zeep verifies wsbench: ${suite} / EncryptBeforeSigning (signature over the EncryptedData)`, () => {
      expect(ourVerdicts[i], ourVerdicts[i]!.error ?? '').toEqual({ ok: true, error: null });
      expect(tamperedVerdicts[i]!.ok).toBe(false);
    });
  });
});

describe.skipIf(skip || missingPeers('java', 'wss4j'))('WSS4J on the same zeep messages (for comparison)', () => {
  it('WSS4J accepts zeep BinarySignature and refuses zeep Signature (empty X509IssuerSerial) with a NullPointerException', () => {
    const [binary, x509data] = runZeepX509Batch(
      (['binary', 'signature'] as const).map((variant) => ({ cmd: 'sign' as const, variant, key: PKI_FILES.clientKey, cert: PKI_FILES.clientCert, timestamp: true })),
    ).map(signedXml);
    const [b, x] = runJavaPeerBatch([x509VerifyRequest(binary!), x509VerifyRequest(x509data!)]).map(asX509Verdict);
    expect(b!.ok, describeVerdict(b!)).toBe(true);
    expect(b!.signerSubject).toBe('CN=client.wsbench.example');
    expect(x!.ok).toBe(false);
    expect(x!.error).toContain('NullPointerException');
  });
});
