// Seed 002's App2, the participant application: it reads App1's call (5) — the CoordinationContext
// and t:IssuedTokens headers encrypted and signed (R2001, R2002), an absolute Identifier (B2003) —
// asks its PTM for a subordinate context, flowing the token (6, R1223), takes the PTM's context and
// new token (9), registers for Durable2PC or Volatile2PC (10–11, signed with the PTM's STx, R1232),
// answers App1 (12; a fault when it refused the call), and then votes as configured when prepared
// (15 → 16) and commits (20 → 21), or rolls back.

import type { RandomSource } from '../crypto/random.ts';
import { makeReport, UsageError, type Check } from '../report/index.ts';
import { participantEpr, registrantEvent, type Registrant } from '../at/registrant.ts';
import type { CoordinationContext } from '../coor/context.ts';
import { buildTxFault, faultFor } from '../coor/faults.ts';
import type { IssuedToken } from '../coor/issued_tokens.ts';
import { txSecurityHeader } from '../coor/register_security.ts';
import { buildAtMessage } from '../at/messages.ts';
import { takeFor, type Peer, type WsatParty } from './wsat_common.ts';
import { wireOf, type Env, type Secrets } from './wsat_coordinator.ts';
import { readCccResponse, readRegisterResponse, receiveAsRegistrant, registrantItems, registrantView, renderCcc, renderRegister } from './wsat_registrant.ts';
import { buildAppResponse, readAppMessage, transactionHeaderChecks } from './wsat_app_message.ts';
import type { Received, Sent } from './wsat_app1.ts';
import type { X509IdentityState } from './x509_identity.ts';

export interface App2State extends WsatParty {
  /** Its application endpoint (message 5 arrives here) and its endpoint for replies and 2PC. */
  endpoint: string;
  txEndpoint: string;
  ptmActivation: string;
  x509: X509IdentityState;
  /** App1's call: the context and token it came with, and where the answer goes. */
  call: { context: CoordinationContext | null; token: IssuedToken | null; replyTo: string; messageId: string } | null;
  /** Why App2 refuses the call (answered with a fault at message 12). */
  refusal: { code: string; message: string } | null;
  /** The PTM's subordinate context and the SCT it issued for it. */
  context: CoordinationContext | null;
  token: IssuedToken | null;
  registrant: Registrant | null;
  protocol: 'Durable2PC' | 'Volatile2PC';
  /** What App2 votes when asked to prepare. */
  vote: 'Prepared' | 'ReadOnly' | 'Aborted';
}

type Now = { random: RandomSource; now: number };

const done = (s: App2State, checks: Check[]): Received<App2State> => ({ state: { ...s, machines: s.registrant ? [registrantView(s.registrant)] : [] }, report: makeReport('app2', checks) });
const firstFail = (checks: Check[]) => checks.find((c) => c.status === 'fail');

/** 5: App1's transactional call. */
export async function app2ReadCall(s: App2State, wire: string, now: number): Promise<Received<App2State>> {
  const r = await readAppMessage(s.version, s.x509, wire, now);
  const tx = transactionHeaderChecks(s.version, r, s.binding);
  const checks = [...r.checks, ...tx.checks];
  const fail = firstFail(checks);
  const call = { context: tx.context, token: tx.token, replyTo: r.addressing?.replyTo ?? '', messageId: r.addressing?.messageId ?? '' };
  return done({ ...s, call, refusal: fail ? { code: fail.code, message: fail.message } : null }, checks);
}

/** 6: CreateCoordinationContext to the PTM with App1's context and, in the mixed binding, its token (R1223). */
export function app2CreateContext(s: App2State, env: Now): Sent<App2State> {
  if (!s.call?.context || s.refusal) throw new UsageError('WSAT_NO_CONTEXT', `expected App2 to have accepted App1's context to join, found ${s.refusal ? `the call refused (${s.refusal.code})` : 'no call'}`);
  const r = renderCcc(s.version, { to: s.ptmActivation, replyTo: s.txEndpoint, current: s.call.context, flow: s.binding === 'mixed' ? s.call.token : null }, env);
  return { state: { ...s, awaiting: [...s.awaiting, { messageId: r.messageId, kind: 'CreateCoordinationContext' }] }, wire: r.wire, secrets: {} };
}

/** 9: the PTM's subordinate context and the new token issued for it (R1223). */
export async function app2ReadContext(s: App2State, from: Peer, wire: string, env: Env): Promise<Received<App2State>> {
  const r = await readCccResponse(s, from, wire, env, 'R1223');
  const refusal = r.value ? s.refusal : { code: r.fault ?? firstFail(r.checks)?.code ?? 'WSAT_CONTEXT_REFUSED', message: `the PTM did not give App2 a context: ${r.fault ?? firstFail(r.checks)?.message ?? 'no response'}` };
  return done({ ...s, awaiting: r.awaiting, context: r.value?.context ?? null, token: r.value?.token ?? null, refusal }, r.checks);
}

