import { describe, expect, it } from 'vitest';
import { deliver, listScenarios, rewind, runToEnd, setActorState, startRun, type RunState } from '../../src/engine/index.ts';

const scenario = listScenarios().find((s) => s.id === 'usernametoken');
if (!scenario) throw new Error('usernametoken scenario missing');

const pending = (s: RunState) => s.steps[s.steps.length - 1]!;

describe('usernametoken scenario: every variant meets its expectations', () => {
  for (const v of scenario.variants) {
    for (const soap of ['1.1', '1.2']) {
      it(`${v.id} (SOAP ${soap})`, async () => {
        const state = await runToEnd(await startRun('usernametoken', v.id, { versions: { soap } }));
        expect(state.steps.length).toBe(state.total);
        for (const s of state.steps) expect({ n: s.n, outcome: s.outcome }).toEqual({ n: s.n, outcome: 'as-expected' });
      });
    }
  }
});

describe('runner timeline', () => {
  it('is reproducible: the same seed gives the same wire text, another seed another', async () => {
    const a = await startRun('usernametoken', 'password-digest', { seed: 7 });
    const b = await startRun('usernametoken', 'password-digest', { seed: 7 });
    const c = await startRun('usernametoken', 'password-digest', { seed: 8 });
    expect(pending(a).produced).toBe(pending(b).produced);
    expect(pending(a).produced).not.toBe(pending(c).produced);
  });

  it('an edited digest is the same experiment as tampering on the wire: rejected with its code and line', async () => {
    const s0 = await startRun('usernametoken', 'password-digest');
    const wire = pending(s0).produced.replace(/(PasswordDigest">)[^<]+/, '$1AAAAAAAAAAAAAAAAAAAAAAAAAA=');
    const s1 = await deliver(s0, 0, wire);
    const step = s1.steps[0]!;
    expect(step.edited).toBe(true);
    expect(step.report?.accepted).toBe(false);
    expect(step.outcome).toBe('unexpected');
    const fail = step.report?.checks.find((c) => c.status === 'fail');
    expect(fail?.code).toBe('UT_DIGEST_MISMATCH');
    expect(fail?.path).toBe('Envelope/Header/Security/UsernameToken/Password');
    const lineOfPassword = wire.split('\n').findIndex((l) => l.includes('<wsse:Password')) + 1;
    expect(fail?.line).toBe(lineOfPassword);
    expect(fail?.message).toMatch(/expected PasswordDigest .* found AAAA/);
    // the service answers with a fault, which the client reports
    expect(s1.steps[1]?.produced).toContain('FailedAuthentication');
  });

  it('rewinding and delivering an earlier step again truncates and continues from there', async () => {
    const done = await runToEnd(await startRun('usernametoken', 'replay'));
    expect(done.steps.length).toBe(4);
    const back = rewind(done, 0);
    expect(back.steps.length).toBe(1);
    expect(back.steps[0]?.delivered).toBeNull();
    const again = await deliver(back, 0, back.steps[0]!.produced);
    expect(again.steps.length).toBe(2);
    expect(again.steps[0]?.outcome).toBe('as-expected');
    // the service state was restored: the nonce cache holds the nonce once, not twice
    const cache = (again.steps[0]?.after?.['service'] as { nonceCache: unknown[] }).nonceCache;
    expect(cache).toHaveLength(1);
  });

  it('editing the user registry changes the service\'s decision', async () => {
    const s0 = await startRun('usernametoken', 'password-text-https');
    const service = pending(s0).before['service'] as { users: Record<string, string> };
    const s1 = await setActorState(s0, 'service', { ...service, users: { bob: 'bob_password' } } as never);
    const s2 = await deliver(s1, 0, pending(s1).produced);
    const fail = s2.steps[0]?.report?.checks.find((c) => c.status === 'fail');
    expect(fail?.code).toBe('UT_UNKNOWN_USER');
    expect(fail?.message).toContain('"alice"');
  });

  it('keeps the run state plain JSON (it survives a save and reload)', async () => {
    const done = await runToEnd(await startRun('usernametoken', 'derived-key'));
    expect(JSON.parse(JSON.stringify(done))).toEqual(done);
  });

  it('shows the derived key with its inputs on both sides, and they agree', async () => {
    const done = await runToEnd(await startRun('usernametoken', 'derived-key'));
    const check = done.steps[0]?.report?.checks.find((c) => c.code === 'UT_KEY_DERIVED');
    expect(check?.status).toBe('info');
    expect(check?.details).toMatchObject({ iteration: 1000, usage: 'signature' });
    const client = Object.values(done.steps[0]!.secrets).find((v) => (v as { derivedKey?: string }).derivedKey) as { derivedKey: string; salt: string };
    expect(check?.details?.['key']).toBe(client.derivedKey);
    expect(check?.details?.['salt']).toBe(client.salt);
    expect(done.steps[0]?.produced).not.toContain('wsse:Password');
  });
});
