// The WSP's SOAP security agent (seed 001): registered at the OpenSSO STS with the security
// mechanism the WSP requires. A request without that security is answered with a redirect to the
// STS authentication service; a secured one is verified — signature and requester token, as the
// mechanism's row of table 3-1 / 3-2 says — before its Body is forwarded to the WSP; the WSP's
// answer goes back signed with the agent's key.

import type { Element } from '@xmldom/xmldom';
import { uuidV4, type RandomSource } from '../crypto/random.ts';
import { parseCertificate } from '../crypto/x509.ts';
import type { SecurityModel } from '../policy/model.ts';
import { checkFromError, makeReport, UsageError, type Check, type Report } from '../report/index.ts';
import { buildEnvelope, readEnvelope, type EnvelopeParts, type SoapVersion } from '../soap/envelope.ts';
import { buildFault, readFault } from '../soap/fault.ts';
import { addressingHeaders, checkAddressing, readAddressing, WSA, type WsaVersion } from '../wsa/headers.ts';
import { processSecurity } from '../wss/inbound.ts';
import { remember, type NonceEntry } from '../wss/nonce_cache.ts';
import { findSecurityHeader } from '../wss/security_header.ts';
import { childElements } from '../xml/dom.ts';
import { NS } from '../xml/names.ts';
import { parseXml } from '../xml/parse.ts';
import { where } from '../xml/path.ts';
import { formatXml, serializeXml } from '../xml/serialize.ts';
import { AGENT_NS, findMechanism, mechanismUri, type Mechanism, type MechanismId, type SamlVersionId } from './opensso_mechanisms.ts';
import { buildRedirect } from './opensso_redirect.ts';
import { signedAgentMessage, tokenBindingChecks } from './soap_agent.ts';
import { loadIdentity, type X509IdentityState } from './x509_identity.ts';
import { trustChecks } from './x509_messages.ts';

export interface WspAgentState {
  id: string;
  /** The WSP's address: the ProviderID it is registered under and the audience its tokens must name. */
  endpoint: string;
  action: string;
  mechanism: MechanismId;
  saml: SamlVersionId;
  /** The OpenSSO STS authentication service unsecured requests are redirected to. */
  stsLocation: string;
  /** The security policy requests must meet (derived from the mechanism; editable). */
  policy: SecurityModel;
  /** UserName mechanism: the registry passwords are checked against. */
  users: Record<string, string>;
  freshnessSeconds: number;
  skewSeconds: number;
  nonceCache: NonceEntry[];
  /** The agent's certificate and key (it signs responses and unwraps proof keys); the CA it trusts. */
  x509: X509IdentityState;
  /** The STS whose assertions it accepts. */
  stsCertPem: string;
  /** Sender-vouches: certificates (PEM) of the senders allowed to vouch. */
  trustedSenders: string[];
  /** The last request and what the agent verified of it. */
  last: null | {
    accepted: boolean; messageId?: string; action?: string; principal?: string; reason?: string;
    /** What was verified, in words (sent on to the WSP). */
    verified: string[];
    /** The Body children as verified, to forward. */
    payload?: string[];
  };
  /** The WSP's answer (Body children), once it came back. */
  response?: string[];
}

const SPEC = 'seed 001: security token generation process flow';

const mechanismOf = (s: { mechanism: MechanismId }): Mechanism => {
  const m = findMechanism(s.mechanism);
  if (!m) throw new UsageError('UNKNOWN_MECHANISM', `expected a security mechanism id of tables 3-1/3-2, found "${s.mechanism}"`);
  return m;
};

