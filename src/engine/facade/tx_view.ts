// Seeing a WS-AtomicTransaction flow (issue 6, seed 002): the seed's four classes of messages
// (activation, registration, protocol, application) read from each message's wsa:Action; every
// coordinator's and participant's state machine at a step — its states from the engine's tables,
// the state before and after, and the transitions taken, from the receiver's AT_* checks or the
// tables themselves; and the requirement IDs (R1001 … B2003) a step names or its checks enforce,
// each with the checks that prove it. Plain data in (a StepRecord, wire text), plain data out.

import { COMPLETION_COORDINATOR } from '../at/completion.ts';
import { COMPLETION_INITIATOR } from '../at/completion_initiator.ts';
import { DURABLE_2PC_COORDINATOR, VOLATILE_2PC_COORDINATOR } from '../at/coordinator_2pc.ts';
import { TWO_PC_PARTICIPANT } from '../at/participant_2pc.ts';
import type { Answer, Machine } from '../at/table.ts';
import type { MachineView } from '../actors/wsat_common.ts';
import type { AtProtocol, TxVersionId } from '../coor/versions.ts';
import type { Check, CheckStatus, Report } from '../report/index.ts';
import type { StepRecord } from '../runner/types.ts';
import type { ActorsState, Json } from '../scenarios/types.ts';
import { readEnvelope } from '../soap/envelope.ts';
import { readAddressing } from '../wsa/headers.ts';
import { COOR_VERSIONS, WSAT_VERSIONS } from '../xml/names.ts';
import { tryParseXml } from '../xml/parse.ts';

// ---------- message classes ----------

/** Seed 002's four classes of messages, "from the point of view of security". */
export type TxMessageClass = 'activation' | 'registration' | 'protocol' | 'application';

export const TX_MESSAGE_CLASSES: ReadonlyArray<{ id: TxMessageClass; title: string; short: string; messages: string }> = [
  { id: 'activation', title: 'Activation', short: 'ACT', messages: 'CreateCoordinationContext, CreateCoordinationContextResponse' },
  { id: 'registration', title: 'Registration', short: 'REG', messages: 'Register, RegisterResponse' },
  { id: 'protocol', title: 'Protocol', short: 'PRO', messages: 'Prepare, Prepared, Commit, Committed, Rollback, Aborted, ReadOnly …' },
  { id: 'application', title: 'Application', short: 'APP', messages: 'the application messages between App1 and App2' },
];

export interface TxClassInfo {
  cls: TxMessageClass | null;
  /** The message's wsa:Action, when it has one. */
  action: string | null;
  /**
   * 'action': read from wsa:Action; 'scenario': the action does not decide it (a WS-Coordination
   * fault answers activation and registration alike, or no message was sent) and the class is the
   * one the scenario gave the step; 'none': neither says.
   */
  source: 'action' | 'scenario' | 'none';
}

/** Every WS-Coordination and WS-AT action of both versions, by the class it belongs to (null: ambiguous). */
const ACTION_CLASS: ReadonlyMap<string, TxMessageClass | null> = (() => {
  const m = new Map<string, TxMessageClass | null>();
  for (const v of Object.values(COOR_VERSIONS)) {
    m.set(v.actions.createCoordinationContext, 'activation');
    m.set(v.actions.createCoordinationContextResponse, 'activation');
    m.set(v.actions.register, 'registration');
    m.set(v.actions.registerResponse, 'registration');
    m.set(v.actions.fault, null);
  }
  for (const v of Object.values(WSAT_VERSIONS)) {
    for (const action of Object.values(v.actions)) if (action) m.set(action, 'protocol');
  }
  return m;
})();

/** The class the scenario declares in the step's label ("Registration: Register (Durable)"), if any. */
function declaredClass(label: string | undefined): TxMessageClass | null {
  const hit = TX_MESSAGE_CLASSES.find((c) => label?.startsWith(`${c.title}: `));
  return hit?.id ?? null;
}

