// The coordinator of one atomic transaction (WS-AT 1.1 §3, WS-Coordination 1.1 §3): its context,
// its registrations (Completion, Volatile2PC, Durable2PC) and each enlistment's state in the state
// machines of completion.ts and coordinator_2pc.ts. All state is plain JSON so the runner can
// snapshot it (DESIGN.md decision 2); every function returns a new state.

import type { Check } from '../report/index.ts';
import { UsageError } from '../report/errors.ts';
import { NS } from '../xml/names.ts';
import { checkContextExpiry, isAbsoluteUri, type CoordinationContext } from '../coor/context.ts';
import type { Epr, RefParam } from '../coor/epr.ts';
import { faultFor, type TxFaultDef, type TxFaultKind, type TxSituation } from '../coor/faults.ts';
import type { RegisterResponse } from '../coor/registration.ts';
import { TX_VERSIONS, type AtProtocol, type TxVersionId } from '../coor/versions.ts';
import type { CompletionState } from './completion.ts';
import type { TwoPcCoordinatorState } from './coordinator_2pc.ts';
import type { AtMessageKind } from './messages.ts';

/**
 * Where the transaction is: waiting for Commit, each prepare phase (volatile first), the outcome.
 * 'prepared' is a subordinate coordinator's in-doubt phase: every participant voted, its own vote
 * Prepared went to its superior, and it waits for the superior's Commit or Rollback.
 */
export type TxPhase = 'active' | 'preparingVolatile' | 'preparingDurable' | 'prepared' | 'committing' | 'aborting' | 'ended';

export interface TxEnlistment {
  /** Value of the wstx:Enlistment reference parameter the coordinator issued for it. */
  id: string;
  protocol: AtProtocol;
  state: CompletionState | TwoPcCoordinatorState;
  /** The registrant's protocol service: where this enlistment's messages go. */
  participant: Epr;
  vote: 'Prepared' | 'ReadOnly' | 'Aborted' | null;
}

export interface TransactionState {
  version: TxVersionId;
  identifier: string;
  /** When the coordinator created the context (ms since epoch); Expires counts from here. */
  createdAt: number;
  /** Lifetime in ms (wscoor:Expires), or null for none. */
  expires: number | null;
  registrationAddress: string;
  coordinatorAddress: string;
  phase: TxPhase;
  /** 'readOnly': a subordinate whose participants all voted ReadOnly voted ReadOnly itself and forgot. */
  outcome: 'committed' | 'aborted' | 'readOnly' | null;
  enlistments: TxEnlistment[];
  nextEnlistment: number;
  /**
   * True for a subordinate (interposed) coordinator, e.g. seed 002's PTM: it is itself a 2PC
   * participant of a superior, prepares its participants when the superior's Prepare arrives and
   * votes to the superior instead of deciding the outcome.
   */
  subordinate?: boolean;
}

/** A message the coordinator must send; `to` null means "reply to the sender of the message". */
export interface TxOutMessage {
  enlistment: string | null;
  protocol: AtProtocol | null;
  to: Epr | null;
  kind: AtMessageKind | 'Fault';
  fault?: TxFaultKind;
}

/** The reference parameters wsbench's coordinator puts in the EPRs it hands out (B1131, B1241). */
export const TX_REF = { ns: NS.wsbenchTx, name: 'wstx:Transaction' } as const;
export const ENLISTMENT_REF = { ns: NS.wsbenchTx, name: 'wstx:Enlistment' } as const;

export interface CreateTransactionOptions {
  version: TxVersionId;
  identifier: string;
  createdAt: number;
  expires?: number;
  registrationAddress: string;
  coordinatorAddress: string;
  /** A subordinate (interposed) coordinator: it votes to a superior instead of deciding. */
  subordinate?: boolean;
}

/** A new transaction in phase active; its identifier must be an absolute URI (B2003). */
export function createTransaction(o: CreateTransactionOptions): TransactionState {
  if (!isAbsoluteUri(o.identifier)) {
    throw new UsageError('COOR_IDENTIFIER_RELATIVE', `expected an absolute URI as the transaction identifier (B2003), found "${o.identifier}"`);
  }
  return {
    version: o.version, identifier: o.identifier, createdAt: o.createdAt, expires: o.expires ?? null,
    registrationAddress: o.registrationAddress, coordinatorAddress: o.coordinatorAddress,
    phase: 'active', outcome: null, enlistments: [], nextEnlistment: 1, ...(o.subordinate ? { subordinate: true } : {}),
  };
}

