// A subordinate (interposed) coordinator — seed 002's PTM — prepares its participants when its
// superior's Prepare arrives and votes to the superior instead of deciding; the Completion
// initiator's own machine (App1); and a registrant reading its coordinator's notifications,
// correlated by the reference parameter it put in its ParticipantProtocolService EPR (B1131).
import { describe, expect, it } from 'vitest';
import type { Document } from '@xmldom/xmldom';
import {
  buildAtMessage, COMPLETION_INITIATOR, createTransaction, decideSubordinate, participantEpr, prepareSubordinate, receiveNotification,
  receiveRegistrantMessage, registerParticipant, registrantEvent, stepMachine, type Registrant, type TransactionState, type TxStep,
} from '../../src/engine/at/index.ts';
import { buildCoorMessage, protocolUri, type TxVersionId } from '../../src/engine/coor/index.ts';
import { receiveRegisterMessage } from '../../src/engine/at/index.ts';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { serializeXml } from '../../src/engine/xml/serialize.ts';

const T0 = Date.UTC(2026, 0, 1);
const wire = (doc: Document) => parseXml(serializeXml(doc));
const sends = (s: TxStep) => s.out.map((o) => `${o.kind}→${o.to?.address ?? '?'}`);

function subordinate(v: TxVersionId, participants: Array<'Durable2PC' | 'Volatile2PC'>): TransactionState {
  let tx = createTransaction({ version: v, identifier: 'http://ptm.example/tx/1', createdAt: T0, expires: 300000, registrationAddress: 'https://ptm.example/r', coordinatorAddress: 'https://ptm.example/c', subordinate: true });
  participants.forEach((protocol, i) => {
    tx = registerParticipant(tx, { protocol, participant: { address: `https://p${i}.example/2pc`, referenceParameters: [] }, transactionRef: null, now: T0 }).tx;
  });
  return tx;
}

const vote = (tx: TransactionState, enlistment: string, kind: 'Prepared' | 'ReadOnly' | 'Aborted' | 'Committed') => receiveNotification(tx, { kind, enlistmentRef: enlistment, now: T0 });

describe('a subordinate coordinator votes to its superior', () => {
  for (const v of ['1.0', '1.1'] as const) {
    it(`${v}: Prepare from the superior prepares volatile then durable participants; all Prepared → it votes Prepared and waits`, () => {
      const tx = subordinate(v, ['Durable2PC', 'Volatile2PC']);
      const p = prepareSubordinate(tx, T0);
      expect(sends(p)).toEqual(['Prepare→https://p1.example/2pc']);
      expect(p.vote).toBeUndefined();
      const a = vote(p.tx, 'v2', 'Prepared');
      expect(sends(a)).toEqual(['Prepare→https://p0.example/2pc']);
      const b = vote(a.tx, 'd1', 'Prepared');
      expect(b.vote).toBe('Prepared');
      expect(b.out).toEqual([]);
      expect(b.tx.phase).toBe('prepared');
      // In doubt: it neither commits nor aborts on its own — only the superior's word moves it.
      const c = decideSubordinate(b.tx, 'commit');
      expect(sends(c)).toEqual(['Commit→https://p0.example/2pc', 'Commit→https://p1.example/2pc']);
      const d = vote(vote(c.tx, 'd1', 'Committed').tx, 'v2', 'Committed');
      expect(d.tx).toMatchObject({ phase: 'ended', outcome: 'committed' });
    });
  }

  it('all ReadOnly → it votes ReadOnly and forgets; none at all → ReadOnly at once', () => {
    const tx = subordinate('1.1', ['Durable2PC']);
    const r = vote(prepareSubordinate(tx, T0).tx, 'd1', 'ReadOnly');
    expect(r.vote).toBe('ReadOnly');
    expect(r.tx).toMatchObject({ phase: 'ended', outcome: 'readOnly' });
    const empty = prepareSubordinate(subordinate('1.0', []), T0);
    expect(empty.vote).toBe('ReadOnly');
  });

  it('a participant votes Aborted → it votes Aborted and rolls the others back', () => {
    const tx = subordinate('1.0', ['Durable2PC', 'Durable2PC']);
    const p = prepareSubordinate(tx, T0);
    const a = vote(p.tx, 'd2', 'Aborted');
    expect(a.vote).toBe('Aborted');
    expect(sends(a)).toEqual(['Rollback→https://p0.example/2pc']);
    expect(a.tx.outcome).toBe('aborted');
  });

  it('Rollback from the superior rolls back without a vote; Commit before it is prepared is refused', () => {
    const tx = subordinate('1.1', ['Durable2PC']);
    const r = decideSubordinate(tx, 'abort');
    expect(sends(r)).toEqual(['Rollback→https://p0.example/2pc']);
    expect(r.vote).toBeUndefined();
    const early = decideSubordinate(tx, 'commit');
    expect(early.checks[0]).toMatchObject({ code: 'AT_SUBORDINATE_NOT_PREPARED', status: 'fail' });
    expect(early.tx.phase).toBe('active');
  });

  it('a root coordinator is never asked to prepare by a superior', () => {
    const root = createTransaction({ version: '1.1', identifier: 'http://itm.example/tx/1', createdAt: T0, registrationAddress: 'r', coordinatorAddress: 'c' });
    expect(prepareSubordinate(root, T0).checks[0]).toMatchObject({ code: 'AT_NOT_SUBORDINATE', status: 'fail' });
  });
});

