// Scenario "SecureConversation" (seed 000): the initiator asks the recipient's trust service for a
// security context token (1: RST with entropy and KeySize under the bootstrap policy — asymmetric
// X.509 signing and encryption), gets it (2: RSTR with the SCT, the proof token and the lifetime,
// checked against the same policy), then sends application requests signed and encrypted with keys
// derived from the SCT's secret (3); the recipient derives the same keys from the secret and each
// message's DerivedKeyToken metadata (4), verifies and decrypts (5) and answers with keys of its own
// derivation (6); steps 3–6 repeat as often as the "rounds" axis says (7), then Cancel. Variants:
// WS-SC 2005/02 and 1.3; entropy from the client, the server or both; with and without Body
// encryption; Amend and Renew on the way; a compromised secret; an expired context.

import { DEMO_PKI_FILE } from '../actors/demo_pki.ts';
import { forgeRequest, learnSecret, type AttackerState } from '../actors/sc_attacker.ts';
import { readApplicationResponse, readContextResponse, readLifecycleResponse, requestContext, requestLifecycle, sendApplication, type InitiatorState } from '../actors/sc_initiator.ts';
import { recipientReceive, recipientRespond, type RecipientState } from '../actors/sc_recipient.ts';
import { BOOTSTRAP_MODEL, secretName } from '../actors/sc_messages.ts';
import type { Produced as ActorProduced } from '../actors/sc_token_service.ts';
import { UsageError } from '../report/index.ts';
import type { ScOperation } from '../sc/sct_request.ts';
import type { EntropyMode } from '../sc/sct_response.ts';
import type { ScVersionId } from '../sc/sct.ts';
import type { SoapVersion } from '../soap/envelope.ts';
import { secureConversationPolicyXml } from '../sc/policy_xml.ts';
import type { ActorsState, Expectation, Json, ScenarioDef, StepContext, StepDef, VariantInfo } from './types.ts';

type Kind = 'basic' | 'lifecycle' | 'compromised' | 'expired';

interface ScVariant extends VariantInfo {
  version: ScVersionId;
  entropy: EntropyMode;
  encryptBody: boolean;
  kind: Kind;
}

const ENDPOINT = 'http://recipient.wsbench.example/echo';
const pki = DEMO_PKI_FILE.identities;
const json = (x: unknown) => x as Json;
const VTAG: Record<ScVersionId, string> = { '1.3': 'sc13', '2005/02': 'sc2005' };
const ENTROPY_TEXT: Record<EntropyMode, string> = {
  client: 'the initiator sends its entropy and the trust service uses it as the key (no proof token comes back)',
  server: 'the initiator sends no entropy; the trust service generates the key and returns it as a BinarySecret proof token (inside the encrypted RSTR)',
  both: 'both sides send entropy; the key is P_SHA1(initiator entropy, service entropy) — ComputedKey CK/PSHA1',
};

function variant(version: ScVersionId, entropy: EntropyMode, encryptBody: boolean, kind: Kind, id: string, title: string, extra = ''): ScVariant {
  const sc = version === '1.3' ? 'WS-SC 1.3 with WS-Trust 1.3' : 'WS-SC 2005/02 with WS-Trust Feb2005';
  return {
    id, title, version, entropy, encryptBody, kind, source: 'seed 000: the security context token flow',
    description: `${sc}. Entropy: ${ENTROPY_TEXT[entropy]}. Application messages are signed${encryptBody ? ' and encrypted' : ''} with separate keys derived from the context's secret.${extra}`,
    policyXml: secureConversationPolicyXml(BOOTSTRAP_MODEL, { encryptBody }),
  };
}

