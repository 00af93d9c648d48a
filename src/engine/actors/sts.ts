// A simulated WS-Trust Security Token Service (seeds 004 and 001): it authenticates the requester
// through its bootstrap policy (UsernameToken or X.509 over HTTPS, or the X.509 AsymmetricBinding,
// sts_bootstrap.ts), reads OnBehalfOf and proves UseKey, makes the four decisions, and issues a SAML
// assertion signed with its key — bearer, sender-vouches, or holder-of-key with a symmetric proof
// key encrypted for the relying service or with the requester's own public key (sts_issue.ts).

import type { Element } from '@xmldom/xmldom';
import { fromBase64, toBase64 } from '../crypto/encoding.ts';
import { uuidV4 } from '../crypto/random.ts';
import { parseCertificate } from '../crypto/x509.ts';
import { checkFromError, makeReport, type Check, type Report } from '../report/index.ts';
import type { SecurityModel } from '../policy/model.ts';
import { buildEnvelope, readEnvelope, type EnvelopeParts } from '../soap/envelope.ts';
import { buildFault } from '../soap/fault.ts';
import { addressingHeaders, readAddressing, WSA } from '../wsa/headers.ts';
import { childElements, type ElSpec } from '../xml/dom.ts';
import { TRUST_VERSIONS } from '../xml/names.ts';
import { parseXml } from '../xml/parse.ts';
import { formatXml, serializeXml } from '../xml/serialize.ts';
import { readOnBehalfOf } from '../trust/on_behalf_of.ts';
import { readRst, type ParsedRst, type TrustVersionId } from '../trust/rst.ts';
import { buildRstr } from '../trust/rstr.ts';
import { stsDecide, type RequestEvidence, type StsConfig } from '../trust/sts_decisions.ts';
import { proveUseKey, readUseKey } from '../trust/use_key.ts';
import type { X509IdentityState } from './x509_identity.ts';
import { authenticateRequest, type AuthenticatedRequest } from './sts_bootstrap.ts';
import { issueToken, rstrEnvelope, type IssueEnv } from './sts_issue.ts';
import { lifecycleDecide, type IssuedToken, type LifecycleDecision } from './sts_lifecycle.ts';

export type { IssueEnv } from './sts_issue.ts';

export interface StsState {
  id: string;
  issuerName: string;
  trust: TrustVersionId;
  samlVersion: '1.1' | '2.0';
  config: StsConfig;
  /** The bootstrap policy requests must meet (sts_bootstrap.ts: UsernameToken over HTTPS, X.509, AsymmetricBinding). */
  policy: SecurityModel;
  users: Record<string, string>;
  x509: X509IdentityState;
  /** The last request and what the STS decided. */
  last: null | {
    messageId?: string; requester?: string; fault?: { subcode: string; reason: string };
    keySize?: number; tokenType?: string; confirmation?: string; proofKey?: string; clientEntropy?: string; appliesTo?: string;
    lifecycle?: LifecycleDecision;
    /** How the requester authenticated, over which binding. */
    requesterKind?: 'username' | 'x509'; binding?: 'transport' | 'asymmetric';
    /** The subject named in wst:OnBehalfOf (the issued token's subject). */
    onBehalfOf?: string;
    /** Where an asymmetric proof key came from, and the key: a certificate (PEM) or a bare public key (SPKI, base64). */
    keySource?: 'use-key' | 'client-certificate'; proofCertPem?: string; proofKeySpki?: string;
    /** The certificate that signed the request: the AsymmetricBinding's response is encrypted for it. */
    requesterCertPem?: string;
  };
  /** Tokens issued so far (for Renew / Validate / Cancel and the inspector). */
  issued: IssuedToken[];
}

/** OnBehalfOf and UseKey as the STS reads them: the subject named, and whether the key is proven. */
async function readRequestExtras(rst: ParsedRst, auth: AuthenticatedRequest, state: StsState, now: number, checks: Check[]) {
  const evidence: RequestEvidence = {};
  let useKey: { certPem?: string; spki: string } | undefined;
  if (rst.useKey) {
    const u = await readUseKey(rst.useKey);
    checks.push(...u.checks);
    if (u.key) {
      evidence.useKey = proveUseKey(rst.useKey, u.key, auth.bodySigners);
      useKey = { spki: toBase64(u.key.spki), ...(u.key.cert ? { certPem: u.key.cert.pem } : {}) };
    }
  }
  let onBehalfOf: { subject?: string; failed?: string } | undefined;
  if (rst.onBehalfOf) {
    const o = await readOnBehalfOf(rst.onBehalfOf, { trustedIssuers: [await parseCertificate(state.x509.certPem)], now });
    checks.push(...o.checks);
    onBehalfOf = o.subject ? { subject: o.subject } : { failed: o.checks.find((c) => c.status === 'fail')?.message ?? 'unreadable' };
  }
  return { evidence, useKey, onBehalfOf };
}

