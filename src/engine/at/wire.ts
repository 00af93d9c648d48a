// The transaction coordinator on the wire: reads Register and WS-AT notifications from parsed
// envelopes — correlating them by the reference parameters it issued (B1131, B1241) — and renders
// the messages it must send (notifications to EPRs, faults to the sender) in the version's binding.

import type { Document, Element } from '@xmldom/xmldom';
import type { Check } from '../report/index.ts';
import { UsageError } from '../report/errors.ts';
import { buildTxFault, faultDef, faultFor, type TxFaultDef } from '../coor/faults.ts';
import { findReferenceParameter, referenceParameterHeaders, type Epr } from '../coor/epr.ts';
import { readCoorMessage } from '../coor/messages.ts';
import { TX_VERSIONS } from '../coor/versions.ts';
import { buildAtMessage, readAtMessage } from './messages.ts';
import { ENLISTMENT_REF, registerParticipant, TX_REF, type RegisterResult, type TransactionState, type TxOutMessage } from './transaction.ts';
import { receiveNotification, type TxStep } from './transaction_run.ts';

export interface RenderOptions {
  messageId?: string;
  relatesTo?: string;
  /** The sender to answer when the message has no EPR of its own (`to: null`). */
  replyTo?: Epr;
}

/** Renders one outgoing coordinator message as a SOAP 1.1 envelope (R1001 / R1002). */
export function renderTxOut(tx: TransactionState, m: TxOutMessage, o: RenderOptions = {}): Document {
  const to = m.to ?? o.replyTo;
  if (!to) throw new UsageError('AT_NO_DESTINATION', `expected replyTo for a ${m.kind} that answers a sender without an EPR, found none`);
  const ids = { ...(o.messageId ? { messageId: o.messageId } : {}), ...(o.relatesTo ? { relatesTo: o.relatesTo } : {}) };
  if (m.kind === 'Fault') {
    const def = faultDef(tx.version, m.fault ?? 'invalidState') as TxFaultDef;
    return buildTxFault(tx.version, def, { to: to.address, ...ids, headers: referenceParameterHeaders(TX_VERSIONS[tx.version].wsa, to.referenceParameters) });
  }
  return buildAtMessage(tx.version, m.kind, { to, ...ids });
}

/** Reads the wstx:Transaction and wstx:Enlistment reference parameters from the header blocks. */
function refs(tx: TransactionState, headerBlocks: Element[], context: string, needEnlistment: boolean): { transactionRef: string | null; enlistmentRef: string | null; checks: Check[] } {
  const wsa = TX_VERSIONS[tx.version].wsa;
  const t = findReferenceParameter(headerBlocks, wsa, TX_REF, needEnlistment ? 'WS-AT interop B1241' : 'WS-AT interop B1131', context);
  const checks = needEnlistment ? t.checks.filter((c) => c.status !== 'fail') : t.checks;
  if (!needEnlistment) return { transactionRef: t.found?.value ?? null, enlistmentRef: null, checks };
  const e = findReferenceParameter(headerBlocks, wsa, ENLISTMENT_REF, 'WS-AT interop B1241', context);
  return { transactionRef: t.found?.value ?? null, enlistmentRef: e.found?.value ?? null, checks: [...checks, ...e.checks] };
}

/** A WS-AT notification envelope arrives at the coordinator protocol service. */
export function receiveNotificationMessage(tx: TransactionState, doc: Document, now: number): TxStep {
  const read = readAtMessage(doc);
  if (!read.kind || !read.envelope.parts || read.version !== tx.version) {
    const checks = [...read.checks];
    if (read.kind && read.version !== tx.version) {
      checks.push({ code: 'AT_VERSION_MISMATCH', status: 'fail', specRef: `WS-AT interop ${TX_VERSIONS[tx.version].binding}`, path: 'Envelope/Body', message: `expected a WS-AT ${tx.version} notification for transaction ${tx.identifier}, found WS-AT ${read.version}` });
    }
    return { tx, out: [], checks, fault: null };
  }
  const r = refs(tx, read.envelope.parts.headerBlocks, read.kind, true);
  const step = receiveNotification(tx, { kind: read.kind, enlistmentRef: r.enlistmentRef, transactionRef: r.transactionRef, now });
  return { ...step, checks: [...read.checks, ...r.checks, ...step.checks] };
}

/** A Register envelope arrives at the registration service. */
export function receiveRegisterMessage(tx: TransactionState, doc: Document, now: number): RegisterResult {
  const read = readCoorMessage(doc);
  const msg = read.message?.kind === 'Register' ? read.message : null;
  const parts = read.envelope.parts;
  if (!msg || !parts || read.version !== tx.version || read.checks.some((c) => c.status === 'fail')) {
    // A Register the reader refused is answered with the reader's fault (InvalidParameters by default).
    const fault = faultDef(tx.version, read.fault ?? 'invalidParameters');
    const checks = read.version && read.version !== tx.version
      ? [...read.checks, { code: 'COOR_VERSION_MISMATCH', status: 'fail' as const, specRef: `WS-AT interop ${TX_VERSIONS[tx.version].binding}`, path: 'Envelope/Body', message: `expected a WS-Coordination ${tx.version} Register for transaction ${tx.identifier}, found WS-Coordination ${read.version}` }]
      : read.checks;
    return { tx, response: null, enlistment: null, fault, checks };
  }
  const r = refs(tx, parts.headerBlocks, 'Register', false);
  // A Register the coordinator cannot correlate to a transaction (B1131) is refused, not registered.
  if (r.checks.some((c) => c.status === 'fail')) return { tx, response: null, enlistment: null, fault: faultFor(tx.version, 'badParameters'), checks: [...read.checks, ...r.checks] };
  const result = registerParticipant(tx, { protocol: read.protocol ?? null, participant: msg.register.participantProtocolService, transactionRef: r.transactionRef, now });
  return { ...result, checks: [...read.checks, ...r.checks, ...result.checks] };
}
