// Running one transaction's coordinator (WS-AT 1.1 §3): notifications go through each enlistment's
// state machine, then the transaction moves on — on Completion Commit, Prepare to every Volatile2PC
// participant first and to the Durable2PC ones only when all volatiles have voted (WS-AT 1.1 §3.3);
// when all have voted Prepared or ReadOnly, Committed to the initiator then Commit to the prepared
// participants (seed 002 order: message 18 before 19–20); any Aborted, refused message or expiry
// aborts. Every step's Check is returned; state stays plain JSON.

import type { Check } from '../report/index.ts';
import { faultFor, type TxFaultDef, type TxSituation } from '../coor/faults.ts';
import { TX_VERSIONS } from '../coor/versions.ts';
import { COMPLETION_COORDINATOR } from './completion.ts';
import { DURABLE_2PC_COORDINATOR, VOLATILE_2PC_COORDINATOR } from './coordinator_2pc.ts';
import type { AtMessageKind } from './messages.ts';
import { stepMachine, type Machine, type Transition } from './table.ts';
import { transactionContext, undecided, type TransactionState, type TxEnlistment, type TxOutMessage } from './transaction.ts';
import { checkContextExpiry } from '../coor/context.ts';

/** What a subordinate coordinator tells its superior once its participants voted (or one aborted). */
export type SubordinateVote = 'Prepared' | 'ReadOnly' | 'Aborted';

export interface TxStep {
  tx: TransactionState;
  out: TxOutMessage[];
  checks: Check[];
  /** The fault the message was answered with, if any (also in `out`). */
  fault: TxFaultDef | null;
  /** A subordinate coordinator's vote to its superior, decided by this step. */
  vote?: SubordinateVote;
}

interface Acc {
  tx: TransactionState;
  out: TxOutMessage[];
  checks: Check[];
  fault: TxFaultDef | null;
  vote?: SubordinateVote;
}

// The tables are typed per machine; the coordinator drives them through one string-typed view.
type AnyMachine = Machine<string, string>;

function machineOf(e: TxEnlistment): AnyMachine {
  const m = e.protocol === 'Completion' ? COMPLETION_COORDINATOR : e.protocol === 'Durable2PC' ? DURABLE_2PC_COORDINATOR : VOLATILE_2PC_COORDINATOR;
  return m as unknown as AnyMachine;
}

function clone(tx: TransactionState): TransactionState {
  return structuredClone(tx);
}

/** Applies one event to one enlistment and queues what the cell sends. */
function apply(acc: Acc, e: TxEnlistment, event: string): Transition<string, string> {
  const t = stepMachine(machineOf(e), acc.tx.version, e.state, event);
  e.state = t.to as TxEnlistment['state'];
  for (const kind of t.send) acc.out.push({ enlistment: e.id, protocol: e.protocol, to: e.participant, kind });
  if (t.fault) {
    acc.out.push({ enlistment: e.id, protocol: e.protocol, to: e.participant, kind: 'Fault', fault: t.fault.kind });
    acc.fault = t.fault;
  }
  acc.checks.push({ ...t.check, details: { ...(t.check.details ?? {}), enlistment: e.id, transaction: acc.tx.identifier } });
  return t;
}

export interface Notification {
  kind: AtMessageKind;
  /** wstx:Enlistment reference parameter value the message carried (null: none — B1241 fails). */
  enlistmentRef: string | null;
  /** wstx:Transaction reference parameter value, when present. */
  transactionRef?: string | null;
  now: number;
}

