// The coordinator of one transaction, driven over the wire: every message is rendered, serialized,
// parsed and read back, participants run the participant-view state machine, and correlation goes
// through the reference parameters the coordinator issued (B1131, B1241).

import { describe, expect, it } from 'vitest';
import type { Document } from '@xmldom/xmldom';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { serializeXml } from '../../src/engine/xml/serialize.ts';
import {
  buildAtMessage, createTransaction, expireTransaction, fireInternal, readAtMessage, receiveNotification, receiveNotificationMessage,
  receiveRegisterMessage, registerParticipant, renderTxOut, stepMachine, transactionContext, TWO_PC_PARTICIPANT,
  type TransactionState, type TwoPcParticipantState, type TxOutMessage,
} from '../../src/engine/at/index.ts';
import { buildCoorMessage, protocolUri, readCoorMessage, readTxFault, type AtProtocol, type Epr, type TxVersionId } from '../../src/engine/coor/index.ts';

const wire = (doc: Document) => parseXml(serializeXml(doc));
const T0 = Date.UTC(2026, 0, 1);

interface Party {
  name: string;
  protocol: AtProtocol;
  epr: Epr;
  /** What this participant votes when asked to prepare. */
  vote: 'votePrepared' | 'voteReadOnly' | 'voteAborted';
  state: TwoPcParticipantState;
  coordinator: Epr | null;
  received: string[];
}

interface World {
  v: TxVersionId;
  tx: TransactionState;
  parties: Party[];
  /** Every message in order: "from→to Kind". */
  log: string[];
  completionCoordinator: Epr | null;
  initiatorReceived: string[];
}

function newWorld(v: TxVersionId, expires?: number): World {
  const tx = createTransaction({ version: v, identifier: 'http://fabrikam123.com/CCi', createdAt: T0, ...(expires !== undefined ? { expires } : {}), registrationAddress: 'https://itm.example.com/registration', coordinatorAddress: 'https://itm.example.com/protocol' });
  return { v, tx, parties: [], log: [], completionCoordinator: null, initiatorReceived: [] };
}

/** Register over the wire: Register → RegisterResponse, both serialized and read back. */
function register(w: World, protocol: AtProtocol, address: string, now = T0): Epr {
  const participant: Epr = { address, referenceParameters: [{ ns: 'urn:example:p', name: 'p:Party', value: address }] };
  const ctx = transactionContext(w.tx);
  const reg = wire(buildCoorMessage(w.v, { kind: 'Register', register: { protocolIdentifier: protocolUri(w.v, protocol), participantProtocolService: participant } }, { to: ctx.registrationService, messageId: `urn:uuid:${address}` }));
  const r = receiveRegisterMessage(w.tx, reg, now);
  expect(r.checks.filter((c) => c.status === 'fail')).toEqual([]);
  w.tx = r.tx;
  const resp = readCoorMessage(wire(buildCoorMessage(w.v, { kind: 'RegisterResponse', response: r.response! }, { to: participant, relatesTo: `urn:uuid:${address}` })));
  expect(resp.checks.filter((c) => c.status === 'fail')).toEqual([]);
  if (resp.message?.kind !== 'RegisterResponse') throw new Error('no RegisterResponse');
  return resp.message.response.coordinatorProtocolService;
}

function addParticipant(w: World, name: string, protocol: 'Durable2PC' | 'Volatile2PC', vote: Party['vote']): Party {
  const address = `https://${name}.example.com/2pc`;
  const coordinator = register(w, protocol, address);
  const p: Party = { name, protocol, epr: { address, referenceParameters: [] }, vote, state: 'Active', coordinator, received: [] };
  w.parties.push(p);
  return p;
}

const nameOf = (w: World, m: TxOutMessage) => (m.protocol === 'Completion' ? 'initiator' : w.parties.find((p) => p.epr.address === m.to?.address)?.name ?? '?');

/** Delivers the coordinator's messages; participants answer through their state machine, over the wire. */
function deliver(w: World, out: TxOutMessage[], now = T0): void {
  for (const m of out) {
    const doc = wire(renderTxOut(w.tx, m));
    w.log.push(`coordinator→${nameOf(w, m)} ${m.kind === 'Fault' ? `Fault:${m.fault}` : m.kind}`);
    if (m.kind === 'Fault') continue;
    const read = readAtMessage(doc);
    expect(read.checks.filter((c) => c.status === 'fail')).toEqual([]);
    if (m.protocol === 'Completion') { w.initiatorReceived.push(read.kind!); continue; }
    const p = w.parties.find((x) => x.epr.address === m.to?.address)!;
    p.received.push(read.kind!);
    participantEvent(w, p, read.kind!, now);
  }
}

