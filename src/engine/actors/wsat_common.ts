// What the four WS-AtomicTransaction actors of seed 002 (App1, ITM, App2, PTM) share: the binding
// they run (WS-AT 1.0 or 1.1, HTTPS or mixed), their TLS identities (R1111), the outbox of messages
// decided but not yet sent, the state-machine view the UI lights at every step, and the read side
// of every transaction-manager message: the simulated TLS connection, the envelope and the
// wsse:Security header (transport binding; the SCT secrets the receiver issued, for R1232).

import type { Document } from '@xmldom/xmldom';
import { checkFromError, UsageError, type Check, type Report } from '../report/index.ts';
import { checkTlsConnection, hostOf, type TlsIdentity } from '../coor/https_binding.ts';
import { processTxSecurity } from '../coor/register_security.ts';
import type { Epr } from '../coor/epr.ts';
import type { TxFaultKind } from '../coor/faults.ts';
import type { AtMessageKind } from '../at/messages.ts';
import type { AtProtocol, TxVersionId } from '../coor/versions.ts';
import { readEnvelope, type EnvelopeParts } from '../soap/envelope.ts';
import { readAddressing, type ReadAddressing } from '../wsa/headers.ts';
import type { InboundResult } from '../wss/inbound.ts';
import { parseXml } from '../xml/parse.ts';

export type WsatBinding = 'https' | 'mixed';

/** Secrets for keys.json, by name. */
export type Secrets = Record<string, Record<string, string | number>>;
export type WsatActorId = 'app1' | 'itm' | 'app2' | 'ptm';

/** One state machine of a party, per enlistment, as the UI shows it (which state to light). */
export interface MachineView {
  /** 'coordinator': the coordinator's view of one registrant; 'participant' / 'initiator': the registrant's own. */
  role: 'coordinator' | 'participant' | 'initiator';
  /** The machine's name, e.g. "Durable2PC (coordinator view)". */
  machine: string;
  protocol: AtProtocol;
  /** The wscoor:Identifier of the transaction. */
  transaction: string;
  /** The coordinator's enlistment id, or the registrant's own reference parameter. */
  enlistment: string;
  state: string;
  /** Where the other side of this enlistment is. */
  peer: string;
}

/** A message decided but not yet sent; rendered when its step is produced. */
export interface OutItem {
  /** What the step label calls it: 'Prepare', 'RegisterResponse', 'Fault' … */
  label: string;
  to: Epr;
  relatesTo?: string;
  payload: OutPayload;
}

export type OutPayload =
  | { type: 'notification'; kind: AtMessageKind }
  | { type: 'fault'; fault: TxFaultKind; detail: string }
  | { type: 'ccc-response'; transaction: string }
  | { type: 'register-response'; transaction: string; enlistment: string }
  | { type: 'register'; transaction: string; protocol: AtProtocol; participant: Epr }
  | { type: 'ccc'; current: string | null };

/** What every WS-AT actor's state holds. */
export interface WsatParty {
  id: WsatActorId;
  version: TxVersionId;
  binding: WsatBinding;
  /** Its machine's TLS identity: FQDN, certificate and key (R1111). */
  tls: TlsIdentity;
  /** The CA every party trusts. */
  caPem: string;
  machines: MachineView[];
  outbox: OutItem[];
  /** wsa:MessageIDs of requests sent and not yet answered. */
  awaiting: Array<{ messageId: string; kind: string }>;
}

/** How the seed names a notification: "Prepare (2PC)", "Committed (Completion)", "Prepare (Volatile2PC)". */
export function notificationLabel(kind: string, protocol: AtProtocol | null): string {
  return `${kind} (${protocol === 'Durable2PC' ? '2PC' : protocol ?? '2PC'})`;
}

/** Takes the first queued message for `fqdn` (the step's receiver); a flow that went elsewhere is a usage error. */
export function takeFor<S extends WsatParty>(s: S, fqdn: string): { item: OutItem; state: S } {
  const i = s.outbox.findIndex((o) => hostOf(o.to.address) === fqdn.toLowerCase());
  const item = s.outbox[i];
  if (!item) {
    const queued = s.outbox.map((o) => `${o.label} → ${hostOf(o.to.address)}`).join(', ') || 'nothing';
    throw new UsageError('WSAT_NOTHING_TO_SEND', `expected ${s.id} to have a message queued for ${fqdn}, found ${queued}: an earlier message took the flow elsewhere`);
  }
  return { item, state: { ...s, outbox: s.outbox.filter((_, k) => k !== i) } };
}

/** The sending end of a connection as the receiver sees it (from the sender's state). */
export interface Peer {
  fqdn: string;
  certPem: string;
}

export function peerOf(p: WsatParty): Peer {
  return { fqdn: p.tls.fqdn, certPem: p.tls.certPem };
}