function variants(): ScVariant[] {
  const out: ScVariant[] = [];
  for (const version of ['1.3', '2005/02'] as const) {
    for (const entropy of ['both', 'client', 'server'] as const) {
      for (const enc of [true, false]) {
        out.push(variant(version, entropy, enc, 'basic', `${VTAG[version]}-entropy-${entropy}-${enc ? 'encrypted' : 'signed'}`,
          `WS-SC ${version}, ${entropy === 'both' ? 'both entropies (ComputedKey)' : `${entropy} entropy`}, ${enc ? 'signed + encrypted' : 'signed only'}`));
      }
    }
    out.push(variant(version, 'both', true, 'lifecycle', `${VTAG[version]}-amend-renew-cancel`, `WS-SC ${version}: Amend, Renew, Cancel on the way`,
      version === '1.3'
        ? ' Amend adds a claim and Renew extends the lifetime; in 1.3 both re-key the context under a new wsc:Instance (wsbench re-keys on Amend too, so keys never outlive the claims they were issued for). A captured request under the old instance is then refused (SC_SCT_AMENDED_AWAY); after Cancel the context is refused (SC_SCT_CANCELLED).'
        : ' Amend adds a claim and Renew extends the lifetime; 2005/02 has no wsc:Instance, so the key stays. After Cancel the context is refused (SC_SCT_CANCELLED).'));
  }
  out.push(variant('1.3', 'both', true, 'compromised', 'compromised-secret', 'Compromised secret (WS-SC 1.3): a forgery with the leaked secret is ACCEPTED',
    ' After the session is set up, an attacker who learned the SCT secret forges a request with keys it derives itself, and the recipient accepts it — seed 000\'s warning made concrete. A forgery with a guessed secret is refused.'));
  out.push(variant('2005/02', 'both', true, 'compromised', 'sc2005-compromised-secret', 'Compromised secret (WS-SC 2005/02)', ' As compromised-secret, with WS-SC 2005/02.'));
  out.push(variant('1.3', 'both', true, 'expired', 'expired-context', 'Expired context (WS-SC 1.3): a request after the Lifetime is refused',
    ' The trust service issues the context for 10 minutes; a request 12 minutes later is refused with wsc:RenewNeeded (SC_SCT_EXPIRED).'));
  return out;
}

export const SC_VARIANTS = variants();

function find(id: string): ScVariant {
  const v = SC_VARIANTS.find((x) => x.id === id);
  if (!v) throw new UsageError('UNKNOWN_VARIANT', `expected one of ${SC_VARIANTS.map((x) => x.id).join(', ')}, found "${id}"`);
  return v;
}

function initialState(variantId: string, versions: Record<string, string>): ActorsState {
  const v = find(variantId);
  const channel = { version: v.version, soap: (versions['soap'] ?? '1.1') as SoapVersion, wsa: '2005/08' as const };
  const initiator: InitiatorState = {
    id: 'initiator', ...channel, endpoint: ENDPOINT, keySize: 256, entropy: v.entropy, encryptBody: v.encryptBody, claims: ['role=auditor'], session: null, pending: null, sent: [],
    x509: { certPem: pki.client.certPem, keyPem: pki.client.keyPem, peerCertPem: pki.service.certPem, caPem: pki.ca.certPem },
  };
  const recipient: RecipientState = {
    id: 'recipient', ...channel, endpoint: ENDPOINT, entropy: v.entropy, keySizes: { min: 128, max: 512 }, lifetimeSeconds: v.kind === 'expired' ? 600 : 3600,
    encryptBody: v.encryptBody, sessions: [], last: null,
    x509: { certPem: pki.service.certPem, keyPem: pki.service.keyPem, peerCertPem: pki.client.certPem, caPem: pki.ca.certPem },
  };
  const attacker: AttackerState = { id: 'attacker', ...channel, endpoint: ENDPOINT, encryptBody: v.encryptBody, learned: null };
  return { initiator: json(initiator), recipient: json(recipient), attacker: json(attacker) };
}

const as = <T>(a: ActorsState, k: string) => a[k] as unknown as T;

/** keys.json: the step's secrets, and every derived key with the name of the secret it came from. */
function record(ctx: StepContext, label: string, p: Pick<ActorProduced<unknown>, 'secrets' | 'sent'>, secretOverride?: string): void {
  for (const [k, val] of Object.entries(p.secrets)) ctx.secret(k, val);
  if (!p.sent) return;
  const secret = secretOverride ?? secretName(p.sent.identifier, p.sent.instance);
  for (const d of p.sent.derived) ctx.secret(`${label}: ${d.usage} key ${d.dktId}`, json({ ...d, sctIdentifier: p.sent.identifier, ...(p.sent.instance ? { instance: p.sent.instance } : {}), secret }));
}

