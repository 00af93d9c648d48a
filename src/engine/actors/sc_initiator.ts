// The initiator of seed 000: it asks the recipient's trust service for a security context (an RST
// for an SCT with its entropy and key size, under the bootstrap policy), checks the RSTR against
// the same policy and works out the shared secret, then protects application requests with keys
// derived from it and reads the answers (steps 3–6, as often as the user likes). It amends, renews
// and cancels the context too. Its session table is part of its plain-JSON state.

import { toBase64 } from '../crypto/encoding.ts';
import { uuidV4 } from '../crypto/random.ts';
import { makeReport, type Check, type Report } from '../report/index.ts';
import { sctReference } from '../sc/sct.ts';
import { buildSctRequest, scActions, type ScOperation } from '../sc/sct_request.ts';
import { readSctResponse, receivedSecret, type EntropyMode } from '../sc/sct_response.ts';
import { rekey, type ScSession } from '../sc/session.ts';
import { textOf } from '../xml/dom.ts';
import { echoBody } from './client.ts';
import { buildBootstrapMessage, buildDerivedKeyMessage, ECHO_ACTION, receiveBootstrapMessage, receiveDerivedKeyMessage, recordKeys, secretName, type Received, type ScParty } from './sc_messages.ts';
import type { Env, Produced } from './sc_token_service.ts';

export interface InitiatorState extends ScParty {
  keySize: number;
  /** Send requestor entropy ('client', 'both') or leave the key to the trust service ('server'). */
  entropy: EntropyMode;
  encryptBody: boolean;
  /** Claims presented with Amend. */
  claims: string[];
  session: ScSession | null;
  /** The request awaiting an answer. */
  pending: { op: ScOperation | 'application'; messageId: string; context?: string; entropyB64?: string; signatureValue?: string } | null;
  sent: string[];
}

const fail = (code: string, message: string, specRef = 'WS-SC 1.3 §3'): Check => ({ code, status: 'fail', specRef, path: 'Envelope/Body', message });

/** Step 1: the RST for an SCT, with entropy and KeySize, under the bootstrap policy. */
export async function requestContext(s: InitiatorState, env: Env): Promise<Produced<InitiatorState>> {
  const entropy = s.entropy === 'server' ? undefined : env.random.bytes(s.keySize / 8);
  const context = `urn:uuid:${uuidV4(env.random)}`;
  const m = await buildBootstrapMessage(s, {
    x509: s.x509, recipientPem: s.x509.peerCertPem ?? '', random: env.random, now: env.now,
    addressing: { action: scActions(s.version, 'issue').request, to: s.endpoint, replyTo: 'anonymous' },
    body: buildSctRequest({ version: s.version, op: 'issue', context, keySize: s.keySize, ...(entropy ? { entropy } : {}) }),
  });
  const pending = { op: 'issue' as const, messageId: m.messageId, context, signatureValue: m.secured.signatureValue, ...(entropy ? { entropyB64: toBase64(entropy) } : {}) };
  const secrets = { ...(entropy ? { 'initiator entropy': toBase64(entropy) } : {}), [`RST/SCT data key ${m.secured.secrets.encryptedKeyId}`]: m.secured.secrets.dataKey };
  return { wire: m.wire, state: { ...s, pending, sent: [...s.sent, m.messageId] }, secrets };
}

/** Step 2 at the initiator: the RSTR checked against the bootstrap policy; the shared secret worked out. */
export async function readContextResponse(s: InitiatorState, wire: string, now: number): Promise<{ report: Report; state: InitiatorState }> {
  const p = s.pending;
  const r = await receiveBootstrapMessage(s.x509, wire, now, { expectedAction: scActions(s.version, 'issue').response, expectedConfirmations: p?.signatureValue ? [p.signatureValue] : [], expectSigner: true });
  const checks = [...r.checks, ...correlation(r, p?.messageId)];
  if (!r.body || !p) return { report: makeReport(s.id, checks.length ? checks : [fail('SC_RSTR_MISSING', 'expected an RSTR answering our RST, found nothing')]), state: s };
  const { response, checks: rc } = readSctResponse(r.body, s.version, 'issue', p.context ?? '');
  checks.push(...rc);
  const secret = response ? await receivedSecret(response.rstr, p.entropyB64, s.keySize) : null;
  checks.push(...(secret?.checks ?? []));
  const lifetime = response?.rstr.lifetime;
  if (response && !lifetime) checks.push(fail('SC_RSTR_NO_LIFETIME', 'expected wst:Lifetime with the context\'s Created and Expires, found none', 'WS-Trust 1.3 §4.4.1'));
  const report = makeReport(s.id, checks);
  if (!report.accepted || !response?.sct || !secret?.secret || !lifetime) return { report, state: { ...s, pending: null } };
  const sct = response.sct;
  const session: ScSession = {
    version: s.version, identifier: sct.identifier, ...(sct.instance ? { instance: sct.instance } : {}), ...(sct.id ? { sctId: sct.id } : {}),
    secretB64: toBase64(secret.secret), entropy: secret.mode ?? s.entropy, keySize: secret.secret.length * 8,
    created: new Date(lifetime.created).toISOString(), expires: new Date(lifetime.expires).toISOString(), status: 'active', superseded: [], claims: [], keys: [],
  };
  checks.push({ code: 'SC_CONTEXT_ESTABLISHED', status: 'pass', specRef: 'WS-SC 1.3 §3', path: 'Envelope/Body', message: `security context ${sct.identifier} established until ${session.expires}; the secret is kept in memory (seed 000: a leaked secret compromises the conversation)` });
  return { report: makeReport(s.id, checks), state: { ...s, session, pending: null } };
}