/** A notification from the initiator (Completion) or a participant (2PC) arrives at the coordinator. */
export function receiveNotification(tx0: TransactionState, n: Notification): TxStep {
  const acc: Acc = { tx: clone(tx0), out: [], checks: [], fault: null };
  expireIfDue(acc, n.now);
  const e = correlate(acc, n);
  if (!e) return acc;
  const m = machineOf(e);
  if (!m.inbound.includes(n.kind)) {
    refuse(acc, 'wrongState', e, { code: 'AT_WRONG_PROTOCOL_MESSAGE', status: 'fail', specRef: `${TX_VERSIONS[acc.tx.version].atSpec} §3`, path: 'Envelope/Body', message: `expected ${m.inbound.filter((k) => !m.absentIn(acc.tx.version).includes(k)).join(' | ')} from a ${e.protocol} registrant, found ${n.kind}` });
    return acc;
  }
  const from = e.state;
  const t = apply(acc, e, n.kind);
  recordVote(e, n.kind, from, t.answer);
  if (e.protocol === 'Completion' && n.kind === 'Rollback' && t.answer === 'transition') abortAll(acc);
  advance(acc);
  return acc;
}

function correlate(acc: Acc, n: Notification): TxEnlistment | null {
  const v = acc.tx.version;
  if (n.transactionRef && n.transactionRef !== acc.tx.identifier) {
    refuse(acc, 'unknownTransaction', null, { code: 'AT_UNKNOWN_TRANSACTION', status: 'fail', specRef: `${TX_VERSIONS[v].atSpec} §5`, path: 'Envelope/Header', message: `expected a ${n.kind} for transaction ${acc.tx.identifier}, found one for ${n.transactionRef}, which this coordinator has no record of` });
    return null;
  }
  if (n.enlistmentRef === null) {
    refuse(acc, 'badParameters', null, { code: 'COOR_CORRELATION_MISSING', status: 'fail', specRef: 'WS-AT interop B1241', path: 'Envelope/Header', message: `expected the wstx:Enlistment reference parameter on ${n.kind} to correlate it (B1131, B1241), found none` });
    return null;
  }
  const e = acc.tx.enlistments.find((x) => x.id === n.enlistmentRef) ?? null;
  if (!e) {
    refuse(acc, 'unknownTransaction', null, { code: 'AT_UNKNOWN_TRANSACTION', status: 'fail', specRef: `${TX_VERSIONS[v].atSpec} §5`, path: 'Envelope/Header', message: `expected an enlistment of transaction ${acc.tx.identifier} (${acc.tx.enlistments.map((x) => x.id).join(', ') || 'none'}), found ${n.enlistmentRef}` });
  }
  return e;
}

function refuse(acc: Acc, situation: TxSituation, e: TxEnlistment | null, check: Check): void {
  const def = faultFor(acc.tx.version, situation);
  acc.fault = def;
  acc.out.push({ enlistment: e?.id ?? null, protocol: e?.protocol ?? null, to: e?.participant ?? null, kind: 'Fault', fault: def.kind });
  acc.checks.push({ ...check, details: { fault: def.local } });
}

function recordVote(e: TxEnlistment, kind: AtMessageKind, from: string, answer: string): void {
  if (e.protocol === 'Completion' || (from !== 'Active' && from !== 'Preparing')) return;
  if (answer !== 'transition' && answer !== 'forget') return;
  if (kind === 'Prepared' || kind === 'ReadOnly' || kind === 'Aborted') e.vote = kind;
}

const twoPc = (tx: TransactionState) => tx.enlistments.filter((e) => e.protocol !== 'Completion');
const completionOf = (tx: TransactionState) => tx.enlistments.find((e) => e.protocol === 'Completion') ?? null;
const voted = (e: TxEnlistment) => e.state === 'PreparedSuccess' || e.state === 'None';