const ACCEPT: Expectation = { accept: true };

async function toRecipient(ctx: StepContext, wire: string) {
  const r = await recipientReceive(as<RecipientState>(ctx.actors, 'recipient'), wire, ctx.now);
  return { report: r.report, actors: { ...ctx.actors, recipient: json(r.state) } };
}

/** The recipient's answer to whatever it received last (RSTR, application response or fault). */
async function fromRecipient(ctx: StepContext, label: string) {
  const r = await recipientRespond(as<RecipientState>(ctx.actors, 'recipient'), ctx);
  record(ctx, label, r);
  return { wire: r.wire, actors: { ...ctx.actors, recipient: json(r.state) }, ...(r.fault ? { label: 'Fault' } : {}) };
}

function bootstrapSteps(): StepDef[] {
  return [{
    n: 1, from: 'initiator', to: 'recipient', label: 'RST for an SCT (bootstrap: X.509 signed + encrypted)', expect: ACCEPT,
    explain: 'The initiator asks the recipient\'s trust service for a security context token: an RST with TokenType …/sct, its entropy and the key size it wants. The bootstrap policy protects it asymmetrically: signed with the initiator\'s certificate key, the Body encrypted for the recipient\'s certificate.',
    specRefs: ['seed 000 step 1', 'WS-SC 1.3 §3', 'WS-Trust 1.3 §4.1', 'WS-SP 1.3 §7.5'],
    async produce(ctx) {
      const r = await requestContext(as<InitiatorState>(ctx.actors, 'initiator'), ctx);
      record(ctx, 'RST/SCT', r);
      return { wire: r.wire, actors: { ...ctx.actors, initiator: json(r.state) } };
    },
    receive: toRecipient,
  }, {
    n: 2, from: 'recipient', to: 'initiator', label: 'RSTR with the SCT (bootstrap: X.509 signed + encrypted)', expect: ACCEPT,
    explain: 'The trust service trusts the request (the signer\'s certificate chains to the CA), creates the context — a urn:uuid Identifier and the shared secret — and answers with the SCT, attached and unattached references, the proof token (BinarySecret, ComputedKey with its own entropy, or none when the initiator\'s entropy is the key) and the Lifetime, protected the same way. The initiator checks it against the bootstrap policy and keeps the secret in memory.',
    specRefs: ['seed 000 step 2', 'WS-SC 1.3 §3', 'WS-Trust 1.3 §4.4'],
    produce: (ctx) => fromRecipient(ctx, 'RSTR/SCT'),
    async receive(ctx, wire) {
      const r = await readContextResponse(as<InitiatorState>(ctx.actors, 'initiator'), wire, ctx.now);
      return { report: r.report, actors: { ...ctx.actors, initiator: json(r.state) } };
    },
  }];
}

function roundSteps(tag: string, text: string): StepDef[] {
  return [{
    n: 3, from: 'initiator', to: 'recipient', label: `Application request (${tag})`, expect: ACCEPT,
    explain: 'Steps 3–5: the initiator derives two keys from the context\'s secret — each a DerivedKeyToken with its own Nonce — signs the Timestamp, the addressing headers and the Body with one (HMAC-SHA1) and encrypts the Body with the other. The recipient finds the context by the SCT\'s Identifier, recomputes both keys with P_SHA1 from the secret and each DKT\'s label, nonce, offset and length, then verifies and decrypts.',
    specRefs: ['seed 000 steps 3–5', 'WS-SC 1.3 §7', 'WSS 1.1 §8–9'],
    async produce(ctx) {
      const r = await sendApplication(as<InitiatorState>(ctx.actors, 'initiator'), text, ctx);
      record(ctx, `request (${tag})`, r);
      return { wire: r.wire, actors: { ...ctx.actors, initiator: json(r.state) } };
    },
    receive: toRecipient,
  }, {
    n: 6, from: 'recipient', to: 'initiator', label: `Application response (${tag})`, expect: ACCEPT,
    explain: 'Step 6: the recipient answers with keys of its own derivation — fresh nonces, the same secret — referencing the SCT by its Identifier; the initiator derives them in turn, verifies and decrypts. Step 7 of the seed: repeat steps 3–6 until the exchange is done (the "rounds" setting).',
    specRefs: ['seed 000 step 6', 'WS-SC 1.3 §7'],
    produce: (ctx) => fromRecipient(ctx, `response (${tag})`),
    async receive(ctx, wire) {
      const r = await readApplicationResponse(as<InitiatorState>(ctx.actors, 'initiator'), wire, ctx.now);
      return { report: r.report, actors: { ...ctx.actors, initiator: json(r.state) } };
    },
  }];
}

