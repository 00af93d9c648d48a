// What the key-derivation view, the session tables and the attacker's banner show (src/ui/sc), from
// real runs of the secure-conversation scenario (seed 000): each DerivedKeyToken's inputs read from
// the wire, its key recomputed by the engine and checked against Node's own HMAC-SHA1 P_SHA1
// (RFC 2246 §5), the keys the sender used and the receiver derived, the session table of every
// actor with statuses at the step's clock, and the forged requests with the leaked and a guessed secret.

import { describe, expect, it } from 'vitest';
import { deliver, listScenarios, runToEnd, startRun, type RunState } from '../../src/engine/index.ts';
import { attackModel } from '../../src/ui/sc/attackModel.ts';
import { derivationModel, type DktView } from '../../src/ui/sc/derivationModel.ts';
import { actorSessions } from '../../src/ui/sc/sessionModel.ts';
import { recompute, type RecomputeInputs } from '../../src/ui/sc/useDerivation.ts';
import { pSha1 } from '../crypto/node_psha1.ts';

const actors = listScenarios().find((s) => s.id === 'secure-conversation')!.actors;
const runs = new Map<string, Promise<RunState>>();
const run = (variant: string): Promise<RunState> => {
  if (!runs.has(variant)) runs.set(variant, startRun('secure-conversation', variant, { seed: 7 }).then(runToEnd));
  return runs.get(variant)!;
};
const byLabel = (r: RunState, label: string) => r.steps.find((s) => s.label === label)!;
const modelAt = (r: RunState, index: number) => derivationModel(r.steps[index]!.delivered!, r.steps[index]!, r, actors);
const inputsOf = (v: DktView): RecomputeInputs => ({
  secretB64: v.receiverSecret!.b64, label: v.inputs!.label, nonceB64: v.inputs!.nonceB64, position: 'offset', positionValue: String(v.inputs!.offset ?? 0), length: String(v.inputs!.length),
});

describe('derivationModel: an application request under WS-SC 1.3', () => {
  it('reads both DKTs from the wire, with the context, the keys on both sides and what uses them', async () => {
    const r = await run('sc13-entropy-both-encrypted');
    const step = byLabel(r, 'Application request (round 1)');
    const m = derivationModel(step.delivered!, step, r, actors);
    expect(m.parseError).toBeNull();
    expect(m.dkts.map((d) => d.uses.map((u) => `${u.kind}:${u.status}`))).toEqual([['signature:ok'], ['encryption:ok']]);
    const session = (r.steps[1]!.after!['initiator'] as { session: { identifier: string; secretB64: string } }).session;
    for (const d of m.dkts) {
      expect(d.sct).toMatchObject({ identifier: session.identifier, instance: '1', form: 'attached' });
      expect(d.receiverSecret?.b64).toBe(session.secretB64);
      expect(d.receiverSecret?.holder).toBe('Recipient and its trust service');
      expect(d.senderSecret?.b64).toBe(session.secretB64);
      expect(d.inputs?.label).toBe('WS-SecureConversationWS-SecureConversation');
      // The key both sides hold is P_SHA1(secret, label ‖ nonce) as Node computes it.
      const want = pSha1(Buffer.from(session.secretB64, 'base64'), Buffer.concat([Buffer.from(d.inputs!.label), Buffer.from(d.inputs!.nonceB64, 'base64')]), d.inputs!.length, d.inputs!.offset ?? 0).toString('base64');
      expect(d.sentKey?.keyB64).toBe(want);
      expect(d.derivedKey?.keyB64).toBe(want);
    }
    const sig = m.dkts[0]!.uses[0]!;
    expect(sig).toMatchObject({ kind: 'signature', algorithm: 'http://www.w3.org/2000/09/xmldsig#hmac-sha1', path: 'Envelope/Header/Security/Signature' });
    expect(sig.kind === 'signature' && sig.references.map((x) => `${x.target}:${x.ok}`)).toEqual(['Timestamp:true', 'Action:true', 'To:true', 'MessageID:true', 'ReplyTo:true', 'Body:true']);
    expect(m.dkts[1]!.uses[0]).toMatchObject({ kind: 'encryption', algorithm: 'http://www.w3.org/2001/04/xmlenc#aes256-cbc', target: 'Body', path: 'Envelope/Body/EncryptedData' });
  });

  it('says "pending" before delivery and reads the pane as edited (a changed Nonce), not the sender\'s record', async () => {
    const fresh = await startRun('secure-conversation', 'sc13-entropy-both-encrypted', { seed: 7 });
    let r = await deliver(fresh, 0, fresh.steps[0]!.produced);
    r = await deliver(r, 1, r.steps[1]!.produced);
    const step = r.steps[2]!;
    expect(step.delivered).toBeNull();
    const m = derivationModel(step.produced, step, r, actors);
    expect(m.dkts.flatMap((d) => d.uses.map((u) => u.status))).toEqual(['pending', 'pending']);
    expect(m.dkts[0]!.derivedKey).toBeNull();
    const nonce = m.dkts[0]!.inputs!.nonceB64;
    const edited = step.produced.replace(`<wsc:Nonce>${nonce}</wsc:Nonce>`, '<wsc:Nonce>AAAAAAAAAAAAAAAAAAAAAA==</wsc:Nonce>');
    const e = derivationModel(edited, step, r, actors);
    expect(e.dkts[0]!.inputs!.nonceB64).toBe('AAAAAAAAAAAAAAAAAAAAAA==');
    expect(e.dkts[0]!.sentKey?.keyB64).toBe(m.dkts[0]!.sentKey?.keyB64);
    expect(derivationModel('<soap:Envelope', step, r, actors).parseError).toMatch(/^Line \d+, column \d+/);
  });
});