/** Decides an issue request and records what is needed to answer it. */
async function decideIssue(state: StsState, rst: ParsedRst, auth: AuthenticatedRequest, now: number, checks: Check[]): Promise<NonNullable<StsState['last']>> {
  const who = auth.requester;
  const extras = await readRequestExtras(rst, auth, state, now, checks);
  const base = {
    requester: who.identity, requesterKind: who.kind, binding: who.binding,
    ...(auth.signerCert ? { requesterCertPem: auth.signerCert.pem } : {}),
    ...(rst.entropy ? { clientEntropy: toBase64(rst.entropy) } : {}), ...(rst.appliesTo ? { appliesTo: rst.appliesTo } : {}),
  };
  if (extras.onBehalfOf?.failed) return { ...base, fault: { subcode: 'wst:InvalidRequest', reason: `OnBehalfOf: ${extras.onBehalfOf.failed}` } };
  const d = stsDecide(rst, who, state.config, extras.evidence);
  checks.push(...d.checks);
  if (d.fault || !d.issuance) return { ...base, fault: d.fault ?? { subcode: 'wst:InvalidRequest', reason: 'the request could not be decided' } };
  const i = d.issuance;
  const asymmetricKey = i.proofKey !== 'asymmetric' ? {}
    : i.keySource === 'use-key' ? { ...(extras.useKey?.certPem ? { proofCertPem: extras.useKey.certPem } : { proofKeySpki: extras.useKey?.spki ?? '' }) }
    : { proofCertPem: auth.signerCert?.pem ?? '' };
  return {
    ...base, keySize: i.keySize, tokenType: i.tokenType, confirmation: i.confirmation ?? '', proofKey: i.proofKey ?? 'none',
    ...(extras.onBehalfOf?.subject ? { onBehalfOf: extras.onBehalfOf.subject } : {}), ...(i.keySource ? { keySource: i.keySource } : {}), ...asymmetricKey,
  };
}

async function receiveRst(state: StsState, parts: EnvelopeParts, transport: 'https' | 'http', now: number, checks: Check[]): Promise<StsState['last']> {
  const a = readAddressing(parts.headerBlocks);
  const messageId = a.messageId ? { messageId: a.messageId } : {};
  const auth = await authenticateRequest(parts, state, transport, now);
  checks.push(...auth.checks);
  const rstEl = childElements(parts.body)[0];
  const { rst, checks: rc } = rstEl ? readRst(rstEl) : { rst: null, checks: [{ code: 'WST_NOT_RST', status: 'fail' as const, specRef: 'WS-Trust 1.3 §3.1', path: 'Envelope/Body', message: 'expected a wst:RequestSecurityToken in the Body, found nothing' }] };
  checks.push(...rc);
  if (rst && rst.requestType && rst.requestType !== 'issue') {
    const l = lifecycleDecide(rst, state.issued, now, auth.requester.authenticated);
    checks.push(...l.checks);
    return { ...messageId, requester: auth.requester.identity, lifecycle: l.decision, ...(auth.signerCert ? { requesterCertPem: auth.signerCert.pem } : {}) };
  }
  if (!rst) return { ...messageId };
  return { ...messageId, ...(await decideIssue(state, rst, auth, now, checks)) };
}

/** Receives an RST: authenticates the requester, reads the RST, makes the four decisions. */
export async function stsReceive(state: StsState, wire: string, transport: 'https' | 'http', now: number): Promise<{ report: Report; state: StsState }> {
  const checks: Check[] = [];
  const next: StsState = { ...state, last: {} };
  try {
    const { parts, checks: env } = readEnvelope(parseXml(wire));
    checks.push(...env);
    if (parts) next.last = await receiveRst(state, parts, transport, now, checks);
  } catch (e) {
    checks.push(checkFromError(e));
  }
  return { report: makeReport(state.id, checks), state: next };
}

