// The recipient's trust service (seed 000 steps 1–2; WS-SC 1.3 §3–6): it reads the RST for an SCT
// under the bootstrap policy, issues the context (Identifier, secret from the entropy given, KeySize,
// Lifetime) in an RSTR protected the same way, and later amends, renews or cancels it at the
// requestor's word — those requests proven by the context's own derived keys.

import { fromBase64, toBase64 } from '../crypto/encoding.ts';
import type { RandomSource } from '../crypto/random.ts';
import type { Check } from '../report/index.ts';
import { readSctReference, newSctIdentifier, type Sct } from '../sc/sct.ts';
import { readSctRequest, scActions, type ScOperation } from '../sc/sct_request.ts';
import { buildSctResponse, issueSecret, type SecretSource } from '../sc/sct_response.ts';
import { rekey, type DerivedRecord, type ScSession } from '../sc/session.ts';
import { WSA } from '../wsa/headers.ts';
import { childElements } from '../xml/dom.ts';
import { where } from '../xml/path.ts';
import { freshId } from '../wss/outbound.ts';
import { buildBootstrapMessage, buildDerivedKeyMessage, receiveBootstrapMessage, secretName, type Received } from './sc_messages.ts';
import type { RecipientLast, RecipientState } from './sc_recipient.ts';

export interface Env {
  random: RandomSource;
  now: number;
}

/** What a response produced: the wire, the new state, secrets for keys.json, and the keys it used. */
export interface Produced<S> {
  wire: string;
  state: S;
  secrets: Record<string, string>;
  sent?: { identifier: string; instance?: string; derived: DerivedRecord[] };
}

const pass = (code: string, message: string, specRef = 'WS-SC 1.3 §3'): Check => ({ code, status: 'pass', specRef, path: 'Envelope/Body', message });
const fail = (code: string, message: string, specRef = 'WS-SC 1.3 §3'): Check => ({ code, status: 'fail', specRef, path: 'Envelope/Body', message });

/** Step 1 at the recipient: the bootstrap-protected RST for an SCT. */
export async function receiveIssue(state: RecipientState, wire: string, now: number): Promise<{ checks: Check[]; last: RecipientLast }> {
  const r = await receiveBootstrapMessage(state.x509, wire, now, { expectedAction: scActions(state.version, 'issue').request });
  const checks = [...r.checks];
  const { request, checks: rc } = r.body ? readSctRequest(r.body, state.version, 'issue') : { request: null, checks: [fail('SC_RST_MISSING', 'expected a wst:RequestSecurityToken in the Body, found nothing')] };
  checks.push(...rc);
  const keySize = request?.rst.keySize ?? 256;
  const entropy = request?.rst.entropy;
  if (keySize % 8 !== 0 || keySize < state.keySizes.min || keySize > state.keySizes.max) {
    checks.push(fail('SC_KEY_SIZE_UNSUPPORTED', `wst:BadRequest: expected a KeySize from ${state.keySizes.min} to ${state.keySizes.max} bits in whole bytes, found ${keySize}`, 'WS-Trust 1.3 §4.4.4'));
  } else if (entropy && state.entropy === 'client' && entropy.length * 8 !== keySize) {
    checks.push(fail('SC_ENTROPY_SIZE', `expected the requestor's entropy to be the ${keySize}-bit key itself, found ${entropy.length * 8} bits`, 'WS-Trust 1.3 §4.4.3'));
  }
  const accepted = !checks.some((c) => c.status === 'fail');
  if (accepted) checks.push(pass('SC_RST_ACCEPTED', `will establish a ${keySize}-bit context for ${r.signer?.subject ?? 'the requestor'} (${entropy ? `requestor entropy, ${state.entropy === 'both' ? 'plus our own: ComputedKey' : state.entropy === 'client' ? 'used as the key' : 'ignored: we generate the key'}` : 'no requestor entropy: we generate the key'})`));
  const last: RecipientLast = {
    op: 'issue', accepted, keySize, ...(r.addressing.messageId ? { messageId: r.addressing.messageId } : {}), ...(request?.rst.context ? { context: request.rst.context } : {}),
    ...(entropy ? { clientEntropyB64: toBase64(entropy) } : {}), ...(r.signer ? { peerCertPem: r.signer.pem, principal: r.signer.subject } : {}), signatureValues: r.signatureValues,
    ...(accepted ? {} : { failCode: checks.find((c) => c.status === 'fail')?.code ?? '' }),
  };
  return { checks, last };
}

