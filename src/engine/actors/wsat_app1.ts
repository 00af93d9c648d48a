// Seed 002's App1, the initiator application: it asks its ITM for a context (1–2, taking the SCT
// from t:IssuedTokens in the mixed binding, R1222), registers for Completion (3–4, the Register
// signed with STx, R1232), calls App2 with the context and the token in encrypted, signed headers
// (5, R2001/R2002), reads App2's answer (12) and then commits — or rolls back when App2 refused or
// the user chose to — over Completion (13), and learns the outcome (18).

import type { RandomSource } from '../crypto/random.ts';
import { makeReport, UsageError, type Check, type Report } from '../report/index.ts';
import { participantEpr, registrantEvent, renderRegistrantMessage, type Registrant } from '../at/registrant.ts';
import type { CoordinationContext } from '../coor/context.ts';
import type { IssuedToken } from '../coor/issued_tokens.ts';
import { readTxFault } from '../coor/faults.ts';
import { parseXml } from '../xml/parse.ts';
import { relatesCheck, type Peer, type WsatParty } from './wsat_common.ts';
import { readEnvelope } from '../soap/envelope.ts';
import { readAddressing } from '../wsa/headers.ts';
import { wireOf, type Env, type Secrets } from './wsat_coordinator.ts';
import { readCccResponse, readRegisterResponse, receiveAsRegistrant, registrantView, renderCcc, renderRegister } from './wsat_registrant.ts';
import { buildAppRequest, readAppMessage } from './wsat_app_message.ts';
import { txSecurityHeader } from '../coor/register_security.ts';
import type { X509IdentityState } from './x509_identity.ts';

export interface App1State extends WsatParty {
  /** Its ITM's activation service, App2's application endpoint, and its own endpoint for replies and Completion. */
  itmActivation: string;
  app2: string;
  endpoint: string;
  /** Its certificate and key for application messages, App2's certificate as the peer. */
  x509: X509IdentityState;
  context: CoordinationContext | null;
  token: IssuedToken | null;
  completion: Registrant | null;
  /** How message 5 is built: flip these to see the refusals (R2001, R2002, B2003). */
  appMessage: { flowIssuedTokens: boolean; encryptHeaders: boolean; relativeIdentifier: boolean };
  /** What the application does at message 13 when App2 answered well. */
  decision: 'commit' | 'rollback';
  /** App2's answer to message 5: 'ok', or the fault it sent. */
  appResult: string | null;
  outcome: 'Committed' | 'Aborted' | null;
}

export interface Sent<S> {
  state: S;
  wire: string;
  label?: string;
  secrets: Secrets;
}

export interface Received<S> {
  state: S;
  report: Report;
}

const done = (s: App1State, checks: Check[]): Received<App1State> => ({ state: { ...s, machines: s.completion ? [registrantView(s.completion)] : [] }, report: makeReport('app1', checks) });

/** 1: CreateCoordinationContext to the ITM. */
export function app1CreateContext(s: App1State, env: { random: RandomSource; now: number }): Sent<App1State> {
  const r = renderCcc(s.version, { to: s.itmActivation, replyTo: s.endpoint, current: null, flow: null, expires: 300000 }, env);
  return { state: { ...s, awaiting: [...s.awaiting, { messageId: r.messageId, kind: 'CreateCoordinationContext' }] }, wire: r.wire, secrets: {} };
}

/** 2: the context, and the SCT issued for it (R1222). */
export async function app1ReadContext(s: App1State, from: Peer, wire: string, env: Env): Promise<Received<App1State>> {
  const r = await readCccResponse(s, from, wire, env, 'R1222');
  return done({ ...s, awaiting: r.awaiting, context: r.value?.context ?? s.context, token: r.value?.token ?? s.token }, r.checks);
}

/** 3: Register for Completion, signed with STx in the mixed binding (R1232). */
export async function app1Register(s: App1State, env: { random: RandomSource; now: number }): Promise<Sent<App1State>> {
  if (!s.context) throw noContext('register for Completion', 'CreateCoordinationContextResponse (2)');
  const ref = `${s.context.identifier}#completion`;
  const sign = s.binding === 'mixed' && s.token ? { token: s.token } : null;
  const r = await renderRegister(s.version, { to: s.context.registrationService, replyTo: s.endpoint, protocol: 'Completion', participant: participantEpr(s.endpoint, ref), sign }, env);
  const completion: Registrant = { protocol: 'Completion', state: 'None', ref, coordinator: null, transaction: s.context.identifier };
  return { state: { ...s, completion, awaiting: [...s.awaiting, { messageId: r.messageId, kind: 'Register' }] }, wire: r.wire, secrets: {} };
}

/** 4: RegisterResponse: the Completion coordinator's EPR. */
export async function app1ReadRegistered(s: App1State, from: Peer, wire: string, env: Env): Promise<Received<App1State>> {
  const r = await readRegisterResponse(s, from, wire, env);
  const completion = s.completion && r.value ? { ...s.completion, state: 'Active', coordinator: r.value } : s.completion;
  return done({ ...s, awaiting: r.awaiting, completion }, r.checks);
}