function participantEvent(w: World, p: Party, event: string, now: number): void {
  const t = stepMachine(TWO_PC_PARTICIPANT, w.v, p.state, event as never);
  p.state = t.to;
  for (const kind of t.send) send(w, p, kind, now);
  if (p.state === 'Preparing') participantEvent(w, p, p.vote, now);
  if (p.state === 'Committing') participantEvent(w, p, 'commitDone', now);
}

function send(w: World, p: Party, kind: Parameters<typeof buildAtMessage>[1], now: number): void {
  w.log.push(`${p.name}→coordinator ${kind}`);
  const doc = wire(buildAtMessage(w.v, kind, { to: p.coordinator! }));
  const step = receiveNotificationMessage(w.tx, doc, now);
  w.tx = step.tx;
  deliver(w, step.out, now);
}

/** The initiator sends Commit or Rollback on the Completion protocol. */
function complete(w: World, kind: 'Commit' | 'Rollback', now = T0) {
  w.log.push(`initiator→coordinator ${kind}`);
  const step = receiveNotificationMessage(w.tx, wire(buildAtMessage(w.v, kind, { to: w.completionCoordinator! })), now);
  w.tx = step.tx;
  deliver(w, step.out, now);
  return step;
}

function setup(v: TxVersionId, parties: Array<[string, 'Durable2PC' | 'Volatile2PC', Party['vote']]>, expires?: number): World {
  const w = newWorld(v, expires);
  w.completionCoordinator = register(w, 'Completion', 'https://initiator.example.com/completion');
  for (const [name, protocol, vote] of parties) addParticipant(w, name, protocol, vote);
  return w;
}

describe('the transaction coordinator: outcomes', () => {
  for (const v of ['1.0', '1.1'] as const) {
    it(`${v}: commit — volatile prepared before durable, Committed to the initiator before Commit to the participants (seed 002 order)`, () => {
      const w = setup(v, [['durable', 'Durable2PC', 'votePrepared'], ['volatile', 'Volatile2PC', 'votePrepared']]);
      complete(w, 'Commit');
      expect(w.log).toEqual([
        'initiator→coordinator Commit',
        'coordinator→volatile Prepare',
        'volatile→coordinator Prepared',
        'coordinator→durable Prepare',
        'durable→coordinator Prepared',
        'coordinator→initiator Committed',
        'coordinator→durable Commit',
        'durable→coordinator Committed',
        'coordinator→volatile Commit',
        'volatile→coordinator Committed',
      ]);
      expect(w.tx).toMatchObject({ phase: 'ended', outcome: 'committed' });
      expect(w.tx.enlistments.map((e) => e.state)).toEqual(['None', 'None', 'None']);
      expect(w.parties.map((p) => p.state)).toEqual(['None', 'None']);
      expect(w.initiatorReceived).toEqual(['Committed']);
    });

    it(`${v}: one participant aborts — the initiator gets Aborted, the others Rollback, the aborter nothing more`, () => {
      const w = setup(v, [['volatile', 'Volatile2PC', 'votePrepared'], ['d1', 'Durable2PC', 'votePrepared'], ['d2', 'Durable2PC', 'voteAborted']]);
      complete(w, 'Commit');
      expect(w.tx).toMatchObject({ phase: 'ended', outcome: 'aborted' });
      expect(w.initiatorReceived).toEqual(['Aborted']);
      expect(w.parties.find((p) => p.name === 'd2')!.received).toEqual(['Prepare']);
      expect(w.parties.find((p) => p.name === 'volatile')!.received).toEqual(['Prepare', 'Rollback']);
      expect(w.parties.find((p) => p.name === 'd1')!.received).toEqual(['Prepare', 'Rollback']);
      expect(w.log).not.toContain('coordinator→d1 Commit');
    });

    it(`${v}: a read-only participant is forgotten and never told the outcome`, () => {
      const w = setup(v, [['reader', 'Durable2PC', 'voteReadOnly'], ['writer', 'Durable2PC', 'votePrepared']]);
      complete(w, 'Commit');
      expect(w.tx).toMatchObject({ phase: 'ended', outcome: 'committed' });
      expect(w.parties.find((p) => p.name === 'reader')!.received).toEqual(['Prepare']);
      expect(w.parties.find((p) => p.name === 'writer')!.received).toEqual(['Prepare', 'Commit']);
      expect(w.tx.enlistments.find((e) => e.participant.address.includes('reader'))!.vote).toBe('ReadOnly');
    });

    it(`${v}: a volatile participant that aborts stops the durable phase before it starts`, () => {
      const w = setup(v, [['durable', 'Durable2PC', 'votePrepared'], ['volatile', 'Volatile2PC', 'voteAborted']]);
      complete(w, 'Commit');
      expect(w.parties.find((p) => p.name === 'durable')!.received).toEqual(['Rollback']);
      expect(w.log).not.toContain('coordinator→durable Prepare');
      expect(w.tx.outcome).toBe('aborted');
    });

    it(`${v}: Rollback from the initiator answers Aborted and rolls every participant back`, () => {
      const w = setup(v, [['durable', 'Durable2PC', 'votePrepared'], ['volatile', 'Volatile2PC', 'votePrepared']]);
      complete(w, 'Rollback');
      expect(w.log.slice(0, 4)).toEqual(['initiator→coordinator Rollback', 'coordinator→initiator Aborted', 'coordinator→durable Rollback', 'durable→coordinator Aborted']);
      expect(w.tx).toMatchObject({ phase: 'ended', outcome: 'aborted' });
    });

    it(`${v}: a transaction with no participants commits at once`, () => {
      const w = setup(v, []);
      complete(w, 'Commit');
      expect(w.log).toEqual(['initiator→coordinator Commit', 'coordinator→initiator Committed']);
      expect(w.tx.phase).toBe('ended');
    });
  }
});

