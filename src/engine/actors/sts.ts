// A simulated WS-Trust Security Token Service (seed 004): it authenticates the requester through
// its bootstrap policy (UsernameToken over HTTPS), makes the four decisions, and issues a SAML
// assertion signed with its key — bearer, or holder-of-key with a symmetric proof key encrypted
// for the relying service's certificate (STS-generated, or computed from both sides' entropy).

import type { Element } from '@xmldom/xmldom';
import { fromBase64, toBase64, toHex } from '../crypto/encoding.ts';
import { uuidV4, type RandomSource } from '../crypto/random.ts';
import { parseCertificate } from '../crypto/x509.ts';
import { checkFromError, makeReport, type Check, type Report } from '../report/index.ts';
import { buildAssertion, signAssertion } from '../saml/index.ts';
import type { SecurityModel } from '../policy/model.ts';
import { buildEnvelope, readEnvelope, type SoapVersion } from '../soap/envelope.ts';
import { buildFault } from '../soap/fault.ts';
import { addressingHeaders, readAddressing, WSA, type WsaVersion } from '../wsa/headers.ts';
import { childElements, newDocument, type ElSpec } from '../xml/dom.ts';
import { TRUST_VERSIONS, URI } from '../xml/names.ts';
import { parseXml } from '../xml/parse.ts';
import { formatXml, serializeXml } from '../xml/serialize.ts';
import { computedKeyPsha1 } from '../trust/computed_key.ts';
import { readRst, type TrustVersionId } from '../trust/rst.ts';
import { buildRstr } from '../trust/rstr.ts';
import { stsDecide, type StsConfig } from '../trust/sts_decisions.ts';
import { processSecurity } from '../wss/inbound.ts';
import { securityHeader } from '../wss/security_header.ts';
import { buildTimestamp } from '../wss/timestamp.ts';
import { freshId } from '../wss/outbound.ts';
import { buildStr } from '../wss/security_token_reference.ts';
import { importPrivateKeyPem } from '../crypto/keys.ts';
import type { X509IdentityState } from './x509_identity.ts';
import { lifecycleDecide, type IssuedToken, type LifecycleDecision } from './sts_lifecycle.ts';

export interface StsState {
  id: string;
  issuerName: string;
  trust: TrustVersionId;
  samlVersion: '1.1' | '2.0';
  config: StsConfig;
  /** The bootstrap policy requests must meet (UsernameToken over HTTPS). */
  policy: SecurityModel;
  users: Record<string, string>;
  x509: X509IdentityState;
  /** The last request and what the STS decided. */
  last: null | {
    messageId?: string; requester?: string; fault?: { subcode: string; reason: string };
    keySize?: number; tokenType?: string; confirmation?: string; proofKey?: string; clientEntropy?: string; appliesTo?: string;
    lifecycle?: LifecycleDecision;
  };
  /** Tokens issued so far (for Renew / Validate / Cancel and the inspector). */
  issued: IssuedToken[];
}

/** Receives an RST: authenticates the requester, reads the RST, makes the four decisions. */
export async function stsReceive(state: StsState, wire: string, transport: 'https' | 'http', now: number): Promise<{ report: Report; state: StsState }> {
  const checks: Check[] = [];
  const next: StsState = { ...state, last: {} };
  try {
    const { parts, checks: env } = readEnvelope(parseXml(wire));
    checks.push(...env);
    if (parts) {
      const a = readAddressing(parts.headerBlocks);
      const sec = await processSecurity(parts, state.policy, { users: state.users, now, freshnessSeconds: 300, skewSeconds: 60, nonceCache: [], transport });
      checks.push(...sec.checks);
      const authenticated = !sec.checks.some((c) => c.status === 'fail');
      const rstEl = childElements(parts.body)[0];
      const { rst, checks: rc } = rstEl ? readRst(rstEl) : { rst: null, checks: [{ code: 'WST_NOT_RST', status: 'fail' as const, specRef: 'WS-Trust 1.3 §3.1', path: 'Envelope/Body', message: 'expected a wst:RequestSecurityToken in the Body, found nothing' }] };
      checks.push(...rc);
      if (rst && rst.requestType && rst.requestType !== 'issue') {
        const l = lifecycleDecide(rst, state.issued, now, authenticated);
        checks.push(...l.checks);
        next.last = { ...(a.messageId ? { messageId: a.messageId } : {}), requester: sec.principal ?? '', lifecycle: l.decision };
      } else if (rst) {
        const d = stsDecide(rst, { authenticated, kind: 'username', identity: sec.principal ?? '', binding: transport === 'https' ? 'transport' : 'asymmetric' }, state.config);
        checks.push(...d.checks);
        next.last = {
          ...(a.messageId ? { messageId: a.messageId } : {}), requester: sec.principal ?? '',
          ...(d.fault ? { fault: d.fault } : {}),
          ...(d.issuance ? { keySize: d.issuance.keySize, tokenType: d.issuance.tokenType, confirmation: d.issuance.confirmation ?? '', proofKey: d.issuance.proofKey ?? 'none' } : {}),
          ...(rst.entropy ? { clientEntropy: toBase64(rst.entropy) } : {}), ...(rst.appliesTo ? { appliesTo: rst.appliesTo } : {}),
        };
      }
    }
  } catch (e) {
    checks.push(checkFromError(e));
  }
  return { report: makeReport(state.id, checks), state: next };
}

