// Seed 002's PTM: the participant's transaction manager, a subordinate (interposed) coordinator. On
// App2's CreateCoordinationContext with the ITM's context and its flowed IssuedTokens (6, R1223) it
// registers with the ITM for Durable2PC (7, signed with the ITM's STx in the mixed binding, R1232),
// and once registered (8) answers App2 with its own context and a new SCT (9, R1223). It registers
// App2 (10–11) as any coordinator does. Toward the ITM it is a 2PC participant: Prepare (14) makes
// it prepare App2 (15) and vote what App2 voted (16 → 17); Commit (19) is passed down (20) and
// Committed goes up once App2 committed (21 → 22).

import type { RandomSource } from '../crypto/random.ts';
import { toBase64 } from '../crypto/encoding.ts';
import { makeReport, type Check } from '../report/index.ts';
import { decideSubordinate, prepareSubordinate, type SubordinateVote, type TxStep } from '../at/transaction_run.ts';
import { participantEpr, PARTICIPANT_REF, registrantEvent, type Registrant, type RegistrantStep } from '../at/registrant.ts';
import type { CoordinationContext } from '../coor/context.ts';
import { findReferenceParameter } from '../coor/epr.ts';
import { faultFor } from '../coor/faults.ts';
import { findIssuedTokensHeader, readIssuedTokens, type IssuedToken } from '../coor/issued_tokens.ts';
import { TX_VERSIONS } from '../coor/versions.ts';
import { parseXml } from '../xml/parse.ts';
import { readEnvelope } from '../soap/envelope.ts';
import {
  answerActivation, coordinatorMachines, createContext, queueFault, queueStep, readActivation, receiveCoordinatorNotification, receiveRegister, replyToFound,
  renderCoordinatorItem, type CoordinatorState, type Env, type Handled, type Secrets,
} from './wsat_coordinator.ts';
import { addressedTo, noSuchService, takeFor, type OutItem, type Peer, type TmReceived } from './wsat_common.ts';
import { readRegisterResponse, receiveAsRegistrant, registrantItems, registrantView, renderRegister } from './wsat_registrant.ts';

export interface Interposition {
  /** The superior's context (CreateCoordinationContext's CurrentContext). */
  superior: CoordinationContext;
  /** The superior's SCT, flowed on the request (R1223); it signs our Register with the superior (R1232). */
  superiorToken: IssuedToken | null;
  /** Our subordinate context's identifier. */
  subordinate: string;
  /** Who asked (App2), where the CreateCoordinationContextResponse goes. */
  requester: { replyTo: string; messageId: string };
  /** Our Durable2PC registration with the superior (2PC participant view). */
  registrant: Registrant;
  registerMessageId: string | null;
  status: 'registering' | 'registered' | 'refused';
}

export interface PtmState extends CoordinatorState {
  /** Where the superior's 2PC messages to us arrive, and where its replies come back. */
  participantAddress: string;
  replyAddress: string;
  interposed: Interposition[];
  /** 'wrong': sign our Register with a key that is not STx, to show R1232's refusal. */
  registerKey: 'issued' | 'wrong';
}

const R1223 = 'WS-AT interop R1223';

function withMachines(s: PtmState): PtmState {
  return { ...s, machines: [...coordinatorMachines(s), ...s.interposed.map((i) => registrantView(i.registrant))] };
}

function update(s: PtmState, i: Interposition): PtmState {
  return { ...s, interposed: s.interposed.map((x) => (x.subordinate === i.subordinate ? i : x)) };
}