describe('the Completion initiator (App1)', () => {
  it('commits: Active → Completing (send Commit) → Committed; an Aborted after Committed is inconsistent', () => {
    const a = stepMachine(COMPLETION_INITIATOR, '1.1', 'Active', 'commit');
    expect(a).toMatchObject({ to: 'Completing', send: ['Commit'] });
    expect(stepMachine(COMPLETION_INITIATOR, '1.1', 'Completing', 'Committed').to).toBe('Committed');
    expect(stepMachine(COMPLETION_INITIATOR, '1.1', 'Committed', 'Aborted').check).toMatchObject({ code: 'AT_INCONSISTENT_INTERNAL_STATE', status: 'fail' });
    expect(stepMachine(COMPLETION_INITIATOR, '1.0', 'Active', 'Committed').check).toMatchObject({ code: 'AT_INVALID_STATE', status: 'fail' });
    expect(stepMachine(COMPLETION_INITIATOR, '1.0', 'Active', 'rollback')).toMatchObject({ to: 'RollingBack', send: ['Rollback'] });
  });
});

describe('a registrant reads its coordinator\'s notifications (B1131)', () => {
  const me = participantEpr('https://app2.example/tx', 'app2-ref');
  const r: Registrant = { protocol: 'Durable2PC', state: 'Active', ref: 'app2-ref', coordinator: { address: 'https://ptm.example/c', referenceParameters: [] }, transaction: 'http://ptm.example/tx/1' };

  it('Prepare to its EPR (reference parameter copied) moves it to Preparing; its vote goes to the coordinator', () => {
    const s = receiveRegistrantMessage(r, '1.1', wire(buildAtMessage('1.1', 'Prepare', { to: me })));
    expect(s.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(s.registrant.state).toBe('Preparing');
    expect(registrantEvent(s.registrant, '1.1', 'votePrepared')).toMatchObject({ send: ['Prepared'], registrant: { state: 'PreparedSuccess' } });
  });

  it('refuses a notification without its reference parameter, for another registration, or of the wrong protocol', () => {
    const bare = receiveRegistrantMessage(r, '1.1', wire(buildAtMessage('1.1', 'Prepare', { to: { address: me.address, referenceParameters: [] } })));
    expect(bare.checks.find((c) => c.status === 'fail')).toMatchObject({ code: 'COOR_CORRELATION_MISSING', specRef: 'WS-AT interop B1131' });
    const other = receiveRegistrantMessage(r, '1.1', wire(buildAtMessage('1.1', 'Prepare', { to: participantEpr(me.address, 'someone-else') })));
    expect(other.checks.find((c) => c.status === 'fail')).toMatchObject({ code: 'AT_UNKNOWN_TRANSACTION' });
    expect(other.registrant.state).toBe('Active');
    const wrong = receiveRegistrantMessage(r, '1.1', wire(buildAtMessage('1.1', 'Prepared', { to: me })));
    expect(wrong.checks.find((c) => c.status === 'fail')).toMatchObject({ code: 'AT_WRONG_PROTOCOL_MESSAGE' });
    const version = receiveRegistrantMessage(r, '1.0', wire(buildAtMessage('1.1', 'Prepare', { to: me })));
    expect(version.checks.find((c) => c.status === 'fail')).toMatchObject({ code: 'AT_VERSION_MISMATCH' });
  });
});

describe('registration over the wire needs the transaction\'s reference parameter (B1131)', () => {
  it('a Register without wstx:Transaction is refused with InvalidParameters and registers nobody', () => {
    const tx = subordinate('1.1', []);
    const doc = wire(buildCoorMessage('1.1', { kind: 'Register', register: { protocolIdentifier: protocolUri('1.1', 'Durable2PC'), participantProtocolService: participantEpr('https://p.example/2pc', 'p') } }, { to: { address: tx.registrationAddress, referenceParameters: [] } }));
    const r = receiveRegisterMessage(tx, doc, T0);
    expect(r.checks.find((c) => c.status === 'fail')).toMatchObject({ code: 'COOR_CORRELATION_MISSING', specRef: 'WS-AT interop B1131' });
    expect(r.fault?.local).toBe('InvalidParameters');
    expect(r.tx.enlistments).toEqual([]);
  });
});
