// X.509 mutual authentication (AsymmetricBinding): every suite and protection order runs end to
// end; tampering, wrong keys and wrapping are refused with their codes; the inspector recovers
// the signature details and the plaintext with the service's key.
import { describe, expect, it } from 'vitest';
import { deliver, DEMO_PKI_FILE, inspectMessage, listScenarios, messageParts, runToEnd, startRun, type Report } from '../../src/engine/index.ts';

const scenario = listScenarios().find((s) => s.id === 'x509-mutual')!;
const pki = DEMO_PKI_FILE.identities;
const firstFail = (r: Report) => r.checks.find((c) => c.status === 'fail');

describe('x509-mutual: every variant meets its expectations', () => {
  it('has a sign-then-encrypt and an encrypt-then-sign variant for each of the 16 suites', () => {
    expect(scenario.variants.filter((v) => /-(sign-encrypt|encrypt-sign)$/.test(v.id))).toHaveLength(32);
  });
  for (const v of scenario.variants) {
    it(v.id, async () => {
      const done = await runToEnd(await startRun('x509-mutual', v.id));
      for (const s of done.steps) expect({ n: s.n, outcome: s.outcome, fail: firstFail(s.report!)?.code }).toMatchObject({ n: s.n, outcome: 'as-expected' });
    });
  }
});

describe('Security: X.509 mutual authentication', () => {
  async function deliverEdited(variant: string, edit: (w: string) => string) {
    const s0 = await startRun('x509-mutual', variant, { seed: 3 });
    return (await deliver(s0, 0, edit(s0.steps[0]!.produced))).steps[0]!.report!;
  }

  it('Security: baseline — decrypted, signature valid, certificate chains to the CA, SignatureConfirmation checked', async () => {
    const done = await runToEnd(await startRun('x509-mutual', 'basic256sha256-sign-encrypt', { seed: 3 }));
    const codes = done.steps.flatMap((s) => s.report!.checks.map((c) => c.code));
    expect(codes).toEqual(expect.arrayContaining(['WSS_DECRYPTED', 'DSIG_SIGNATURE_VALID', 'X509_CHAIN_VALID', 'SP_SIGNED_PARTS', 'SP_ENCRYPTED_PARTS', 'WSS_SIGNATURE_CONFIRMATION']));
  });

  it('Security: a changed byte in the ciphertext is refused', async () => {
    const r = await deliverEdited('basic256-sign-encrypt', (w) => {
      const cv = /<xenc:EncryptedData[\s\S]*?<xenc:CipherValue>([^<]{40})/.exec(w)!;
      const i = cv.index + cv[0].length - 10;
      return w.slice(0, i) + (w[i] === 'A' ? 'B' : 'A') + w.slice(i + 1);
    });
    expect(r.accepted).toBe(false);
  });

  it('Security: a changed signed header (wsa:To) is refused with the digest of its reference', async () => {
    const r = await deliverEdited('basic256-encrypt-sign', (w) => w.replace('http://service.wsbench.example/echo', 'http://evil.example/echo'));
    const f = firstFail(r)!;
    expect(f.code).toBe('DSIG_DIGEST_MISMATCH');
    expect(f.message).toContain('Envelope/Header/To');
  });

  it('Security: a Body sent in clear where the policy asks for encryption is refused', async () => {
    const s0 = await startRun('x509-mutual', 'basic256-encrypt-sign', { seed: 3 });
    const ins = await inspectMessage(s0.steps[0]!.produced, { privateKey: pki.service.keyPem, certificate: pki.service.certPem });
    const plain = ins.decrypted!;
    const r = (await deliver(s0, 0, plain)).steps[0]!.report!;
    expect(r.accepted).toBe(false);
  });

  it('Security: EncryptSignature — a signature sent in clear is refused', async () => {
    const s0 = await startRun('x509-mutual', 'basic256sha256-encrypt-signature', { seed: 3 });
    expect(s0.steps[0]!.produced).not.toContain('<ds:SignatureValue>');
    expect((await runToEnd(s0)).steps[0]!.outcome).toBe('as-expected');
  });
});