describe('recompute (the view\'s editable inputs)', () => {
  it('gives the message\'s key for its own inputs, another key for another nonce, and names a bad field', async () => {
    const r = await run('sc13-entropy-both-encrypted');
    const v = modelAt(r, r.steps.indexOf(byLabel(r, 'Application response (round 1)'))).dkts[0]!;
    const same = await recompute(inputsOf(v));
    expect(same.status === 'done' && same.result.keyB64).toBe(v.derivedKey!.keyB64);
    expect(same.status === 'done' && same.result.seedHex).toBe(Buffer.concat([Buffer.from(v.inputs!.label), Buffer.from(v.inputs!.nonceB64, 'base64')]).toString('hex'));
    const other = await recompute({ ...inputsOf(v), nonceB64: 'AAAAAAAAAAAAAAAAAAAAAA==' });
    expect(other.status === 'done' && other.result.keyB64).not.toBe(v.derivedKey!.keyB64);
    const gen = await recompute({ ...inputsOf(v), position: 'generation', positionValue: '1' });
    const want = pSha1(Buffer.from(v.receiverSecret!.b64, 'base64'), Buffer.concat([Buffer.from(v.inputs!.label), Buffer.from(v.inputs!.nonceB64, 'base64')]), v.inputs!.length, v.inputs!.length);
    expect(gen.status === 'done' && gen.result.keyB64).toBe(want.toString('base64'));
    expect(await recompute({ ...inputsOf(v), secretB64: 'not base64!' })).toMatchObject({ status: 'error', field: 'secret', message: expect.stringContaining('the secret') });
    expect(await recompute({ ...inputsOf(v), length: '0' })).toMatchObject({ status: 'error', field: 'length', message: expect.stringContaining('found Length 0') });
    expect(await recompute({ ...inputsOf(v), positionValue: '-1' })).toMatchObject({ status: 'error', field: 'position', message: 'expected a non-negative whole number for offset, found "-1"' });
  });
});

