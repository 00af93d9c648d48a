// The coordinator half of a transaction manager (seed 002: the ITM, and the PTM for its subordinate
// context): Activation — a context per CreateCoordinationContext and, in the mixed binding, an SCT
// with its secret STx in t:IssuedTokens (R1222); Registration — Register authenticated by the
// registrant's TLS certificate (HTTPS binding, R1111) or by the Timestamp signed with STx (mixed,
// R1232), answered with an EPR whose reference parameters correlate later messages (B1241); and the
// Completion / 2PC notifications, driven through the transaction's state machines.

import type { Document } from '@xmldom/xmldom';
import { toBase64 } from '../crypto/encoding.ts';
import { uuidV4, type RandomSource } from '../crypto/random.ts';
import type { Check } from '../report/index.ts';
import { createTransaction, coordinatorEpr, registerParticipant, transactionContext, TX_REF, type TransactionState } from '../at/transaction.ts';
import { receiveNotificationMessage } from '../at/wire.ts';
import type { TxStep } from '../at/transaction_run.ts';
import { buildAtMessage } from '../at/messages.ts';
import { COMPLETION_COORDINATOR } from '../at/completion.ts';
import { DURABLE_2PC_COORDINATOR, VOLATILE_2PC_COORDINATOR } from '../at/coordinator_2pc.ts';
import { findReferenceParameter, type Epr } from '../coor/epr.ts';
import { buildTxFault, faultDef, faultFor, type TxFaultDef, type TxFaultKind } from '../coor/faults.ts';
import { buildIssuedTokens, type IssuedToken } from '../coor/issued_tokens.ts';
import { buildCoorMessage, readCoorMessage } from '../coor/messages.ts';
import type { CreateCoordinationContext } from '../coor/activation.ts';
import { registerAuthenticationChecks, txSecurityHeader } from '../coor/register_security.ts';
import { TX_VERSIONS } from '../coor/versions.ts';
import { newSctIdentifier } from '../sc/sct.ts';
import { formatXml, serializeXml } from '../xml/serialize.ts';
import { notificationLabel, receiveTxWire, unexpected, type Inbound, type MachineView, type OutItem, type Peer, type Secrets, type WsatParty } from './wsat_common.ts';

export interface CoordinatorState extends WsatParty {
  services: { activation: string; registration: string; coordinator: string };
  /** wscoor:Expires (ms) of the contexts it creates. */
  contextExpiresMs: number;
  transactions: TransactionState[];
  /** The SCTs it issued (mixed binding, R1222), STx included: what a Register must be signed with. */
  issued: IssuedToken[];
}

export interface Env {
  random: RandomSource;
  now: number;
  transport: 'https' | 'http';
}

export type { Secrets } from './wsat_common.ts';

export interface Handled<S> {
  state: S;
  checks: Check[];
  secrets: Secrets;
}

/** Pretty-printed wire text (signatures are made after this, so they cover the text as sent). */
export const wireOf = (doc: Document): string => formatXml(serializeXml(doc));

/** A new context (and, in the mixed binding, its SCT and secret STx: R1222). */
export function createContext<S extends CoordinatorState>(s: S, env: Env, subordinate: boolean): { state: S; tx: TransactionState; token: IssuedToken | null; secrets: Secrets } {
  const identifier = `http://${s.tls.fqdn}/tx/${uuidV4(env.random)}`;
  const tx = createTransaction({
    version: s.version, identifier, createdAt: env.now, expires: s.contextExpiresMs,
    registrationAddress: s.services.registration, coordinatorAddress: s.services.coordinator, subordinate,
  });
  if (s.binding !== 'mixed') return { state: { ...s, transactions: [...s.transactions, tx] }, tx, token: null, secrets: {} };
  const token: IssuedToken = {
    identifier: newSctIdentifier(env.random), secretB64: toBase64(env.random.bytes(32)), appliesTo: identifier,
    created: env.now, expires: env.now + 3600_000, keySize: 256,
  };
  const secrets: Secrets = { [`STx ${token.identifier}`]: { issuedBy: s.tls.fqdn, context: identifier, secretB64: token.secretB64, keySize: token.keySize } };
  return { state: { ...s, transactions: [...s.transactions, tx], issued: [...s.issued, token] }, tx, token, secrets };
}

export function tokenFor(s: CoordinatorState, txId: string): IssuedToken | null {
  return s.issued.find((t) => t.appliesTo === txId) ?? null;
}

