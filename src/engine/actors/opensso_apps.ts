// The two applications of seed 001's agent flow: the web service client (WSC), which first calls
// the WSP without security, follows its agent's redirect to the OpenSSO STS, authenticates there
// and gets the token for the WSP's registered mechanism, then hands its agent a bare SOAP body;
// and the web service provider (WSP), which only ever sees requests its own agent verified.

import type { Element } from '@xmldom/xmldom';
import { uuidV4, type RandomSource } from '../crypto/random.ts';
import { makeReport, type Check, type Report } from '../report/index.ts';
import { buildEnvelope, readEnvelope, type EnvelopeParts, type SoapVersion } from '../soap/envelope.ts';
import { addressingHeaders, readAddressing, WSA, type WsaVersion } from '../wsa/headers.ts';
import { childElements, firstChildNS, textOf, type ElSpec } from '../xml/dom.ts';
import { parseXml } from '../xml/parse.ts';
import { where } from '../xml/path.ts';
import { formatXml, serializeXml } from '../xml/serialize.ts';
import { ECHO_NS, echoBody } from './client.ts';
import { AGENT_NS, mechanismByUri, tokenRequestFor } from './opensso_mechanisms.ts';
import { readRedirect, type AgentRedirect } from './opensso_redirect.ts';
import type { StsClientState } from './sts_client.ts';
import type { WscHandover } from './opensso_wsc_agent.ts';

export interface WscState extends StsClientState {
  /** The WSP's address and the operation called. */
  endpoint: string;
  action: string;
  /** What the redirect said: where to authenticate, which mechanism the WSP registered. */
  redirect: AgentRedirect | null;
  /** The answer, as the WSC agent handed it over. */
  answer: null | { text: string; signer: string };
}

export interface WspState {
  id: string;
  endpoint: string;
  /** The last request the agent forwarded: who, by which mechanism, what they asked. */
  last: null | { principal: string; mechanism: string; text: string };
}

export interface AppEnv {
  random: RandomSource;
  now: number;
  soap: SoapVersion;
  wsa: WsaVersion;
}

const SPEC = 'seed 001: security token generation process flow';
const bare = (env: AppEnv, headers: ElSpec[], body: ElSpec[]) => formatXml(serializeXml(buildEnvelope({ version: env.soap, xmlns: headers.length ? { wsa: WSA[env.wsa].ns } : {}, headers, body })));

/** Step 1: the client calls the WSP with no security at all. */
export function wscAccessRequest(s: WscState, env: AppEnv): { wire: string; state: WscState } {
  const messageId = `urn:uuid:${uuidV4(env.random)}`;
  const wire = bare(env, addressingHeaders(env.wsa, { action: s.action, to: s.endpoint, messageId, replyTo: 'anonymous' }), [echoBody('e:Echo', 'Hello from the web service client')]);
  return { wire, state: { ...s, sent: [...s.sent, messageId] } };
}

/** Step 2: the client reads its agent's redirect and prepares the token request it implies. */
export function wscReadRedirect(s: WscState, wire: string): { report: Report; state: WscState } {
  const r = readRedirect(wire);
  const checks = [...r.checks];
  const sent = s.sent[s.sent.length - 1];
  if (r.relatesTo && r.relatesTo !== sent) checks.push({ code: 'WSA_RELATES_TO_MISMATCH', status: 'fail', specRef: 'WS-Addressing 1.0 Core §3.4', path: 'Envelope/Header', message: `expected the redirect to relate to request ${sent ?? '(none)'}, found ${r.relatesTo}` });
  const known = r.redirect ? mechanismByUri(r.redirect.mechanism) : null;
  if (!r.redirect || !known) return { report: makeReport(s.id, checks), state: { ...s, redirect: null } };
  const request = tokenRequestFor(known.mechanism, known.saml);
  checks.push({
    code: 'WSC_TOKEN_PLAN', status: 'info', specRef: known.mechanism.source, path: '',
    message: request
      ? `the WSC asks the STS for a ${request.tokenType.split('#').pop()} token, KeyType ${request.keyType}${request.onBehalfOf ? ` on behalf of ${s.username}` : ''}, AppliesTo ${r.redirect.providerId}, authenticating with ${request.clientToken === 'x509' ? 'its certificate (AsymmetricBinding)' : 'a UsernameToken over HTTPS'} (table 3-3 row ${request.matrixRow})`
      : `${known.mechanism.title}: the requester token is the client's own credential; no STS token to fetch`,
    ...(request ? { details: { ...request } } : {}),
  });
  const next: WscState = {
    ...s, redirect: r.redirect, appliesTo: r.redirect.providerId,
    ...(request ? { tokenType: request.tokenType, keyType: request.keyType, binding: request.binding, clientToken: request.clientToken, ...(request.onBehalfOf ? { onBehalfOf: s.username } : {}) } : {}),
  };
  return { report: makeReport(s.id, checks), state: next };
}

/** Step 5: the bare SOAP body, for the WSC's agent to secure. */
export function wscPayload(env: AppEnv): string {
  return bare(env, [], [echoBody('e:Echo', 'Hello from the web service client')]);
}