/** 6: App2 asks for a context subordinate to the ITM's, flowing the ITM's token (R1223). */
async function interpose(s: PtmState, from: Peer, wire: string, env: Env): Promise<Handled<PtmState>> {
  const a = await readActivation(s, from, wire, env);
  const checks = [...a.checks];
  const current = a.request?.currentContext ?? null;
  let flowed: IssuedToken | null = null;
  if (current && s.binding === 'mixed' && a.inbound.parts) {
    const it = findIssuedTokensHeader(a.inbound.parts.headerBlocks);
    const read = it ? readIssuedTokens(it, s.version) : null;
    if (read) checks.push(...read.checks);
    flowed = read?.tokens.find((t) => t.appliesTo === current.identifier) ?? null;
    checks.push(flowed
      ? { code: 'WSAT_ISSUED_TOKENS_FLOWED', status: 'pass', specRef: R1223, path: 'Envelope/Header/IssuedTokens', message: `the token of the existing context ${current.identifier} (${flowed.identifier}) came with the request` }
      : { code: 'WSAT_ISSUED_TOKENS_NOT_FLOWED', status: 'fail', specRef: R1223, path: 'Envelope/Header', message: `expected t:IssuedTokens with the SecurityContextToken of the existing context ${current.identifier} on CreateCoordinationContext, found ${it ? 'none for that context' : 'no t:IssuedTokens header'}` });
  }
  const failed = checks.find((c) => c.status === 'fail');
  if (a.fault || failed || !a.request) return { state: queueFault(s, a.inbound, a.fault ?? faultFor(s.version, 'cannotCreateContext'), failed?.message ?? ''), checks, secrets: {} };
  const c = createContext(s, env, current !== null);
  if (!current) {
    const answered = answerActivation(c.state, a.inbound, c.tx);
    return { state: answered.state, checks: [...checks, ...answered.checks], secrets: c.secrets };
  }
  const i: Interposition = {
    superior: current, superiorToken: flowed, subordinate: c.tx.identifier,
    requester: { replyTo: a.inbound.addressing?.replyTo ?? '', messageId: a.inbound.addressing?.messageId ?? '' },
    registrant: { protocol: 'Durable2PC', state: 'None', ref: c.tx.identifier, coordinator: null, transaction: current.identifier },
    registerMessageId: null, status: 'registering',
  };
  const register: OutItem = { label: 'Register (Durable)', to: current.registrationService, payload: { type: 'register', transaction: current.identifier, protocol: 'Durable2PC', participant: participantEpr(s.participantAddress, c.tx.identifier) } };
  const created: Check = { code: 'WSAT_SUBORDINATE_CREATED', status: 'pass', specRef: `${TX_VERSIONS[s.version].coorSpec} §3.2`, path: '', message: `created subordinate context ${c.tx.identifier} under ${current.identifier}; registering with the superior for Durable2PC first` };
  // The answer (message 9) waits for the superior's RegisterResponse, but where it goes is known now.
  const replyTo = a.inbound.addressing?.replyTo ? [replyToFound('CreateCoordinationContext', a.inbound.addressing.replyTo, 'B1221')] : [];
  return { state: { ...c.state, interposed: [...s.interposed, i], outbox: [...c.state.outbox, register] }, checks: [...checks, created, ...replyTo], secrets: c.secrets };
}

/** 8: the superior answers our Register: registered (answer App2 with our context, 9) or refused (fault to App2). */
async function registered(s: PtmState, from: Peer, wire: string, env: Env): Promise<Handled<PtmState>> {
  const r = await readRegisterResponse(s, from, wire, env);
  const relatesTo = addressedRelatesTo(wire);
  const i = s.interposed.find((x) => x.registerMessageId !== null && x.registerMessageId === relatesTo);
  const base = { ...s, awaiting: r.awaiting };
  if (!i) return { state: base, checks: r.checks, secrets: {} };
  const tx = s.transactions.find((t) => t.identifier === i.subordinate);
  const to = { address: i.requester.replyTo, referenceParameters: [] };
  if (!r.value || !tx) {
    const refused = update(base, { ...i, status: 'refused' });
    const detail = `the superior ${i.superior.identifier} refused our registration (${r.fault ?? r.checks.find((c) => c.status === 'fail')?.code ?? 'no RegisterResponse'})`;
    const item: OutItem = { label: 'Fault (CreateCoordinationContext refused)', to, relatesTo: i.requester.messageId, payload: { type: 'fault', fault: faultFor(s.version, 'cannotCreateContext').kind, detail } };
    return { state: { ...refused, outbox: [...refused.outbox, item] }, checks: r.checks, secrets: {} };
  }
  const next = update(base, { ...i, status: 'registered', registrant: { ...i.registrant, state: 'Active', coordinator: r.value } });
  const item: OutItem = { label: 'CreateCoordinationContextResponse', to, relatesTo: i.requester.messageId, payload: { type: 'ccc-response', transaction: tx.identifier } };
  return { state: { ...next, outbox: [...next.outbox, item] }, checks: r.checks, secrets: {} };
}