const LIFECYCLE: Record<Exclude<ScOperation, 'issue'>, { n: number; explain: string; spec: string }> = {
  amend: { n: 10, spec: 'WS-SC 1.3 §4', explain: 'Amend: the initiator adds a claim (wst:Claims) to the context, proving possession with the context\'s own derived keys; the trust service answers with the SCT (in 1.3 re-keyed under a new wsc:Instance, the new key made from fresh entropy as at issuance).' },
  renew: { n: 12, spec: 'WS-SC 1.3 §5', explain: 'Renew: the initiator asks for a longer lifetime (RenewTarget names the SCT by its Identifier); the trust service answers with a new Lifetime (and, in 1.3, a new instance and key).' },
  cancel: { n: 20, spec: 'WS-SC 1.3 §6', explain: 'Cancel: the initiator ends the conversation (CancelTarget names the SCT); the trust service answers RequestedTokenCancelled and both sides drop the secret. Any later message under this context is refused.' },
};

function lifecycleSteps(op: Exclude<ScOperation, 'issue'>): StepDef[] {
  const l = LIFECYCLE[op];
  const name = op[0]!.toUpperCase() + op.slice(1);
  return [{
    n: l.n, from: 'initiator', to: 'recipient', label: `RST/SCT/${name}`, expect: ACCEPT, explain: l.explain, specRefs: [l.spec],
    async produce(ctx) {
      const r = await requestLifecycle(as<InitiatorState>(ctx.actors, 'initiator'), op, ctx);
      record(ctx, `RST/SCT/${name}`, r);
      return { wire: r.wire, actors: { ...ctx.actors, initiator: json(r.state) } };
    },
    receive: toRecipient,
  }, {
    n: l.n + 1, from: 'recipient', to: 'initiator', label: `RSTR/SCT/${name}`, expect: ACCEPT, explain: l.explain, specRefs: [l.spec],
    produce: (ctx) => fromRecipient(ctx, `RSTR/SCT/${name}`),
    async receive(ctx, wire) {
      const r = await readLifecycleResponse(as<InitiatorState>(ctx.actors, 'initiator'), op, wire, ctx.now);
      for (const [k, val] of Object.entries(r.secrets)) ctx.secret(k, val);
      return { report: r.report, actors: { ...ctx.actors, initiator: json(r.state) } };
    },
  }];
}

/** A captured request delivered again after the context was re-keyed (1.3). */
function replayStep(index: number): StepDef {
  return {
    n: 14, from: 'attacker', to: 'recipient', label: 'Replay of round 1\'s request (old instance)', expect: { accept: false, code: 'SC_SCT_AMENDED_AWAY' },
    explain: 'An eavesdropper replays the first application request. Its SCT carries wsc:Instance 1, which the Amend replaced: the recipient refuses it without trying the old key.',
    specRefs: ['WS-SC 1.3 §2 (wsc:Instance)', 'WS-SC 1.3 §9'],
    async produce(ctx) {
      return { wire: ctx.delivered[index] ?? '' };
    },
    receive: toRecipient,
  };
}

function lateRequest(n: number, label: string, code: string, explain: string, delay?: number): StepDef {
  return {
    n, from: 'initiator', to: 'recipient', label, expect: { accept: false, code }, explain, specRefs: ['WS-SC 1.3 §9'], ...(delay ? { delay } : {}),
    async produce(ctx) {
      const r = await sendApplication(as<InitiatorState>(ctx.actors, 'initiator'), 'One more thing…', ctx);
      record(ctx, label, r);
      return { wire: r.wire, actors: { ...ctx.actors, initiator: json(r.state) } };
    },
    receive: toRecipient,
  };
}