/** What the client hands its agent besides the body (they share a process): the mechanism and its credentials. */
export function wscHandover(s: WscState): WscHandover {
  return {
    mechanism: s.redirect?.mechanism ?? null, username: s.username, password: s.password,
    ...(s.token ? { token: s.token } : {}), ...(s.tokenId ? { tokenId: s.tokenId } : {}), ...(s.proofKey ? { proofKey: s.proofKey } : {}),
  };
}

const textIn = (body: Element | null) => {
  const t = body ? body.getElementsByTagNameNS(ECHO_NS, 'Text')[0] : undefined;
  return t ? textOf(t).trim() : '';
};

/** A message handed over by an agent: its envelope, the agent's oa:<headerName> block and the e:<payloadName> in the Body. */
function fromAgent(wire: string, headerName: string, payloadName: string): { checks: Check[]; parts: EnvelopeParts | null; header: Element | null; payload: Element | null } {
  const { parts, checks } = readEnvelope(parseXml(wire));
  return {
    checks: [...checks], parts,
    header: parts?.headerBlocks.find((h) => h.namespaceURI === AGENT_NS && h.localName === headerName) ?? null,
    payload: (parts && childElements(parts.body).find((e) => e.namespaceURI === ECHO_NS && e.localName === payloadName)) ?? null,
  };
}

/** What a Body holds first, for a message that says what was found instead. */
const firstInBody = (parts: EnvelopeParts) => childElements(parts.body)[0]?.nodeName ?? 'an empty Body';

/** Step 10: the client gets the verified body from its agent. */
export function wscReadAnswer(s: WscState, wire: string): { report: Report; state: WscState } {
  const { checks, parts, header, payload: answer } = fromAgent(wire, 'VerifiedResponse', 'EchoResponse');
  if (!parts) return { report: makeReport(s.id, checks), state: s };
  const signerEl = header ? firstChildNS(header, AGENT_NS, 'Signer') : null;
  if (!header || !signerEl) checks.push({ code: 'WSC_NOT_VERIFIED', status: 'fail', specRef: SPEC, ...where(parts.header ?? parts.envelope), message: 'expected the agent\'s oa:VerifiedResponse (the response\'s signature was checked), found none' });
  else if (!answer) checks.push({ code: 'WSC_NO_ANSWER', status: 'fail', specRef: SPEC, ...where(parts.body), message: `expected an e:EchoResponse in the Body, found ${firstInBody(parts)}` });
  else checks.push({ code: 'WSC_ANSWER', status: 'pass', specRef: SPEC, ...where(answer), message: `the client got "${textIn(answer)}", whose signature by ${textOf(signerEl).trim()} its agent verified` });
  const ok = !checks.some((c) => c.status === 'fail');
  return { report: makeReport(s.id, checks), state: ok ? { ...s, answer: { text: textIn(answer), signer: textOf(signerEl as Element).trim() } } : s };
}

/** Step 7: the WSP accepts only what its agent verified, and reads the request. */
export function wspReceive(s: WspState, wire: string): { report: Report; state: WspState } {
  const { checks, parts, header, payload: request } = fromAgent(wire, 'VerifiedRequest', 'Echo');
  if (!parts) return { report: makeReport(s.id, checks), state: s };
  const field = (local: string) => (header ? textOf(firstChildNS(header, AGENT_NS, local) ?? header).trim() : '');
  if (!header) checks.push({ code: 'WSP_NOT_VERIFIED', status: 'fail', specRef: SPEC, ...where(parts.header ?? parts.envelope), message: 'expected the WSP agent\'s oa:VerifiedRequest (signature and token checked), found none: the WSP serves only requests its agent verified' });
  else if (!request) checks.push({ code: 'WSP_NO_REQUEST', status: 'fail', specRef: SPEC, ...where(parts.body), message: `expected an e:Echo in the Body, found ${firstInBody(parts)}` });
  else {
    const verified = Array.from(header.getElementsByTagNameNS(AGENT_NS, 'Verified')).length;
    checks.push({ code: 'WSP_REQUEST_FROM_AGENT', status: 'pass', specRef: SPEC, ...where(header), message: `the agent authenticated ${field('Principal')} by ${field('SecurityMechanism')} (${verified} check(s) it passed) and forwarded "${textIn(request)}"` });
  }
  const a = readAddressing(parts.headerBlocks);
  if (a.action) checks.push({ code: 'WSA_ACTION', status: 'pass', specRef: 'WS-Addressing 1.0 Core §3', path: 'Envelope/Header', message: `wsa:Action ${a.action}` });
  const ok = !checks.some((c) => c.status === 'fail');
  return { report: makeReport(s.id, checks), state: { ...s, last: ok ? { principal: field('Principal'), mechanism: field('SecurityMechanism'), text: textIn(request) } : null } };
}

/** Step 8: the WSP's answer, a bare body its agent will sign. */
export function wspRespond(s: WspState, env: AppEnv): string {
  return bare(env, [], [echoBody('e:EchoResponse', s.last ? `Hello, ${s.last.principal}` : 'no request')]);
}