/** The CoordinationContext of the transaction (CreateCoordinationContextResponse, application headers). */
export function transactionContext(tx: TransactionState): CoordinationContext {
  const ref: RefParam = { ...TX_REF, value: tx.identifier };
  return {
    identifier: tx.identifier,
    ...(tx.expires !== null ? { expires: tx.expires } : {}),
    coordinationType: TX_VERSIONS[tx.version].wsat.ns,
    registrationService: { address: tx.registrationAddress, referenceParameters: [ref] },
  };
}

/** True while no outcome has been decided. */
export function undecided(tx: TransactionState): boolean {
  return tx.phase === 'active' || tx.phase === 'preparingVolatile' || tx.phase === 'preparingDurable';
}

export interface RegisterRequest {
  /** The protocol the Register names (null when its ProtocolIdentifier is unknown). */
  protocol: AtProtocol | null;
  participant: Epr;
  /** Value of the wstx:Transaction reference parameter the Register arrived with, if any. */
  transactionRef: string | null;
  now: number;
}

export interface RegisterResult {
  tx: TransactionState;
  response: RegisterResponse | null;
  enlistment: string | null;
  fault: TxFaultDef | null;
  checks: Check[];
}

/** Registration (WS-Coordination 1.1 §3.3): one enlistment per Register, answered with an EPR carrying reference parameters. */
export function registerParticipant(tx: TransactionState, r: RegisterRequest): RegisterResult {
  const refused = (situation: TxSituation, check: Check): RegisterResult => ({ tx, response: null, enlistment: null, fault: faultFor(tx.version, situation), checks: [check] });
  const spec = `${TX_VERSIONS[tx.version].coorSpec} §3.3`;
  if (r.transactionRef !== null && r.transactionRef !== tx.identifier) {
    return refused('cannotRegister', { code: 'COOR_UNKNOWN_ACTIVITY', status: 'fail', specRef: spec, path: 'Envelope/Header', message: `expected a Register for activity ${tx.identifier}, found one for ${r.transactionRef}, which this coordinator has no record of` });
  }
  const expiry = checkContextExpiry(transactionContext(tx), tx.createdAt, r.now, tx.version);
  if (expiry.status === 'fail') return refused('cannotRegister', expiry);
  if (!r.protocol) return refused('unsupportedProtocol', { code: 'COOR_PROTOCOL_UNKNOWN', status: 'fail', specRef: spec, path: 'Envelope/Body/Register/ProtocolIdentifier', message: 'expected a WS-AT ProtocolIdentifier this coordinator supports, found an unknown one' });
  if (tx.phase !== 'active') {
    return refused('cannotRegister', { code: 'COOR_REGISTER_TOO_LATE', status: 'fail', specRef: spec, path: 'Envelope/Body/Register', message: `expected Register while the transaction is active, found it in phase ${tx.phase}` });
  }
  const duplicate = tx.enlistments.find((e) => e.protocol === r.protocol && (r.protocol === 'Completion' || sameEpr(e.participant, r.participant)));
  if (duplicate) {
    return refused('duplicateRegistration', { code: 'COOR_ALREADY_REGISTERED', status: 'fail', specRef: spec, path: 'Envelope/Body/Register', message: `expected one ${r.protocol} registration${r.protocol === 'Completion' ? ' per transaction' : ' per participant endpoint'}, found ${r.participant.address} already registered as enlistment ${duplicate.id}` });
  }
  const id = `${r.protocol === 'Completion' ? 'c' : r.protocol === 'Durable2PC' ? 'd' : 'v'}${tx.nextEnlistment}`;
  const enlistment: TxEnlistment = { id, protocol: r.protocol, state: 'Active', participant: r.participant, vote: null };
  const next: TransactionState = { ...tx, enlistments: [...tx.enlistments, enlistment], nextEnlistment: tx.nextEnlistment + 1 };
  const response: RegisterResponse = { coordinatorProtocolService: coordinatorEpr(tx, id) };
  return {
    tx: next, response, enlistment: id, fault: null,
    checks: [expiry, { code: 'COOR_REGISTERED', status: 'pass', specRef: spec, path: 'Envelope/Body/Register', message: `registered ${r.participant.address} for ${r.protocol} as enlistment ${id} of ${tx.identifier}` }],
  };
}

/** The CoordinatorProtocolService EPR for an enlistment: its reference parameters correlate 2PC messages (B1241). */
export function coordinatorEpr(tx: TransactionState, enlistment: string): Epr {
  return {
    address: tx.coordinatorAddress,
    referenceParameters: [{ ...TX_REF, value: tx.identifier }, { ...ENLISTMENT_REF, value: enlistment }],
  };
}

function sameEpr(a: Epr, b: Epr): boolean {
  return a.address === b.address && JSON.stringify(a.referenceParameters) === JSON.stringify(b.referenceParameters);
}