function correlation(r: Received, sent: string | undefined): Check[] {
  if (!sent || !r.addressing.version) return [];
  return r.addressing.relatesTo === sent
    ? [{ code: 'WSA_RELATES_TO', status: 'pass', specRef: 'WS-Addressing 1.0 Core §3.4', path: 'Envelope/Header', message: `answer relates to request ${sent}` }]
    : [{ code: 'WSA_RELATES_TO_MISMATCH', status: 'fail', specRef: 'WS-Addressing 1.0 Core §3.4', path: 'Envelope/Header', message: `expected wsa:RelatesTo ${sent} (our request's MessageID), found ${r.addressing.relatesTo ?? 'none'}` }];
}

function senderContext(session: ScSession) {
  return { identifier: session.identifier, secretB64: session.secretB64, ...(session.instance ? { instance: session.instance } : {}), ...(session.sctId ? { sctId: session.sctId } : {}) };
}

/** Step 3: an application request signed and encrypted with keys derived from the context's secret. */
export async function sendApplication(s: InitiatorState, text: string, env: Env): Promise<Produced<InitiatorState>> {
  const session = s.session;
  const m = await buildDerivedKeyMessage(s, {
    addressing: { action: ECHO_ACTION, to: s.endpoint, replyTo: 'anonymous' }, body: echoBody('e:Echo', text),
    sct: session ? senderContext(session) : null, includeSct: true, encryptBody: s.encryptBody, random: env.random, now: env.now,
  });
  if (!session) return { wire: m.wire, state: { ...s, pending: { op: 'application', messageId: m.messageId }, sent: [...s.sent, m.messageId] }, secrets: {} };
  const next = recordKeys(session, m.derived, 'sent', m.messageId);
  return {
    wire: m.wire, state: { ...s, session: next, pending: { op: 'application', messageId: m.messageId }, sent: [...s.sent, m.messageId] }, secrets: {},
    sent: { identifier: session.identifier, ...(session.instance ? { instance: session.instance } : {}), derived: m.derived },
  };
}

/** Step 6 at the initiator: the response, keys derived from the same secret and the response's DKTs. */
export async function readApplicationResponse(s: InitiatorState, wire: string, now: number): Promise<{ report: Report; state: InitiatorState }> {
  const r = await receiveDerivedKeyMessage(s.session ? [s.session] : [], wire, now, { encryptBody: s.encryptBody, expectedAction: `${ECHO_ACTION}Response` });
  const checks = [...r.checks, ...correlation(r, s.pending?.messageId)];
  if (r.body) checks.push({ code: 'SC_APPLICATION_RESPONSE', status: 'info', specRef: 'seed 000 step 6', path: 'Envelope/Body', message: `application response: "${textOf(r.body).trim()}"` });
  const report = makeReport(s.id, checks);
  const session = report.accepted && s.session ? recordKeys(s.session, r.derived, 'received', r.addressing.messageId ?? 'response') : s.session;
  return { report, state: { ...s, session, pending: null } };
}

