// A registrant on the wire (WS-Coordination 1.1 §3.3, WS-AT 1.1 §3): the party that sent Register —
// seed 002's App1 for Completion, App2 and the PTM (toward its superior ITM) for Durable2PC or
// Volatile2PC. It keeps the protocol, its state in its own machine (completion_initiator.ts or the
// 2PC participant view), the coordinator's EPR from RegisterResponse (where its messages go, with
// the reference parameters WCF correlates by, B1241) and the reference parameter it put in its own
// ParticipantProtocolService EPR, by which it correlates the notifications it receives (B1131).

import type { Document } from '@xmldom/xmldom';
import { UsageError, type Check } from '../report/index.ts';
import { findReferenceParameter, type Epr } from '../coor/epr.ts';
import type { TxFaultDef } from '../coor/faults.ts';
import type { MessageAddressing } from '../coor/messages.ts';
import { TX_VERSIONS, type AtProtocol, type TxVersionId } from '../coor/versions.ts';
import { NS } from '../xml/names.ts';
import { COMPLETION_INITIATOR } from './completion_initiator.ts';
import { buildAtMessage, readAtMessage, type AtMessageKind } from './messages.ts';
import { TWO_PC_PARTICIPANT } from './participant_2pc.ts';
import { stepMachine, type Machine } from './table.ts';

/** The reference parameter a registrant puts in its ParticipantProtocolService EPR (B1131). */
export const PARTICIPANT_REF = { ns: NS.wsbenchTx, name: 'wstx:Participant' } as const;

export interface Registrant {
  protocol: AtProtocol;
  /** State in COMPLETION_INITIATOR (Completion) or TWO_PC_PARTICIPANT (2PC). */
  state: string;
  /** Value of the wstx:Participant reference parameter of our ParticipantProtocolService EPR. */
  ref: string;
  /** The CoordinatorProtocolService EPR from RegisterResponse; null until it arrives. */
  coordinator: Epr | null;
  /** The wscoor:Identifier of the context registered in. */
  transaction: string;
}

export interface RegistrantStep {
  registrant: Registrant;
  /** The notification received, when one was read. */
  kind: AtMessageKind | null;
  /** What the registrant must send to its coordinator now. */
  send: AtMessageKind[];
  fault: TxFaultDef | null;
  checks: Check[];
}

// Typed per machine; driven here through one string-typed view.
type AnyMachine = Machine<string, string>;

/** The machine a registrant of a protocol runs. */
export function registrantMachine(protocol: AtProtocol): AnyMachine {
  return (protocol === 'Completion' ? COMPLETION_INITIATOR : TWO_PC_PARTICIPANT) as unknown as AnyMachine;
}

/** Our ParticipantProtocolService EPR: the address and the reference parameter naming this registration. */
export function participantEpr(address: string, ref: string): Epr {
  return { address, referenceParameters: [{ ...PARTICIPANT_REF, value: ref }] };
}

/** An internal event of the registrant (commit, rollback, votePrepared, commitDone …). */
export function registrantEvent(r: Registrant, v: TxVersionId, event: string): RegistrantStep {
  const t = stepMachine(registrantMachine(r.protocol), v, r.state, event);
  return { registrant: { ...r, state: t.to }, kind: null, send: t.send, fault: t.fault, checks: [{ ...t.check, details: { ...(t.check.details ?? {}), transaction: r.transaction, protocol: r.protocol } }] };
}

/** A notification from the coordinator arrives: read it, correlate it by our reference parameter (B1131), step the machine. */
export function receiveRegistrantMessage(r: Registrant, v: TxVersionId, doc: Document): RegistrantStep {
  const read = readAtMessage(doc);
  const none = (checks: Check[]): RegistrantStep => ({ registrant: r, kind: read.kind, send: [], fault: null, checks });
  if (!read.kind || !read.envelope.parts) return none(read.checks);
  if (read.version !== v) {
    return none([...read.checks, { code: 'AT_VERSION_MISMATCH', status: 'fail', specRef: `WS-AT interop ${TX_VERSIONS[v].binding}`, path: 'Envelope/Body', message: `expected a WS-AT ${v} notification for ${r.transaction}, found WS-AT ${read.version}` }]);
  }
  const corr = findReferenceParameter(read.envelope.parts.headerBlocks, TX_VERSIONS[v].wsa, PARTICIPANT_REF, 'WS-AT interop B1131', `${read.kind} for ${r.protocol}`);
  const checks = [...read.checks, ...corr.checks];
  if (!corr.found) return none(checks);
  if (corr.found.value !== r.ref) {
    return none([...checks, { code: 'AT_UNKNOWN_TRANSACTION', status: 'fail', specRef: `WS-AT interop B1131; ${TX_VERSIONS[v].atSpec} §5`, path: 'Envelope/Header', message: `expected the reference parameter ${r.ref} of our ${r.protocol} registration in ${r.transaction}, found ${corr.found.value}, which names no registration of ours` }]);
  }
  const m = registrantMachine(r.protocol);
  if (!m.inbound.includes(read.kind)) {
    return none([...checks, { code: 'AT_WRONG_PROTOCOL_MESSAGE', status: 'fail', specRef: `${TX_VERSIONS[v].atSpec} §3`, path: 'Envelope/Body', message: `expected ${m.inbound.join(' | ')} from a ${r.protocol} coordinator, found ${read.kind}` }]);
  }
  const step = registrantEvent(r, v, read.kind);
  return { ...step, kind: read.kind, checks: [...checks, ...step.checks] };
}

/** Renders a notification from the registrant to its coordinator's EPR (reference parameters copied, B1241). */
export function renderRegistrantMessage(r: Registrant, v: TxVersionId, kind: AtMessageKind, a: Omit<MessageAddressing, 'to'> = {}): Document {
  if (!r.coordinator) throw new UsageError('AT_NO_COORDINATOR_EPR', `expected the CoordinatorProtocolService EPR of the ${r.protocol} registration in ${r.transaction} (from RegisterResponse), found none`);
  return buildAtMessage(v, kind, { ...a, to: r.coordinator });
}