/** Moves the transaction through its phases after an event (volatile before durable, then the outcome). */
function advance(acc: Acc): void {
  const tx = acc.tx;
  if (undecided(tx) && twoPc(tx).some((e) => e.vote === 'Aborted' || e.state === 'Aborting')) abortAll(acc);
  if (tx.phase === 'active' && completionOf(tx)?.state === 'Completing') startPhase(acc, 'preparingVolatile', 'Volatile2PC');
  if (tx.phase === 'preparingVolatile' && twoPc(tx).filter((e) => e.protocol === 'Volatile2PC').every(voted)) startPhase(acc, 'preparingDurable', 'Durable2PC');
  if (tx.phase === 'preparingDurable' && twoPc(tx).every(voted)) {
    if (tx.subordinate) subordinateVote(acc);
    else commitAll(acc);
  }
  if ((tx.phase === 'committing' || tx.phase === 'aborting') && tx.enlistments.every((e) => e.state === 'None')) {
    tx.phase = 'ended';
    acc.checks.push({ code: 'AT_TRANSACTION_ENDED', status: 'info', specRef: `${TX_VERSIONS[tx.version].atSpec} §3`, path: '', message: `transaction ${tx.identifier} ended: ${tx.outcome}; every enlistment forgotten` });
  }
}

function startPhase(acc: Acc, phase: 'preparingVolatile' | 'preparingDurable', protocol: 'Volatile2PC' | 'Durable2PC'): void {
  acc.tx.phase = phase;
  const targets = acc.tx.enlistments.filter((e) => e.protocol === protocol && e.state === 'Active');
  acc.checks.push({ code: 'AT_PHASE', status: 'info', specRef: `${TX_VERSIONS[acc.tx.version].atSpec} §3.3`, path: '', message: `${protocol} prepare phase: Prepare to ${targets.length} participant(s)${protocol === 'Durable2PC' ? ' after every volatile participant voted' : ''}` });
  for (const e of targets) apply(acc, e, 'prepare');
  advance(acc);
}

function commitAll(acc: Acc): void {
  acc.tx.phase = 'committing';
  acc.tx.outcome = 'committed';
  const c = completionOf(acc.tx);
  if (c && c.state === 'Completing') apply(acc, c, 'commitDecision');
  for (const e of twoPc(acc.tx)) if (e.state !== 'None') apply(acc, e, 'commitDecision');
  advance(acc);
}

/** A subordinate whose participants all voted: Prepared if any must still learn the outcome, else ReadOnly and forget. */
function subordinateVote(acc: Acc): void {
  const tx = acc.tx;
  const spec = `${TX_VERSIONS[tx.version].atSpec} §3.3`;
  if (twoPc(tx).some((e) => e.state === 'PreparedSuccess')) {
    tx.phase = 'prepared';
    acc.vote = 'Prepared';
    acc.checks.push({ code: 'AT_SUBORDINATE_PREPARED', status: 'info', specRef: spec, path: '', message: `every participant of ${tx.identifier} voted and at least one is prepared: the subordinate votes Prepared to its superior and waits for the outcome` });
    return;
  }
  tx.phase = 'ended';
  tx.outcome = 'readOnly';
  acc.vote = 'ReadOnly';
  acc.checks.push({ code: 'AT_SUBORDINATE_READ_ONLY', status: 'info', specRef: spec, path: '', message: `no participant of ${tx.identifier} has work to commit: the subordinate votes ReadOnly to its superior and forgets the transaction` });
}

/** Aborts an undecided (or, at the superior's word, prepared) transaction; a subordinate aborting on its own votes Aborted. */
function abortAll(acc: Acc, fromSuperior = false): void {
  if (!undecided(acc.tx) && !(fromSuperior && acc.tx.phase === 'prepared')) return;
  if (acc.tx.subordinate && !fromSuperior) acc.vote = 'Aborted';
  acc.tx.phase = 'aborting';
  acc.tx.outcome = 'aborted';
  const c = completionOf(acc.tx);
  if (c && (c.state === 'Active' || c.state === 'Completing')) apply(acc, c, 'abortDecision');
  // A cell of this step may have sent Rollback already (2004/10 Replay before a vote): not twice.
  const rolledBack = new Set(acc.out.filter((m) => m.kind === 'Rollback').map((m) => m.enlistment));
  for (const e of twoPc(acc.tx)) if (e.state !== 'None' && !rolledBack.has(e.id)) apply(acc, e, 'abortDecision');
  advance(acc);
}

