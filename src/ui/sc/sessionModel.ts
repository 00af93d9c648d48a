// The session table of each actor at the step on screen (issue 5, "seeing it"): every security
// context an actor's plain-JSON state holds (WS-SC 1.3 §1.1 — Identifier, Instance, secret,
// lifetime), its status at the step's clock, the instances an Amend or Renew re-keyed away, and
// every key derived from it so far with the step it was derived at. Read from the actors' states
// by shape, so any scenario whose actors keep ScSession records gets a table; a secret an actor
// only knows (the attacker's leaked or guessed secret) is listed too, with the keys it sent.

import type { ActorInfo, Json, RunState, SessionKey, StepRecord } from '../../engine/index.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

export type ContextStatus = 'active' | 'cancelled' | 'expired' | 'amended-away' | 'renewed-away' | 'learned' | 'guessed';

/** A key derived from a context, and where in the run it was derived. */
export interface KeyRow {
  dktId: string;
  usage: 'signature' | 'encryption';
  direction: 'sent' | 'received';
  /** The step (number and timeline index) at which the key first appears in the actor's state, or was sent. */
  step: { n: number; index: number } | null;
  /** The wsa:MessageID (or label) of the message it protected. */
  message: string;
  keyB64: string;
  nonceB64: string;
  label: string;
  offset?: number;
  generation?: number;
  length: number;
  instance?: string;
}

/** One row of an actor's session table. */
export interface ContextRow {
  identifier: string;
  instance?: string;
  secretB64: string;
  created?: string;
  expires?: string;
  status: ContextStatus;
  /** Why the status is what it is, in words. */
  statusNote: string;
  entropy?: string;
  keySize?: number;
  claims: string[];
  keys: KeyRow[];
  /** For a secret an actor only knows: the other actors whose session for this context holds the very same secret. */
  sameAs?: string[];
}

export interface ActorSessions {
  actorId: string;
  name: string;
  /** 'before' while the step is pending (the state the sender starts from), else 'after'. */
  when: 'before' | 'after';
  rows: ContextRow[];
}

/** The ScSession shape (src/engine/sc/session.ts), read defensively from plain JSON. */
interface SessionLike {
  identifier: string;
  instance?: string;
  secretB64: string;
  created: string;
  expires: string;
  status: string;
  superseded: Array<{ instance: string; secretB64: string; by: string; at: string }>;
  entropy?: string;
  keySize?: number;
  claims: string[];
  keys: SessionKey[];
}

function asSession(v: unknown): SessionLike | null {
  if (!isObj(v) || !str(v.identifier) || !str(v.secretB64) || !str(v.expires) || !Array.isArray(v.keys)) return null;
  const superseded = Array.isArray(v.superseded) ? v.superseded.filter(isObj).map((x) => ({ instance: str(x.instance) ?? '', secretB64: str(x.secretB64) ?? '', by: str(x.by) ?? '', at: str(x.at) ?? '' })) : [];
  return {
    identifier: v.identifier as string, secretB64: v.secretB64 as string, expires: v.expires as string, created: str(v.created) ?? '', status: str(v.status) ?? 'active',
    superseded, claims: Array.isArray(v.claims) ? v.claims.filter((c): c is string => typeof c === 'string') : [],
    keys: v.keys.filter(isObj).filter((k) => str(k.dktId) && str(k.keyB64)) as unknown as SessionKey[],
    ...(str(v.instance) ? { instance: v.instance as string } : {}), ...(str(v.entropy) ? { entropy: v.entropy as string } : {}), ...(num(v.keySize) ? { keySize: v.keySize as number } : {}),
  };
}

/** Every ScSession in an actor's state: a `session` field, a `sessions` array, any field of that shape. */
export function sessionsIn(state: Json | undefined): SessionLike[] {
  if (!isObj(state)) return [];
  const out: SessionLike[] = [];
  for (const v of Object.values(state)) {
    const one = asSession(v);
    if (one) out.push(one);
    else if (Array.isArray(v)) for (const x of v) {
      const s = asSession(x);
      if (s) out.push(s);
    }
  }
  return out;
}