function actionOf(wire: string): string | null {
  const parsed = tryParseXml(wire);
  if (!parsed.ok) return null;
  const { parts } = readEnvelope(parsed.doc);
  return parts ? (readAddressing(parts.headerBlocks).action ?? null) : null;
}

/**
 * The seed-002 class of a message: WS-Coordination activation and registration actions, WS-AT
 * protocol actions, any other action an application message. `label` (the step's) decides only
 * when the action cannot: a WS-Coordination fault, or no readable envelope.
 */
export function txMessageClass(wire: string, label?: string): TxClassInfo {
  const action = actionOf(wire);
  const known = action !== null ? ACTION_CLASS.get(action) : undefined;
  if (known) return { cls: known, action, source: 'action' };
  if (action !== null && known === undefined) return { cls: 'application', action, source: 'action' };
  const declared = declaredClass(label);
  if (declared) return { cls: declared, action, source: 'scenario' };
  return { cls: null, action, source: 'none' };
}

/** True when a message is a WS-Coordination or WS-AT message (so the flow is a transaction flow). */
export function isTxAction(action: string | null): boolean {
  return action !== null && ACTION_CLASS.has(action);
}

// ---------- state machines ----------

type AnyMachine = Machine<string, string>;

/** The engine's machines, by the name a MachineView carries. */
const MACHINES: readonly AnyMachine[] = [
  COMPLETION_COORDINATOR, DURABLE_2PC_COORDINATOR, VOLATILE_2PC_COORDINATOR, TWO_PC_PARTICIPANT, COMPLETION_INITIATOR,
] as unknown as AnyMachine[];

export function machineByName(name: string): AnyMachine | null {
  return MACHINES.find((m) => m.name === name) ?? null;
}

/** One transition a machine took during a step. */
export interface TxMachineHop {
  from: string;
  to: string;
  /** The table's event (Prepare, votePrepared, commitDecision …), or null when no table event leads there. */
  event: string | null;
  /** How the table classes it (transition, forget, ignore …). */
  answer: Answer | null;
  /** The receiver's check that reports it, when the hop is the receiver's. */
  code: string | null;
  /** 'report': the receiver's check; 'table': the sender's (or an unreported) change, matched in the state table. */
  source: 'report' | 'table';
}

export interface TxMachineRow {
  actor: string;
  /** Stable across steps: actor, machine and enlistment. */
  key: string;
  machine: string;
  protocol: AtProtocol;
  role: MachineView['role'];
  transaction: string;
  enlistment: string;
  /** Where the other side of the enlistment is, and which actor that is (by its TLS FQDN). */
  peer: string;
  peerActor: string | null;
  /** The machine's states from the engine's table ([] for a machine the engine does not know). */
  states: string[];
  state: string;
  /** The state before the step; null when the machine did not exist yet (registered in this step). */
  previous: string | null;
  hops: TxMachineHop[];
}

interface PartyLike {
  version?: TxVersionId;
  tls?: { fqdn?: string };
  machines?: MachineView[];
}

const party = (j: Json | undefined): PartyLike => (j && typeof j === 'object' && !Array.isArray(j) ? (j as unknown as PartyLike) : {});
const keyOf = (actor: string, v: MachineView): string => `${actor}|${v.machine}|${v.transaction}|${v.enlistment}`;

function hostOf(address: string): string | null {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)/i.exec(address);
  return m?.[1]?.toLowerCase() ?? null;
}

function peerActorOf(actors: ActorsState, address: string): string | null {
  const host = hostOf(address);
  if (!host) return null;
  return Object.entries(actors).find(([, a]) => party(a).tls?.fqdn?.toLowerCase() === host)?.[0] ?? null;
}

/** The receiver's state-machine checks about this view, in order (matched by machine, enlistment, transaction). */
function reportedHops(view: MachineView, actor: string, report: Report | null): Array<{ check: Check; from: string; to: string; event: string }> {
  if (!report || report.actor !== actor) return [];
  return report.checks.flatMap((c) => {
    const d = c.details ?? {};
    if (!c.code.startsWith('AT_') || !c.specRef.endsWith(`state tables, ${view.machine}`)) return [];
    if (typeof d.from !== 'string' || typeof d.to !== 'string' || typeof d.event !== 'string') return [];
    if (typeof d.enlistment === 'string' && d.enlistment !== view.enlistment) return [];
    if (typeof d.transaction === 'string' && d.transaction !== view.transaction) return [];
    return [{ check: c, from: d.from, to: d.to, event: d.event }];
  });
}

