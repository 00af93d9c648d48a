// STS issuance (seed 004): every variant end to end; the issued token really has the confirmation
// method and proof key asked for; forgeries and missing proof of possession are refused.
import { describe, expect, it } from 'vitest';
import { collectSecrets, DEMO_PKI_FILE, deliver, listScenarios, runToEnd, startRun, type Report } from '../../src/engine/index.ts';
import { pSha1 } from '../crypto/node_psha1.ts';

const scenario = listScenarios().find((s) => s.id === 'sts-issuance')!;
const failCodes = (r: Report) => r.checks.filter((c) => c.status === 'fail').map((c) => c.code);

describe('sts-issuance: every variant meets its expectations', () => {
  for (const v of scenario.variants) {
    it(v.id, async () => {
      const done = await runToEnd(await startRun('sts-issuance', v.id));
      for (const s of done.steps) expect({ n: s.n, outcome: s.outcome, fails: failCodes(s.report!) }).toMatchObject({ n: s.n, outcome: 'as-expected' });
    });
  }
});

describe('issued tokens', () => {
  it('a ComputedKey proof key is P_SHA1(requestor entropy, issuer entropy), and the service accepts a signature made with it', async () => {
    const done = await runToEnd(await startRun('sts-issuance', 'saml20-hok-symmetric-entropy-trust13'));
    const keys = collectSecrets(done) as Record<string, string>;
    const expected = pSha1(Buffer.from(keys['client entropy']!, 'base64'), Buffer.from(keys['issued stsEntropy']!, 'base64'), 32);
    expect(keys['issued proofKey']).toBe(expected.toString('base64'));
    expect(done.steps[1]!.produced).toContain('/CK/PSHA1</wst:ComputedKey>');
    expect(done.steps[2]!.report!.checks.map((c) => c.code)).toEqual(expect.arrayContaining(['SAML_PROOF_OF_POSSESSION']));
  });

  it('a bearer token has the bearer confirmation method and no proof token', async () => {
    const done = await runToEnd(await startRun('sts-issuance', 'saml11-bearer-trust13'));
    expect(done.steps[1]!.produced).toContain('urn:oasis:names:tc:SAML:1.0:cm:bearer');
    expect(done.steps[1]!.produced).not.toContain('RequestedProofToken');
  });

  it('a symmetric holder-of-key assertion carries the proof key encrypted for the service (RSA-OAEP, ThumbprintSHA1)', async () => {
    const done = await runToEnd(await startRun('sts-issuance', 'saml11-hok-symmetric-trust-feb2005'));
    const rstr = done.steps[1]!.produced;
    expect(rstr).toContain('urn:oasis:names:tc:SAML:1.0:cm:holder-of-key');
    expect(rstr).toMatch(/<xenc:EncryptionMethod Algorithm="http:\/\/www.w3.org\/2001\/04\/xmlenc#rsa-oaep-mgf1p"/);
    expect(rstr).toContain('#ThumbprintSHA1');
    expect(rstr).toContain('http://schemas.xmlsoap.org/ws/2005/02/trust/RSTR/Issue');
  });
});