function expireIfDue(acc: Acc, now: number): void {
  if (!undecided(acc.tx)) return;
  const c = checkContextExpiry(transactionContext(acc.tx), acc.tx.createdAt, now, acc.tx.version);
  if (c.status !== 'fail') return;
  acc.checks.push({ ...c, code: 'AT_TRANSACTION_EXPIRED', status: 'warn', message: `${c.message}: the coordinator aborts the transaction` });
  abortAll(acc);
}

/** The clock moved: an undecided transaction past its Expires aborts (WS-Coordination §3.1 Expires). */
export function expireTransaction(tx0: TransactionState, now: number): TxStep {
  const acc: Acc = { tx: clone(tx0), out: [], checks: [], fault: null };
  expireIfDue(acc, now);
  return acc;
}

/**
 * A subordinate coordinator's superior sent Prepare: prepare the participants (volatile, then
 * durable). The step's `vote` is set when they have all voted already (or there are none).
 */
export function prepareSubordinate(tx0: TransactionState, now: number): TxStep {
  const acc: Acc = { tx: clone(tx0), out: [], checks: [], fault: null };
  if (!acc.tx.subordinate) {
    acc.checks.push({ code: 'AT_NOT_SUBORDINATE', status: 'fail', specRef: `${TX_VERSIONS[acc.tx.version].atSpec} §3.3`, path: '', message: `expected a subordinate coordinator to be asked to prepare by its superior, found ${acc.tx.identifier}, a root coordinator that decides itself` });
    return acc;
  }
  expireIfDue(acc, now);
  if (acc.tx.phase === 'active') startPhase(acc, 'preparingVolatile', 'Volatile2PC');
  else acc.checks.push({ code: 'AT_IGNORED', status: 'info', specRef: `${TX_VERSIONS[acc.tx.version].atSpec} §3.3`, path: '', message: `Prepare from the superior while ${acc.tx.identifier} is ${acc.tx.phase}: nothing new to do` });
  return acc;
}

/** A subordinate coordinator's superior decided: Commit (only once prepared) or Rollback. */
export function decideSubordinate(tx0: TransactionState, decision: 'commit' | 'abort'): TxStep {
  const acc: Acc = { tx: clone(tx0), out: [], checks: [], fault: null };
  const spec = `${TX_VERSIONS[acc.tx.version].atSpec} §3.3`;
  if (decision === 'abort') {
    abortAll(acc, true);
    return acc;
  }
  if (acc.tx.phase !== 'prepared') {
    acc.checks.push({ code: 'AT_SUBORDINATE_NOT_PREPARED', status: 'fail', specRef: spec, path: '', message: `expected ${acc.tx.identifier} prepared before the superior's Commit, found it ${acc.tx.phase}` });
    return acc;
  }
  commitAll(acc);
  return acc;
}

/** An internal event for one enlistment (e.g. commsTimeout: resend what is outstanding). */
export function fireInternal(tx0: TransactionState, enlistment: string, event: 'commsTimeout'): TxStep {
  const acc: Acc = { tx: clone(tx0), out: [], checks: [], fault: null };
  const e = acc.tx.enlistments.find((x) => x.id === enlistment);
  if (!e) {
    acc.checks.push({ code: 'AT_UNKNOWN_ENLISTMENT', status: 'fail', specRef: `${TX_VERSIONS[acc.tx.version].atSpec} §3`, path: '', message: `expected an enlistment of ${acc.tx.identifier} (${acc.tx.enlistments.map((x) => x.id).join(', ')}), found ${enlistment}` });
    return acc;
  }
  if (e.protocol === 'Completion') {
    acc.checks.push({ code: 'AT_EVENT_NOT_APPLICABLE', status: 'fail', specRef: `${TX_VERSIONS[acc.tx.version].atSpec} state tables`, path: '', message: `expected a 2PC enlistment for ${event}, found the Completion enlistment ${e.id}` });
    return acc;
  }
  apply(acc, e, event);
  return acc;
}