function addressedRelatesTo(wire: string): string | null {
  try {
    const { parts } = readEnvelope(parseXml(wire));
    const rel = parts?.headerBlocks.find((h) => h.localName === 'RelatesTo');
    return rel ? (rel.textContent ?? '').trim() : null;
  } catch {
    return null; // unreadable: readRegisterResponse reports it
  }
}

const VOTE_EVENT: Record<SubordinateVote, string> = { Prepared: 'votePrepared', ReadOnly: 'voteReadOnly', Aborted: 'voteAborted' };

/** Applies a registrant step and queues what it sends to the superior. */
function stepUp(s: PtmState, i: Interposition, st: RegistrantStep): { state: PtmState; i: Interposition } {
  const ni = { ...i, registrant: st.registrant };
  const next = update(s, ni);
  return { state: { ...next, outbox: [...next.outbox, ...registrantItems(st.registrant, st.send)] }, i: ni };
}

/** After the subordinate moved: vote to the superior, or report Committed once every participant committed. */
function afterSubordinate(s: PtmState, i: Interposition, sub: TxStep, checks: Check[]): PtmState {
  let state = queueStep(s, sub);
  let cur = i;
  if (sub.vote) {
    const st = registrantEvent(cur.registrant, s.version, VOTE_EVENT[sub.vote]);
    checks.push(...st.checks);
    ({ state, i: cur } = stepUp(state, cur, st));
  }
  const tx = state.transactions.find((t) => t.identifier === i.subordinate);
  if (tx?.phase === 'ended' && tx.outcome === 'committed' && cur.registrant.state === 'Committing') {
    const st = registrantEvent(cur.registrant, s.version, 'commitDone');
    checks.push(...st.checks);
    ({ state } = stepUp(state, cur, st));
  }
  return state;
}

function uncorrelated(s: PtmState, ref: string | null): Check {
  const ours = s.interposed.map((x) => x.registrant.ref).join(', ') || 'none';
  return ref === null
    ? { code: 'COOR_CORRELATION_MISSING', status: 'fail', specRef: 'WS-AT interop B1131', path: 'Envelope/Header', message: `expected the wstx:Participant reference parameter of one of our registrations (${ours}) as a header block, found none` }
    : { code: 'AT_UNKNOWN_TRANSACTION', status: 'fail', specRef: 'WS-AT interop B1131', path: 'Envelope/Header', message: `expected the wstx:Participant reference parameter of one of our registrations (${ours}), found ${ref}` };
}

/** 14, 19 (or Rollback): the superior's 2PC message to us as its participant. */
async function fromSuperior(s: PtmState, from: Peer, wire: string, env: Env): Promise<Handled<PtmState>> {
  const i = interpositionOf(s, wire);
  if (!i) return { state: s, checks: [uncorrelated(s, participantRefOf(s, wire))], secrets: {} };
  const st = await receiveAsRegistrant(s, i.registrant, from, wire, env);
  const checks = [...st.checks];
  const up = stepUp(s, i, st);
  const tx = up.state.transactions.find((t) => t.identifier === i.subordinate);
  if (!tx || st.checks.some((c) => c.status === 'fail')) return { state: up.state, checks, secrets: {} };
  let sub: TxStep | null = null;
  if (st.kind === 'Prepare' && st.registrant.state === 'Preparing') sub = prepareSubordinate(tx, env.now);
  if (st.kind === 'Commit' && st.registrant.state === 'Committing') sub = decideSubordinate(tx, 'commit');
  if (st.kind === 'Rollback') sub = decideSubordinate(tx, 'abort');
  if (!sub) return { state: up.state, checks, secrets: {} };
  checks.push(...sub.checks);
  return { state: afterSubordinate(up.state, up.i, sub, checks), checks, secrets: {} };
}