/** 10: Register with the PTM, signed with the PTM's STx in the mixed binding (R1232). */
export async function app2Register(s: App2State, env: Now): Promise<Sent<App2State>> {
  if (!s.context) throw new UsageError('WSAT_NO_CONTEXT', 'expected App2 to hold the PTM\'s context to register in, found none: message 9 was refused');
  const ref = `${s.context.identifier}#app2`;
  const sign = s.binding === 'mixed' && s.token ? { token: s.token } : null;
  const r = await renderRegister(s.version, { to: s.context.registrationService, replyTo: s.txEndpoint, protocol: s.protocol, participant: participantEpr(s.txEndpoint, ref), sign }, env);
  const registrant: Registrant = { protocol: s.protocol, state: 'None', ref, coordinator: null, transaction: s.context.identifier };
  return { state: { ...s, registrant, awaiting: [...s.awaiting, { messageId: r.messageId, kind: 'Register' }] }, wire: r.wire, secrets: {} };
}

/** 11: RegisterResponse: the PTM's coordinator EPR for App2's enlistment. */
export async function app2ReadRegistered(s: App2State, from: Peer, wire: string, env: Env): Promise<Received<App2State>> {
  const r = await readRegisterResponse(s, from, wire, env);
  const registrant = s.registrant && r.value ? { ...s.registrant, state: 'Active', coordinator: r.value } : s.registrant;
  const refusal = r.value ? s.refusal : { code: r.fault ?? 'WSAT_NOT_REGISTERED', message: 'the PTM did not register App2' };
  return done({ ...s, awaiting: r.awaiting, registrant, refusal }, r.checks);
}

/** 12: the answer to App1 — secured, or a fault when App2 refused the call or could not join. */
export async function app2Answer(s: App2State, app1CertPem: string, env: Now): Promise<Sent<App2State>> {
  const call = s.call;
  if (!call?.replyTo) throw new UsageError('WSAT_NO_CALL', 'expected a call from App1 to answer, found none');
  if (s.refusal || !s.registrant?.coordinator) {
    const why = s.refusal ?? { code: 'WSAT_NOT_REGISTERED', message: 'App2 is not registered in the transaction' };
    const def = why.code === 'COOR_IDENTIFIER_RELATIVE' || why.code.startsWith('WSAT_APP') ? faultFor(s.version, 'badParameters') : faultFor(s.version, 'cannotRegister');
    const doc = buildTxFault(s.version, def, { to: call.replyTo, relatesTo: call.messageId }, `${why.code}: ${why.message}`);
    return { state: s, wire: wireOf(doc), label: `Application: fault (${def.local})`, secrets: {} };
  }
  const m = await buildAppResponse({ v: s.version, to: call.replyTo, relatesTo: call.messageId, recipientPem: app1CertPem, signer: s.x509, random: env.random, now: env.now });
  const secrets: Secrets = { 'application response 12: ephemeral key': { ...m.secured.secrets } };
  return { state: s, wire: m.wire, secrets };
}

const VOTE: Record<App2State['vote'], string> = { Prepared: 'votePrepared', ReadOnly: 'voteReadOnly', Aborted: 'voteAborted' };

/** 15, 20 (or Rollback): the PTM's 2PC message; App2 votes when prepared and acknowledges the outcome. */
export async function app2Receive2pc(s: App2State, from: Peer, wire: string, env: Env): Promise<Received<App2State>> {
  if (!s.registrant) return done(s, [{ code: 'WSAT_UNEXPECTED_MESSAGE', status: 'fail', specRef: 'WS-AT 1.1 §3.3', path: '', message: 'App2 expected no 2PC message (it never registered), found one' }]);
  const st = await receiveAsRegistrant(s, s.registrant, from, wire, env);
  const checks = [...st.checks];
  let registrant = st.registrant;
  const send = [...st.send];
  const follow = st.kind === 'Prepare' && registrant.state === 'Preparing' ? VOTE[s.vote] : st.kind === 'Commit' && registrant.state === 'Committing' ? 'commitDone' : null;
  if (follow) {
    const next = registrantEvent(registrant, s.version, follow);
    checks.push(...next.checks);
    registrant = next.registrant;
    send.push(...next.send);
  }
  return done({ ...s, registrant, outbox: [...s.outbox, ...registrantItems(registrant, send)] }, checks);
}

/** 16, 21: App2's queued vote or acknowledgement to the PTM. */
export function app2Send(s: App2State, fqdn: string, env: Now): Sent<App2State> {
  const { item, state } = takeFor(s, fqdn);
  const kind = item.payload.type === 'notification' ? item.payload.kind : 'Aborted';
  return { state, wire: wireOf(buildAtMessage(s.version, kind, { to: item.to, headers: [txSecurityHeader(env.now)] })), label: item.label, secrets: {} };
}