function sourceSecrets(identifier: string, source: SecretSource): Record<string, string> {
  if (source.kind === 'both') return { [`context ${identifier} client entropy`]: toBase64(source.clientEntropy), [`context ${identifier} server entropy`]: toBase64(source.serverEntropy) };
  if (source.kind === 'client') return { [`context ${identifier} client entropy`]: toBase64(source.clientEntropy) };
  return {};
}

/** Step 2: issue the context and answer with the RSTR under the bootstrap policy. */
export async function respondIssue(state: RecipientState, last: RecipientLast, env: Env): Promise<Produced<RecipientState>> {
  const identifier = newSctIdentifier(env.random);
  const sct: Sct = { version: state.version, identifier, id: freshId('SCT', env.random), ...(state.version === '1.3' ? { instance: '1' } : {}) };
  const keySize = last.keySize ?? 256;
  const { secret, source } = await issueSecret(state.entropy, last.clientEntropyB64 ? fromBase64(last.clientEntropyB64) : undefined, keySize, env.random);
  const lifetime = { created: env.now, expires: env.now + state.lifetimeSeconds * 1000 };
  const body = buildSctResponse({ version: state.version, op: 'issue', context: last.context ?? '', sct, source, lifetime });
  const m = await buildBootstrapMessage(state, {
    x509: state.x509, recipientPem: last.peerCertPem ?? '', body, confirmations: last.signatureValues ?? [], random: env.random, now: env.now,
    addressing: { action: scActions(state.version, 'issue').response, to: WSA[state.wsa].anonymous, ...(last.messageId ? { relatesTo: last.messageId } : {}) },
  });
  const session: ScSession = {
    version: state.version, identifier, ...(sct.instance ? { instance: sct.instance } : {}), ...(sct.id ? { sctId: sct.id } : {}), secretB64: toBase64(secret), entropy: source.kind, keySize,
    created: new Date(lifetime.created).toISOString(), expires: new Date(lifetime.expires).toISOString(), status: 'active', superseded: [], claims: [], keys: [],
    ...(last.principal ? { principal: last.principal } : {}),
  };
  const secrets = { [secretName(identifier, sct.instance)]: session.secretB64, ...sourceSecrets(identifier, source), [`RSTR/SCT data key ${m.secured.secrets.encryptedKeyId}`]: m.secured.secrets.dataKey };
  return { wire: m.wire, state: { ...state, sessions: [...state.sessions, session] }, secrets };
}

/** Amend / Renew / Cancel at the recipient: the request must be protected by the context it names. */
export function decideLifecycle(state: RecipientState, r: Received, op: Exclude<ScOperation, 'issue'>): { checks: Check[]; last: RecipientLast } {
  const checks: Check[] = [];
  const { request, checks: rc } = r.body ? readSctRequest(r.body, state.version, op) : { request: null, checks: [fail('SC_RST_MISSING', 'expected a wst:RequestSecurityToken in the Body, found nothing')] };
  checks.push(...rc);
  const proven = r.derived.find((d) => d.sctIdentifier)?.sctIdentifier;
  const targetStr = request?.rst.target ? childElements(request.rst.target)[0] : undefined;
  const named = targetStr?.ownerDocument ? readSctReference(targetStr, targetStr.ownerDocument) : null;
  if (named) checks.push(...named.checks);
  const spec = { amend: 'WS-SC 1.3 §4', renew: 'WS-SC 1.3 §5', cancel: 'WS-SC 1.3 §6' }[op];
  if (!proven) checks.push(fail('SC_NOT_PROVEN', `expected the ${op} request protected by a key derived from the context it concerns (proof of possession), found no derived key`, spec));
  else if (op !== 'amend' && named?.ref && named.ref.identifier !== proven) {
    checks.push({ ...fail('SC_TARGET_NOT_PROVEN', `expected the ${op === 'renew' ? 'RenewTarget' : 'CancelTarget'} to name the context whose key protects the request (${proven}), found ${named.ref.identifier}`, spec), ...(targetStr ? where(targetStr) : {}) });
  }
  const accepted = ![...r.checks, ...checks].some((c) => c.status === 'fail');
  if (accepted) checks.push(pass(`SC_${op.toUpperCase()}_ACCEPTED`, `will ${op} context ${proven}${op === 'amend' ? ` adding claims ${request?.claims.join(', ')}` : ''}`, spec));
  const failed = [...r.checks, ...checks].find((c) => c.status === 'fail');
  const last: RecipientLast = {
    op, accepted, ...(r.addressing.messageId ? { messageId: r.addressing.messageId } : {}), ...(request?.rst.context ? { context: request.rst.context } : {}),
    ...(proven ? { identifier: proven } : {}), ...(request?.rst.entropy ? { clientEntropyB64: toBase64(request.rst.entropy) } : {}),
    ...(request?.claims.length ? { claims: request.claims } : {}), ...(failed ? { failCode: failed.code } : {}),
  };
  return { checks, last };
}

