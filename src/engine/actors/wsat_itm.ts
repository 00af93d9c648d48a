// Seed 002's ITM: the initiator's transaction manager, root coordinator of the transaction. It
// creates the context for App1 (1–2; the SCT in t:IssuedTokens in the mixed binding, R1222),
// registers App1 for Completion (3–4) and the PTM for Durable2PC (7–8) — each Register
// authenticated by TLS (R1111) or the STx signature (R1232) — and drives Completion and 2PC:
// Commit from App1 (13) starts Prepare (14), the PTM's vote (17) decides Committed to App1 (18) and
// Commit to the PTM (19), whose Committed (22) ends the transaction.

import { makeReport, type Check } from '../report/index.ts';
import type { RandomSource } from '../crypto/random.ts';
import { faultFor } from '../coor/faults.ts';
import {
  answerActivation, coordinatorMachines, createContext, queueFault, readActivation, receiveCoordinatorNotification, receiveRegister,
  renderCoordinatorItem, type CoordinatorState, type Env, type Secrets,
} from './wsat_coordinator.ts';
import { addressedTo, noSuchService, takeFor, type Peer, type TmReceived } from './wsat_common.ts';

export type ItmState = CoordinatorState;

/** Which service of the ITM a message is for, by its wsa:To. */
function serviceOf(s: ItmState, wire: string): string | null {
  const to = addressedTo(wire);
  return Object.entries(s.services).find(([, address]) => address === to)?.[0] ?? null;
}

async function activation(s: ItmState, from: Peer, wire: string, env: Env): Promise<{ state: ItmState; checks: Check[]; secrets: Secrets }> {
  const a = await readActivation(s, from, wire, env);
  if (a.fault) return { state: queueFault(s, a.inbound, a.fault, a.checks.find((c) => c.status === 'fail')?.message ?? ''), checks: a.checks, secrets: {} };
  if (a.request?.currentContext) {
    // The ITM is the root coordinator here: it does not interpose on someone else's context.
    const check = { code: 'WSAT_NOT_SUBORDINATE', status: 'fail' as const, specRef: 'WS-Coordination 1.1 §3.2', path: 'Envelope/Body/CreateCoordinationContext/CurrentContext', message: `expected a CreateCoordinationContext for a new root transaction at ${s.tls.fqdn}, found one with CurrentContext ${a.request.currentContext.identifier}` };
    return { state: queueFault(s, a.inbound, faultFor(s.version, 'cannotCreateContext'), check.message), checks: [...a.checks, check], secrets: {} };
  }
  const c = createContext(s, env, false);
  const answered = answerActivation(c.state, a.inbound, c.tx);
  const issued = c.token ? [{ code: 'WSAT_ISSUED_TOKEN', status: 'pass' as const, specRef: 'WS-AT interop R1222', path: '', message: `issued SecurityContextToken ${c.token.identifier} with a ${c.token.keySize}-bit secret STx for context ${c.tx.identifier}; it goes back in t:IssuedTokens` }] : [];
  const created = { code: 'WSAT_CONTEXT_CREATED', status: 'pass' as const, specRef: `${c.tx.version === '1.0' ? 'WS-Coordination 2004/10' : 'WS-Coordination 1.1'} §3.2`, path: '', message: `created context ${c.tx.identifier} (Expires ${s.contextExpiresMs} ms)` };
  return { state: answered.state, checks: [...a.checks, created, ...issued, ...answered.checks], secrets: c.secrets };
}

/** The ITM receives a message at one of its services. */
export async function itmReceive(s: ItmState, from: Peer, wire: string, env: Env): Promise<TmReceived<ItmState>> {
  const service = serviceOf(s, wire);
  let r: { state: ItmState; checks: Check[]; secrets: Secrets };
  if (service === 'activation') r = await activation(s, from, wire, env);
  else if (service === 'registration') r = await receiveRegister(s, from, wire, env);
  else if (service === 'coordinator') r = await receiveCoordinatorNotification(s, from, wire, env);
  else r = { state: s, checks: noSuchService('ITM', Object.values(s.services), wire), secrets: {} };
  const state = { ...r.state, machines: coordinatorMachines(r.state) };
  return { state, report: makeReport('itm', r.checks), secrets: r.secrets };
}

/** The ITM sends its next queued message for `fqdn` (a response, a notification or a fault). */
export function itmSend(s: ItmState, fqdn: string, env: { random: RandomSource; now: number }): { state: ItmState; wire: string; label: string } {
  const { item, state } = takeFor(s, fqdn);
  const { wire } = renderCoordinatorItem(state, item, env);
  return { state, wire, label: item.label };
}