/** Verifies a request for the WSP: addressing, then (when secured) the Security header against the policy and the mechanism. */
export async function wspAgentReceive(state: WspAgentState, wire: string, transport: 'https' | 'http', now: number): Promise<{ report: Report; state: WspAgentState }> {
  const checks: Check[] = [];
  const next: WspAgentState = { ...state, last: { accepted: false, verified: [] }, response: [] };
  try {
    const m = mechanismOf(state);
    const { parts, checks: env } = readEnvelope(parseXml(wire));
    checks.push(...env);
    if (parts) {
      const a = readAddressing(parts.headerBlocks);
      checks.push(...checkAddressing(a, state.action));
      next.last = { ...next.last!, ...(a.messageId ? { messageId: a.messageId } : {}), ...(a.action ? { action: a.action } : {}) };
      if (!findSecurityHeader(parts.headerBlocks, parts.version).header) checks.push(securityRequired(state, m, parts));
      else checks.push(...(await verifySecured(state, m, parts, transport, now, next)));
      const accepted = !checks.some((c) => c.status === 'fail');
      next.last = { ...next.last!, accepted, ...(accepted ? { payload: childElements(parts.body).map((e) => serializeXml(e)) } : { reason: checks.find((c) => c.status === 'fail')?.message ?? '' }) };
      if (accepted) checks.push({ code: 'AGENT_VERIFIED', status: 'pass', specRef: SPEC, ...where(parts.body), message: `the WSP agent verified the signature and the ${m.title} of ${next.last.principal ?? 'the requester'}: the request goes on to the WSP`, details: { verified: next.last.verified } });
    }
  } catch (e) {
    checks.push(checkFromError(e));
  }
  return { report: makeReport(state.id, checks), state: next };
}

function securityRequired(state: WspAgentState, m: Mechanism, parts: EnvelopeParts): Check {
  return {
    code: 'AGENT_SECURITY_REQUIRED', status: 'fail', specRef: SPEC, ...where(parts.header ?? parts.envelope),
    message: `the WSP registered ${m.title} (${mechanismUri(m, state.saml)}): expected a wsse:Security header with its requester token and signature, found no Security header — the agent redirects to the STS authentication service`,
  };
}

async function verifySecured(state: WspAgentState, m: Mechanism, parts: EnvelopeParts, transport: 'https' | 'http', now: number, next: WspAgentState): Promise<Check[]> {
  const id = await loadIdentity(state.x509);
  const sts = await parseCertificate(state.stsCertPem);
  const sec = await processSecurity(parts, state.policy, {
    users: state.users, now, freshnessSeconds: state.freshnessSeconds, skewSeconds: state.skewSeconds, nonceCache: state.nonceCache, transport,
    identity: { privateKey: id.key, certificate: id.cert }, knownCerts: [id.ca], saml: { trustedIssuers: [sts], audience: state.endpoint },
  });
  const checks = [...sec.checks];
  if (sec.certificates.length > 0 || state.policy.binding?.kind === 'AsymmetricBinding') checks.push(...(await trustChecks(sec.certificates, id.ca, now)));
  const trustedSenders = await Promise.all(state.trustedSenders.map((pem) => parseCertificate(pem)));
  const bound = tokenBindingChecks({ mechanism: m, sec, parts, trustedSenders });
  checks.push(...bound.checks);
  if (!checks.some((c) => c.status === 'fail')) {
    for (const t of sec.tokens) if (t.nonce) next.nonceCache = remember(next.nonceCache, t.nonce, now);
  }
  next.last = { ...next.last!, ...(bound.principal ? { principal: bound.principal } : {}), verified: checks.filter((c) => c.status === 'pass' && /^(AGENT_|SAML_PROOF_OF|SAML_SENDER_VOUCHES|SAML_ISSUER_TRUSTED|SP_SIGNED_PARTS|X509_CHAIN_VALID|UT_AUTHENTICATED)/.test(c.code)).map((c) => c.message) };
  return checks;
}

export interface AgentEnv {
  random: RandomSource;
  now: number;
  soap: SoapVersion;
  wsa: WsaVersion;
}

/** Step 2: the redirect to the STS authentication service, naming the registered mechanism. */
export function wspAgentRedirect(state: WspAgentState, env: AgentEnv): string {
  const m = mechanismOf(state);
  const reason = `Authentication required: the WSP registered ${m.title}; authenticate at the OpenSSO STS for its token`;
  return buildRedirect({ location: state.stsLocation, mechanism: mechanismUri(m, state.saml), providerId: state.endpoint, agent: m.redirectAgent }, {
    ...env, reason, ...(state.last?.messageId ? { relatesTo: state.last.messageId } : {}),
  });
}