/** The context after Amend or Renew: 1.3 re-keys under a new wsc:Instance; 2005/02 (no Instance) keeps its key. */
async function amended(state: RecipientState, s: ScSession, last: RecipientLast, op: 'amend' | 'renew', env: Env): Promise<{ next: ScSession; source?: SecretSource }> {
  const expires = op === 'renew' ? new Date(env.now + state.lifetimeSeconds * 1000).toISOString() : s.expires;
  const claims = op === 'amend' ? [...s.claims, ...(last.claims ?? [])] : s.claims;
  if (state.version !== '1.3') return { next: { ...s, expires, claims } };
  const { secret, source } = await issueSecret(state.entropy, last.clientEntropyB64 ? fromBase64(last.clientEntropyB64) : undefined, s.keySize, env.random);
  const next = rekey({ ...s, expires, claims }, { instance: String(Number(s.instance ?? '1') + 1), secretB64: toBase64(secret), by: op, at: new Date(env.now).toISOString() });
  return { next, source };
}

/** Answers Amend / Renew / Cancel with the RSTR, protected with keys derived from the context as it was. */
export async function respondLifecycle(state: RecipientState, last: RecipientLast, op: Exclude<ScOperation, 'issue'>, env: Env): Promise<Produced<RecipientState>> {
  const s = state.sessions.find((x) => x.identifier === last.identifier) as ScSession;
  const change = op === 'cancel' ? { next: { ...s, status: 'cancelled' as const } } : await amended(state, s, last, op, env);
  const sct: Sct = { version: state.version, identifier: s.identifier, ...(change.next.instance ? { instance: change.next.instance } : {}), ...(s.sctId ? { id: s.sctId } : {}) };
  const body = buildSctResponse({
    version: state.version, op, context: last.context ?? '', sct, ...(change.source ? { source: change.source } : {}),
    ...(op === 'cancel' ? {} : { lifetime: { created: Date.parse(s.created), expires: Date.parse(change.next.expires) } }),
  });
  const m = await buildDerivedKeyMessage(state, {
    addressing: { action: scActions(state.version, op).response, to: WSA[state.wsa].anonymous, ...(last.messageId ? { relatesTo: last.messageId } : {}) },
    body, sct: { identifier: s.identifier, secretB64: s.secretB64, ...(s.instance ? { instance: s.instance } : {}) }, includeSct: false, encryptBody: true, random: env.random, now: env.now,
  });
  const withKeys: ScSession = { ...change.next, keys: [...change.next.keys, ...m.derived.map((d) => ({ ...d, direction: 'sent' as const, message: m.messageId, ...(s.instance ? { instance: s.instance } : {}) }))] };
  const secrets = change.next.instance !== s.instance ? { [secretName(s.identifier, change.next.instance)]: change.next.secretB64, ...(change.source ? sourceSecrets(`${s.identifier} instance ${change.next.instance}`, change.source) : {}) } : {};
  return {
    wire: m.wire, state: { ...state, sessions: state.sessions.map((x) => (x.identifier === s.identifier ? withKeys : x)) }, secrets,
    sent: { identifier: s.identifier, ...(s.instance ? { instance: s.instance } : {}), derived: m.derived },
  };
}