/** Events of the table that take `from` to `to` as protocol progress (the sender's own moves). */
function tableHop(m: AnyMachine | null, v: TxVersionId, from: string, to: string): TxMachineHop {
  const t = m?.table(v);
  const events = m && t ? [...m.inbound, ...m.internal].filter((e) => {
    const cell = t[e]?.[from];
    return cell && cell.to === to && (cell.answer === 'transition' || cell.answer === 'forget');
  }) : [];
  const event = events.length > 0 ? events.join(' | ') : null;
  const answer = events[0] && t ? (t[events[0]]?.[from]?.answer ?? null) : null;
  return { from, to, event, answer, code: null, source: 'table' };
}

function hopsOf(view: MachineView, previous: string | null, actor: string, report: Report | null, v: TxVersionId): TxMachineHop[] {
  const m = machineByName(view.machine);
  const hops: TxMachineHop[] = [];
  let cur = previous;
  for (const r of reportedHops(view, actor, report)) {
    if (cur !== null && r.from !== cur) continue;
    const cell = m?.table(v)[r.event]?.[r.from];
    hops.push({ from: r.from, to: r.to, event: r.event, answer: cell?.answer ?? null, code: r.check.code, source: 'report' });
    cur = r.to;
  }
  // What the checks do not explain (the sender's move when it produced the message): from the table.
  if (cur !== null && cur !== view.state) hops.push(tableHop(m, v, cur, view.state));
  return hops;
}

/** The actors' states the step shows: after delivery, else after the sender produced it. */
function shownActors(step: StepRecord): ActorsState {
  return step.after ?? step.sent;
}

/**
 * Every WS-AT state machine of every actor at a step: the states of its table, the state it is in,
 * the state it was in before the step, and the transitions taken in between.
 */
export function txMachines(step: StepRecord): TxMachineRow[] {
  const now = shownActors(step);
  const rows: TxMachineRow[] = [];
  for (const [actor, json] of Object.entries(now)) {
    const p = party(json);
    const version: TxVersionId = p.version === '1.0' ? '1.0' : '1.1';
    const before = new Map((party(step.before[actor]).machines ?? []).map((v) => [keyOf(actor, v), v.state]));
    for (const view of p.machines ?? []) {
      const key = keyOf(actor, view);
      const previous = before.get(key) ?? null;
      rows.push({
        actor, key, machine: view.machine, protocol: view.protocol, role: view.role, transaction: view.transaction, enlistment: view.enlistment,
        peer: view.peer, peerActor: peerActorOf(now, view.peer), states: [...(machineByName(view.machine)?.states ?? [])],
        state: view.state, previous, hops: hopsOf(view, previous, actor, step.after ? step.report : null, version),
      });
    }
  }
  return rows;
}

/** The two ends of one enlistment: the coordinator's view of a registrant and the registrant's own machine. */
export interface TxEnlistmentPair {
  coordinator: TxMachineRow | null;
  registrant: TxMachineRow | null;
}

function pairs(c: TxMachineRow, r: TxMachineRow): boolean {
  return c.peerActor === r.actor && r.peerActor === c.actor && c.protocol === r.protocol && c.transaction === r.transaction;
}

/** Pairs each coordinator view with the registrant's own machine of the same enlistment, in the rows' order; the unpaired stand alone. */
export function txEnlistmentPairs(rows: readonly TxMachineRow[]): TxEnlistmentPair[] {
  const coordinators = rows.filter((m) => m.role === 'coordinator');
  const registrants = rows.filter((m) => m.role !== 'coordinator');
  const used = new Set<TxMachineRow>();
  const out: TxEnlistmentPair[] = coordinators.map((c) => {
    const r = registrants.find((x) => !used.has(x) && pairs(c, x)) ?? null;
    if (r) used.add(r);
    return { coordinator: c, registrant: r };
  });
  for (const r of registrants) if (!used.has(r)) out.push({ coordinator: null, registrant: r });
  return out;
}

