// WS-AtomicTransaction 1.1 §3 / 2004/10 §3: the protocol notifications — Commit, Rollback, Committed,
// Aborted (Completion and 2PC), Prepare, Prepared, ReadOnly (2PC) and, in 2004/10 only, Replay. Each
// is an empty wsat element in the Body with its own wsa:Action (seed 002 messages 13–22).

import type { Document, Element } from '@xmldom/xmldom';
import type { Check } from '../report/index.ts';
import { UsageError } from '../report/errors.ts';
import { where } from '../xml/path.ts';
import { buildTxEnvelope, checkAction, readTxEnvelope, type ReadTxEnvelope } from '../coor/envelope.ts';
import type { MessageAddressing } from '../coor/messages.ts';
import { TX_VERSIONS, versionOfWsatNs, type AtProtocol, type TxVersionId } from '../coor/versions.ts';

export type AtMessageKind = 'Commit' | 'Rollback' | 'Committed' | 'Aborted' | 'Prepare' | 'Prepared' | 'ReadOnly' | 'Replay';

export const AT_MESSAGE_KINDS: readonly AtMessageKind[] = ['Commit', 'Rollback', 'Committed', 'Aborted', 'Prepare', 'Prepared', 'ReadOnly', 'Replay'];

/** Who sends each notification, per protocol (WS-AT 1.1 §3.2–3.3, 2004/10 §3.2–3.3). */
export const AT_MESSAGE_ROLES: Record<AtMessageKind, { toCoordinator: AtProtocol[]; toParticipant: AtProtocol[] }> = {
  Commit: { toCoordinator: ['Completion'], toParticipant: ['Durable2PC', 'Volatile2PC'] },
  Rollback: { toCoordinator: ['Completion'], toParticipant: ['Durable2PC', 'Volatile2PC'] },
  Committed: { toCoordinator: ['Durable2PC', 'Volatile2PC'], toParticipant: ['Completion'] },
  Aborted: { toCoordinator: ['Durable2PC', 'Volatile2PC'], toParticipant: ['Completion'] },
  Prepare: { toCoordinator: [], toParticipant: ['Durable2PC', 'Volatile2PC'] },
  Prepared: { toCoordinator: ['Durable2PC', 'Volatile2PC'], toParticipant: [] },
  ReadOnly: { toCoordinator: ['Durable2PC', 'Volatile2PC'], toParticipant: [] },
  Replay: { toCoordinator: ['Durable2PC', 'Volatile2PC'], toParticipant: [] },
};

/** The wsa:Action of a notification, or null when the version has no such message (Replay in 1.1). */
export function atAction(v: TxVersionId, kind: AtMessageKind): string | null {
  const a = TX_VERSIONS[v].wsat.actions;
  const map: Record<AtMessageKind, string | undefined> = {
    Commit: a.commit, Rollback: a.rollback, Committed: a.committed, Aborted: a.aborted,
    Prepare: a.prepare, Prepared: a.prepared, ReadOnly: a.readOnly, Replay: a.replay,
  };
  return map[kind] ?? null;
}

/** Builds a notification message; Replay in WS-AT 1.1 is a usage error (1.1 removed it). */
export function buildAtMessage(v: TxVersionId, kind: AtMessageKind, a: MessageAddressing): Document {
  const action = atAction(v, kind);
  if (!action) throw new UsageError('AT_NO_SUCH_MESSAGE', `expected a WS-AT ${v} notification, found ${kind}, which only WS-AT 1.0 (2004/10) defines`);
  const ns = TX_VERSIONS[v].wsat.ns;
  return buildTxEnvelope(v, { ...a, action, body: [{ ns, name: `wsat:${kind}`, xmlns: { wsat: ns } }] });
}

export interface ReadAtMessage {
  version: TxVersionId | null;
  kind: AtMessageKind | null;
  envelope: ReadTxEnvelope;
  checks: Check[];
}

/** Reads a notification: its version, kind, binding (R1001/R1002) and action. */
export function readAtMessage(doc: Document): ReadAtMessage {
  const envelope = readTxEnvelope(doc);
  const el = envelope.payload;
  const v = el ? versionOfWsatNs(el.namespaceURI) : null;
  const checks = [...envelope.checks];
  if (!el || !v) {
    if (el && !checks.some((c) => c.status === 'fail')) checks.push(notNotification(el.namespaceURI, el.localName, el));
    return { version: v, kind: null, envelope, checks };
  }
  const kind = AT_MESSAGE_KINDS.find((k) => k === el.localName) ?? null;
  const spec = TX_VERSIONS[v].atSpec;
  if (!kind) {
    checks.push(notNotification(el.namespaceURI, el.localName, el));
    return { version: v, kind: null, envelope, checks };
  }
  const action = atAction(v, kind);
  if (!action) {
    checks.push({ code: 'AT_REPLAY_NOT_IN_11', status: 'fail', specRef: 'WS-AT 1.1 §3.3', ...where(el), message: `expected a WS-AT 1.1 notification (Commit, Rollback, Committed, Aborted, Prepare, Prepared, ReadOnly), found wsat:${kind}, which WS-AT 1.1 removed (1.0 only)` });
    return { version: v, kind: null, envelope, checks };
  }
  checks.push(checkAction(envelope.addressing, action, `${spec} §3`));
  checks.push({ code: 'AT_NOTIFICATION', status: 'pass', specRef: `${spec} §3`, ...where(el), message: `wsat:${kind} (WS-AT ${v})` });
  return { version: v, kind, envelope, checks };
}

function notNotification(ns: string | null, local: string | null, el: Element): Check {
  return { code: 'AT_NOT_NOTIFICATION', status: 'fail', specRef: 'WS-AT 1.1 §3', ...where(el), message: `expected a WS-AT notification (${AT_MESSAGE_KINDS.join(', ')}) in the Body, found {${ns ?? ''}}${local}` };
}