export interface Inbound {
  doc: Document | null;
  parts: EnvelopeParts | null;
  addressing: ReadAddressing | null;
  security: InboundResult | null;
  checks: Check[];
  /** The simulated TLS handshake failed: no HTTP exchange happened, so nothing can be answered on it. */
  tlsFailed: boolean;
}

export interface InboundOptions {
  transport: 'https' | 'http';
  now: number;
  /** SCT secrets this receiver issued, by wsc:Identifier (mixed binding; Register's R1232). */
  sctSecrets?: Record<string, string>;
}

/** Reads a transaction-manager message: TLS (R1111), the envelope, the Security header. Never throws. */
export async function receiveTxWire(self: WsatParty, from: Peer, wire: string, o: InboundOptions): Promise<Inbound> {
  const out: Inbound = { doc: null, parts: null, addressing: null, security: null, checks: [], tlsFailed: false };
  try {
    out.doc = parseXml(wire);
    const env = readEnvelope(out.doc);
    out.parts = env.parts;
    out.addressing = env.parts ? readAddressing(env.parts.headerBlocks) : null;
    const server = { fqdn: out.addressing?.to ? hostOf(out.addressing.to) : self.tls.fqdn, certPem: self.tls.certPem };
    const tls = await checkTlsConnection({ transport: o.transport, client: from, server, caPem: self.caPem, now: o.now });
    out.tlsFailed = tls.some((c) => c.status === 'fail');
    out.checks.push(...tls);
    // A usable envelope's own checks come from the message reader (readCoorMessage, readAtMessage).
    if (!env.parts) {
      out.checks.push(...env.checks);
      return out;
    }
    out.security = await processTxSecurity(env.parts, { transport: o.transport, now: o.now, ...(o.sctSecrets ? { sctSecrets: o.sctSecrets } : {}) });
    out.checks.push(...out.security.checks);
  } catch (e) {
    out.checks.push(checkFromError(e));
  }
  return out;
}

/** RelatesTo names a request this party sent and still waits for (WS-Addressing request-reply, B1221 / B1231). */
export function relatesCheck(s: WsatParty, a: ReadAddressing | null, kind: string): { check: Check; awaiting: WsatParty['awaiting'] } {
  const specRef = 'WS-AT interop B1221 / B1231 (request-reply over duplex HTTPS)';
  const hit = s.awaiting.find((w) => w.messageId === a?.relatesTo);
  if (hit) {
    return { check: { code: 'WSAT_RELATES_TO', status: 'pass', specRef, path: 'Envelope/Header/RelatesTo', message: `wsa:RelatesTo ${hit.messageId}: the answer to our ${hit.kind}` }, awaiting: s.awaiting.filter((w) => w !== hit) };
  }
  const waiting = s.awaiting.map((w) => `${w.kind} ${w.messageId}`).join(', ') || 'nothing';
  return { check: { code: 'WSAT_RELATES_TO_UNKNOWN', status: 'fail', specRef, path: 'Envelope/Header', message: `expected wsa:RelatesTo naming a request of ours (${waiting}) on this ${kind}, found ${a?.relatesTo ?? 'none'}` }, awaiting: s.awaiting };
}

/** A message a party did not expect at this point of the flow. */
export function unexpected(who: string, expected: string, found: string): Check {
  return { code: 'WSAT_UNEXPECTED_MESSAGE', status: 'fail', specRef: 'WS-Coordination 1.1 §3 / WS-AT 1.1 §3', path: 'Envelope/Body', message: `${who} expected ${expected}, found ${found}` };
}

/** The address a message is sent to (wsa:To), or null — with the check saying why — when the text is no readable envelope. */
export function routeOf(wire: string): { to: string | null; checks: Check[] } {
  try {
    const { parts, checks } = readEnvelope(parseXml(wire));
    return parts ? { to: readAddressing(parts.headerBlocks).to ?? null, checks: [] } : { to: null, checks };
  } catch (e) {
    return { to: null, checks: [checkFromError(e)] };
  }
}

export function addressedTo(wire: string): string | null {
  return routeOf(wire).to;
}

/** The check for a message no service of this transaction manager is addressed by. */
export function noSuchService(who: string, services: string[], wire: string): Check[] {
  const r = routeOf(wire);
  if (r.checks.length > 0) return r.checks;
  return [{ code: 'WSAT_NO_SUCH_SERVICE', status: 'fail', specRef: 'WS-Addressing 1.0 Core §3', path: 'Envelope/Header/To', message: `expected wsa:To to be one of the ${who}'s endpoints (${services.join(', ')}), found ${r.to ?? 'none'}` }];
}

/** What a transaction manager's receipt of a message gives the scenario. */
export interface TmReceived<S> {
  state: S;
  report: Report;
  /** Secrets for keys.json, by name (e.g. the STx it issued). */
  secrets: Secrets;
}