/** Step 7: the verified Body, forwarded with a header saying who the agent authenticated and how. */
export function wspAgentForward(state: WspAgentState, env: AgentEnv): string {
  const m = mechanismOf(state);
  const last = state.last;
  const a = (name: string, text: string) => ({ ns: AGENT_NS, name: `oa:${name}`, text });
  const verified = last?.accepted ? { ns: AGENT_NS, name: 'oa:VerifiedRequest', xmlns: { oa: AGENT_NS }, children: [
    a('Principal', last.principal ?? ''), a('SecurityMechanism', mechanismUri(m, state.saml)), ...last.verified.map((v) => a('Verified', v)),
  ] } : null;
  const doc = buildEnvelope({
    version: env.soap, xmlns: { wsa: WSA[env.wsa].ns },
    headers: [...addressingHeaders(env.wsa, { action: last?.action ?? state.action, to: state.endpoint, messageId: last?.messageId ?? `urn:uuid:${uuidV4(env.random)}` }), ...(verified ? [verified] : [])],
    body: (last?.accepted ? last.payload ?? [] : []).map((p) => parseXml(p).documentElement as Element),
  });
  return formatXml(serializeXml(doc));
}

/** Step 8: the WSP's answer reaches the agent; it must answer the request the agent forwarded. */
export function wspAgentReadResponse(state: WspAgentState, wire: string): { report: Report; state: WspAgentState } {
  const checks: Check[] = [];
  const next: WspAgentState = { ...state };
  const doc = parseXml(wire);
  const { parts, checks: env } = readEnvelope(doc);
  checks.push(...env);
  if (parts) {
    const fault = readFault(doc);
    if (!state.last?.accepted) checks.push({ code: 'AGENT_NOTHING_FORWARDED', status: 'fail', specRef: SPEC, ...where(parts.body), message: 'expected an answer to a request the agent verified and forwarded, found no such request' });
    else if (fault) checks.push({ code: 'AGENT_WSP_FAULT', status: 'fail', specRef: 'SOAP 1.1 §4.4', ...where(parts.body), message: `expected the WSP's answer, found a fault: ${fault.code} — ${fault.reason}` });
    else {
      next.response = childElements(parts.body).map((e) => serializeXml(e));
      checks.push({ code: 'AGENT_RESPONSE', status: 'pass', specRef: SPEC, ...where(parts.body), message: `the WSP answered ${state.last.principal ?? 'the requester'} (${childElements(parts.body)[0]?.nodeName ?? 'empty Body'}); the agent signs it before it leaves` });
    }
  }
  return { report: makeReport(state.id, checks), state: next };
}

/** Step 9: the answer signed with the agent's key (Timestamp, addressing headers, Body), relating to the request. */
export async function wspAgentRespond(state: WspAgentState, env: AgentEnv): Promise<{ wire: string; secrets: Record<string, string>; fault: boolean }> {
  if (!state.last?.accepted || !state.response?.length) return { wire: refusal(state, env), secrets: {}, fault: true };
  const id = await loadIdentity(state.x509);
  const m = await signedAgentMessage({
    soap: env.soap, wsa: env.wsa, random: env.random, now: env.now, signer: id, payload: state.response ?? [],
    addressing: { action: `${state.last?.action ?? state.action}Response`, to: WSA[env.wsa].anonymous, ...(state.last?.messageId ? { relatesTo: state.last.messageId } : {}) },
  });
  return { wire: m.wire, secrets: m.secrets, fault: false };
}

/** A request the agent refused (or one the WSP did not answer) gets the WSS 1.1 §12 fault, unsigned. */
function refusal(state: WspAgentState, env: AgentEnv): string {
  const reason = state.last?.accepted ? 'the WSP did not answer the request' : 'An error was discovered processing the <wsse:Security> header';
  const headers = addressingHeaders(env.wsa, { action: `${WSA[env.wsa].ns}/soap/fault`, to: WSA[env.wsa].anonymous, messageId: `urn:uuid:${uuidV4(env.random)}`, ...(state.last?.messageId ? { relatesTo: state.last.messageId } : {}) });
  const doc = buildFault(env.soap, { sender: !state.last?.accepted, reason, ...(state.last?.accepted ? {} : { subcode: { ns: NS.wsse, qname: 'wsse:InvalidSecurity' } }) }, headers);
  doc.documentElement?.setAttribute('xmlns:wsa', WSA[env.wsa].ns);
  return formatXml(serializeXml(doc));
}