describe('the transaction coordinator: bad input', () => {
  for (const v of ['1.0', '1.1'] as const) {
    const unknownFault = v === '1.1' ? 'unknownTransaction' : 'invalidState';

    it(`${v}: a notification for an unknown transaction is answered with ${unknownFault}`, () => {
      const w = setup(v, [['durable', 'Durable2PC', 'votePrepared']]);
      const s = receiveNotification(w.tx, { kind: 'Prepared', enlistmentRef: 'd2', transactionRef: 'http://fabrikam123.com/other', now: T0 });
      expect(s.checks.map((c) => [c.code, c.status])).toEqual([['AT_UNKNOWN_TRANSACTION', 'fail']]);
      expect(s.checks[0]!.message).toContain('found one for http://fabrikam123.com/other');
      expect(s.out).toEqual([{ enlistment: null, protocol: null, to: null, kind: 'Fault', fault: unknownFault }]);
      const reply = readTxFault(wire(renderTxOut(w.tx, s.out[0]!, { replyTo: { address: 'https://stranger.example.com', referenceParameters: [] } })));
      expect(reply?.kind).toBe(unknownFault);
      expect(s.tx).toEqual(w.tx);
    });

    it(`${v}: a notification without the Enlistment reference parameter fails B1241 and gets InvalidParameters`, () => {
      const w = setup(v, [['durable', 'Durable2PC', 'votePrepared']]);
      const bare: Epr = { address: 'https://itm.example.com/protocol', referenceParameters: [] };
      const s = receiveNotificationMessage(w.tx, wire(buildAtMessage(v, 'Prepared', { to: bare })), T0);
      const c = s.checks.find((x) => x.code === 'COOR_CORRELATION_MISSING')!;
      expect(c).toMatchObject({ status: 'fail', specRef: 'WS-AT interop B1241' });
      expect(c.message).toContain('{urn:wsbench:tx}Enlistment');
      expect(s.out.map((m) => m.fault)).toEqual(['invalidParameters']);
    });

    it(`${v}: a vote before Prepare is refused with InvalidState and aborts the transaction`, () => {
      const w = setup(v, [['durable', 'Durable2PC', 'votePrepared']]);
      const p = w.parties[0]!;
      send(w, p, 'Prepared', T0);
      expect(w.log.slice(0, 4)).toEqual(['durable→coordinator Prepared', 'coordinator→durable Fault:invalidState', 'coordinator→initiator Aborted', 'coordinator→durable Rollback']);
      expect(w.tx.outcome).toBe('aborted');
    });

    if (v === '1.0') {
      it('1.0: Replay before any vote is answered with one Rollback and aborts the transaction; Replay while aborting resends Rollback', () => {
        const w = setup(v, [['durable', 'Durable2PC', 'votePrepared'], ['other', 'Durable2PC', 'votePrepared']]);
        const p = w.parties[0]!;
        send(w, p, 'Replay', T0);
        expect(w.log).toEqual([
          'durable→coordinator Replay', 'coordinator→durable Rollback', 'durable→coordinator Aborted',
          'coordinator→initiator Aborted', 'coordinator→other Rollback', 'other→coordinator Aborted',
        ]);
        expect(p.received).toEqual(['Rollback']);
        expect(w.tx.outcome).toBe('aborted');
        // A participant the coordinator still holds in Aborting asks again: Rollback again, the record kept.
        const w2 = setup(v, [['durable', 'Durable2PC', 'votePrepared']]);
        const enl = w2.tx.enlistments.find((e) => e.protocol === 'Durable2PC')!.id;
        const aborting = receiveNotification(w2.tx, { kind: 'Committed', enlistmentRef: enl, now: T0 });
        expect(aborting.tx.enlistments.find((e) => e.id === enl)!.state).toBe('Aborting');
        const replay = receiveNotification(aborting.tx, { kind: 'Replay', enlistmentRef: enl, now: T0 });
        expect(replay.out.map((m) => m.kind)).toEqual(['Rollback']);
        expect(replay.checks.map((c) => c.code)).toEqual(['AT_RESEND']);
        expect(replay.tx.enlistments.find((e) => e.id === enl)!.state).toBe('Aborting');
        // No retry timer after Rollback (WS-AT's tables resend only Prepare and Commit).
        const timer = fireInternal(replay.tx, enl, 'commsTimeout');
        expect(timer.out).toEqual([]);
        expect(timer.checks.map((c) => c.code)).toEqual(['AT_IGNORED']);
      });
    }

    it(`${v}: a duplicate Prepared after Commit makes the coordinator resend Commit`, () => {
      const w = setup(v, [['durable', 'Durable2PC', 'votePrepared']]);
      const enl = w.tx.enlistments.find((e) => e.protocol === 'Durable2PC')!.id;
      let s = receiveNotification(w.tx, { kind: 'Commit', enlistmentRef: w.tx.enlistments[0]!.id, now: T0 });
      s = receiveNotification(s.tx, { kind: 'Prepared', enlistmentRef: enl, now: T0 });
      expect(s.tx.phase).toBe('committing');
      const again = receiveNotification(s.tx, { kind: 'Prepared', enlistmentRef: enl, now: T0 });
      expect(again.out.map((m) => m.kind)).toEqual(['Commit']);
      expect(again.checks.map((c) => c.code)).toEqual(['AT_RESEND']);
      const retry = fireInternal(again.tx, enl, 'commsTimeout');
      expect(retry.out.map((m) => m.kind)).toEqual(['Commit']);
    });

    it(`${v}: a message of the wrong protocol (Prepare sent to the coordinator) gets InvalidState`, () => {
      const w = setup(v, []);
      const s = receiveNotification(w.tx, { kind: 'Prepare', enlistmentRef: w.tx.enlistments[0]!.id, now: T0 });
      expect(s.checks[0]).toMatchObject({ code: 'AT_WRONG_PROTOCOL_MESSAGE', status: 'fail' });
      expect(s.checks[0]!.message).toBe('expected Commit | Rollback from a Completion registrant, found Prepare');
    });

    it(`${v}: an expired context refuses registration and aborts the undecided transaction`, () => {
      const w = setup(v, [['durable', 'Durable2PC', 'votePrepared']], 30000);
      const late = registerParticipant(w.tx, { protocol: 'Volatile2PC', participant: { address: 'https://late.example.com', referenceParameters: [] }, transactionRef: w.tx.identifier, now: T0 + 30001 });
      expect(late.checks.map((c) => [c.code, c.status])).toEqual([['COOR_CONTEXT_EXPIRED', 'fail']]);
      expect(late.fault?.local).toBe(v === '1.1' ? 'CannotRegisterParticipant' : 'InvalidState');
      const step = complete(w, 'Commit', T0 + 30001);
      expect(step.checks.find((c) => c.code === 'AT_TRANSACTION_EXPIRED')?.status).toBe('warn');
      // The expiry aborts first (Aborted to the initiator); the Commit then meets a forgotten
      // Completion enlistment: 1.0 presumes abort and says Aborted again, 1.1 faults.
      expect(w.log.slice(0, 4)).toEqual(['initiator→coordinator Commit', 'coordinator→initiator Aborted', 'coordinator→durable Rollback', 'durable→coordinator Aborted']);
      expect(w.log.slice(4)).toEqual([v === '1.0' ? 'coordinator→initiator Aborted' : 'coordinator→initiator Fault:unknownTransaction']);
      expect(w.tx.outcome).toBe('aborted');
      expect(expireTransaction(newWorld(v, 10).tx, T0 + 11).tx.outcome).toBe('aborted');
    });

    it(`${v}: a second registration is refused with ${v === '1.0' ? 'AlreadyRegistered' : 'CannotRegisterParticipant'}`, () => {
      const w = setup(v, [['durable', 'Durable2PC', 'votePrepared']]);
      const again = registerParticipant(w.tx, { protocol: 'Durable2PC', participant: { address: 'https://durable.example.com/2pc', referenceParameters: [{ ns: 'urn:example:p', name: 'p:Party', value: 'https://durable.example.com/2pc' }] }, transactionRef: null, now: T0 });
      expect(again.fault?.local).toBe(v === '1.0' ? 'AlreadyRegistered' : 'CannotRegisterParticipant');
      expect(again.checks[0]!.code).toBe('COOR_ALREADY_REGISTERED');
      const completion = registerParticipant(w.tx, { protocol: 'Completion', participant: { address: 'https://other.example.com', referenceParameters: [] }, transactionRef: null, now: T0 });
      expect(completion.checks[0]!.code).toBe('COOR_ALREADY_REGISTERED');
    });

    it(`${v}: Register for an unknown activity or after the commit started is refused`, () => {
      const w = setup(v, []);
      const other = registerParticipant(w.tx, { protocol: 'Durable2PC', participant: { address: 'https://x.example.com', referenceParameters: [] }, transactionRef: 'http://fabrikam123.com/other', now: T0 });
      expect(other.checks[0]!.code).toBe('COOR_UNKNOWN_ACTIVITY');
      const started = receiveNotification(setup(v, [['d', 'Durable2PC', 'votePrepared']]).tx, { kind: 'Commit', enlistmentRef: 'c1', now: T0 });
      const tooLate = registerParticipant(started.tx, { protocol: 'Durable2PC', participant: { address: 'https://x.example.com', referenceParameters: [] }, transactionRef: null, now: T0 });
      expect(tooLate.checks[0]).toMatchObject({ code: 'COOR_REGISTER_TOO_LATE', message: 'expected Register while the transaction is active, found it in phase preparingDurable' });
    });

    it(`${v}: a Register in the other version's binding is refused`, () => {
      const w = newWorld(v);
      const other: TxVersionId = v === '1.0' ? '1.1' : '1.0';
      const doc = wire(buildCoorMessage(other, { kind: 'Register', register: { protocolIdentifier: protocolUri(other, 'Durable2PC'), participantProtocolService: { address: 'https://p.example.com', referenceParameters: [] } } }, { to: transactionContext(w.tx).registrationService }));
      const r = receiveRegisterMessage(w.tx, doc, T0);
      expect(r.response).toBeNull();
      expect(r.checks.find((c) => c.code === 'COOR_VERSION_MISMATCH')?.status).toBe('fail');
    });
  }

  it('a relative identifier cannot make a transaction (B2003)', () => {
    expect(() => createTransaction({ version: '1.1', identifier: 'tx/1', createdAt: T0, registrationAddress: 'https://r', coordinatorAddress: 'https://c' })).toThrow(/absolute URI.*found "tx\/1"/);
  });

  it('the transaction state is plain JSON (the runner snapshots it)', () => {
    const w = setup('1.1', [['durable', 'Durable2PC', 'votePrepared'], ['volatile', 'Volatile2PC', 'votePrepared']]);
    const s = receiveNotification(w.tx, { kind: 'Commit', enlistmentRef: 'c1', now: T0 });
    expect(JSON.parse(JSON.stringify(s.tx))).toEqual(s.tx);
    expect(w.tx.phase).toBe('active');
  });
});
