// Scenario secure-conversation (seed 000): every variant meets its expectations; keys.json holds
// every context secret and every derived key, and each key is recomputed here from its secret and
// its DKT metadata with an independent P_SHA1 (node:crypto); the receiving reports and both session
// tables agree with what the sender derived; tampering is refused with the code that names it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectSecrets, deliver, inspectMessage, listScenarios, runToEnd, setActorState, startRun, type Json, type Report, type RunState } from '../../src/engine/index.ts';
import { recipientRespond, type RecipientState } from '../../src/engine/actors/sc_recipient.ts';
import type { InitiatorState } from '../../src/engine/actors/sc_initiator.ts';
import { seededRandom } from '../../src/engine/crypto/random.ts';
import { pSha1 } from '../crypto/node_psha1.ts';

const scenario = listScenarios().find((s) => s.id === 'secure-conversation')!;
const firstFail = (r: Report) => r.checks.find((c) => c.status === 'fail');

interface KeyEntry { dktId: string; usage: string; nonceB64: string; label: string; offset?: number; generation?: number; length: number; keyB64: string; secret: string; sctIdentifier: string }

/** Recomputes every derived key of a keys.json; returns how many it checked. */
function recomputeAll(keys: Record<string, Json>): number {
  const entries = Object.values(keys).filter((v): v is Json & KeyEntry => typeof v === 'object' && v !== null && 'dktId' in v) as unknown as KeyEntry[];
  for (const e of entries) {
    const secret = keys[e.secret];
    expect(typeof secret, `secret "${e.secret}" for ${e.dktId}`).toBe('string');
    const start = e.generation !== undefined ? e.generation * e.length : e.offset ?? 0;
    const seed = Buffer.concat([Buffer.from(e.label, 'utf8'), Buffer.from(e.nonceB64, 'base64')]);
    expect(pSha1(Buffer.from(secret as string, 'base64'), seed, start + e.length).subarray(start).toString('base64'), e.dktId).toBe(e.keyB64);
  }
  return entries.length;
}

const run = async (variant: string, versions: Record<string, string> = {}) => runToEnd(await startRun('secure-conversation', variant, { seed: 5, versions }));
const actor = <T>(s: RunState, id: string) => s.steps[s.steps.length - 1]!.after![id] as unknown as T;

describe('secure-conversation: every variant meets its expectations', () => {
  it('offers SC 2005/02 and 1.3 × entropy client/server/both × signed/encrypted, Amend/Renew/Cancel, a compromised secret and an expired context', () => {
    const ids = scenario.variants.map((v) => v.id);
    for (const v of ['sc13', 'sc2005']) for (const e of ['client', 'server', 'both']) for (const p of ['encrypted', 'signed']) expect(ids).toContain(`${v}-entropy-${e}-${p}`);
    expect(ids).toEqual(expect.arrayContaining(['sc13-amend-renew-cancel', 'sc2005-amend-renew-cancel', 'compromised-secret', 'expired-context']));
    expect(scenario.versions.find((a) => a.id === 'rounds')?.values).toContain('5');
  });
  for (const v of scenario.variants) {
    it(v.id, async () => {
      const done = await run(v.id);
      for (const s of done.steps) expect({ n: s.n, label: s.label, outcome: s.outcome, fail: firstFail(s.report!)?.code }).toMatchObject({ n: s.n, outcome: 'as-expected' });
      expect(recomputeAll(collectSecrets(done))).toBeGreaterThan(0);
    });
  }
});

