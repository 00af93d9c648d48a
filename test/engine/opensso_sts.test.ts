// Seed 001 table 3-3 run for real: every row of the OpenSSO STS token matrix is an issuance whose
// steps meet the engine's own expectations, and whose issued assertion — read out of the RSTR wire,
// decrypted here with node:crypto when the STS answered under the AsymmetricBinding — has the
// confirmation method and proof-key kind the seed states; the error rows fault. Then the service's
// refusals: a tampered assertion, a wrong audience, an expired assertion, a wrong proof key, a
// sender-vouches token nobody vouched for, an untrusted sender, and a UseKey the RST was not signed with.
import { constants, createDecipheriv, privateDecrypt } from 'node:crypto';
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { collectSecrets, DEMO_PKI_FILE, deliver, DEFAULT_START, matrixRows, runToEnd, setActorState, startRun, type Json, type Report, type RunState } from '../../src/engine/index.ts';
import { serviceReceive, type ServiceState } from '../../src/engine/actors/service.ts';
import type { StsClientState } from '../../src/engine/actors/sts_client.ts';

const pki = DEMO_PKI_FILE.identities;
const XENC = 'http://www.w3.org/2001/04/xmlenc#';
const DS = 'http://www.w3.org/2000/09/xmldsig#';
const failCodes = (r: Report) => r.checks.filter((c) => c.status === 'fail').map((c) => c.code);
const pemBody = (pem: string) => pem.split('\n').filter((l) => l && !l.startsWith('-----')).join('');

function all(doc: Document | Element, local: string, ns?: string): Element[] {
  return Array.from(doc.getElementsByTagNameNS(ns ?? '*', local)) as Element[];
}

/** XML Encryption §5.2 block cipher padding: the last octet says how many to drop. */
function aesCbcDecrypt(key: Buffer, data: Buffer): Buffer {
  const d = createDecipheriv(`aes-${key.length * 8}-cbc`, key, data.subarray(0, 16));
  d.setAutoPadding(false);
  const plain = Buffer.concat([d.update(data.subarray(16)), d.final()]);
  return plain.subarray(0, plain.length - plain[plain.length - 1]!);
}

/**
 * The RSTR as the client got it. Under the AsymmetricBinding the Body is encrypted for the client:
 * the data key is unwrapped with the client's private key (RSA-OAEP), compared with keys.json, and
 * the Body decrypted — all with node:crypto, not the engine.
 */