/** Secrets an actor knows without holding the session (the attacker's leaked context and guessed secret). */
function knownSecrets(state: Json | undefined): Array<{ identifier: string; instance?: string; secretB64: string; kind: 'learned' | 'guessed' }> {
  if (!isObj(state)) return [];
  const out: Array<{ identifier: string; instance?: string; secretB64: string; kind: 'learned' | 'guessed' }> = [];
  for (const v of Object.values(state)) {
    if (isObj(v) && !Array.isArray(v.keys) && str(v.identifier) && str(v.secretB64)) {
      out.push({ identifier: v.identifier as string, secretB64: v.secretB64 as string, kind: 'learned', ...(str(v.instance) ? { instance: v.instance as string } : {}) });
    }
  }
  const guessed = str(state.guessedSecretB64);
  const learned = out[0];
  if (guessed) out.push({ identifier: learned?.identifier ?? '(any)', secretB64: guessed, kind: 'guessed', ...(learned?.instance ? { instance: learned.instance } : {}) });
  return out;
}

/** The state an actor shows at a step: before it while pending, after it once delivered. */
export function shownState(step: StepRecord, actorId: string): { state: Json | undefined; when: 'before' | 'after' } {
  if (step.delivered === null) return { state: step.before[actorId], when: 'before' };
  return { state: step.after?.[actorId] ?? step.sent[actorId] ?? step.before[actorId], when: 'after' };
}

/** The scenario clock at a step: when the receiver processed it, or when it was produced while pending. */
export function stepClock(step: StepRecord): number {
  return Date.parse(step.delivered === null ? step.time : step.receivedAt);
}