export interface IssueEnv {
  random: RandomSource;
  now: number;
  soap: SoapVersion;
  wsa: WsaVersion;
}

/** Answers the last RST: an RSTR with the signed assertion and its proof token, or a WS-Trust fault. */
export async function stsRespond(state: StsState, env: IssueEnv): Promise<{ wire: string; state: StsState; secrets: Record<string, string> }> {
  const last = state.last;
  const v = TRUST_VERSIONS[state.trust];
  const addressing = (action: string) => addressingHeaders(env.wsa, { action, to: WSA[env.wsa].anonymous, messageId: `urn:uuid:${uuidV4(env.random)}`, ...(last?.messageId ? { relatesTo: last.messageId } : {}) });
  if (last?.lifecycle && (last.lifecycle.valid || last.lifecycle.kind === 'validate')) return lifecycleRespond(state, last.lifecycle, env, addressing);
  if (!last?.confirmation) {
    const lifecycleFault = last?.lifecycle ? { subcode: last.lifecycle.kind === 'renew' ? 'wst:UnableToRenew' : 'wst:InvalidRequest', reason: last.lifecycle.reason } : undefined;
    const fault = last?.fault ?? lifecycleFault ?? { subcode: 'wst:InvalidRequest', reason: 'the request could not be read' };
    const doc = buildFault(env.soap, { sender: true, reason: fault.reason, subcode: { ns: v.ns, qname: fault.subcode } }, addressing(WSA[env.wsa].faultAction));
    return { wire: formatXml(serializeXml(doc)), state, secrets: {} };
  }
  const issued = await issue(state, last, env);
  const action = state.trust === '1.3' ? v.actions.issueFinal ?? v.actions.issueResponse : v.actions.issueResponse;
  const doc = buildEnvelope({
    version: env.soap, xmlns: { wsa: WSA[env.wsa].ns },
    headers: [...addressing(action), securityHeader(env.soap, [buildTimestamp({ id: freshId('TS', env.random), now: env.now, ttlSeconds: 300 })])],
    body: [issued.rstr],
  });
  // Indent everything but the signed assertion, then put it in as it was signed.
  const wire = parseXml(formatXml(serializeXml(doc)));
  const slot = wire.getElementsByTagNameNS(v.ns, 'RequestedSecurityToken')[0] as Element;
  slot.appendChild(wire.importNode(issued.token, true));
  const record: IssuedToken = {
    id: issued.assertionId, subject: last.requester ?? '', expires: new Date(env.now + state.config.lifetimeSeconds * 1000).toISOString(), confirmation: last.confirmation,
    ...(issued.secrets['proofKey'] ? { proofKey: issued.secrets['proofKey'] } : {}), ...(last.appliesTo ? { appliesTo: last.appliesTo } : {}), ...(last.tokenType ? { tokenType: last.tokenType } : {}),
  };
  const next: StsState = { ...state, issued: [...state.issued, record] };
  return { wire: serializeXml(wire), state: next, secrets: issued.secrets };
}

/** Validate: an RSTR with Status; Renew: a fresh assertion (same subject, confirmation, proof key); Cancel: RequestedTokenCancelled. */
async function lifecycleRespond(state: StsState, l: LifecycleDecision, env: IssueEnv, addressing: (action: string) => ElSpec[]) {
  const v = TRUST_VERSIONS[state.trust];
  const final = state.trust === '1.3';
  const action = { validate: final ? v.actions.validateFinal : v.actions.validateResponse, renew: final ? v.actions.renewFinal : v.actions.renewResponse, cancel: final ? v.actions.cancelFinal : v.actions.cancelResponse }[l.kind] ?? v.actions.issueResponse;
  const token = state.issued.find((t) => t.id === l.targetId);
  if (l.kind === 'renew' && token) {
    const last = { requester: token.subject, confirmation: token.confirmation, proofKey: token.proofKey ? 'symmetric' : 'none', tokenType: token.tokenType ?? '', ...(token.appliesTo ? { appliesTo: token.appliesTo } : {}) };
    const issued = await issue(state, last, env, token.proofKey ? fromBase64(token.proofKey) : undefined);
    const doc = buildEnvelope({ version: env.soap, xmlns: { wsa: WSA[env.wsa].ns }, headers: addressing(action), body: [issued.rstr] });
    const wire = parseXml(formatXml(serializeXml(doc)));
    (wire.getElementsByTagNameNS(v.ns, 'RequestedSecurityToken')[0] as Element).appendChild(wire.importNode(issued.token, true));
    const renewed: IssuedToken = { ...token, id: issued.assertionId, expires: new Date(env.now + state.config.lifetimeSeconds * 1000).toISOString() };
    return { wire: serializeXml(wire), state: { ...state, issued: [...state.issued.map((t) => (t.id === token.id ? { ...t, cancelled: true } : t)), renewed] }, secrets: issued.secrets };
  }
  const rstr = l.kind === 'validate'
    ? buildRstr({ version: state.trust, tokenType: v.actions.status, status: { valid: l.valid, reason: l.reason } })
    : buildRstr({ version: state.trust, cancelled: true });
  const doc = buildEnvelope({ version: env.soap, xmlns: { wsa: WSA[env.wsa].ns }, headers: addressing(action), body: [rstr] });
  const issued = l.kind === 'cancel' ? state.issued.map((t) => (t.id === l.targetId ? { ...t, cancelled: true } : t)) : state.issued;
  return { wire: formatXml(serializeXml(doc)), state: { ...state, issued }, secrets: {} };
}

