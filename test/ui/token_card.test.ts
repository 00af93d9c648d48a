// What the UI's Token and Proof key views show (src/engine/facade/token_card.ts), from real runs of
// the sts-issuance scenario (seed 004): the assertion as a card, the proof key's chain recomputed
// from the wire texts — P_SHA1 checked against Node's own HMAC-SHA1 (RFC 2246 §5) and the
// EncryptedKey opened with Node's RSA-OAEP — and the STS's four decisions as a checklist.

import { privateDecrypt, constants } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  certificatesIn, deliver, describeSamlToken, proofKeyChain, runToEnd, startRun, stsDecisionChecklist, type RunState,
} from '../../src/engine/index.ts';
import { pSha1 } from '../crypto/node_psha1.ts';

const runs = new Map<string, Promise<RunState>>();
const run = (variant: string): Promise<RunState> => {
  if (!runs.has(variant)) runs.set(variant, startRun('sts-issuance', variant).then(runToEnd));
  return runs.get(variant)!;
};
const secrets = (r: RunState): Record<string, string> => Object.assign({}, ...r.steps.map((s) => s.secrets)) as Record<string, string>;
const actor = (r: RunState, id: string) => r.steps[0]!.before[id] as { x509: { certPem: string; keyPem: string } };

describe('describeSamlToken', () => {
  it('reads the SAML 1.1 holder-of-key assertion of the RSTR into a card', async () => {
    const r = await run('saml11-hok-symmetric-entropy-trust13');
    const card = describeSamlToken(r.steps[1]!.delivered!, { certificates: certificatesIn(r.steps[0]!.before.sts) })!;
    expect(card).toMatchObject({
      version: '1.1', tokenType: 'http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLV1.1',
      path: 'Envelope/Body/RequestSecurityTokenResponseCollection/RequestSecurityTokenResponse/RequestedSecurityToken/Assertion',
      id: secrets(r)['issued assertionId'], issuer: 'https://sts.wsbench.example/sts', issueInstant: '2026-01-01T00:00:02Z',
      subject: { name: 'alice', format: null },
      confirmation: { method: 'holder-of-key', uri: 'urn:oasis:names:tc:SAML:1.0:cm:holder-of-key' },
      conditions: { notBefore: '2026-01-01T00:00:02Z', notOnOrAfter: '2026-01-01T01:00:02Z', audiences: ['https://service.wsbench.example/echo'] },
      authn: { method: 'urn:oasis:names:tc:SAML:1.0:am:password', instant: '2026-01-01T00:00:02Z' },
      attributes: {},
      signature: {
        algorithm: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1', digest: 'http://www.w3.org/2000/09/xmldsig#sha1',
        c14n: 'http://www.w3.org/2001/10/xml-exc-c14n#', reference: `#${secrets(r)['issued assertionId']}`,
        signer: { subject: 'CN=sts.wsbench.example', issuer: 'CN=wsbench Demo CA' },
      },
    });
    expect(card.proofKey.kind).toBe('symmetric');
    if (card.proofKey.kind !== 'symmetric') return;
    const ek = card.proofKey.encryptedKey!;
    expect(ek).toMatchObject({ algorithm: 'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p', digest: 'http://www.w3.org/2000/09/xmldsig#sha1', recipient: { reference: 'ThumbprintSHA1', subject: 'CN=service.wsbench.example' } });
    expect(card.proofKey.travels).toBe(`xenc:EncryptedKey for CN=service.wsbench.example (RSA-OAEP, ThumbprintSHA1 ${ek.recipient.value})`);
    // The CipherValue is the proof key the STS issued, wrapped for the service's RSA key.
    const opened = privateDecrypt({ key: actor(r, 'service').x509.keyPem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, Buffer.from(ek.cipherValue, 'base64'));
    expect(opened.toString('base64')).toBe(secrets(r)['issued proofKey']);
  });

  it('reads a SAML 2.0 assertion (Issuer element, NameID, Method attribute) out of the application message', async () => {
    const r = await run('saml20-hok-symmetric-trust13');
    const card = describeSamlToken(r.steps[2]!.delivered!)!;
    expect(card).toMatchObject({ version: '2.0', path: 'Envelope/Header/Security/Assertion', issuer: 'https://sts.wsbench.example/sts', subject: { name: 'alice' } });
    expect(card.confirmation).toEqual({ method: 'holder-of-key', uri: 'urn:oasis:names:tc:SAML:2.0:cm:holder-of-key' });
    expect(card.authn?.method).toBe('urn:oasis:names:tc:SAML:2.0:ac:classes:Password');
    // No certificates given: the recipient is named by its thumbprint only.
    expect(card.proofKey.travels).toMatch(/^xenc:EncryptedKey for the certificate with ThumbprintSHA1 [A-Za-z0-9+/=]{28} \(RSA-OAEP\)$/);
  });

  it('a bearer token has no proof key; no assertion or no XML gives null', async () => {
    const r = await run('saml11-bearer-trust13');
    const card = describeSamlToken(r.steps[1]!.delivered!)!;
    expect(card.confirmation.method).toBe('bearer');
    expect(card.proofKey).toEqual({ kind: 'none', travels: 'no proof key (bearer confirmation)' });
    expect(describeSamlToken(r.steps[0]!.delivered!)).toBeNull();
    expect(describeSamlToken('<a><b></a>')).toBeNull();
    expect(describeSamlToken('')).toBeNull();
  });
});

describe('proofKeyChain', () => {
  it('with both entropies: P_SHA1 recomputed equals the key the STS issued, the EncryptedKey and the signature at step 3', async () => {
    const r = await run('saml11-hok-symmetric-entropy-trust13');
    const s = secrets(r);
    const chain = (await proofKeyChain(r.steps))!;
    expect(chain).toMatchObject({ assertionId: s['issued assertionId'], keyBits: 256, origin: 'computed', issuedAt: 2 });
    expect(chain.clientEntropy).toMatchObject({ step: 1, value: { base64: s['client entropy'], length: 32 } });
    expect(chain.stsEntropy).toMatchObject({ step: 2, value: { base64: s['issued stsEntropy'], length: 32 } });
    const p = chain.psha1!;
    expect(p.algorithm).toBe('http://docs.oasis-open.org/ws-sx/ws-trust/200512/CK/PSHA1');
    expect([p.secret.base64, p.seed.base64, p.lengthBytes]).toEqual([s['client entropy'], s['issued stsEntropy'], 32]);
    const independent = pSha1(Buffer.from(s['client entropy']!, 'base64'), Buffer.from(s['issued stsEntropy']!, 'base64'), 32);
    expect(p.output.base64).toBe(independent.toString('base64'));
    expect(p.output.hex).toBe(independent.toString('hex'));
    expect(chain.proofKey.value.base64).toBe(s['issued proofKey']);
    expect(chain.proofKey.agrees).toEqual([
      { what: 'the key the STS issued (recorded at step 2)', equal: true },
      { what: 'the key the client computed (WST_COMPUTED_KEY, step 2)', equal: true },
    ]);
    expect(chain.encryptedForService).toMatchObject({ step: 2, recipient: { subject: 'CN=service.wsbench.example' }, unwrapped: { step: 3, code: 'XENC_KEY_UNWRAPPED', status: 'pass' } });
    expect(chain.signature).toMatchObject({
      step: 3, path: 'Envelope/Header/Security/Signature', signatureMethod: 'http://www.w3.org/2000/09/xmldsig#hmac-sha1',
      covers: ['Envelope/Header/Security/Timestamp', 'Envelope/Body'], verified: true, receiver: { code: 'SAML_PROOF_OF_POSSESSION', status: 'pass' },
    });
  });

  it('without client entropy: the STS-generated BinarySecret is the key, no P_SHA1', async () => {
    const r = await run('saml20-hok-symmetric-trust-feb2005');
    const chain = (await proofKeyChain(r.steps))!;
    expect(chain).toMatchObject({ origin: 'sts-generated', clientEntropy: null, stsEntropy: null, psha1: null });
    expect(chain.proofKey.how).toBe('generated by the STS, returned as wst:BinarySecret in RequestedProofToken');
    expect(chain.proofKey.value.base64).toBe(secrets(r)['issued proofKey']);
    expect(chain.proofKey.agrees).toEqual([{ what: 'the key the STS issued (recorded at step 2)', equal: true }]);
    expect(chain.signature).toMatchObject({ step: 3, verified: true });
  });

  it('finds the token in an encrypted RSTR through what the client decrypted (OpenSSO matrix row 5, asymmetric binding)', async () => {
    const r = await startRun('opensso-sts', 'row-5').then(runToEnd);
    expect(describeSamlToken(r.steps[1]!.delivered!)).toBeNull(); // the wire shows only xenc:EncryptedData
    const chain = (await proofKeyChain(r.steps))!;
    expect(chain).toMatchObject({ issuedAt: 2, origin: 'sts-generated', signature: { step: 3, verified: true, receiver: { status: 'pass' } } });
    expect(chain.encryptedForService?.recipient.subject).toBe('CN=service.wsbench.example');
  });

  it('is null when no holder-of-key symmetric token was issued (bearer, refused)', async () => {
    expect(await proofKeyChain((await run('saml11-bearer-trust13')).steps)).toBeNull();
    expect(await proofKeyChain((await run('refused-requester')).steps)).toBeNull();
    expect(await proofKeyChain([])).toBeNull();
  });

  it('Security: a Body changed on the wire makes the proof-key signature fail, here and at the service', async () => {
    let s = await startRun('sts-issuance', 'saml11-hok-symmetric-entropy-trust13');
    s = await deliver(s, 0, s.steps[0]!.produced);
    s = await deliver(s, 1, s.steps[1]!.produced);
    s = await deliver(s, 2, s.steps[2]!.produced.replace('Hello with an issued token', 'Pay mallory 100'));
    const chain = (await proofKeyChain(s.steps))!;
    expect(chain.signature?.verified).toBe(false);
    expect(chain.signature?.receiver).toMatchObject({ code: 'SAML_NO_PROOF_OF_POSSESSION', status: 'fail' });
    // The key itself still comes out the same: only its use failed.
    expect(chain.proofKey.agrees.every((a) => a.equal)).toBe(true);
  });

  it('Security: STS entropy changed on the wire: the chain follows the wire, so the client\'s key no longer is the STS\'s', async () => {
    let s = await startRun('sts-issuance', 'saml11-hok-symmetric-entropy-trust13');
    s = await deliver(s, 0, s.steps[0]!.produced);
    const stsEntropy = secrets(s)['issued stsEntropy']!;
    const forged = Buffer.alloc(32, 7).toString('base64');
    s = await runToEnd(await deliver(s, 1, s.steps[1]!.produced.replace(stsEntropy, forged)));
    const chain = (await proofKeyChain(s.steps))!;
    expect(chain.stsEntropy?.value.base64).toBe(forged);
    expect(chain.psha1?.output.base64).toBe(pSha1(Buffer.from(secrets(s)['client entropy']!, 'base64'), Buffer.alloc(32, 7), 32).toString('base64'));
    expect(chain.proofKey.agrees).toEqual([
      { what: 'the key the STS issued (recorded at step 2)', equal: false },
      { what: 'the key the client computed (WST_COMPUTED_KEY, step 2)', equal: true },
    ]);
    // The client signed with the key it computed; the service unwrapped the STS's key and refuses.
    expect(chain.signature?.verified).toBe(true);
    expect(chain.signature?.receiver).toMatchObject({ code: 'SAML_NO_PROOF_OF_POSSESSION', status: 'fail' });
  });

  it('Security: a KeySize edited into nonsense does not break the chain (the recorded key size is used)', async () => {
    let s = await startRun('sts-issuance', 'saml11-hok-symmetric-entropy-trust13');
    s = await deliver(s, 0, s.steps[0]!.produced);
    s = await deliver(s, 1, s.steps[1]!.produced.replace('<wst:KeySize>256</wst:KeySize>', '<wst:KeySize>lots</wst:KeySize>'));
    const chain = (await proofKeyChain(s.steps))!;
    expect(chain.keyBits).toBe(256);
    expect(chain.psha1?.output.base64).toBe(secrets(s)['issued proofKey']);
  });

  it('follows the named token: the renewed assertion keeps the same proof key, used again at step 9', async () => {
    const r = await run('lifecycle-trust13');
    const renewedId = describeSamlToken(r.steps[7]!.delivered!)!.id!;
    const first = (await proofKeyChain(r.steps))!;
    const renewed = (await proofKeyChain(r.steps, renewedId))!;
    expect(renewed.assertionId).not.toBe(first.assertionId);
    expect([first.issuedAt, renewed.issuedAt, first.signature?.step, renewed.signature?.step]).toEqual([2, 8, 3, 9]);
    expect(renewed.proofKey.value.base64).toBe(first.proofKey.value.base64);
    expect(renewed.signature?.verified).toBe(true);
  });
});

describe('stsDecisionChecklist', () => {
  it('all four decisions pass for an issue request the STS grants', async () => {
    const list = stsDecisionChecklist((await run('saml11-hok-symmetric-entropy-trust13')).steps[0]!.report)!;
    expect(list.map((d) => [d.n, d.state, d.code])).toEqual([
      [1, 'passed', 'STS_ISSUE_REQUEST'], [2, 'passed', 'STS_TOKEN_TYPE'], [3, 'passed', 'STS_REQUESTER_AUTHORIZED'], [4, 'passed', 'STS_KEY_DECISION'],
    ]);
  });

  it('a refusal names its decision and message; later decisions are not reached', async () => {
    const bob = stsDecisionChecklist((await run('refused-requester')).steps[0]!.report)!;
    expect(bob.map((d) => d.state)).toEqual(['passed', 'passed', 'refused', 'not-reached']);
    expect(bob[2]).toMatchObject({ code: 'STS_NOT_AUTHORIZED', message: expect.stringMatching(/^decision 3: expected a requester among alice\b.*, found bob$/) });
    const type = stsDecisionChecklist((await run('refused-token-type')).steps[0]!.report)!;
    expect(type.map((d) => d.state)).toEqual(['passed', 'refused', 'not-reached', 'not-reached']);
    expect(type[1]!.code).toBe('STS_TOKEN_TYPE_UNSUPPORTED');
    const size = stsDecisionChecklist((await run('refused-key-size')).steps[0]!.report)!;
    expect(size.map((d) => d.state)).toEqual(['passed', 'passed', 'passed', 'refused']);
    expect(size[3]!.code).toBe('STS_KEY_SIZE_UNSUPPORTED');
  });

  it('is null for reports that decide nothing (the RSTR, a Validate request, no report)', async () => {
    const r = await run('lifecycle-trust13');
    expect(stsDecisionChecklist(r.steps[1]!.report)).toBeNull();
    expect(stsDecisionChecklist(r.steps[4]!.report)).toBeNull();
    expect(stsDecisionChecklist(null)).toBeNull();
  });
});