/** Answers the last RST: an RSTR with the signed assertion (and its proof token, if any), or a WS-Trust fault. */
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
  const issued = await issueToken(state, last, env);
  const action = state.trust === '1.3' ? v.actions.issueFinal ?? v.actions.issueResponse : v.actions.issueResponse;
  const out = await rstrEnvelope(state, issued, env, { action, timestamp: true, ...(last.messageId ? { relatesTo: last.messageId } : {}), ...(last.requesterCertPem ? { secureFor: last.requesterCertPem } : {}) });
  const record: IssuedToken = {
    id: issued.assertionId, subject: last.onBehalfOf ?? last.requester ?? '', expires: new Date(env.now + state.config.lifetimeSeconds * 1000).toISOString(), confirmation: last.confirmation,
    ...(issued.secrets['proofKey'] ? { proofKey: issued.secrets['proofKey'] } : {}), ...(last.appliesTo ? { appliesTo: last.appliesTo } : {}), ...(last.tokenType ? { tokenType: last.tokenType } : {}),
    ...(last.proofKey ? { proofKind: last.proofKey } : {}), ...(last.proofCertPem ? { proofCertPem: last.proofCertPem } : {}), ...(last.proofKeySpki ? { proofKeySpki: last.proofKeySpki } : {}),
  };
  return { wire: out.wire, state: { ...state, issued: [...state.issued, record] }, secrets: out.secrets };
}

/** Validate: an RSTR with Status; Renew: a fresh assertion (same subject, confirmation, proof key); Cancel: RequestedTokenCancelled. */
async function lifecycleRespond(state: StsState, l: LifecycleDecision, env: IssueEnv, addressing: (action: string) => ElSpec[]) {
  const v = TRUST_VERSIONS[state.trust];
  const final = state.trust === '1.3';
  const action = { validate: final ? v.actions.validateFinal : v.actions.validateResponse, renew: final ? v.actions.renewFinal : v.actions.renewResponse, cancel: final ? v.actions.cancelFinal : v.actions.cancelResponse }[l.kind] ?? v.actions.issueResponse;
  const token = state.issued.find((t) => t.id === l.targetId);
  if (l.kind === 'renew' && token) {
    const last = {
      requester: token.subject, confirmation: token.confirmation, proofKey: token.proofKind ?? (token.proofKey ? 'symmetric' : 'none'), tokenType: token.tokenType ?? '',
      ...(token.appliesTo ? { appliesTo: token.appliesTo } : {}), ...(token.proofCertPem ? { proofCertPem: token.proofCertPem } : {}), ...(token.proofKeySpki ? { proofKeySpki: token.proofKeySpki } : {}),
    };
    const issued = await issueToken(state, last, env, token.proofKey ? fromBase64(token.proofKey) : undefined);
    const out = await rstrEnvelope(state, issued, env, { action, timestamp: false, ...(state.last?.messageId ? { relatesTo: state.last.messageId } : {}), ...(state.last?.requesterCertPem ? { secureFor: state.last.requesterCertPem } : {}) });
    const renewed: IssuedToken = { ...token, id: issued.assertionId, expires: new Date(env.now + state.config.lifetimeSeconds * 1000).toISOString() };
    return { wire: out.wire, state: { ...state, issued: [...state.issued.map((t) => (t.id === token.id ? { ...t, cancelled: true } : t)), renewed] }, secrets: out.secrets };
  }
  const rstr = l.kind === 'validate'
    ? buildRstr({ version: state.trust, tokenType: v.actions.status, status: { valid: l.valid, reason: l.reason } })
    : buildRstr({ version: state.trust, cancelled: true });
  const doc = buildEnvelope({ version: env.soap, xmlns: { wsa: WSA[env.wsa].ns }, headers: addressing(action), body: [rstr] });
  const issued = l.kind === 'cancel' ? state.issued.map((t) => (t.id === l.targetId ? { ...t, cancelled: true } : t)) : state.issued;
  return { wire: formatXml(serializeXml(doc)), state: { ...state, issued }, secrets: {} };
}

/** The first Body child of a response (the RSTR, the application payload or a Fault). */
export function bodyChild(wire: string): Element | null {
  const { parts } = readEnvelope(parseXml(wire));
  return parts ? (childElements(parts.body)[0] ?? null) : null;
}