// ---------- requirement IDs ----------

/** Seed 002's requirements, in short (the seed's own words, in English). */
export const SEED_002_REQUIREMENTS: Readonly<Record<string, string>> = {
  R1001: 'WS-AT 1.0 transaction managers use SOAP 1.1 and WS-Addressing 2004/08',
  R1002: 'WS-AT 1.1 transaction managers use SOAP 1.1 and WS-Addressing 2005/08',
  R1111: 'the X.509 certificate presented on the connection has a subject name matching the machine\'s FQDN',
  B1112: 'DNS works between each sender-receiver pair to check the subject names',
  B1131: 'wsa:ReferenceParameters correlate the 2PC messages',
  B1221: 'activation over duplex HTTPS, request and reply correlated by WS-Addressing',
  R1222: 'on CreateCoordinationContext the coordinator issues an SCT with secret STx, returned in t:IssuedTokens',
  R1223: 'activation within an existing context flows the context\'s SCT in t:IssuedTokens; the response carries a new one',
  B1231: 'registration over duplex HTTPS, request and reply correlated by WS-Addressing',
  R1232: 'Register uses IssuedTokenOverTransport: the wsse:Timestamp is signed with the issued SCT STx',
  B1241: 'wsa:ReferenceParameters correlate the 2PC messages (registration binding)',
  R2001: 'application messages carry t:IssuedTokens with the CoordinationContext header',
  R2002: 'the integrity and confidentiality of t:IssuedTokens are protected',
  B2003: 'a relative wscoor:Identifier is answered with a fault: only absolute URIs',
};

const REQUIREMENT_ID = /\b(BSP\s+)?([RB]\d{4})\b/g;

/** The requirement IDs a spec reference names ("WS-AT interop B1221 / B1231" → B1221, B1231; "BSP R5404" kept whole). */
export function requirementIds(specRef: string): string[] {
  return [...specRef.matchAll(REQUIREMENT_ID)].map((m) => (m[1] ? `BSP ${m[2]}` : (m[2] as string)));
}

export interface RequirementCheck {
  /** Index of the check in the report's checks. */
  index: number;
  code: string;
  status: CheckStatus;
  message: string;
  specRef: string;
  path: string;
}

export interface RequirementProof {
  id: string;
  /** The seed's requirement in short, when it is one of seed 002's. */
  text: string | null;
  /** True when the step itself names the requirement (its specRefs). */
  declared: boolean;
  /** fail if any check failed, else warn, pass, info; 'none' when no check of the report enforces it. */
  status: CheckStatus | 'none';
  checks: RequirementCheck[];
}

const STATUS_ORDER: readonly CheckStatus[] = ['fail', 'warn', 'pass', 'info'];

/** A step's requirement IDs — those it names, then those its report's checks enforce — each with the checks that prove it. */
export function stepRequirements(step: Pick<StepRecord, 'specRefs' | 'report'>): RequirementProof[] {
  const out = new Map<string, RequirementProof>();
  const entry = (id: string, declared: boolean): RequirementProof => {
    const have = out.get(id);
    if (have) return have;
    const made: RequirementProof = { id, text: SEED_002_REQUIREMENTS[id] ?? null, declared, status: 'none', checks: [] };
    out.set(id, made);
    return made;
  };
  for (const ref of step.specRefs) for (const id of requirementIds(ref)) entry(id, true);
  (step.report?.checks ?? []).forEach((c, index) => {
    for (const id of requirementIds(c.specRef)) {
      entry(id, false).checks.push({ index, code: c.code, status: c.status, message: c.message, specRef: c.specRef, path: c.path });
    }
  });
  for (const r of out.values()) r.status = STATUS_ORDER.find((s) => r.checks.some((c) => c.status === s)) ?? 'none';
  return [...out.values()];
}