/** The transaction a message's wstx:Transaction reference parameter names (B1131 / B1241). */
export function txByRef(s: CoordinatorState, inbound: Inbound, context: string, requirement: string): { tx: TransactionState | null; checks: Check[] } {
  if (!inbound.parts) return { tx: null, checks: [] };
  const r = findReferenceParameter(inbound.parts.headerBlocks, TX_VERSIONS[s.version].wsa, TX_REF, requirement, context);
  if (!r.found) return { tx: null, checks: r.checks };
  const tx = s.transactions.find((t) => t.identifier === r.found?.value) ?? null;
  if (tx) return { tx, checks: r.checks };
  const known = s.transactions.map((t) => t.identifier).join(', ') || 'none';
  const spec = TX_VERSIONS[s.version].atSpec;
  return { tx: null, checks: [...r.checks, { code: 'AT_UNKNOWN_TRANSACTION', status: 'fail', specRef: `${requirement}; ${spec} §5`, path: 'Envelope/Header', message: `expected a transaction this coordinator knows (${known}), found ${r.found.value}` }] };
}

const withTx = <S extends CoordinatorState>(s: S, tx: TransactionState): S => ({ ...s, transactions: s.transactions.map((t) => (t.identifier === tx.identifier ? tx : t)) });

function replyEpr(inbound: Inbound): Epr | null {
  return inbound.addressing?.replyTo ? { address: inbound.addressing.replyTo, referenceParameters: [] } : null;
}

/** Queues a fault to the requester's ReplyTo — unless the TLS handshake failed, which leaves no channel to answer on. */
export function queueFault<S extends CoordinatorState>(s: S, inbound: Inbound, def: TxFaultDef, detail: string): S {
  const to = replyEpr(inbound);
  if (!to || inbound.tlsFailed) return s;
  const item: OutItem = { label: `Fault (${def.local})`, to, payload: { type: 'fault', fault: def.kind, detail }, ...(inbound.addressing?.messageId ? { relatesTo: inbound.addressing.messageId } : {}) };
  return { ...s, outbox: [...s.outbox, item] };
}

/** Reads a CreateCoordinationContext at the activation service (seed 002 messages 1 and 6). */
export async function readActivation(s: CoordinatorState, from: Peer, wire: string, env: Env): Promise<{ inbound: Inbound; request: CreateCoordinationContext | null; checks: Check[]; fault: TxFaultDef | null }> {
  const inbound = await receiveTxWire(s, from, wire, { transport: env.transport, now: env.now });
  const checks = [...inbound.checks];
  if (!inbound.doc) return { inbound, request: null, checks, fault: null };
  const read = readCoorMessage(inbound.doc);
  checks.push(...read.checks);
  if (read.message?.kind !== 'CreateCoordinationContext') {
    return { inbound, request: null, checks: [...checks, unexpected(s.id, 'CreateCoordinationContext', read.message?.kind ?? 'no coordination message')], fault: faultFor(s.version, 'badParameters') };
  }
  const fault = read.fault ? (faultDef(s.version, read.fault) ?? faultFor(s.version, 'cannotCreateContext')) : checks.some((c) => c.status === 'fail') ? faultFor(s.version, 'cannotCreateContext') : null;
  return { inbound, request: read.message.request, checks, fault };
}

/** Queues the CreateCoordinationContextResponse for a new context (with its IssuedTokens in the mixed binding). */
export function answerActivation<S extends CoordinatorState>(s: S, inbound: Inbound, tx: TransactionState): { state: S; checks: Check[] } {
  const to = replyEpr(inbound);
  if (!to) return { state: s, checks: [noReplyTo('CreateCoordinationContext')] };
  const item: OutItem = { label: 'CreateCoordinationContextResponse', to, payload: { type: 'ccc-response', transaction: tx.identifier }, ...(inbound.addressing?.messageId ? { relatesTo: inbound.addressing.messageId } : {}) };
  return { state: { ...s, outbox: [...s.outbox, item] }, checks: [replyToFound('CreateCoordinationContext', to.address, 'B1221')] };
}