describe('X.509 bootstraps, the asymmetric holder-of-key token and the signed response', () => {
  const pki = DEMO_PKI_FILE.identities;
  const codes = (r: Report) => r.checks.map((c) => c.code);

  it('an X.509 AsymmetricBinding RST: the requester is the certificate subject, and the RSTR comes back signed and encrypted for it', async () => {
    const done = await runToEnd(await startRun('sts-issuance', 'x509-bootstrap-hok-symmetric'));
    expect(done.steps[0]!.produced).toContain('<xenc:EncryptedData');
    expect(done.steps[0]!.produced).not.toContain('RequestSecurityToken ');
    expect(done.steps[0]!.report!.checks.find((c) => c.code === 'STS_REQUESTER_AUTHORIZED')!.message).toContain(pki.client.subject);
    expect(codes(done.steps[0]!.report!)).toEqual(expect.arrayContaining(['X509_CHAIN_VALID', 'SP_ENCRYPTED_PARTS']));
    expect(done.steps[1]!.produced).not.toContain('BinarySecret');
    expect(codes(done.steps[1]!.report!)).toEqual(expect.arrayContaining(['XENC_DECRYPTED', 'DSIG_SIGNATURE_VALID', 'WST_TOKEN_RECEIVED']));
  });

  it('X.509 over HTTPS: the certificate endorses the Timestamp', async () => {
    const done = await runToEnd(await startRun('sts-issuance', 'x509-transport-bearer'));
    const check = done.steps[0]!.report!.checks.find((c) => c.code === 'SP_SUPPORTING_TOKEN')!;
    expect(check.message).toContain('EndorsingSupportingTokens');
    expect(done.steps[0]!.transport).toBe('https');
  });

  it('KeyType PublicKey: the assertion holds the client certificate, the RSTR no proof token, and the service checks the client\'s signature', async () => {
    const done = await runToEnd(await startRun('sts-issuance', 'x509-hok-asymmetric'));
    const present = done.steps[2]!;
    const cert = pki.client.certPem.split('\n').filter((l) => l && !l.startsWith('-----')).join('');
    expect(present.produced).toMatch(new RegExp(`<saml2:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:holder-of-key">[\\s\\S]*<ds:X509Certificate>${cert.slice(0, 40).replace(/[+/]/g, '\\$&')}`));
    expect(present.produced).toContain('#SAMLID');
    expect(codes(done.steps[1]!.report!)).toContain('WST_PROOF_KEY_OURS');
    expect(present.report!.checks.find((c) => c.code === 'SAML_PROOF_OF_POSSESSION')!.message).toContain(pki.client.subject);
  });

  it('the service answers signed with its own key; a changed response body is refused', async () => {
    let s = await startRun('sts-issuance', 'saml20-bearer-trust13');
    for (let i = 0; i < 3; i++) s = await deliver(s, i, s.steps[i]!.produced);
    const wire = s.steps[3]!.produced;
    expect(wire).toMatch(/<wsse:BinarySecurityToken[^>]*>/);
    expect(codes((await deliver(s, 3, wire)).steps[3]!.report!)).toContain('WSS_RESPONSE_SIGNED');
    const forged = (await deliver(s, 3, wire.replace('Hello, alice', 'Hello, mallory'))).steps[3]!.report!;
    expect(failCodes(forged)).toEqual(expect.arrayContaining(['DSIG_DIGEST_MISMATCH', 'WSS_RESPONSE_NOT_SIGNED']));
  });
});

describe('Security: issued tokens', () => {
  async function toService(variant: string, edit: (w: string) => string) {
    let s = await startRun('sts-issuance', variant);
    s = await deliver(s, 0, s.steps[0]!.produced);
    s = await deliver(s, 1, s.steps[1]!.produced);
    return (await deliver(s, 2, edit(s.steps[2]!.produced))).steps[2]!.report!;
  }

  it('Security: a changed subject in the assertion breaks the STS signature', async () => {
    const r = await toService('saml20-bearer-trust13', (w) => w.replace(/(<saml2?:NameID[^>]*>)alice/, '$1mallory'));
    expect(failCodes(r)).toEqual(expect.arrayContaining(['SAML_SIGNATURE_INVALID', 'SAML_TOKEN_MISSING']));
  });

  it('Security: a holder-of-key token without the proof-of-possession signature is refused', async () => {
    const r = await toService('saml11-hok-symmetric-trust13', (w) => w.replace(/<ds:Signature xmlns:ds="http:\/\/www.w3.org\/2000\/09\/xmldsig#"><ds:SignedInfo>(?:(?!<\/ds:Signature>)[\s\S])*<ds:KeyInfo><wsse:SecurityTokenReference[\s\S]*?<\/ds:Signature>/, ''));
    expect(failCodes(r)).toContain('SAML_NO_PROOF_OF_POSSESSION');
  });
});

describe('Validate, Renew, Cancel', () => {
  it('the renewed token is a new assertion the service accepts, and a cancelled token validates as invalid', async () => {
    const done = await runToEnd(await startRun('sts-issuance', 'lifecycle-trust-feb2005'));
    expect(done.steps.map((s) => s.outcome).every((o) => o === 'as-expected')).toBe(true);
    const firstId = /AssertionID="([^"]+)"|ID="(_[^"]+)"/.exec(done.steps[1]!.produced)!.slice(1).find(Boolean);
    const renewedId = /ID="(_[^"]+)"/.exec(done.steps[7]!.produced)![1];
    expect(renewedId).not.toBe(firstId);
    expect(done.steps[8]!.produced).toContain(renewedId!);
    expect(done.steps[5]!.produced).toContain('http://schemas.xmlsoap.org/ws/2005/02/trust/status/valid');
    expect(done.steps[11]!.produced).toContain('RequestedTokenCancelled');
    expect(done.steps[13]!.report!.checks.find((c) => c.status === 'fail')!.code).toBe('WST_STATUS_INVALID');
  });
});