describe('the compromised-secret demonstration', () => {
  it('the forgery with the leaked secret is ACCEPTED, the one with a guessed secret refused — beside each other', async () => {
    const r = await run('compromised-secret');
    const leaked = byLabel(r, 'Forged request (leaked secret)');
    const guessed = byLabel(r, 'Forged request (guessed secret)');
    const a = attackModel(r, leaked.index, actors)!;
    expect(a.current).toMatchObject({ n: 30, secret: 'leaked', delivered: true, accepted: true, failCode: null, sameSecretAsReceiver: true });
    expect(a.others).toEqual([expect.objectContaining({ n: 31, secret: 'guessed', accepted: false, failCode: 'SC_DERIVED_KEY_MISMATCH', sameSecretAsReceiver: false })]);
    expect(attackModel(r, guessed.index, actors)!.others[0]).toMatchObject({ n: 30, accepted: true });
    expect(attackModel(r, 2, actors)).toBeNull();

    const g = modelAt(r, guessed.index).dkts[0]!;
    expect(g.senderSecret!.holder).toMatch(/^Attacker/);
    expect(g.senderSecret!.b64).not.toBe(g.receiverSecret!.b64);
    expect(g.sentKey!.keyB64).not.toBe(g.derivedKey!.keyB64);
    expect(g.uses[0]).toMatchObject({ kind: 'signature', status: 'failed', failure: { code: 'SC_DERIVED_KEY_MISMATCH' } });
    const l = modelAt(r, leaked.index).dkts[0]!;
    expect(l.senderSecret!.b64).toBe(l.receiverSecret!.b64);
    expect(l.sentKey!.keyB64).toBe(l.derivedKey!.keyB64);
  });

  it('the attacker\'s session table: the leaked context and the guessed secret, each with the keys it sent', async () => {
    const r = await run('compromised-secret');
    const guessed = byLabel(r, 'Forged request (guessed secret)');
    const attacker = actorSessions(r, guessed.index, actors).find((a) => a.actorId === 'attacker')!;
    const initiator = actorSessions(r, guessed.index, actors).find((a) => a.actorId === 'initiator')!;
    expect(attacker.rows.map((x) => x.status)).toEqual(['learned', 'guessed']);
    expect(attacker.rows.map((x) => x.sameAs)).toEqual([['Initiator (client.wsbench.example)', 'Recipient and its trust service'], []]);
    expect(attacker.rows[0]!.secretB64).toBe(initiator.rows[0]!.secretB64);
    expect(attacker.rows[1]!.secretB64).not.toBe(initiator.rows[0]!.secretB64);
    expect(attacker.rows.map((x) => x.keys.map((k) => `${k.usage}@${k.step?.n}`))).toEqual([['signature@30', 'encryption@30'], ['signature@31', 'encryption@31']]);
  });
});

describe('actorSessions', () => {
  it('lists each side\'s keys with the step they came from; the same key on both sides, sent and received', async () => {
    const r = await run('sc13-entropy-both-encrypted');
    const at = r.steps.indexOf(byLabel(r, 'Application response (round 1)'));
    const [initiator, recipient, attacker] = actorSessions(r, at, actors);
    expect([initiator!.actorId, recipient!.actorId, attacker!.actorId]).toEqual(['initiator', 'recipient', 'attacker']);
    expect(attacker!.rows).toEqual([]);
    const mine = initiator!.rows[0]!.keys.map((k) => `${k.dktId}:${k.usage}:${k.direction}:#${k.step?.n}:${k.keyB64}`);
    const theirs = recipient!.rows[0]!.keys.map((k) => `${k.dktId}:${k.usage}:${k.direction === 'sent' ? 'received' : 'sent'}:#${k.step?.n}:${k.keyB64}`);
    expect(mine).toHaveLength(4);
    expect(theirs).toEqual(mine);
    expect(initiator!.rows[0]).toMatchObject({ status: 'active', instance: '1', entropy: 'both', keySize: 256 });
    // Before the RSTR arrives the initiator holds no context yet (the row list is empty, not missing).
    expect(actorSessions(r, 0, actors).find((a) => a.actorId === 'initiator')!.rows).toEqual([]);
  });

  it('amended-away and renewed-away instances keep their keys; the context ends cancelled', async () => {
    const r = await run('sc13-amend-renew-cancel');
    const last = r.steps.length - 1;
    const rows = actorSessions(r, last, actors).find((a) => a.actorId === 'recipient')!.rows;
    expect(rows.map((x) => `${x.instance}:${x.status}`)).toEqual(['3:cancelled', '1:amended-away', '2:renewed-away']);
    expect(new Set(rows.map((x) => x.secretB64)).size).toBe(3);
    expect(rows[1]!.statusNote).toMatch(/^Instance 1 was replaced by the Amend of /);
    expect(rows.every((x) => x.keys.every((k) => k.instance === x.instance))).toBe(true);
  });

  it('a context is expired at the clock of a step past its Lifetime, active before it', async () => {
    const r = await run('expired-context');
    const late = byLabel(r, 'Application request after the Lifetime');
    const status = (i: number) => actorSessions(r, i, actors).find((a) => a.actorId === 'recipient')!.rows[0]!.status;
    expect(status(late.index - 1)).toBe('active');
    expect(status(late.index)).toBe('expired');
  });
});