function forgedSteps(): StepDef[] {
  const forged = (guess: boolean): StepDef => ({
    n: guess ? 31 : 30, from: 'attacker', to: 'recipient', expect: guess ? { accept: false, code: 'SC_DERIVED_KEY_MISMATCH' } : ACCEPT,
    label: guess ? 'Forged request (guessed secret)' : 'Forged request (leaked secret)',
    explain: guess
      ? 'The same forgery with a secret the attacker made up: the keys it derives are wrong, so the derived-key signature does not verify (and the Body does not decrypt). Refused.'
      : 'ACCEPTED — and that is the problem. The attacker learned the SCT\'s secret (here: from the initiator\'s memory) and derived its own signing and encryption keys with fresh nonces. Nothing in the message tells it from the initiator\'s: whoever holds the secret IS the session. Seed 000: "the secret must be kept in memory and protected by the participants; if it is compromised, the secure conversation between them is compromised." The remedy is Cancel (and a new context), not anything the recipient can check.',
    specRefs: ['seed 000 (the secret must be protected)', 'WS-SC 1.3 §10 (security considerations)'],
    async produce(ctx) {
      const before = as<AttackerState>(ctx.actors, 'attacker');
      const a = before.learned ? before : learnSecret(before, as<InitiatorState>(ctx.actors, 'initiator'));
      const r = await forgeRequest(a, 'Transfer 1,000,000 to account 666', { guess }, ctx);
      record(ctx, guess ? 'forged request (guessed secret)' : 'forged request (leaked secret)', r, guess ? "attacker's guessed secret" : undefined);
      return { wire: r.wire, actors: { ...ctx.actors, attacker: json(r.state) } };
    },
    receive: toRecipient,
  });
  return [forged(false), forged(true)];
}

function steps(variantId: string, versions: Record<string, string>): StepDef[] {
  const v = find(variantId);
  const rounds = Math.max(1, Number(versions['rounds'] ?? '2') || 1);
  const out: StepDef[] = [...bootstrapSteps()];
  for (let r = 1; r <= rounds; r++) out.push(...roundSteps(`round ${r}`, `Hello, round ${r}`));
  if (v.kind === 'lifecycle') {
    out.push(...lifecycleSteps('amend'), ...roundSteps('after Amend', 'Hello after Amend'), ...lifecycleSteps('renew'), ...roundSteps('after Renew', 'Hello after Renew'));
    if (v.version === '1.3') out.push(replayStep(2));
  }
  if (v.kind === 'compromised') out.push(...forgedSteps());
  if (v.kind === 'expired') {
    out.push(lateRequest(40, 'Application request after the Lifetime', 'SC_SCT_EXPIRED', 'Twelve minutes later the context (issued for ten) has expired: the recipient refuses it with wsc:RenewNeeded. The initiator should have renewed it first.', 720));
    return out;
  }
  out.push(...lifecycleSteps('cancel'));
  if (v.kind === 'lifecycle') out.push(lateRequest(22, 'Application request after Cancel', 'SC_SCT_CANCELLED', 'A request under the cancelled context: the recipient dropped it, so it is refused.'));
  return out;
}

export const secureConversationScenario: ScenarioDef = {
  id: 'secure-conversation',
  title: 'SecureConversation (SCT and derived keys)',
  summary: 'The initiator obtains a security context token from the recipient\'s trust service under an X.509 bootstrap policy (seed 000), then protects each request and response with keys derived from the context\'s secret; Amend, Renew, Cancel, and what a leaked secret means.',
  seed: '000',
  actors: [
    { id: 'initiator', name: 'Initiator (client.wsbench.example)', role: 'client' },
    { id: 'recipient', name: 'Recipient and its trust service', role: 'service' },
    { id: 'attacker', name: 'Attacker (compromised-secret and replay steps)', role: 'app' },
  ],
  variants: SC_VARIANTS.map(({ id, title, description, source, policyXml }) => ({ id, title, description, ...(source ? { source } : {}), ...(policyXml ? { policyXml } : {}) })),
  versions: [
    { id: 'rounds', title: 'Rounds of steps 3–6', values: ['1', '2', '3', '5', '10'], default: '2' },
    { id: 'soap', title: 'SOAP', values: ['1.1', '1.2'], default: '1.1' },
  ],
  initialState,
  steps,
};
