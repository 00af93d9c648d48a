// The shape of the WS-AtomicTransaction state tables (WS-AT 1.1 Appendix C, 2004/10 Appendix):
// each machine is a table of cells, one per (event, state), saying the next state, the messages to
// send and how the spec classes the answer. `stepMachine` turns a cell into a transition and the
// Check that reports it (DESIGN.md house style 6: explicit machines, named states and events).

import type { Check } from '../report/index.ts';
import { faultFor, type TxFaultDef, type TxSituation } from '../coor/faults.ts';
import { TX_VERSIONS, type TxVersionId } from '../coor/versions.ts';
import type { AtMessageKind } from './messages.ts';

/** How the spec classes a cell's answer. */
export type Answer =
  | 'transition'     // protocol progress
  | 'forget'         // the other party's record is dropped (next state None)
  | 'resend'         // a duplicate or late message: resend the last message for this state
  | 'ignore'         // a duplicate: no effect
  | 'presumedAbort'  // no record of the transaction: answer as if it aborted (or committed and forgot)
  | 'fault'          // the message is not allowed here: answer with the cell's fault
  | 'notApplicable'; // an internal event that cannot happen in this state

export interface Cell<S extends string> {
  to: S;
  send: AtMessageKind[];
  answer: Answer;
  /** For answer 'fault': the situation, mapped per version to InvalidState, UnknownTransaction, … */
  fault?: TxSituation;
  /** The spec's action in words (e.g. "record vote", "initiate user commit"). */
  action: string;
}

export type Table<S extends string, E extends string> = Record<E, Record<S, Cell<S>>>;

export interface Machine<S extends string, E extends string> {
  /** Name for messages, e.g. "Durable2PC (coordinator view)". */
  name: string;
  states: readonly S[];
  /** Events received as messages, then internal events. */
  inbound: readonly E[];
  internal: readonly E[];
  /** Events the version does not define (Replay in WS-AT 1.1). */
  absentIn: (v: TxVersionId) => readonly E[];
  table: (v: TxVersionId) => Table<S, E>;
}

export interface Transition<S extends string, E extends string> {
  from: S;
  event: E;
  to: S;
  send: AtMessageKind[];
  answer: Answer | 'undefinedEvent';
  fault: TxFaultDef | null;
  check: Check;
}

/** Cell constructors, so tables read like the spec's. */
export const go = <S extends string>(to: S, send: AtMessageKind[], action: string, answer: Answer = 'transition'): Cell<S> => ({ to, send, answer, action });
export const ignore = <S extends string>(s: S): Cell<S> => ({ to: s, send: [], answer: 'ignore', action: 'ignore (duplicate or late message)' });
export const forget = <S extends string>(none: S, action = 'forget the participant'): Cell<S> => ({ to: none, send: [], answer: 'forget', action });
export const resend = <S extends string>(to: S, send: AtMessageKind[], action: string): Cell<S> => ({ to, send, answer: 'resend', action });
export const fault = <S extends string>(to: S, situation: TxSituation, action: string): Cell<S> => ({ to, send: [], answer: 'fault', fault: situation, action });
export const na = <S extends string>(s: S): Cell<S> => ({ to: s, send: [], answer: 'notApplicable', action: 'cannot happen in this state' });

const CHECK_CODE: Record<Answer, { code: string; status: Check['status'] }> = {
  transition: { code: 'AT_TRANSITION', status: 'pass' },
  forget: { code: 'AT_FORGET', status: 'pass' },
  resend: { code: 'AT_RESEND', status: 'info' },
  ignore: { code: 'AT_IGNORED', status: 'info' },
  presumedAbort: { code: 'AT_PRESUMED_ABORT', status: 'info' },
  fault: { code: 'AT_INVALID_STATE', status: 'fail' },
  notApplicable: { code: 'AT_EVENT_NOT_APPLICABLE', status: 'fail' },
};

/** Codes by situation, so an unknown transaction keeps its code in 1.0, which answers it with InvalidState. */
const FAULT_CODE: Partial<Record<TxSituation, string>> = {
  wrongState: 'AT_INVALID_STATE', unknownTransaction: 'AT_UNKNOWN_TRANSACTION', inconsistent: 'AT_INCONSISTENT_INTERNAL_STATE',
};

/** Applies one event to one machine in one state; every outcome, allowed or refused, is a Check. */
export function stepMachine<S extends string, E extends string>(
  m: Machine<S, E>, v: TxVersionId, from: S, event: E, path = '',
): Transition<S, E> {
  const specRef = `${TX_VERSIONS[v].atSpec} state tables, ${m.name}`;
  if (m.absentIn(v).includes(event)) {
    return {
      from, event, to: from, send: [], answer: 'undefinedEvent', fault: null,
      check: { code: 'AT_REPLAY_NOT_IN_11', status: 'fail', specRef: `${TX_VERSIONS[v].atSpec} §3`, path, message: `expected a WS-AT ${v} event of ${m.name} (${allowedEvents(m, v).join(', ')}), found ${event}, which WS-AT ${v} does not define; state stays ${from}` },
    };
  }
  const cell = m.table(v)[event]?.[from];
  if (!cell) {
    // Actor state is editable JSON: a state or event outside the table is refused, not a crash.
    return {
      from, event, to: from, send: [], answer: 'undefinedEvent', fault: null,
      check: { code: 'AT_UNKNOWN_STATE_OR_EVENT', status: 'fail', specRef, path, message: `expected a state of ${m.name} (${m.states.join(', ')}) and one of its events (${allowedEvents(m, v).join(', ')}), found state ${from} and event ${event}` },
    };
  }
  const def = cell.fault ? faultFor(v, cell.fault) : null;
  const { code, status } = CHECK_CODE[cell.answer];
  const sendText = cell.send.length > 0 ? `, send ${cell.send.join(' + ')}` : '';
  const base = { from, event, to: cell.to, send: [...cell.send], answer: cell.answer, fault: def };
  if (def) {
    const allowed = acceptedIn(m, v, from);
    return {
      ...base,
      check: { code: (cell.fault && FAULT_CODE[cell.fault]) ?? code, status, specRef: `${specRef}; ${def.specRef}`, path, message: `${m.name}: expected ${allowed.join(' | ') || 'no message'} in state ${from}, found ${event}; answered with the ${def.spec === 'coor' ? 'wscoor' : 'wsat'}:${def.local} fault (${cell.action}), state ${cell.to}`, details: { from, event, to: cell.to, fault: def.local } },
    };
  }
  const message = cell.answer === 'notApplicable'
    ? `${m.name}: internal event ${event} cannot happen in state ${from} (expected one of ${acceptedIn(m, v, from).join(' | ') || 'none'}); state stays ${from}`
    : `${m.name}: ${event} in ${from} → ${cell.to}${sendText} (${cell.action})`;
  return { ...base, check: { code, status, specRef, path, message, details: { from, event, to: cell.to, send: [...cell.send] } } };
}

/** Every event a version defines for a machine. */
export function allowedEvents<S extends string, E extends string>(m: Machine<S, E>, v: TxVersionId): E[] {
  const absent = m.absentIn(v);
  return [...m.inbound, ...m.internal].filter((e) => !absent.includes(e));
}

/** The events a state handles without a fault or a refusal. */
export function acceptedIn<S extends string, E extends string>(m: Machine<S, E>, v: TxVersionId, s: S): E[] {
  const t = m.table(v);
  return allowedEvents(m, v).filter((e) => t[e][s].answer !== 'fault' && t[e][s].answer !== 'notApplicable');
}