/** Every secret recorded by the steps up to `index` (keys.json names: "context … secret", "attacker's guessed secret"). */
export function secretsUpTo(run: RunState, index: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of run.steps.slice(0, index + 1)) for (const [k, v] of Object.entries(s.secrets)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** A key record a sender left in its step's secrets ("request (round 1): signature key DK-…"). */
export interface SentKeyRecord {
  dktId: string;
  usage: 'signature' | 'encryption';
  keyB64: string;
  nonceB64: string;
  label: string;
  offset?: number;
  generation?: number;
  length: number;
  sctIdentifier?: string;
  instance?: string;
  /** The keys.json name of the secret it was derived from. */
  secret?: string;
}

export function sentKeyRecords(step: StepRecord): SentKeyRecord[] {
  return Object.values(step.secrets).filter((x): x is { [k: string]: Json } => isObj(x)).filter((x) => str(x.dktId) && str(x.keyB64) && str(x.nonceB64)).map((x) => ({
    dktId: x.dktId as string, usage: x.usage === 'encryption' ? 'encryption' : 'signature', keyB64: x.keyB64 as string, nonceB64: x.nonceB64 as string,
    label: str(x.label) ?? '', length: num(x.length) ?? 0, ...(num(x.offset) !== undefined ? { offset: x.offset as number } : {}),
    ...(num(x.generation) !== undefined ? { generation: x.generation as number } : {}), ...(str(x.sctIdentifier) ? { sctIdentifier: x.sctIdentifier as string } : {}),
    ...(str(x.instance) ? { instance: x.instance as string } : {}), ...(str(x.secret) ? { secret: x.secret as string } : {}),
  }));
}

/** For each actor, the step at which each DKT id first appears in its state (walking the timeline up to `index`). */
function firstSeen(run: RunState, index: number, actorId: string): Map<string, { n: number; index: number }> {
  const seen = new Map<string, { n: number; index: number }>();
  for (const step of run.steps.slice(0, index + 1)) {
    const states = [step.sent[actorId], step.after?.[actorId]];
    for (const st of states) for (const s of sessionsIn(st)) for (const k of s.keys) if (!seen.has(k.dktId)) seen.set(k.dktId, { n: step.n, index: step.index });
  }
  return seen;
}

function keyRow(k: SessionKey | SentKeyRecord, direction: 'sent' | 'received', message: string, step: KeyRow['step']): KeyRow {
  return {
    dktId: k.dktId, usage: k.usage, direction, step, message, keyB64: k.keyB64, nonceB64: k.nonceB64, label: k.label, length: k.length,
    ...(k.offset !== undefined ? { offset: k.offset } : {}), ...(k.generation !== undefined ? { generation: k.generation } : {}), ...(k.instance !== undefined ? { instance: k.instance } : {}),
  };
}

function sessionRows(s: SessionLike, now: number, seen: Map<string, { n: number; index: number }>): ContextRow[] {
  const keysOf = (instance: string | undefined, current: boolean) =>
    s.keys.filter((k) => (k.instance === undefined ? current : k.instance === instance)).map((k) => keyRow(k, k.direction === 'received' ? 'received' : 'sent', k.message, seen.get(k.dktId) ?? null));
  const expired = Date.parse(s.expires) <= now;
  const status: ContextStatus = s.status === 'cancelled' ? 'cancelled' : expired ? 'expired' : 'active';
  const note = status === 'cancelled' ? 'Cancelled (WS-SC 1.3 §6): its secret must no longer be used'
    : status === 'expired' ? `Expired at ${s.expires}: a message under it is refused with wsc:RenewNeeded`
    : `Active until ${s.expires}`;
  const base = { identifier: s.identifier, created: s.created, expires: s.expires, claims: s.claims, ...(s.entropy ? { entropy: s.entropy } : {}), ...(s.keySize ? { keySize: s.keySize } : {}) };
  const rows: ContextRow[] = [{ ...base, ...(s.instance ? { instance: s.instance } : {}), secretB64: s.secretB64, status, statusNote: note, keys: keysOf(s.instance, true) }];
  for (const old of s.superseded) {
    const by = old.by === 'renew' ? 'renewed-away' : 'amended-away';
    rows.push({
      ...base, instance: old.instance, secretB64: old.secretB64, status: by, keys: keysOf(old.instance, false),
      statusNote: `Instance ${old.instance} was replaced by the ${old.by === 'renew' ? 'Renew' : 'Amend'} of ${old.at}: a message under it is refused (SC_SCT_AMENDED_AWAY)`,
    });
  }
  return rows;
}

/** Keys an actor without a session table sent, matched to the secret they came from. */
function sentByActor(run: RunState, index: number, actorId: string, secrets: Record<string, string>): Array<KeyRow & { secretB64?: string }> {
  const out: Array<KeyRow & { secretB64?: string }> = [];
  for (const step of run.steps.slice(0, index + 1)) {
    if (step.from !== actorId) continue;
    for (const r of sentKeyRecords(step)) {
      const secretB64 = r.secret ? secrets[r.secret] : undefined;
      out.push({ ...keyRow(r, 'sent', step.label, { n: step.n, index: step.index }), ...(secretB64 ? { secretB64 } : {}) });
    }
  }
  return out;
}

function knownRows(run: RunState, index: number, actorId: string, state: Json | undefined): ContextRow[] {
  const known = knownSecrets(state);
  if (known.length === 0) return [];
  const sent = sentByActor(run, index, actorId, secretsUpTo(run, index));
  return known.map((k) => ({
    identifier: k.identifier, ...(k.instance ? { instance: k.instance } : {}), secretB64: k.secretB64, status: k.kind, claims: [],
    statusNote: k.kind === 'learned' ? 'Leaked: with it this actor derives every key of the conversation' : 'Made up by this actor: its keys are not the context\'s',
    keys: sent.filter((x) => x.secretB64 === k.secretB64).map(({ secretB64: _drop, ...row }) => row),
  }));
}

/** The session table of every actor that holds or knows a security context, at step `index`. */
export function actorSessions(run: RunState, index: number, actors: ActorInfo[]): ActorSessions[] {
  const step = run.steps[index];
  if (!step) return [];
  const now = stepClock(step);
  const out: ActorSessions[] = [];
  for (const a of actors) {
    const { state, when } = shownState(step, a.id);
    const sessions = sessionsIn(state);
    const seen = sessions.length ? firstSeen(run, index, a.id) : new Map<string, { n: number; index: number }>();
    const rows = [...sessions.flatMap((s) => sessionRows(s, now, seen)), ...knownRows(run, index, a.id, state)];
    if (rows.length > 0 || sessions.length > 0 || hasSessionSlot(state)) out.push({ actorId: a.id, name: a.name, when, rows });
  }
  return withSameAs(out);
}

/** Marks each known-only secret with the actors whose own session for that context holds it too. */
function withSameAs(tables: ActorSessions[]): ActorSessions[] {
  return tables.map((t) => ({
    ...t,
    rows: t.rows.map((r) => (r.status !== 'learned' && r.status !== 'guessed' ? r : {
      ...r,
      sameAs: tables.filter((o) => o !== t && o.rows.some((x) => x.identifier === r.identifier && x.status !== 'learned' && x.status !== 'guessed' && x.secretB64 === r.secretB64)).map((o) => o.name),
    })),
  }));
}

/** True when the actor's state has a place for a session (`session: null`, `sessions: []`, `learned: null`). */
function hasSessionSlot(state: Json | undefined): boolean {
  if (!isObj(state)) return false;
  const sessions = state.sessions;
  return state.session === null || state.learned === null || (Array.isArray(sessions) && sessions.every((x) => asSession(x) !== null));
}
