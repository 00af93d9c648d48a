// The WSC's SOAP security agent (seed 001): the web service client hands it a bare SOAP body; it
// inserts the Security header with the requester token of the mechanism the WSP registered (the
// one the redirect named) and signs the message; it verifies the signed response of the WSP's
// agent before handing the body back to the client.

import type { Element } from '@xmldom/xmldom';
import { uuidV4 } from '../crypto/random.ts';
import { parseCertificate } from '../crypto/x509.ts';
import { makeReport, type Check, type Report } from '../report/index.ts';
import { SAML_VERSIONS, type ConfirmationMethod } from '../saml/index.ts';
import { samlVersionOfNs } from '../saml/versions.ts';
import { buildEnvelope, readEnvelope } from '../soap/envelope.ts';
import { readFault } from '../soap/fault.ts';
import { addressingHeaders, readAddressing, WSA } from '../wsa/headers.ts';
import { processSecurity } from '../wss/inbound.ts';
import { findSecurityHeader } from '../wss/security_header.ts';
import { attr, childElements, textOf } from '../xml/dom.ts';
import { NS } from '../xml/names.ts';
import { parseXml } from '../xml/parse.ts';
import { where } from '../xml/path.ts';
import { formatXml, serializeXml } from '../xml/serialize.ts';
import { AGENT_NS, mechanismByUri, responsePolicy, type Mechanism } from './opensso_mechanisms.ts';
import type { AgentEnv } from './opensso_wsp_agent.ts';
import { securedAgentRequest, type AgentCredential } from './soap_agent.ts';
import { loadIdentity, type X509IdentityState } from './x509_identity.ts';
import { trustChecks } from './x509_messages.ts';

export interface WscAgentState {
  id: string;
  /** Where the WSC's requests go, and their action. */
  wspEndpoint: string;
  action: string;
  /** The agent's certificate and key, the WSP agent's certificate (it signs responses), the CA. */
  x509: X509IdentityState;
  /** The mechanism URI the WSC learnt from the redirect, handed over with the payload. */
  mechanism: string | null;
  /** The application's Body children, as handed over. */
  payload: string[];
  credential: AgentCredential | null;
  /** MessageIDs sent, newest last. */
  sent: string[];
  /** The last response, once verified: who signed it and its Body children. */
  verified: null | { signer: string; payload: string[] };
}

/** What the WSC hands its agent with the payload: the mechanism from the redirect and its credentials (they share a process). */
export interface WscHandover extends AgentCredential {
  mechanism: string | null;
}

const SPEC = 'seed 001: security token generation process flow';

/** Step 5: the bare body arrives; the agent checks it holds a credential for the registered mechanism. */
export function wscAgentAccept(state: WscAgentState, wire: string, handover: WscHandover): { report: Report; state: WscAgentState } {
  const checks: Check[] = [];
  const { parts, checks: env } = readEnvelope(parseXml(wire));
  checks.push(...env);
  if (!parts) return { report: makeReport(state.id, checks), state };
  const payload = childElements(parts.body).map((e) => serializeXml(e));
  if (payload.length === 0) checks.push({ code: 'AGENT_PAYLOAD_EMPTY', status: 'fail', specRef: SPEC, ...where(parts.body), message: 'expected the application payload in the Body, found an empty Body' });
  else checks.push({ code: 'AGENT_PAYLOAD', status: 'pass', specRef: SPEC, ...where(parts.body), message: `the client handed over ${childElements(parts.body)[0]?.nodeName ?? ''}: the agent will add the Security header and sign` });
  const sec = findSecurityHeader(parts.headerBlocks, parts.version).header;
  if (sec) checks.push({ code: 'AGENT_PAYLOAD_SECURED', status: 'warn', specRef: SPEC, ...where(sec), message: 'expected a bare body (securing is the agent\'s job), found a Security header; the agent builds its own and drops this one' });
  const known = handover.mechanism ? mechanismByUri(handover.mechanism) : null;
  if (!known) {
    checks.push({ code: 'AGENT_MECHANISM_UNKNOWN', status: 'fail', specRef: 'seed 001 tables 3-1, 3-2', ...where(parts.body), message: `expected the mechanism the WSP registered (from the redirect), found ${handover.mechanism ?? 'none'}` });
    return { report: makeReport(state.id, checks), state };
  }
  const credential = credentialCheck(known.mechanism, handover, state.x509.certPem, parts.body);
  checks.push(credential);
  const next: WscAgentState = { ...state, mechanism: handover.mechanism, payload, credential: credential.status === 'pass' ? stripMechanism(handover) : null };
  return { report: makeReport(state.id, checks), state: next };
}