describe('secure-conversation: derived keys, reports and session tables', () => {
  it('the CLI writes keys.json with the SCT secret and every derived key; each recomputes from its secret and DKT metadata', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sc-keys-'));
    const r = spawnSync(join(process.cwd(), 'node_modules/.bin/tsx'), ['src/cli/main.ts', 'run', 'secure-conversation', '--variant', 'sc13-amend-renew-cancel', '--out', dir], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const keys = JSON.parse(readFileSync(join(dir, 'keys.json'), 'utf8')) as Record<string, Json>;
    expect(Object.keys(keys).filter((k) => /^context urn:uuid:\S+ instance [123] secret$/.test(k))).toHaveLength(3);
    // 2 rounds + after Amend + after Renew (request and response) + Amend/Renew/Cancel requests and responses + the request after Cancel: 2 keys each
    expect(recomputeAll(keys)).toBe(2 * (8 + 6 + 1));
  });

  it('the recipient derives exactly the keys the initiator derived, and each SC_DKT_DERIVED check carries every input and output', async () => {
    const done = await run('sc13-entropy-both-encrypted', { rounds: '1' });
    const keys = collectSecrets(done);
    const request = done.steps.find((s) => s.label === 'Application request (round 1)')!;
    const derived = request.report!.checks.filter((c) => c.code === 'SC_DKT_DERIVED');
    expect(derived.map((c) => c.details!['usage'])).toEqual(['signature', 'encryption']);
    for (const c of derived) {
      const d = c.details!;
      const sent = keys[`request (round 1): ${String(d['usage'])} key ${String(d['dktId'])}`] as unknown as KeyEntry;
      expect(d).toMatchObject({ keyB64: sent.keyB64, nonceB64: sent.nonceB64, label: 'WS-SecureConversationWS-SecureConversation', offset: 0, length: sent.length, sctIdentifier: sent.sctIdentifier, instance: '1' });
      expect(d['secretSource']).toContain('session table');
      expect(Buffer.from(String(d['keyHex']), 'hex').toString('base64')).toBe(d['keyB64']);
      expect(String(d['seedHex'])).toBe(Buffer.concat([Buffer.from(String(d['label'])), Buffer.from(sent.nonceB64, 'base64')]).toString('hex'));
    }
  });

  it('each actor keeps a session table: SCT id, secret, lifetime, and the keys derived so far (DKT id, usage, message)', async () => {
    const done = await run('sc13-entropy-both-encrypted', { rounds: '3' });
    const ini = actor<InitiatorState>(done, 'initiator').session!;
    const rec = actor<RecipientState>(done, 'recipient').sessions[0]!;
    expect(ini.identifier).toBe(rec.identifier);
    expect(ini.secretB64).toBe(rec.secretB64);
    expect(ini.expires).toBe(rec.expires);
    expect([ini.status, rec.status]).toEqual(['cancelled', 'cancelled']);
    // 3 rounds × (request + response) + Cancel request + response, 2 keys each, seen from both sides
    expect(ini.keys).toHaveLength(16);
    expect(rec.keys).toHaveLength(16);
    for (const k of ini.keys) {
      const other = rec.keys.find((x) => x.dktId === k.dktId)!;
      expect(other).toMatchObject({ keyB64: k.keyB64, usage: k.usage, message: k.message, direction: k.direction === 'sent' ? 'received' : 'sent' });
    }
    expect(new Set(ini.keys.map((k) => k.keyB64)).size).toBe(16);
  });

  it('the rounds setting repeats steps 3–6', async () => {
    const done = await run('sc2005-entropy-client-signed', { rounds: '5' });
    expect(done.steps.filter((s) => s.n === 3)).toHaveLength(5);
    expect(done.steps.filter((s) => s.n === 6).map((s) => s.label)).toContain('Application response (round 5)');
  });

  it('how the secret is made: client entropy is the key; server entropy comes as BinarySecret; both give ComputedKey P_SHA1', async () => {
    for (const mode of ['client', 'server', 'both'] as const) {
      const done = await run(`sc13-entropy-${mode}-encrypted`, { rounds: '1' });
      const established = done.steps[1]!.report!.checks.find((c) => c.code === 'SC_SECRET_ESTABLISHED')!;
      expect(established.details!['mode']).toBe(mode);
      const keys = collectSecrets(done);
      const secret = Object.entries(keys).find(([k]) => /^context \S+ instance 1 secret$/.test(k))![1];
      if (mode === 'client') expect(secret).toBe(keys['initiator entropy']);
      if (mode === 'both') {
        const id = Object.keys(keys).find((k) => k.endsWith('server entropy'))!.replace(/^context (\S+) server entropy$/, '$1');
        const ck = pSha1(Buffer.from(keys[`context ${id} client entropy`] as string, 'base64'), Buffer.from(keys[`context ${id} server entropy`] as string, 'base64'), 32);
        expect(ck.toString('base64')).toBe(secret);
      }
      if (mode === 'server') expect(keys['initiator entropy']).toBeUndefined();
    }
  });

  it('1.3 Amend and Renew re-key under a new wsc:Instance; 2005/02 keeps the key and extends the lifetime', async () => {
    const s13 = actor<InitiatorState>(await run('sc13-amend-renew-cancel', { rounds: '1' }), 'initiator').session!;
    expect(s13.instance).toBe('3');
    expect(s13.superseded.map((x) => [x.instance, x.by])).toEqual([['1', 'amend'], ['2', 'renew']]);
    expect(s13.claims).toEqual(['role=auditor']);
    const done05 = await run('sc2005-amend-renew-cancel', { rounds: '1' });
    const s05 = actor<InitiatorState>(done05, 'initiator').session!;
    expect(s05.instance).toBeUndefined();
    expect(s05.superseded).toEqual([]);
    expect(Date.parse(s05.expires)).toBeGreaterThan(Date.parse(done05.steps[1]!.time) + 3600_000);
  });
});