/** 5: the application message to App2, with the context and the token as encrypted, signed headers. */
export async function app1CallApp2(s: App1State, app2CertPem: string, env: { random: RandomSource; now: number }): Promise<Sent<App1State>> {
  if (!s.context) throw noContext('call App2 in a transaction', 'CreateCoordinationContextResponse (2)');
  const identifier = s.appMessage.relativeIdentifier ? relativeOf(s.context.identifier) : s.context.identifier;
  const m = await buildAppRequest({
    v: s.version, to: s.app2, replyTo: s.endpoint, context: { ...s.context, identifier }, token: s.appMessage.flowIssuedTokens ? s.token : null,
    recipientPem: app2CertPem, signer: s.x509, encryptHeaders: s.appMessage.encryptHeaders, amount: 100, random: env.random, now: env.now,
  });
  const secrets: Secrets = { 'application message 5: ephemeral key': { ...m.secured.secrets } };
  return { state: { ...s, awaiting: [...s.awaiting, { messageId: m.messageId, kind: 'application message' }] }, wire: m.wire, secrets };
}

/** "http://host/tx/abc" → "tx/abc": what a library that writes Identifiers relative to its own base sends (B2003). */
function relativeOf(uri: string): string {
  return uri.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]+\//i, '');
}

function noContext(what: string, message: string): UsageError {
  return new UsageError('WSAT_NO_CONTEXT', `expected App1 to hold a coordination context to ${what}, found none: ${message} was refused`);
}

function faultOf(wire: string): { fault: string; addressing: ReturnType<typeof readAddressing> } | null {
  try {
    const doc = parseXml(wire);
    const f = readTxFault(doc);
    const parts = readEnvelope(doc).parts;
    return f && parts ? { fault: `${f.subcode ?? f.code}: ${f.reason}`, addressing: readAddressing(parts.headerBlocks) } : null;
  } catch {
    return null; // unreadable text: readAppMessage reports it
  }
}

/** 12: App2's answer — the secured response, or a fault saying why it refused. */
export async function app1ReadAnswer(s: App1State, wire: string, now: number): Promise<Received<App1State>> {
  const f = faultOf(wire);
  if (f) {
    const rel = relatesCheck(s, f.addressing, 'application answer');
    const check: Check = { code: 'WSAT_APP_FAULT', status: 'info', specRef: 'WS-AT interop B2003 / R2001 / R2002', path: 'Envelope/Body/Fault', message: `App2 refused the transactional call: ${f.fault}; App1 will roll back` };
    return done({ ...s, awaiting: rel.awaiting, appResult: f.fault }, [rel.check, check]);
  }
  const r = await readAppMessage(s.version, s.x509, wire, now);
  const rel = relatesCheck(s, r.addressing, 'application answer');
  const ok = !r.checks.some((c) => c.status === 'fail');
  return done({ ...s, awaiting: rel.awaiting, appResult: ok ? 'ok' : 'refused' }, [...r.checks, rel.check]);
}

/** 13: Commit — or Rollback when App2 refused or the user chose it — over Completion. */
export function app1Complete(s: App1State, env: { random: RandomSource; now: number }): Sent<App1State> {
  if (!s.completion?.coordinator) throw new UsageError('WSAT_NOT_REGISTERED', 'expected App1 registered for Completion to commit or roll back, found no RegisterResponse: message 4 was refused');
  const event = s.decision === 'commit' && s.appResult === 'ok' ? 'commit' : 'rollback';
  const st = registrantEvent(s.completion, s.version, event);
  const kind = st.send[0];
  if (!kind) throw new UsageError('WSAT_NOTHING_TO_SEND', `expected App1's Completion registration to be Active to ${event}, found it ${s.completion.state}`);
  const wire = wireOf(renderRegistrantMessage(st.registrant, s.version, kind, { headers: [txSecurityHeader(env.now)] }));
  return { state: { ...s, completion: st.registrant, machines: [registrantView(st.registrant)] }, wire, label: `Protocol: ${kind} (Completion)`, secrets: {} };
}

/** 18: the outcome, Committed or Aborted. */
export async function app1ReadOutcome(s: App1State, from: Peer, wire: string, env: Env): Promise<Received<App1State>> {
  if (!s.completion) return done(s, [{ code: 'WSAT_UNEXPECTED_MESSAGE', status: 'fail', specRef: 'WS-AT 1.1 §3.2', path: '', message: 'App1 expected no Completion message (it never registered), found one' }]);
  const st = await receiveAsRegistrant(s, s.completion, from, wire, env);
  const outcome = st.registrant.state === 'Committed' ? 'Committed' : st.registrant.state === 'Aborted' ? 'Aborted' : s.outcome;
  return done({ ...s, completion: st.registrant, outcome }, st.checks);
}