function stripMechanism(h: WscHandover): AgentCredential {
  const { mechanism: _m, ...cred } = h;
  return cred;
}

/** The confirmation method of an assertion (serialized) and the certificate its SubjectConfirmation names (base64 DER), if any. */
function confirmationOf(token: string): { method: ConfirmationMethod | null; certB64?: string } {
  const el = parseXml(token).documentElement as Element;
  const v = samlVersionOfNs(el.namespaceURI);
  if (!v) return { method: null };
  const confirmations = Array.from(el.getElementsByTagNameNS(v.ns, 'SubjectConfirmation')) as Element[];
  const methods = v.version === '1.1'
    ? Array.from(el.getElementsByTagNameNS(v.ns, 'ConfirmationMethod')).map((m) => textOf(m as Element).trim())
    : confirmations.map((m) => attr(m, 'Method') ?? '');
  const uris = SAML_VERSIONS[v.version].confirmation;
  const method = (Object.keys(uris) as ConfirmationMethod[]).find((k) => methods.includes(uris[k])) ?? null;
  const cert = confirmations.map((c) => c.getElementsByTagNameNS(NS.ds, 'X509Certificate')[0]).find(Boolean);
  return { method, ...(cert ? { certB64: textOf(cert as Element).replace(/\s+/g, '') } : {}) };
}

const pemBody = (pem: string) => pem.split('\n').filter((l) => l && !l.startsWith('-----')).join('').trim();

function credentialCheck(m: Mechanism, h: WscHandover, agentCertPem: string, at: Element): Check {
  const ok = (message: string): Check => ({ code: 'AGENT_CREDENTIAL', status: 'pass', specRef: m.source, ...where(at), message: `${m.title}: ${message}` });
  const missing = (message: string): Check => ({ code: 'AGENT_NO_CREDENTIAL', status: 'fail', specRef: m.source, ...where(at), message: `${m.title}: ${message}` });
  if (m.token === 'username') return h.username && h.password ? ok(`the client's user name ${h.username} and password`) : missing('expected the client\'s user name and password, found none');
  if (m.token === 'x509') return ok('the agent signs with its own certificate\'s key');
  if (!h.token) return missing('expected the SAML assertion the STS issued to the client, found none');
  const { method, certB64 } = confirmationOf(h.token);
  if (method !== m.confirmation) return missing(`expected an assertion with confirmation method ${m.confirmation}, found ${method ?? 'none'}`);
  if (method === 'holder-of-key' && !h.proofKey) {
    // An asymmetric proof key: the assertion must name the certificate whose private key the agent holds.
    return certB64 === pemBody(agentCertPem) ? ok(`assertion ${h.tokenId ?? ''} (holder-of-key, bound to the agent's own certificate)`)
      : missing(`expected the holder-of-key assertion to name the agent's certificate or carry a proof key, found ${certB64 ? 'another certificate' : 'neither'}`);
  }
  return ok(`assertion ${h.tokenId ?? ''} (${method}${h.proofKey ? ', with its proof key' : ''})`);
}

/** Step 6: the request with the Security header and the requester token, signed — or, when the agent holds no credential for the mechanism, the payload as it is. */
export async function wscAgentSend(state: WscAgentState, env: AgentEnv): Promise<{ wire: string; state: WscAgentState; secrets: Record<string, string>; secured: boolean }> {
  const known = state.mechanism ? mechanismByUri(state.mechanism) : null;
  if (!known || !state.credential) {
    const messageId = `urn:uuid:${uuidV4(env.random)}`;
    const doc = buildEnvelope({
      version: env.soap, xmlns: { wsa: WSA[env.wsa].ns }, headers: addressingHeaders(env.wsa, { action: state.action, to: state.wspEndpoint, messageId, replyTo: 'anonymous' }),
      body: state.payload.map((p) => parseXml(p).documentElement as Element),
    });
    return { wire: formatXml(serializeXml(doc)), state: { ...state, sent: [...state.sent, messageId] }, secrets: {}, secured: false };
  }
  const id = await loadIdentity(state.x509);
  const m = await securedAgentRequest({
    soap: env.soap, wsa: env.wsa, random: env.random, now: env.now, signer: id, payload: state.payload,
    addressing: { action: state.action, to: state.wspEndpoint, replyTo: 'anonymous' },
  }, known.mechanism, state.credential);
  const secrets = { ...m.secrets, ...(m.ut ? { utNonce: m.ut.nonce ?? '', utCreated: m.ut.created ?? '', utDigest: m.ut.digest ?? '' } : {}) };
  return { wire: m.wire, state: { ...state, sent: [...state.sent, m.messageId] }, secrets, secured: true };
}