/** Register arrives at the registration service (seed 002 messages 3, 7, 10). */
export async function receiveRegister<S extends CoordinatorState>(s: S, from: Peer, wire: string, env: Env): Promise<Handled<S>> {
  const secrets = Object.fromEntries(s.issued.map((t) => [t.identifier, t.secretB64]));
  const inbound = await receiveTxWire(s, from, wire, { transport: env.transport, now: env.now, ...(s.binding === 'mixed' ? { sctSecrets: secrets } : {}) });
  const checks = [...inbound.checks];
  if (!inbound.doc || !inbound.parts || !inbound.security) return { state: s, checks, secrets: {} };
  const read = readCoorMessage(inbound.doc);
  checks.push(...read.checks);
  if (read.message?.kind !== 'Register') return { state: s, checks: [...checks, unexpected(s.id, 'Register', read.message?.kind ?? 'no coordination message')], secrets: {} };
  const { tx, checks: refChecks } = txByRef(s, inbound, 'Register', 'WS-AT interop B1131');
  checks.push(...refChecks);
  if (tx && s.binding === 'mixed') checks.push(...tokenChecks(s, tx, inbound, env.now));
  if (tx && s.binding === 'https' && !inbound.tlsFailed) {
    checks.push({ code: 'WSAT_REGISTER_AUTHENTICATED', status: 'pass', specRef: 'WS-AT interop R1111', path: '', message: `the registrant ${from.fqdn} is authenticated by its TLS client certificate (HTTPS binding)` });
  }
  const failed = checks.find((c) => c.status === 'fail');
  if (!tx || failed) {
    const def = (read.fault ? faultDef(s.version, read.fault) : null) ?? faultFor(s.version, 'cannotRegister');
    return { state: queueFault(s, inbound, def, failed ? `${failed.code}: ${failed.message}` : 'no such transaction'), checks, secrets: {} };
  }
  const r = registerParticipant(tx, { protocol: read.protocol ?? null, participant: read.message.register.participantProtocolService, transactionRef: tx.identifier, now: env.now });
  checks.push(...r.checks);
  if (!r.response || !r.enlistment) return { state: queueFault(s, inbound, r.fault ?? faultFor(s.version, 'cannotRegister'), r.checks.find((c) => c.status === 'fail')?.message ?? ''), checks, secrets: {} };
  const to = replyEpr(inbound);
  if (!to) return { state: withTx(s, r.tx), checks: [...checks, noReplyTo('Register')], secrets: {} };
  const item: OutItem = { label: 'RegisterResponse', to, payload: { type: 'register-response', transaction: tx.identifier, enlistment: r.enlistment }, ...(inbound.addressing?.messageId ? { relatesTo: inbound.addressing.messageId } : {}) };
  return { state: { ...withTx(s, r.tx), outbox: [...s.outbox, item] }, checks: [...checks, replyToFound('Register', to.address, 'B1231')], secrets: {} };
}

/** R1232: the Register is signed with the live SCT issued for its transaction. */
function tokenChecks(s: CoordinatorState, tx: TransactionState, inbound: Inbound, now: number): Check[] {
  const token = tokenFor(s, tx.identifier);
  if (!inbound.security || !inbound.parts) return [];
  const checks = registerAuthenticationChecks(inbound.security, inbound.parts, token ? { identifier: token.identifier, context: tx.identifier } : null);
  if (token && now > token.expires) {
    checks.push({ code: 'WSAT_ISSUED_TOKEN_EXPIRED', status: 'fail', specRef: 'WS-AT interop R1232', path: 'Envelope/Header/Security', message: `expected the SecurityContextToken ${token.identifier} valid now (${new Date(now).toISOString()}), found it expired at ${new Date(token.expires).toISOString()}` });
  }
  return checks;
}

/** The request names where its answer goes, so request and reply correlate over duplex HTTPS. */
export function replyToFound(kind: string, address: string, requirement: 'B1221' | 'B1231'): Check {
  return { code: 'WSAT_REPLY_TO', status: 'pass', specRef: `WS-AT interop ${requirement}`, path: 'Envelope/Header/ReplyTo', message: `${kind} names wsa:ReplyTo ${address}: the answer goes there, correlated by wsa:RelatesTo` };
}

export function noReplyTo(kind: string): Check {
  return { code: 'WSAT_NO_REPLY_TO', status: 'fail', specRef: 'WS-AT interop B1221 / B1231', path: 'Envelope/Header', message: `expected wsa:ReplyTo on ${kind} to send the answer to (duplex HTTPS), found none` };
}