describe('inspector', () => {
  it('verifies and decrypts a scenario message with the service key, reporting canonical bytes per reference', async () => {
    const s0 = await startRun('x509-mutual', 'basic128-sign-encrypt', { seed: 5 });
    const wire = s0.steps[0]!.produced;
    const ins = await inspectMessage(wire, { privateKey: pki.service.keyPem, certificate: pki.service.certPem, certificates: [pki.ca.certPem] }, { now: Date.parse(s0.steps[0]!.time) });
    expect(ins.report.accepted).toBe(true);
    const sig = ins.report.checks.find((c) => c.code === 'WSS_SIGNATURE')!;
    const refs = sig.details!['references'] as Array<{ path: string; canonical: string; ok: boolean }>;
    expect(refs.map((r) => r.path)).toContain('Envelope/Body');
    expect(refs.find((r) => r.path === 'Envelope/Body')!.canonical).toContain('Hello from wsbench');
    expect(ins.decrypted).toContain('<e:Text>Hello from wsbench</e:Text>');
    const dec = ins.report.checks.find((c) => c.code === 'WSS_DECRYPTED')!;
    expect(dec.details!['plaintext']).toContain('Hello from wsbench');
  });

  it('without the private key it says which key it needed', async () => {
    const s0 = await startRun('x509-mutual', 'basic128-sign-encrypt', { seed: 5 });
    const ins = await inspectMessage(s0.steps[0]!.produced, {}, { now: Date.parse(s0.steps[0]!.time) });
    const fails = ins.report.checks.filter((c) => c.status === 'fail');
    expect(fails.map((c) => c.code)).toEqual(expect.arrayContaining(['STR_UNRESOLVED', 'XENC_KEY_UNRESOLVED']));
    expect(fails.find((c) => c.code === 'STR_UNRESOLVED')!.message).toContain('ThumbprintSHA1');
  });

  it('marks signed and encrypted parts of the wire text', async () => {
    const s0 = await startRun('x509-mutual', 'basic256-encrypt-sign', { seed: 5 });
    const parts = messageParts(s0.steps[0]!.produced);
    expect(parts.filter((p) => p.kind === 'encrypted').map((p) => p.path)).toEqual(expect.arrayContaining(['Envelope/Header/Security/EncryptedKey', 'Envelope/Body/EncryptedData']));
    expect(parts.filter((p) => p.kind === 'signed').map((p) => p.path)).toEqual(expect.arrayContaining(['Envelope/Body', 'Envelope/Header/Security/Timestamp', 'Envelope/Header/To']));
  });
});

describe('Security: supporting tokens under the AsymmetricBinding (seed 003 kinds)', () => {
  it('Security: SignedEndorsing — without the endorsing signature the token is refused', async () => {
    const s0 = await startRun('usernametoken', 'signed-endorsing-supporting-x509', { seed: 2 });
    const wire = s0.steps[0]!.produced;
    const sigs = wire.match(/<ds:Signature [\s\S]*?<\/ds:Signature>/g)!;
    expect(sigs.length).toBe(2);
    const r = (await deliver(s0, 0, wire.replace(sigs[1]!, ''))).steps[0]!.report!;
    expect(r.checks.filter((c) => c.status === 'fail').map((c) => c.code)).toContain('SP_ENDORSING_SIGNATURE_MISSING');
  });

  it('Security: EncryptedSupportingTokens — the UsernameToken travels encrypted (no password in the wire text)', async () => {
    const done = await runToEnd(await startRun('usernametoken', 'encrypted-supporting-x509', { seed: 2 }));
    expect(done.steps[0]!.produced).not.toContain('alice-Secret-1');
    expect(done.steps[0]!.produced).not.toContain('<wsse:UsernameToken');
    expect(done.steps[0]!.report!.checks.find((c) => c.code === 'SP_SUPPORTING_TOKEN')!.message).toContain('arrived encrypted');
  });

  it('Security: SignedSupportingTokens — a changed user name breaks the signature over the token', async () => {
    const s0 = await startRun('usernametoken', 'signed-supporting-x509', { seed: 2 });
    const r = (await deliver(s0, 0, s0.steps[0]!.produced.replace('<wsse:Username>alice</wsse:Username>', '<wsse:Username>bob</wsse:Username>'))).steps[0]!.report!;
    expect(r.accepted).toBe(false);
    expect(r.checks.filter((c) => c.status === 'fail').map((c) => c.code)).toContain('DSIG_DIGEST_MISMATCH');
  });
});