/** The wstx:Participant reference parameter a message to our participant endpoint carries (B1131), or null. */
function participantRefOf(s: PtmState, wire: string): string | null {
  try {
    const { parts } = readEnvelope(parseXml(wire));
    return parts ? findReferenceParameter(parts.headerBlocks, TX_VERSIONS[s.version].wsa, PARTICIPANT_REF, 'WS-AT interop B1131', '').found?.value ?? null : null;
  } catch {
    return null; // unreadable: reported as uncorrelated
  }
}

function interpositionOf(s: PtmState, wire: string): Interposition | null {
  const ref = participantRefOf(s, wire);
  return s.interposed.find((i) => i.registrant.ref === ref) ?? null;
}

/** 16, 21: App2's vote or acknowledgement at our coordinator service; the subordinate may now vote up or report Committed. */
async function fromParticipant(s: PtmState, from: Peer, wire: string, env: Env): Promise<Handled<PtmState>> {
  const r = await receiveCoordinatorNotification(s, from, wire, env);
  const i = r.step ? r.state.interposed.find((x) => x.subordinate === r.step?.tx.identifier) : undefined;
  if (!r.step || !i) return r;
  const checks = [...r.checks];
  const noOut: TxStep = { ...r.step, out: [] };
  return { state: afterSubordinate(r.state, i, noOut, checks), checks, secrets: {} };
}

/** The PTM receives a message at one of its endpoints. */
export async function ptmReceive(s: PtmState, from: Peer, wire: string, env: Env): Promise<TmReceived<PtmState>> {
  const to = addressedTo(wire);
  let r: Handled<PtmState>;
  if (to === s.services.activation) r = await interpose(s, from, wire, env);
  else if (to === s.services.registration) r = await receiveRegister(s, from, wire, env);
  else if (to === s.services.coordinator) r = await fromParticipant(s, from, wire, env);
  else if (to === s.participantAddress) r = await fromSuperior(s, from, wire, env);
  else if (to === s.replyAddress) r = await registered(s, from, wire, env);
  else r = { state: s, checks: noSuchService('PTM', [...Object.values(s.services), s.participantAddress, s.replyAddress], wire), secrets: {} };
  return { state: withMachines(r.state), report: makeReport('ptm', r.checks), secrets: r.secrets };
}

/** The PTM sends its next queued message for `fqdn`: Register to the superior, a response, a notification. */
export async function ptmSend(s: PtmState, fqdn: string, env: { random: RandomSource; now: number }): Promise<{ state: PtmState; wire: string; label: string; secrets: Secrets }> {
  const { item, state } = takeFor(s, fqdn);
  const p = item.payload;
  if (p.type !== 'register') return { state: withMachines(state), ...renderCoordinatorItem(state, item, env), label: item.label, secrets: {} };
  const i = state.interposed.find((x) => x.superior.identifier === p.transaction && x.status === 'registering');
  const wrongKey = s.registerKey === 'wrong' ? env.random.bytes(32) : undefined;
  const sign = s.binding === 'mixed' && i?.superiorToken ? { token: i.superiorToken, ...(wrongKey ? { wrongKey } : {}) } : null;
  const r = await renderRegister(s.version, { to: item.to, replyTo: s.replyAddress, protocol: p.protocol, participant: p.participant, sign }, env);
  const next = i ? update(state, { ...i, registerMessageId: r.messageId }) : state;
  const secrets: Secrets = wrongKey ? { [`wrong key PTM signed its Register with (not STx of ${i?.superiorToken?.identifier})`]: { secretB64: toBase64(wrongKey) } } : {};
  return { state: withMachines({ ...next, awaiting: [...next.awaiting, { messageId: r.messageId, kind: 'Register' }] }), wire: r.wire, label: item.label, secrets };
}