/** A Completion or 2PC notification arrives at the coordinator protocol service. */
export async function receiveCoordinatorNotification<S extends CoordinatorState>(s: S, from: Peer, wire: string, env: Env): Promise<Handled<S> & { step: TxStep | null }> {
  const inbound = await receiveTxWire(s, from, wire, { transport: env.transport, now: env.now });
  const checks = [...inbound.checks];
  if (!inbound.doc || inbound.checks.some((c) => c.status === 'fail')) return { state: s, checks, secrets: {}, step: null };
  const { tx, checks: refChecks } = txByRef(s, inbound, 'the notification', 'WS-AT interop B1241');
  if (!tx) return { state: s, checks: [...checks, ...refChecks], secrets: {}, step: null };
  const step = receiveNotificationMessage(tx, inbound.doc, env.now);
  checks.push(...step.checks);
  const queued = step.out.filter((m) => m.to !== null).map((m): OutItem => (m.kind === 'Fault'
    ? { label: `Fault (${faultDef(s.version, m.fault as TxFaultKind)?.local ?? m.fault})`, to: m.to as Epr, payload: { type: 'fault', fault: m.fault as TxFaultKind, detail: '' } }
    : { label: notificationLabel(m.kind, m.protocol), to: m.to as Epr, payload: { type: 'notification', kind: m.kind } }));
  return { state: { ...withTx(s, step.tx), outbox: [...s.outbox, ...queued] }, checks, secrets: {}, step };
}

/** Queues a coordinator's TxStep output (used by the subordinate after its superior's word). */
export function queueStep<S extends CoordinatorState>(s: S, step: TxStep): S {
  const queued = step.out.filter((m) => m.to !== null && m.kind !== 'Fault').map((m): OutItem => ({ label: notificationLabel(m.kind, m.protocol), to: m.to as Epr, payload: { type: 'notification', kind: m.kind as Exclude<typeof m.kind, 'Fault'> } }));
  return { ...withTx(s, step.tx), outbox: [...s.outbox, ...queued] };
}

/** Renders a queued coordinator message (CCCResponse, RegisterResponse, notification, fault) at produce time. */
export function renderCoordinatorItem(s: CoordinatorState, item: OutItem, env: { random: RandomSource; now: number }): { wire: string; messageId: string } {
  const v = s.version;
  const messageId = `urn:uuid:${uuidV4(env.random)}`;
  const ids = { messageId, ...(item.relatesTo ? { relatesTo: item.relatesTo } : {}) };
  const security = txSecurityHeader(env.now);
  const p = item.payload;
  const tx = 'transaction' in p ? s.transactions.find((t) => t.identifier === p.transaction) : undefined;
  if (p.type === 'notification') return { wire: wireOf(buildAtMessage(v, p.kind, { to: item.to, ...ids, headers: [security] })), messageId };
  if (p.type === 'fault') {
    const def = faultDef(v, p.fault) ?? faultFor(v, 'badParameters');
    return { wire: wireOf(buildTxFault(v, def, { to: item.to.address, ...ids, headers: [security] }, p.detail || undefined)), messageId };
  }
  if (p.type === 'ccc-response' && tx) {
    const token = tokenFor(s, tx.identifier);
    const headers = [...(token ? [buildIssuedTokens(v, [token])] : []), security];
    return { wire: wireOf(buildCoorMessage(v, { kind: 'CreateCoordinationContextResponse', context: transactionContext(tx) }, { to: item.to, ...ids, headers })), messageId };
  }
  if (p.type === 'register-response' && tx) {
    return { wire: wireOf(buildCoorMessage(v, { kind: 'RegisterResponse', response: { coordinatorProtocolService: coordinatorEpr(tx, p.enlistment) } }, { to: item.to, ...ids, headers: [security] })), messageId };
  }
  const def = faultFor(v, 'inconsistent');
  return { wire: wireOf(buildTxFault(v, def, { to: item.to.address, ...ids, headers: [security] }, `nothing to render for ${item.label}`)), messageId };
}

const MACHINE_NAMES = { Completion: COMPLETION_COORDINATOR.name, Durable2PC: DURABLE_2PC_COORDINATOR.name, Volatile2PC: VOLATILE_2PC_COORDINATOR.name } as const;

/** The coordinator's view of every enlistment, for the UI. */
export function coordinatorMachines(s: CoordinatorState): MachineView[] {
  return s.transactions.flatMap((tx) => tx.enlistments.map((e): MachineView => ({
    role: 'coordinator', machine: MACHINE_NAMES[e.protocol], protocol: e.protocol, transaction: tx.identifier, enlistment: e.id, state: e.state, peer: e.participant.address,
  })));
}