async function issue(state: StsState, last: Pick<NonNullable<StsState['last']>, 'requester' | 'confirmation' | 'proofKey' | 'keySize' | 'clientEntropy' | 'appliesTo' | 'tokenType'>, env: IssueEnv, reuseKey?: Uint8Array) {
  const lifetime = { created: env.now, expires: env.now + state.config.lifetimeSeconds * 1000 };
  const assertionId = `_${toHex(env.random.bytes(16))}`;
  const sp = state.config.serviceProviders.find((s) => s.appliesTo === last.appliesTo) ?? state.config.serviceProviders[0];
  const stsCert = await parseCertificate(state.x509.certPem);
  let proof: Uint8Array | undefined;
  let stsEntropy: Uint8Array | undefined;
  if (last.proofKey === 'symmetric' && reuseKey) proof = reuseKey;
  else if (last.proofKey === 'symmetric') {
    const bytes = (last.keySize ?? 256) / 8;
    if (last.clientEntropy) {
      stsEntropy = env.random.bytes(bytes);
      proof = await computedKeyPsha1(fromBase64(last.clientEntropy), stsEntropy, last.keySize ?? 256);
    } else proof = env.random.bytes(bytes);
  }
  const confirmation = last.confirmation === 'bearer' ? { method: 'bearer' as const }
    : { method: 'holder-of-key' as const, proof: { kind: 'symmetric' as const, key: proof as Uint8Array, encryptedFor: await parseCertificate(sp?.certPem ?? '') } };
  const spec = await buildAssertion({
    version: state.samlVersion, id: assertionId, issuer: state.issuerName, issueInstant: env.now, notBefore: env.now, notOnOrAfter: lifetime.expires,
    ...(last.appliesTo ? { audience: last.appliesTo } : {}), subject: { name: last.requester ?? '' }, confirmation, random: env.random,
    authnMethod: state.samlVersion === '1.1' ? 'urn:oasis:names:tc:SAML:1.0:am:password' : 'urn:oasis:names:tc:SAML:2.0:ac:classes:Password',
  });
  const doc = newDocument(spec);
  await signAssertion(doc, doc.documentElement as Element, { key: importPrivateKeyPem(state.x509.keyPem), cert: stsCert, signatureAlgorithm: state.config.signatureAlgorithm === 'rsa-sha256' ? URI.rsaSha256 : URI.rsaSha1 });
  const ref = buildStr({ kind: 'samlAssertionId', assertionId, samlVersion: state.samlVersion });
  const rstr = buildRstr({
    version: state.trust, tokenType: last.tokenType ?? '', attachedReference: ref, unattachedReference: ref, lifetime,
    ...(proof && !stsEntropy ? { proofToken: { kind: 'binary-secret' as const, secret: proof } } : {}),
    ...(proof && stsEntropy ? { proofToken: { kind: 'computed-key' as const, algorithm: TRUST_VERSIONS[state.trust].computedKeyPsha1 }, entropy: stsEntropy, keySize: last.keySize ?? 256 } : {}),
    collection: state.trust === '1.3',
  });
  const secrets: Record<string, string> = { assertionId, ...(proof ? { proofKey: toBase64(proof) } : {}), ...(stsEntropy ? { stsEntropy: toBase64(stsEntropy) } : {}) };
  return { rstr: { ...rstr, children: withTokenSlot(rstr, state.trust) }, token: doc.documentElement as Element, assertionId, secrets };
}

/** The RSTR's children with an empty wst:RequestedSecurityToken first (the token goes in verbatim later). */
function withTokenSlot(rstr: ElSpec, trust: TrustVersionId): ElSpec['children'] {
  const ns = TRUST_VERSIONS[trust].ns;
  const inner = rstr.name.endsWith('Collection') ? (rstr.children?.[0] as ElSpec) : rstr;
  const slot: ElSpec = { ns, name: 'wst:RequestedSecurityToken' };
  if (inner !== rstr) return [{ ...inner, children: [slot, ...(inner.children ?? [])] }];
  return [slot, ...(rstr.children ?? [])];
}

/** The first Body child of a response (the RSTR, the application payload or a Fault). */
export function bodyChild(wire: string): Element | null {
  const { parts } = readEnvelope(parseXml(wire));
  return parts ? (childElements(parts.body)[0] ?? null) : null;
}