/** Step 9: the WSP agent's signed response — signature, signer (the WSP agent's certificate), correlation. */
export async function wscAgentReadResponse(state: WscAgentState, wire: string, now: number): Promise<{ report: Report; state: WscAgentState }> {
  const checks: Check[] = [];
  const doc = parseXml(wire);
  const { parts, checks: env } = readEnvelope(doc);
  checks.push(...env);
  if (!parts) return { report: makeReport(state.id, checks), state: { ...state, verified: null } };
  const fault = readFault(doc);
  if (fault) {
    checks.push({ code: 'SOAP_FAULT_RECEIVED', status: 'fail', specRef: 'WSS 1.1 §12', ...where(parts.body), message: `the WSP agent answered with a fault: ${fault.subcode ?? fault.code} — ${fault.reason}`, details: { ...fault } });
    return { report: makeReport(state.id, checks), state: { ...state, verified: null } };
  }
  const a = readAddressing(parts.headerBlocks);
  const sent = state.sent[state.sent.length - 1];
  checks.push(a.relatesTo === sent && sent
    ? { code: 'WSA_RELATES_TO', status: 'pass', specRef: 'WS-Addressing 1.0 Core §3.4', path: 'Envelope/Header', message: `response relates to request ${sent}` }
    : { code: 'WSA_RELATES_TO_MISMATCH', status: 'fail', specRef: 'WS-Addressing 1.0 Core §3.4', path: 'Envelope/Header', message: `expected wsa:RelatesTo ${sent ?? '(no request sent)'}, found ${a.relatesTo ?? 'none'}` });
  const id = await loadIdentity(state.x509);
  const wspAgent = state.x509.peerCertPem ? await parseCertificate(state.x509.peerCertPem) : undefined;
  const sec = await processSecurity(parts, responsePolicy(), { users: {}, now, freshnessSeconds: 300, skewSeconds: 300, nonceCache: [], transport: 'http', knownCerts: wspAgent ? [wspAgent] : [] });
  checks.push(...sec.checks, ...(await trustChecks(sec.certificates, id.ca, now, wspAgent)));
  const accepted = !checks.some((c) => c.status === 'fail');
  const signer = sec.certificates[0]?.subject ?? '';
  if (accepted) checks.push({ code: 'AGENT_RESPONSE_VERIFIED', status: 'pass', specRef: SPEC, ...where(parts.body), message: `the WSC agent verified the response signed by ${signer}; the body goes to the client` });
  const verified = accepted ? { signer, payload: childElements(parts.body).map((e) => serializeXml(e)) } : null;
  return { report: makeReport(state.id, checks), state: { ...state, verified } };
}

/** Step 10: the verified body handed to the client, with what the agent verified. */
export function wscAgentHandOver(state: WscAgentState, env: AgentEnv): string {
  const v = state.verified;
  const header = v ? [{ ns: AGENT_NS, name: 'oa:VerifiedResponse', xmlns: { oa: AGENT_NS }, children: [{ ns: AGENT_NS, name: 'oa:Signer', text: v.signer }, { ns: AGENT_NS, name: 'oa:RelatesTo', text: state.sent[state.sent.length - 1] ?? '' }] }] : [];
  const doc = buildEnvelope({
    version: env.soap, xmlns: { wsa: WSA[env.wsa].ns },
    headers: [...addressingHeaders(env.wsa, { action: `${state.action}Response`, to: WSA[env.wsa].anonymous, messageId: `urn:uuid:${uuidV4(env.random)}` }), ...header],
    body: (v?.payload ?? []).map((p) => parseXml(p).documentElement as Element),
  });
  return formatXml(serializeXml(doc));
}