/** Amend, Renew or Cancel, proven by the context's own derived keys; 1.3 Amend and Renew send fresh entropy for the new key. */
export async function requestLifecycle(s: InitiatorState, op: Exclude<ScOperation, 'issue'>, env: Env): Promise<Produced<InitiatorState>> {
  const session = s.session;
  const rekeys = op !== 'cancel' && s.version === '1.3';
  const entropy = session && rekeys && s.entropy !== 'server' ? env.random.bytes(session.keySize / 8) : undefined;
  const context = `urn:uuid:${uuidV4(env.random)}`;
  const target = op === 'amend' || !session ? undefined : sctReference({ version: s.version, identifier: session.identifier, ...(session.instance ? { instance: session.instance } : {}) }, 'unattached');
  const m = await buildDerivedKeyMessage(s, {
    addressing: { action: scActions(s.version, op).request, to: s.endpoint, replyTo: 'anonymous' },
    body: buildSctRequest({ version: s.version, op, context, ...(entropy && session ? { entropy, keySize: session.keySize } : {}), ...(target ? { target } : {}), ...(op === 'amend' ? { claims: s.claims } : {}) }),
    sct: session ? senderContext(session) : null, includeSct: true, encryptBody: true, random: env.random, now: env.now,
  });
  const pending = { op, messageId: m.messageId, context, ...(entropy ? { entropyB64: toBase64(entropy) } : {}) };
  return {
    wire: m.wire, state: { ...s, session: session ? recordKeys(session, m.derived, 'sent', m.messageId) : null, pending, sent: [...s.sent, m.messageId] },
    secrets: entropy ? { [`${op} initiator entropy`]: toBase64(entropy) } : {},
    ...(session ? { sent: { identifier: session.identifier, ...(session.instance ? { instance: session.instance } : {}), derived: m.derived } } : {}),
  };
}

/** The RSTR to Amend / Renew / Cancel: the context re-keyed (1.3), its lifetime or claims updated, or cancelled. */
export async function readLifecycleResponse(s: InitiatorState, op: Exclude<ScOperation, 'issue'>, wire: string, now: number): Promise<{ report: Report; state: InitiatorState; secrets: Record<string, string> }> {
  const session = s.session;
  const r = await receiveDerivedKeyMessage(session ? [session] : [], wire, now, { encryptBody: true, expectedAction: scActions(s.version, op).response });
  if (!session) return { report: makeReport(s.id, r.checks), state: { ...s, pending: null }, secrets: {} };
  const checks = [...r.checks, ...correlation(r, s.pending?.messageId)];
  const { response, checks: rc } = r.body ? readSctResponse(r.body, s.version, op, s.pending?.context ?? '') : { response: null, checks: [] };
  checks.push(...rc);
  let next = recordKeys(session, r.derived, 'received', r.addressing.messageId ?? 'response');
  const secrets: Record<string, string> = {};
  if (op === 'cancel' && response?.rstr.cancelled) next = { ...next, status: 'cancelled' };
  if (op !== 'cancel' && response?.sct) {
    const lifetime = response.rstr.lifetime;
    next = { ...next, ...(lifetime ? { expires: new Date(lifetime.expires).toISOString() } : {}), ...(op === 'amend' ? { claims: [...next.claims, ...s.claims] } : {}) };
    if (response.sct.instance !== undefined && response.sct.instance !== session.instance) {
      const secret = await receivedSecret(response.rstr, s.pending?.entropyB64, session.keySize);
      checks.push(...secret.checks);
      if (secret.secret) {
        next = rekey(next, { instance: response.sct.instance, secretB64: toBase64(secret.secret), by: op, at: new Date(now).toISOString() });
        secrets[secretName(session.identifier, response.sct.instance)] = next.secretB64;
      }
    }
  }
  const report = makeReport(s.id, checks);
  if (report.accepted) checks.push({ code: { amend: 'SC_AMENDED', renew: 'SC_RENEWED', cancel: 'SC_CANCELLED' }[op], status: 'pass', specRef: { amend: 'WS-SC 1.3 §4', renew: 'WS-SC 1.3 §5', cancel: 'WS-SC 1.3 §6' }[op], path: 'Envelope/Body', message: lifecycleSummary(op, session, next) });
  return { report: makeReport(s.id, checks), state: { ...s, session: report.accepted ? next : session, pending: null }, secrets };
}

function lifecycleSummary(op: Exclude<ScOperation, 'issue'>, before: ScSession, after: ScSession): string {
  if (op === 'cancel') return `context ${before.identifier} cancelled; its secret must no longer be used`;
  const key = after.instance !== before.instance ? `; new key, instance ${before.instance} → ${after.instance}` : '; same key';
  return op === 'renew' ? `context ${before.identifier} renewed until ${after.expires}${key}` : `context ${before.identifier} amended with claims ${after.claims.join(', ')}${key}`;
}
