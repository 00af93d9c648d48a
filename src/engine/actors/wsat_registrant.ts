// The requesting side of activation and registration, shared by App1, App2 and the PTM toward its
// superior (seed 002 messages 1–4, 6–11): CreateCoordinationContext (with CurrentContext and the
// flowed t:IssuedTokens for a subordinate, R1223), reading the response and its IssuedTokens
// (R1222), Register — signed with STx in the mixed binding (R1232) — and reading RegisterResponse,
// whose CoordinatorProtocolService must carry reference parameters (B1241). Then the registrant's
// own notifications, correlated by the reference parameter of its ParticipantProtocolService (B1131).

import type { RandomSource } from '../crypto/random.ts';
import { fromBase64 } from '../crypto/encoding.ts';
import { uuidV4 } from '../crypto/random.ts';
import type { Check } from '../report/index.ts';
import { receiveRegistrantMessage, registrantMachine, type Registrant, type RegistrantStep } from '../at/registrant.ts';
import type { AtMessageKind } from '../at/messages.ts';
import type { CoordinationContext } from '../coor/context.ts';
import type { Epr } from '../coor/epr.ts';
import { readTxFault } from '../coor/faults.ts';
import { buildIssuedTokens, findIssuedTokensHeader, readIssuedTokens, type IssuedToken } from '../coor/issued_tokens.ts';
import { buildCoorMessage, readCoorMessage } from '../coor/messages.ts';
import { signTimestampWithIssuedToken, txSecurityHeader } from '../coor/register_security.ts';
import { protocolUri, TX_VERSIONS, type AtProtocol, type TxVersionId } from '../coor/versions.ts';
import { parseXml } from '../xml/parse.ts';
import { serializeXml } from '../xml/serialize.ts';
import { notificationLabel, receiveTxWire, relatesCheck, unexpected, type Inbound, type MachineView, type OutItem, type Peer, type WsatParty } from './wsat_common.ts';
import { wireOf, type Env } from './wsat_coordinator.ts';

export interface Rendered {
  wire: string;
  messageId: string;
}

/** CreateCoordinationContext: a new context, or a subordinate one of `current` with its token flowed (R1223). */
export function renderCcc(v: TxVersionId, m: { to: string; replyTo: string; current: CoordinationContext | null; flow: IssuedToken | null; expires?: number }, env: { random: RandomSource; now: number }): Rendered {
  const messageId = `urn:uuid:${uuidV4(env.random)}`;
  const request = { coordinationType: TX_VERSIONS[v].wsat.ns, ...(m.expires !== undefined ? { expires: m.expires } : {}), ...(m.current ? { currentContext: m.current } : {}) };
  const headers = [...(m.flow ? [buildIssuedTokens(v, [m.flow])] : []), txSecurityHeader(env.now)];
  const doc = buildCoorMessage(v, { kind: 'CreateCoordinationContext', request }, { to: { address: m.to, referenceParameters: [] }, messageId, replyTo: m.replyTo, headers });
  return { wire: wireOf(doc), messageId };
}

export interface RegisterSpec {
  to: Epr;
  replyTo: string;
  protocol: AtProtocol;
  participant: Epr;
  /** Mixed binding: sign the Timestamp with this token's STx (R1232); `wrongKey` signs with another key. */
  sign: { token: IssuedToken; wrongKey?: Uint8Array } | null;
}

/** Register (seed 002 messages 3, 7, 10). */
export async function renderRegister(v: TxVersionId, m: RegisterSpec, env: { random: RandomSource; now: number }): Promise<Rendered> {
  const messageId = `urn:uuid:${uuidV4(env.random)}`;
  const register = { protocolIdentifier: protocolUri(v, m.protocol), participantProtocolService: m.participant };
  const security = txSecurityHeader(env.now, 300, m.sign ? { v, identifier: m.sign.token.identifier } : undefined);
  const doc = parseXml(wireOf(buildCoorMessage(v, { kind: 'Register', register }, { to: m.to, messageId, replyTo: m.replyTo, headers: [security] })));
  if (m.sign) {
    const secret = m.sign.wrongKey ?? fromBase64(m.sign.token.secretB64, 'STx');
    await signTimestampWithIssuedToken(doc, v, { identifier: m.sign.token.identifier, secret });
  }
  return { wire: serializeXml(doc), messageId };
}

export interface Reply<T> {
  value: T | null;
  /** The WS-Coor / WS-AT fault that came instead, if any. */
  fault: string | null;
  checks: Check[];
  awaiting: WsatParty['awaiting'];
}

