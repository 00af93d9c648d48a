// A security context as each party keeps it (WS-SC 1.3 §1.1, §2): the SCT's Identifier and
// current Instance, the shared secret, the lifetime, whether it was cancelled, the instances an
// Amend or Renew re-keyed away, and every key derived from it so far. Plain JSON, so it is part
// of the actor's state and shown as the session table. The lookup refuses an unknown, expired,
// cancelled or amended-away context, each with its own code (WS-SC 1.3 §9 faults).

import type { Check } from '../report/index.ts';
import type { ScVersionId } from './sct.ts';

/** A key derived from the context (one DerivedKeyToken), as the sender made it or the receiver recomputed it. */
export interface DerivedRecord {
  dktId: string;
  usage: 'signature' | 'encryption';
  nonceB64: string;
  label: string;
  offset?: number;
  generation?: number;
  length: number;
  keyB64: string;
}

export interface SessionKey extends DerivedRecord {
  /** 'sent': this party derived it to protect a message; 'received': recomputed from a message's DKT. */
  direction: 'sent' | 'received';
  /** The message it protected (its wsa:MessageID, or a label). */
  message: string;
  instance?: string;
}

export interface ScSession {
  version: ScVersionId;
  identifier: string;
  /** The current key's wsc:Instance (WS-SC 1.3 only). */
  instance?: string;
  /** wsu:Id of the SCT as issued (for attached references). */
  sctId?: string;
  /** The shared secret, base64. */
  secretB64: string;
  /** Where the secret came from: 'client' entropy, 'server' entropy, or 'both' (ComputedKey P_SHA1). */
  entropy: 'client' | 'server' | 'both';
  keySize: number;
  created: string;
  expires: string;
  status: 'active' | 'cancelled';
  /** Instances (and their secrets) an Amend or Renew replaced. */
  superseded: Array<{ instance: string; secretB64: string; by: 'amend' | 'renew'; at: string }>;
  /** Who established the context (the bootstrap signer), as the recipient knows them. */
  principal?: string;
  /** Claims added by Amend (WS-SC 1.3 §4). */
  claims: string[];
  keys: SessionKey[];
}

const SPEC = 'WS-SC 1.3 §9';

export interface SessionLookup {
  session: ScSession | null;
  /** The secret to derive from: the current one, or null when the context must be refused. */
  secretB64: string | null;
  check: Check;
}

/** Finds the context a message names and decides whether it may still be used, with one check saying why. */
export function lookupSession(sessions: ScSession[], ref: { identifier: string; instance?: string }, now: number, at: { path: string; line?: number; column?: number }): SessionLookup {
  const check = (code: string, status: Check['status'], message: string, details: Record<string, unknown> = {}): Check => ({ code, status, specRef: SPEC, ...at, message, details: { identifier: ref.identifier, ...(ref.instance !== undefined ? { instance: ref.instance } : {}), ...details } });
  const s = sessions.find((x) => x.identifier === ref.identifier);
  const known = sessions.map((x) => x.identifier);
  if (!s) return { session: null, secretB64: null, check: check('SC_SCT_UNKNOWN', 'fail', `wsc:BadContextToken: expected a security context this party established (${known.join(', ') || 'none'}), found ${ref.identifier}`, { known }) };
  if (s.status === 'cancelled') return { session: s, secretB64: null, check: check('SC_SCT_CANCELLED', 'fail', `wsc:BadContextToken: expected an active context, found ${s.identifier} cancelled (WS-SC 1.3 §6)`) };
  const expires = Date.parse(s.expires);
  if (expires <= now) return { session: s, secretB64: null, check: check('SC_SCT_EXPIRED', 'fail', `wsc:RenewNeeded: expected a context valid at ${new Date(now).toISOString()}, found ${s.identifier} expired at ${s.expires}`) };
  if (ref.instance !== undefined && ref.instance !== s.instance) {
    const old = s.superseded.find((x) => x.instance === ref.instance);
    if (old) return { session: s, secretB64: null, check: check('SC_SCT_AMENDED_AWAY', 'fail', `wsc:BadContextToken: expected instance ${s.instance ?? '(none)'} of ${s.identifier}, found instance ${ref.instance}, which the ${old.by === 'amend' ? 'Amend' : 'Renew'} of ${old.at} replaced with a new key`, { current: s.instance, found: ref.instance, by: old.by }) };
    return { session: s, secretB64: null, check: check('SC_SCT_UNKNOWN', 'fail', `wsc:BadContextToken: expected instance ${s.instance ?? '(none)'} of ${s.identifier}, found instance ${ref.instance}, which this party never issued`, { current: s.instance, found: ref.instance }) };
  }
  return { session: s, secretB64: s.secretB64, check: check('SC_SCT_ACTIVE', 'pass', `context ${s.identifier}${s.instance ? ` instance ${s.instance}` : ''} is active until ${s.expires}`) };
}

/** Replaces the context's key (Amend or Renew in WS-SC 1.3): the old instance is kept only to name it when refused. */
export function rekey(s: ScSession, next: { instance: string; secretB64: string; by: 'amend' | 'renew'; at: string }): ScSession {
  const superseded = s.instance !== undefined ? [...s.superseded, { instance: s.instance, secretB64: s.secretB64, by: next.by, at: next.at }] : s.superseded;
  return { ...s, instance: next.instance, secretB64: next.secretB64, superseded };
}