describe('Security: secure-conversation', () => {
  async function deliverEdited(variant: string, label: string, edit: (w: string) => string) {
    let s = await startRun('secure-conversation', variant, { seed: 9, versions: { rounds: '1' } });
    while (s.steps[s.steps.length - 1]!.label !== label) s = await deliver(s, s.steps.length - 1, s.steps[s.steps.length - 1]!.produced);
    const last = s.steps[s.steps.length - 1]!;
    const edited = edit(last.produced);
    expect(edited).not.toBe(last.produced);
    return (await deliver(s, last.index, edited)).steps[last.index]!.report!;
  }
  const REQ = 'Application request (round 1)';

  it('Security: baseline — the request verifies and decrypts with keys derived from the session', async () => {
    const r = await deliverEdited('sc13-entropy-both-encrypted', REQ, (w) => `${w}\n`);
    expect(r.accepted).toBe(true);
    expect(r.checks.map((c) => c.code)).toEqual(expect.arrayContaining(['SC_SCT_ACTIVE', 'SC_DKT_DERIVED', 'DSIG_SIGNATURE_VALID', 'WSS_DECRYPTED', 'SC_DERIVED_KEY_PROTECTION']));
  });
  it('Security: an SCT Identifier the recipient never issued → SC_SCT_UNKNOWN', async () => {
    const r = await deliverEdited('sc13-entropy-both-encrypted', REQ, (w) => w.replace(/(<wsc:Identifier>urn:uuid:)[0-9a-f]/, '$1f'));
    expect(firstFail(r)).toMatchObject({ code: 'SC_SCT_UNKNOWN', message: expect.stringContaining('expected a security context this party established') });
  });
  it('Security: a DKT Nonce removed → DKT_NONCE_MISSING', async () => {
    const r = await deliverEdited('sc2005-entropy-both-encrypted', REQ, (w) => w.replace(/<wsc:Nonce>[^<]*<\/wsc:Nonce>/, ''));
    expect(r.checks.find((c) => c.code === 'DKT_NONCE_MISSING')?.status).toBe('fail');
  });
  it('Security: a changed DKT Nonce derives another key: the signature does not verify → SC_DERIVED_KEY_MISMATCH', async () => {
    const r = await deliverEdited('sc13-entropy-client-signed', REQ, (w) => w.replace(/<wsc:Nonce>([^<]{4})/, '<wsc:Nonce>AAAA'));
    expect(r.checks.filter((c) => c.status === 'fail').map((c) => c.code)).toEqual(expect.arrayContaining(['DSIG_SIGNATURE_INVALID', 'SC_DERIVED_KEY_MISMATCH']));
  });
  it('Security: the Body sent in clear where the application policy asks for encryption → SC_BODY_NOT_ENCRYPTED', async () => {
    let s = await startRun('secure-conversation', 'sc13-entropy-both-encrypted', { seed: 9, versions: { rounds: '1' } });
    for (let i = 0; i < 2; i++) s = await deliver(s, i, s.steps[i]!.produced);
    const secrets = collectSecrets(s);
    const [name, secret] = Object.entries(secrets).find(([k]) => k.endsWith('instance 1 secret'))!;
    const identifier = name.split(' ')[1]!;
    // The inspector decrypts with the SCT secret; without its ReferenceList the plaintext is what a sender skipping encryption sends.
    const ins = await inspectMessage(s.steps[2]!.produced, { secrets: { [identifier]: secret as string } }, { now: Date.parse(s.steps[2]!.time) });
    expect(ins.decrypted).toContain('Hello, round 1');
    const plain = ins.decrypted!.replace(/<xenc:ReferenceList[\s\S]*?<\/xenc:ReferenceList>/, '');
    const r = (await deliver(s, 2, plain)).steps[2]!.report!;
    expect(r.checks.find((c) => c.code === 'SC_BODY_NOT_ENCRYPTED')?.status).toBe('fail');
    expect(r.checks.find((c) => c.code === 'DSIG_SIGNATURE_VALID')).toBeDefined();
  });
  it('Security: a leaked secret lets the attacker forge an accepted request; a guessed one is refused', async () => {
    const done = await run('compromised-secret', { rounds: '1' });
    const leaked = done.steps.find((s) => s.label === 'Forged request (leaked secret)')!;
    expect(leaked.report!.accepted).toBe(true);
    expect(leaked.explain).toContain('ACCEPTED — and that is the problem');
    const guessed = done.steps.find((s) => s.label === 'Forged request (guessed secret)')!;
    expect(guessed.report!.checks.find((c) => c.code === 'SC_DERIVED_KEY_MISMATCH')?.status).toBe('fail');
  });
  it('Security: a KeySize the trust service cannot meet is refused, and the initiator gets the fault', async () => {
    const s0 = await startRun('secure-conversation', 'sc13-entropy-server-encrypted', { seed: 2 });
    const ini = s0.steps[0]!.before['initiator'] as unknown as InitiatorState;
    const s1 = await setActorState(s0, 'initiator', { ...ini, keySize: 1024 } as unknown as Json);
    const s2 = await deliver(s1, 0, s1.steps[0]!.produced);
    expect(firstFail(s2.steps[0]!.report!)).toMatchObject({ code: 'SC_KEY_SIZE_UNSUPPORTED', message: expect.stringContaining('found 1024') });
    expect(s2.steps[1]!.label).toBe('Fault');
    const s3 = await deliver(s2, 1, s2.steps[1]!.produced);
    expect(firstFail(s3.steps[1]!.report!)?.code).toBe('SOAP_FAULT_RECEIVED');
    // With no context the flow goes on: the requests go out unprotected and are refused as such.
    const end = await runToEnd(s3);
    expect(firstFail(end.steps[2]!.report!)?.code).toBe('SC_NOT_SIGNED_WITH_DERIVED_KEY');
  });

  it('Security: whatever is delivered at any step — not XML, an empty envelope — is a failed check, never a crash', async () => {
    const done = await run('sc13-amend-renew-cancel', { rounds: '1' });
    for (const bad of ['<not-xml', '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body/></soap:Envelope>']) {
      for (const step of done.steps) {
        const r = (await deliver(done, step.index, bad)).steps[step.index]!.report!;
        expect(r.accepted, `${step.label} with ${bad.slice(0, 10)}`).toBe(false);
      }
    }
  });
  it('Security: after a refusal the recipient answers with the WS-SC fault (wsc:BadContextToken)', async () => {
    const done = await run('sc13-amend-renew-cancel', { rounds: '1' });
    const rec = actor<RecipientState>(done, 'recipient');
    expect(rec.last).toMatchObject({ accepted: false, failCode: 'SC_SCT_CANCELLED' });
    const f = await recipientRespond(rec, { random: seededRandom(1), now: Date.parse(done.steps[done.steps.length - 1]!.time) });
    expect(f.fault).toBe(true);
    expect(f.wire).toContain('wsc:BadContextToken');
  });
});
