// Seed 003's SymmetricBinding: a message signed with the key derived from a UsernameToken's
// password (UT 1.1 §4) — made by wsbench, verified by Apache WSS4J 1.6 (it derives the key from
// the password its callback gives and checks the HMAC-SHA1 signature).
import { describe, expect, it } from 'vitest';
import { missingPeers } from './available.ts';
import { asVerifyResult, runJavaPeerBatch, verifyUtRequest } from './java_peer.ts';
import { deliver, runToEnd, startRun } from '../../src/engine/index.ts';

const skip = missingPeers('java', 'wss4j');

async function signedMessage(seed: number): Promise<string> {
  const state = await startRun('usernametoken', 'derived-key', { seed, start: Date.now() - 1000 });
  return state.steps[0]!.produced;
}

describe.skipIf(skip !== null)('UsernameToken derived-key signature: wsbench → WSS4J', () => {
  it('WSS4J verifies the signature made with the derived key, and refuses it with the wrong password or a changed Body', async () => {
    const good = await signedMessage(11);
    const tampered = good.replace('Hello from wsbench', 'Hello from mallory');
    const [ok, wrongPw, changed] = runJavaPeerBatch([
      verifyUtRequest(good, { alice: 'alice-Secret-1' }, ['--allow-no-password']),
      verifyUtRequest(good, { alice: 'alice-Secret-2' }, ['--allow-no-password']),
      verifyUtRequest(tampered, { alice: 'alice-Secret-1' }, ['--allow-no-password']),
    ]).map(asVerifyResult);
    expect(ok).toMatchObject({ ok: true });
    expect((ok as unknown as { actions: string[] }).actions).toContain('UsernameTokenSignature');
    expect(wrongPw?.ok).toBe(false);
    expect(changed?.ok).toBe(false);
  });

  it('wsbench itself refuses the same tampered message with the digest of the Body reference', async () => {
    const s0 = await startRun('usernametoken', 'derived-key', { seed: 11 });
    const s1 = await deliver(s0, 0, s0.steps[0]!.produced.replace('Hello from wsbench', 'Hello from mallory'));
    const fail = s1.steps[0]!.report!.checks.find((c) => c.status === 'fail')!;
    expect(fail.code).toBe('DSIG_DIGEST_MISMATCH');
    expect(fail.message).toContain('Envelope/Body');
    expect((await runToEnd(s0)).steps.every((s) => s.outcome === 'as-expected')).toBe(true);
  });
});
