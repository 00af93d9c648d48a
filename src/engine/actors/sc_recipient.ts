// The recipient of seed 000: its trust service issues and manages security contexts
// (sc_token_service.ts); its application endpoint takes requests protected with keys derived from
// a context's secret — deriving the same keys from the secret and each message's DerivedKeyToken
// metadata, verifying and decrypting (steps 4–5) — and answers with keys of its own derivation
// (step 6). Its session table (one entry per context) is part of its plain-JSON state.

import { textOf } from '../xml/dom.ts';
import { makeReport, type Check, type Report } from '../report/index.ts';
import { scOperationOf, type ScOperation } from '../sc/sct_request.ts';
import type { EntropyMode } from '../sc/sct_response.ts';
import type { ScSession } from '../sc/session.ts';
import { readAddressing, WSA } from '../wsa/headers.ts';
import { readEnvelope } from '../soap/envelope.ts';
import { parseXml } from '../xml/parse.ts';
import { echoBody } from './client.ts';
import { buildDerivedKeyMessage, ECHO_ACTION, receiveDerivedKeyMessage, recordKeys, scFaultWire, type Received, type ScParty } from './sc_messages.ts';
import { decideLifecycle, receiveIssue, respondIssue, respondLifecycle, type Env, type Produced } from './sc_token_service.ts';

export interface RecipientLast {
  op: ScOperation | 'application';
  accepted: boolean;
  messageId?: string;
  /** The RST's Context, echoed in the RSTR. */
  context?: string;
  /** The context the message was protected by (application, Amend, Renew, Cancel). */
  identifier?: string;
  keySize?: number;
  clientEntropyB64?: string;
  peerCertPem?: string;
  principal?: string;
  signatureValues?: string[];
  claims?: string[];
  text?: string;
  /** The code of the check that refused the message. */
  failCode?: string;
}

export interface RecipientState extends ScParty {
  /** How the trust service makes a context's secret from the entropy it is given. */
  entropy: EntropyMode;
  keySizes: { min: number; max: number };
  lifetimeSeconds: number;
  /** The application policy: encrypt the Body of requests and responses. */
  encryptBody: boolean;
  sessions: ScSession[];
  last: RecipientLast | null;
}

function actionOf(wire: string): string | undefined {
  try {
    const { parts } = readEnvelope(parseXml(wire));
    return parts ? readAddressing(parts.headerBlocks).action : undefined;
  } catch {
    return undefined; // unparsable: receiveDerivedKeyMessage reports it
  }
}

function applicationChecks(r: Received): { checks: Check[]; text?: string } {
  if (!r.body || r.checks.some((c) => c.status === 'fail')) return { checks: [] };
  const text = textOf(r.body).trim();
  return { checks: [{ code: 'SC_APPLICATION_REQUEST', status: 'info', specRef: 'seed 000 step 5', path: 'Envelope/Body', message: `application request: "${text}"` }], text };
}

/** Receives any message of the flow: the bootstrap RST, Amend/Renew/Cancel, or an application request. */
export async function recipientReceive(state: RecipientState, wire: string, now: number): Promise<{ report: Report; state: RecipientState }> {
  const op = scOperationOf(state.version, actionOf(wire));
  if (op === 'issue') {
    const r = await receiveIssue(state, wire, now);
    return { report: makeReport(state.id, r.checks), state: { ...state, last: r.last } };
  }
  const r = await receiveDerivedKeyMessage(state.sessions, wire, now, { encryptBody: op ? true : state.encryptBody, ...(op ? {} : { expectedAction: ECHO_ACTION }) });
  const app = op ? null : applicationChecks(r);
  const extra = op ? decideLifecycle(state, r, op) : { checks: app?.checks ?? [], last: null };
  const checks = [...r.checks, ...extra.checks];
  const report = makeReport(state.id, checks);
  const identifier = r.derived.find((d) => d.sctIdentifier)?.sctIdentifier;
  const failed = checks.find((c) => c.status === 'fail');
  const last: RecipientLast = extra.last ?? {
    op: 'application', accepted: report.accepted, ...(r.addressing.messageId ? { messageId: r.addressing.messageId } : {}), ...(identifier ? { identifier } : {}),
    ...(app?.text !== undefined ? { text: app.text } : {}), ...(failed ? { failCode: failed.code } : {}),
  };
  const sessions = report.accepted && identifier
    ? state.sessions.map((s) => (s.identifier === identifier ? recordKeys(s, r.derived, 'received', r.addressing.messageId ?? 'request') : s))
    : state.sessions;
  return { report, state: { ...state, sessions, last: { ...last, accepted: report.accepted } } };
}

/** Answers the last message: RSTR (issue, amend, renew, cancel), the application response, or a fault. */
export async function recipientRespond(state: RecipientState, env: Env): Promise<Produced<RecipientState> & { fault: boolean }> {
  const last = state.last;
  if (!last?.accepted) return { wire: scFaultWire(state, last?.failCode, last?.messageId, env.random), state, secrets: {}, fault: true };
  if (last.op === 'issue') return { ...(await respondIssue(state, last, env)), fault: false };
  if (last.op !== 'application' && state.sessions.some((x) => x.identifier === last.identifier)) return { ...(await respondLifecycle(state, last, last.op, env)), fault: false };
  if (last.op !== 'application') return { wire: scFaultWire(state, 'SC_SCT_UNKNOWN', last.messageId, env.random), state, secrets: {}, fault: true };
  const s = state.sessions.find((x) => x.identifier === last.identifier);
  if (!s) return { wire: scFaultWire(state, 'SC_SCT_UNKNOWN', last.messageId, env.random), state, secrets: {}, fault: true };
  const m = await buildDerivedKeyMessage(state, {
    addressing: { action: `${ECHO_ACTION}Response`, to: WSA[state.wsa].anonymous, ...(last.messageId ? { relatesTo: last.messageId } : {}) },
    body: echoBody('e:EchoResponse', `Hello, ${s.principal ?? 'initiator'}: you said "${last.text ?? ''}"`),
    sct: { identifier: s.identifier, secretB64: s.secretB64, ...(s.instance ? { instance: s.instance } : {}) }, includeSct: false, encryptBody: state.encryptBody, random: env.random, now: env.now,
  });
  const sessions = state.sessions.map((x) => (x.identifier === s.identifier ? recordKeys(x, m.derived, 'sent', m.messageId) : x));
  return { wire: m.wire, state: { ...state, sessions }, secrets: {}, sent: { identifier: s.identifier, ...(s.instance ? { instance: s.instance } : {}), derived: m.derived }, fault: false };
}