function rstrBody(run: RunState): Element {
  const doc = new DOMParser().parseFromString(run.steps[1]!.delivered!, 'text/xml') as unknown as Document;
  const body = all(doc, 'Body')[0]!;
  const ed = all(body, 'EncryptedData', XENC)[0];
  if (!ed) return body;
  const ek = all(doc, 'EncryptedKey', XENC)[0]!;
  const dataKey = privateDecrypt({ key: pki.client.keyPem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, Buffer.from(all(ek, 'CipherValue', XENC)[0]!.textContent!, 'base64'));
  expect(dataKey.toString('base64')).toBe((collectSecrets(run) as Record<string, string>)['issued response dataKey']);
  const plain = aesCbcDecrypt(dataKey, Buffer.from(all(ed, 'CipherValue', XENC)[0]!.textContent!, 'base64')).toString('utf8');
  return new DOMParser().parseFromString(`<Body>${plain}</Body>`, 'text/xml').documentElement as unknown as Element;
}

/** What the assertion in the RSTR is: confirmation method URI, proof-key kind, subject, proof certificate. */
function issued(rstr: Element) {
  const assertion = all(rstr, 'Assertion')[0]!;
  const sc = all(assertion, 'SubjectConfirmation')[0]!;
  const method = sc.getAttribute('Method') || all(sc, 'ConfirmationMethod')[0]?.textContent?.trim() || '';
  const keyInfo = all(sc, 'KeyInfo', DS)[0];
  const proofKey = !keyInfo ? 'none' : all(keyInfo, 'EncryptedKey', XENC).length > 0 ? 'symmetric' : 'asymmetric';
  const cert = keyInfo ? all(keyInfo, 'X509Certificate', DS)[0]?.textContent?.trim() : undefined;
  const subject = (all(assertion, 'NameID')[0] ?? all(assertion, 'NameIdentifier')[0])?.textContent?.trim();
  return { method, proofKey, cert, subject, proofToken: all(rstr, 'RequestedProofToken').length > 0 };
}

describe('opensso-sts: every row of seed 001 table 3-3 runs as a real issuance', () => {
  for (const row of matrixRows()) {
    it(`row ${row.row}: ${row.seed.output}`, async () => {
      const done = await runToEnd(await startRun('opensso-sts', `row-${row.row}`));
      expect(done.steps.map((s) => ({ n: s.n, outcome: s.outcome, fails: failCodes(s.report!) }))).toEqual(done.steps.map((s) => ({ n: s.n, outcome: 'as-expected', fails: failCodes(s.report!) })));
      if (!row.expected.ok) {
        expect(done.steps).toHaveLength(2);
        expect(failCodes(done.steps[0]!.report!)).toContain(row.decision.code);
        expect(done.steps[1]!.delivered).toMatch(/<soap:Fault>[\s\S]*wst:InvalidRequest/);
        return;
      }
      const got = issued(rstrBody(done));
      expect(got.method).toBe(`urn:oasis:names:tc:SAML:2.0:cm:${row.expected.confirmation}`);
      expect(got.proofKey).toBe(row.expected.proofKey);
      expect(got.proofToken).toBe(row.expected.proofKey === 'symmetric');
      const requester = row.request.clientToken === 'x509' ? pki.client.subject : 'alice';
      expect(got.subject).toBe(row.request.onBehalfOf ? 'bob' : requester);
      if (row.expected.proofKey === 'asymmetric') expect(got.cert).toBe(pemBody(pki.client.certPem));
      expect(done.steps[2]!.report!.checks.map((c) => c.code)).toContain({ bearer: 'SAML_BEARER', 'holder-of-key': 'SAML_PROOF_OF_POSSESSION', 'sender-vouches': 'SAML_SENDER_VOUCHES' }[row.expected.confirmation]);
      expect(done.steps[3]!.report!.checks.map((c) => c.code)).toContain('WSS_RESPONSE_SIGNED');
    });
  }

  it('SAML 1.1 over WS-Trust Feb2005: an asymmetric holder-of-key (row 9) and sender-vouches (row 18) token', async () => {
    for (const [row, method] of [[9, 'holder-of-key'], [18, 'sender-vouches']] as const) {
      const done = await runToEnd(await startRun('opensso-sts', `row-${row}`, { versions: { saml: '1.1', trust: 'feb2005' } }));
      expect(done.steps.every((s) => s.outcome === 'as-expected')).toBe(true);
      expect(issued(rstrBody(done)).method).toBe(`urn:oasis:names:tc:SAML:1.0:cm:${method}`);
      expect(done.steps[0]!.produced).toContain('>http://schemas.xmlsoap.org/ws/2005/02/trust/RST/Issue</wsa:Action>');
    }
  });

  it('keys.json holds the actors\' keys, the data keys and the proof key; the RSTR decrypts with them to that proof key', async () => {
    const done = await runToEnd(await startRun('opensso-sts', 'row-5'));
    const keys = collectSecrets(done) as Record<string, Json>;
    for (const k of ['client certificate and key', 'sts certificate and key', 'service certificate and key', 'RST dataKey', 'issued response dataKey', 'issued proofKey']) expect(keys).toHaveProperty([k]);
    const secret = all(rstrBody(done), 'BinarySecret')[0]!.textContent!.trim();
    expect(secret).toBe(keys['issued proofKey']);
  });
});

describe('Security: the service refuses what the confirmation method does not allow', () => {
  async function untilPresent(variant: string): Promise<RunState> {
    let s = await startRun('opensso-sts', variant);
    s = await deliver(s, 0, s.steps[0]!.produced);
    return deliver(s, 1, s.steps[1]!.produced);
  }
  const presented = async (s: RunState) => (await deliver(s, 2, s.steps[2]!.produced)).steps[2]!.report!;
  const actor = <T>(s: RunState, id: string) => s.steps[2]!.before[id] as unknown as T;

  it('Security: a changed subject in the assertion breaks the STS signature', async () => {
    const s = await untilPresent('row-25');
    const r = (await deliver(s, 2, s.steps[2]!.produced.replace(/(<saml2:NameID>)CN=client.wsbench.example/, '$1CN=mallory'))).steps[2]!.report!;
    expect(failCodes(r)).toEqual(expect.arrayContaining(['SAML_SIGNATURE_INVALID', 'SAML_TOKEN_MISSING']));
  });

  it('Security: a service with another audience refuses the assertion', async () => {
    const s = await untilPresent('row-7');
    const service = actor<ServiceState>(s, 'service');
    const r = await presented(await setActorState(s, 'service', { ...service, saml: { ...service.saml!, audience: 'https://other.wsbench.example/' } } as unknown as Json));
    const check = r.checks.find((c) => c.code === 'SAML_AUDIENCE_MISMATCH')!;
    expect(check.status).toBe('fail');
    expect(check.message).toContain('https://other.wsbench.example/');
  });

  it('Security: an assertion presented after its NotOnOrAfter is expired', async () => {
    const s = await untilPresent('row-3');
    const r = await serviceReceive(actor<ServiceState>(s, 'service'), { wire: s.steps[2]!.produced, transport: 'https', now: DEFAULT_START + 2 * 3600_000 });
    expect(failCodes(r.report)).toEqual(expect.arrayContaining(['SAML_EXPIRED', 'SAML_TOKEN_MISSING']));
  });

  it('Security: a signature with another key pair than the assertion names is no proof of possession', async () => {
    const s = await untilPresent('row-25');
    const client = actor<StsClientState>(s, 'client');
    const mallory = { ...client, proofKeyReference: 'bst' as const, x509: { ...client.x509!, certPem: pki.itm.certPem, keyPem: pki.itm.keyPem } };
    const r = await presented(await setActorState(s, 'client', mallory as unknown as Json));
    const check = r.checks.find((c) => c.code === 'SAML_PROOF_KEY_MISMATCH')!;
    expect(check.status).toBe('fail');
    expect(check.message).toContain(`expected the Body signed with its proof key ${pki.client.subject}`);
    expect(check.message).toContain(`found it signed with ${pki.itm.subject}`);
  });

  it('Security: a sender-vouches assertion presented without the sender\'s signature is refused', async () => {
    const s = await untilPresent('row-10');
    const r = await presented(await setActorState(s, 'client', { ...actor<StsClientState>(s, 'client'), confirmation: 'bearer' } as unknown as Json));
    expect(failCodes(r)).toEqual(['SAML_SENDER_VOUCHES_NOT_SIGNED']);
  });

  it('Security: a sender the service does not trust cannot vouch', async () => {
    const s = await untilPresent('row-18');
    const service = actor<ServiceState>(s, 'service');
    const r = await presented(await setActorState(s, 'service', { ...service, saml: { ...service.saml!, trustedSenderPems: [pki.itm.certPem] } } as unknown as Json));
    const check = r.checks.find((c) => c.code === 'SAML_SENDER_UNTRUSTED')!;
    expect(check.status).toBe('fail');
    expect(check.message).toContain(`found one by ${pki.client.subject}`);
  });

  it('Security: the STS refuses a UseKey key the RST was not signed with', async () => {
    const s0 = await startRun('opensso-sts', 'row-9');
    const client = s0.steps[0]!.before['client'] as unknown as StsClientState;
    const s = await setActorState(s0, 'client', { ...client, useKeyCertPem: pki.itm.certPem } as unknown as Json);
    const done = await runToEnd(s);
    const check = done.steps[0]!.report!.checks.find((c) => c.code === 'STS_USE_KEY_MISMATCH')!;
    expect(check.status).toBe('fail');
    expect(check.message).toContain(`UseKey key ${pki.itm.subject}`);
    expect(check.message).toContain(`signed with ${pki.client.subject}`);
    expect(done.steps[1]!.delivered).toContain('wst:InvalidRequest');
  });
});