/** Reads the answer to a request of ours: a fault, or the coordination message `kind`. */
async function readReply(s: WsatParty, from: Peer, wire: string, env: Env, kind: 'CreateCoordinationContextResponse' | 'RegisterResponse'): Promise<{ inbound: Inbound; reply: Reply<ReturnType<typeof readCoorMessage>> }> {
  const inbound = await receiveTxWire(s, from, wire, { transport: env.transport, now: env.now });
  const checks = [...inbound.checks];
  const rel = relatesCheck(s, inbound.addressing, kind);
  const reply = { value: null, fault: null, checks, awaiting: rel.awaiting };
  if (!inbound.doc) return { inbound, reply };
  checks.push(rel.check);
  const fault = readTxFault(inbound.doc);
  if (fault) {
    checks.push({ code: 'WSAT_FAULT_RECEIVED', status: 'info', specRef: 'WS-Coordination 1.1 §4', path: 'Envelope/Body/Fault', message: `the coordinator answered our request with ${fault.subcode ?? fault.code}: ${fault.reason}` });
    return { inbound, reply: { ...reply, fault: fault.subcode ?? fault.code } };
  }
  const read = readCoorMessage(inbound.doc);
  checks.push(...read.checks);
  if (read.message?.kind !== kind) checks.push(unexpected(s.id, kind, read.message?.kind ?? 'no coordination message'));
  return { inbound, reply: { ...reply, value: read } };
}

/** CreateCoordinationContextResponse: the context and, in the mixed binding, the SCT issued for it (R1222). */
export async function readCccResponse(s: WsatParty, from: Peer, wire: string, env: Env, requirement: 'R1222' | 'R1223'): Promise<Reply<{ context: CoordinationContext; token: IssuedToken | null }>> {
  const { inbound, reply } = await readReply(s, from, wire, env, 'CreateCoordinationContextResponse');
  const m = reply.value?.message;
  if (m?.kind !== 'CreateCoordinationContextResponse' || reply.checks.some((c) => c.status === 'fail')) return { ...reply, value: null };
  const checks = [...reply.checks];
  let token: IssuedToken | null = null;
  if (s.binding === 'mixed' && inbound.parts) {
    const it = findIssuedTokensHeader(inbound.parts.headerBlocks);
    const read = it ? readIssuedTokens(it, s.version) : null;
    if (read) checks.push(...read.checks);
    token = read?.tokens.find((t) => t.appliesTo === m.context.identifier) ?? null;
    checks.push(token
      ? { code: 'WSAT_ISSUED_TOKEN', status: 'pass', specRef: `WS-AT interop ${requirement}`, path: 'Envelope/Header/IssuedTokens', message: `t:IssuedTokens carries SecurityContextToken ${token.identifier} (STx, ${token.keySize} bits) for context ${m.context.identifier}` }
      : { code: 'WSAT_ISSUED_TOKENS_MISSING', status: 'fail', specRef: `WS-AT interop ${requirement}`, path: 'Envelope/Header', message: `expected t:IssuedTokens with a SecurityContextToken for context ${m.context.identifier} on CreateCoordinationContextResponse, found ${it ? 'none for that context' : 'no t:IssuedTokens header'}` });
  }
  return { ...reply, checks, value: checks.some((c) => c.status === 'fail') ? null : { context: m.context, token } };
}

/** RegisterResponse: the CoordinatorProtocolService EPR, with reference parameters (B1241). */
export async function readRegisterResponse(s: WsatParty, from: Peer, wire: string, env: Env): Promise<Reply<Epr>> {
  const { reply } = await readReply(s, from, wire, env, 'RegisterResponse');
  const m = reply.value?.message;
  if (m?.kind !== 'RegisterResponse' || reply.checks.some((c) => c.status === 'fail')) return { ...reply, value: null };
  return { ...reply, value: m.response.coordinatorProtocolService };
}

/** A notification from our coordinator, read over TLS and stepped through our machine. */
export async function receiveAsRegistrant(s: WsatParty, r: Registrant, from: Peer, wire: string, env: Env): Promise<RegistrantStep> {
  const inbound = await receiveTxWire(s, from, wire, { transport: env.transport, now: env.now });
  if (!inbound.doc || inbound.checks.some((c) => c.status === 'fail')) return { registrant: r, kind: null, send: [], fault: null, checks: inbound.checks };
  const step = receiveRegistrantMessage(r, s.version, inbound.doc);
  return { ...step, checks: [...inbound.checks, ...step.checks] };
}

/** The registrant's messages to its coordinator, queued for the next steps. */
export function registrantItems(r: Registrant, kinds: AtMessageKind[]): OutItem[] {
  if (!r.coordinator) return [];
  return kinds.map((kind) => ({ label: notificationLabel(kind, r.protocol), to: r.coordinator as Epr, payload: { type: 'notification', kind } }));
}

/** The registrant's own machine, for the UI. */
export function registrantView(r: Registrant): MachineView {
  return {
    role: r.protocol === 'Completion' ? 'initiator' : 'participant', machine: registrantMachine(r.protocol).name, protocol: r.protocol,
    transaction: r.transaction, enlistment: r.ref, state: r.state, peer: r.coordinator?.address ?? '(not registered yet)',
  };
}
