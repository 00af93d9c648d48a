// Scenario "OpenSSO agent flow" (seed 001, 보안 토큰 생성 프로세스 흐름, tables 3-1 and 3-2): the WSC
// calls the WSP without security; the WSP's agent redirects it to the OpenSSO STS authentication
// service naming the mechanism the WSP registered; the WSC authenticates and gets the token; it
// hands its agent the bare SOAP body; the agent inserts the Security header and the token and
// signs; the WSP's agent verifies signature and token before forwarding; the WSP answers; its
// agent signs the answer; the WSC's agent verifies it and hands the body back. One variant per
// requester token of tables 3-1 (Liberty) and 3-2 (WS-IBS).

import { DEMO_PKI_FILE } from '../actors/demo_pki.ts';
import { wscAccessRequest, wscHandover, wscPayload, wscReadAnswer, wscReadRedirect, wspReceive, wspRespond, type WscState, type WspState } from '../actors/opensso_apps.ts';
import { agentPolicy, findMechanism, MECHANISMS, mechanismUri, tokenRequestFor, type Mechanism, type SamlVersionId, type TokenRequest } from '../actors/opensso_mechanisms.ts';
import { wscAgentAccept, wscAgentHandOver, wscAgentReadResponse, wscAgentSend, type WscAgentState } from '../actors/opensso_wsc_agent.ts';
import { wspAgentForward, wspAgentReadResponse, wspAgentReceive, wspAgentRedirect, wspAgentRespond, type AgentEnv, type WspAgentState } from '../actors/opensso_wsp_agent.ts';
import { stsReceive, stsRespond, type StsState } from '../actors/sts.ts';
import { stsBootstrapPolicy } from '../actors/sts_bootstrap.ts';
import { BOOTSTRAP, readTokenResponse, requestToken } from '../actors/sts_client.ts';
import { writePolicy } from '../policy/write.ts';
import { UsageError, type Report } from '../report/index.ts';
import { URI } from '../xml/names.ts';
import type { ActorsState, Json, ScenarioDef, StepContext, StepDef, VariantInfo } from './types.ts';

const WSP = 'http://wsp.wsbench.example/echo';
const STS = 'https://sts.wsbench.example/sts';
const ACTION = 'urn:wsbench:echo:Echo';
const pki = DEMO_PKI_FILE.identities;
const json = (x: unknown) => x as Json;
const as = <T>(a: ActorsState, k: string) => a[k] as unknown as T;

function mechanism(variantId: string): Mechanism {
  const m = findMechanism(variantId);
  if (!m) throw new UsageError('UNKNOWN_VARIANT', `expected one of ${MECHANISMS.map((x) => x.id).join(', ')}, found "${variantId}"`);
  return m;
}

/** Liberty mechanisms have no SAML 2.0 URI of their own in OpenSSO: they carry SAML 1.1 assertions. */
const samlFor = (m: Mechanism, versions: Record<string, string>): SamlVersionId => (m.family === 'liberty' ? '1.1' : versions['saml'] === '2.0' ? '2.0' : '1.1');

function variantInfo(m: Mechanism): VariantInfo {
  const policy = agentPolicy(m);
  const r = tokenRequestFor(m, '1.1');
  const fetch = r
    ? `The WSC fetches the token from the OpenSSO STS: table 3-3 row ${r.matrixRow} (${r.binding === 'asymmetric' ? 'AsymmetricBinding, X.509' : 'HTTPS, UserName'}, KeyType ${r.keyType}${r.onBehalfOf ? ', OnBehalfOf' : ''}).`
    : 'No STS token is needed: the requester token is the WSC\'s own credential, but the redirect still tells it the mechanism.';
  return {
    id: m.id, title: `${m.family === 'liberty' ? 'Table 3-1' : 'Table 3-2'}: ${m.title}`, source: `${m.source} (${mechanismUri(m, '1.1')})${r ? `; STS request: table 3-3 row ${r.matrixRow}` : ''}`,
    description: `${m.requirements.map((r) => r[0]!.toUpperCase() + r.slice(1)).join('. ')}. ${fetch}`,
    ...(policy.binding ? { policyXml: writePolicy(policy) } : {}),
  };
}

function initialState(variantId: string, versions: Record<string, string>): ActorsState {
  const m = mechanism(variantId);
  const saml = samlFor(m, versions);
  const request = tokenRequestFor(m, saml);
  // The WSC's host certificate: it authenticates to the STS with it (AsymmetricBinding), and its agent signs with it.
  const wsc: WscState = {
    id: 'wsc', username: 'alice', password: 'alice-Secret-1', soap: '1.1', wsa: '2005/08', trust: '1.3', tokenType: URI.samlV11TokenType, keyType: null,
    keySize: 256, entropy: false, appliesTo: WSP, sent: [], endpoint: WSP, action: ACTION, redirect: null, answer: null,
    x509: { certPem: pki.client.certPem, keyPem: pki.client.keyPem, peerCertPem: pki.sts.certPem, caPem: pki.ca.certPem },
  };
  const wscAgent: WscAgentState = {
    id: 'wsc-agent', wspEndpoint: WSP, action: ACTION, mechanism: null, payload: [], credential: null, sent: [], verified: null,
    x509: { certPem: pki.client.certPem, keyPem: pki.client.keyPem, peerCertPem: pki.service.certPem, caPem: pki.ca.certPem },
  };
  const sts: StsState = {
    id: 'sts', issuerName: STS, trust: '1.3', samlVersion: saml, users: { alice: 'alice-Secret-1' }, last: null, issued: [],
    policy: request ? stsBootstrapPolicy(request.binding, request.clientToken) : BOOTSTRAP,
    x509: { certPem: pki.sts.certPem, keyPem: pki.sts.keyPem, caPem: pki.ca.certPem },
    config: {
      supportedTokenTypes: [URI.samlV11TokenType, URI.samlV20TokenType], authorizedRequesters: ['alice', pki.client.subject],
      // Adding the WSP's agent profile registers the WSP at the STS (seed 001): its address and certificate.
      serviceProviders: [{ appliesTo: WSP, certPem: pki.service.certPem }], lifetimeSeconds: 3600, signatureAlgorithm: 'rsa-sha1',
      keySizes: { min: 128, max: 512, default: 256 },
    },
  };
  const wspAgent: WspAgentState = {
    id: 'wsp-agent', endpoint: WSP, action: ACTION, mechanism: m.id, saml, stsLocation: STS, policy: agentPolicy(m), users: { alice: 'alice-Secret-1' },
    freshnessSeconds: 300, skewSeconds: 60, nonceCache: [], stsCertPem: pki.sts.certPem, trustedSenders: [pki.client.certPem], last: null,
    x509: { certPem: pki.service.certPem, keyPem: pki.service.keyPem, caPem: pki.ca.certPem },
  };
  const wsp: WspState = { id: 'wsp', endpoint: WSP, last: null };
  return { wsc: json(wsc), 'wsc-agent': json(wscAgent), sts: json(sts), 'wsp-agent': json(wspAgent), wsp: json(wsp) };
}

const env = (ctx: StepContext): AgentEnv => ({ random: ctx.random, now: ctx.now, soap: '1.1', wsa: '2005/08' });
const accept = { accept: true } as const;

/** The produce half of a step whose sender only writes a message from its own state (which it keeps). */
function writtenBy<S>(id: string, write: (state: S, env: AgentEnv) => string): StepDef['produce'] {
  return async (ctx) => ({ wire: write(as<S>(ctx.actors, id), env(ctx)) });
}

/** The receive half of every step here: the receiver reads the wire with its own state; its report and new state are the result. */
function receivedBy<S>(id: string, read: (state: S, wire: string, ctx: StepContext) => Promise<{ report: Report; state: unknown }> | { report: Report; state: unknown }): StepDef['receive'] {
  return async (ctx, wire) => {
    const r = await read(as<S>(ctx.actors, id), wire, ctx);
    return { report: r.report, actors: { ...ctx.actors, [id]: json(r.state) } };
  };
}

function accessSteps(m: Mechanism): StepDef[] {
  return [{
    n: 1, from: 'wsc', to: 'wsp-agent', label: 'Access request (no security)', expect: { accept: false, code: 'AGENT_SECURITY_REQUIRED' },
    explain: 'The web service client calls the WSP with the SOAP body only. The WSP\'s security agent stands in front of the WSP and finds no Security header with the token the WSP registered.',
    specRefs: ['seed 001: security token generation process flow'],
    async produce(ctx) {
      const r = wscAccessRequest(as<WscState>(ctx.actors, 'wsc'), env(ctx));
      return { wire: r.wire, actors: { ...ctx.actors, wsc: json(r.state) } };
    },
    receive: receivedBy<WspAgentState>('wsp-agent', (s, wire, ctx) => wspAgentReceive(s, wire, ctx.transport, ctx.now)),
  }, {
    n: 2, from: 'wsp-agent', to: 'wsc', label: `Redirect to the STS (${m.redirectAgent} agent)`, expect: accept,
    explain: `The agent redirects the client to the OpenSSO STS authentication service and names the security mechanism the WSP registered. Seed 001: with a Liberty mechanism the HTTP security agent issues the redirect (an HTTP redirect to the authentication service), with WS-IBS the SOAP security agent does (a SOAP message). wsbench carries both as this SOAP Fault, whose oa:Redirect says which agent answered${m.redirectAgent === 'HTTP' ? ' — here the HTTP agent' : ' — here the SOAP agent'}.`,
    specRefs: ['seed 001: security token generation process flow', m.source],
    produce: writtenBy<WspAgentState>('wsp-agent', wspAgentRedirect),
    receive: receivedBy<WscState>('wsc', wscReadRedirect),
  }];
}

function stsSteps(request: TokenRequest): StepDef[] {
  const channel = request.binding === 'asymmetric' ? 'http' : 'https';
  return [{
    n: 3, from: 'wsc', to: 'sts', label: 'Authenticate + RST Issue', expect: accept,
    explain: `The client authenticates at the OpenSSO STS and asks for the token the WSP's mechanism needs: token type, KeyType${request.onBehalfOf ? ', OnBehalfOf (the user it vouches for)' : ''} and AppliesTo follow from the redirect — table 3-3 row ${request.matrixRow}: ${request.binding === 'asymmetric' ? 'the AsymmetricBinding, the WSC\'s certificate signing the RST (its Body encrypted for the STS)' : 'a UsernameToken over HTTPS'}, KeyType ${request.keyType}. The STS makes its decisions and finds the right token.`,
    specRefs: ['seed 001 table 3-3', 'WS-Trust 1.3 §4.1'],
    async produce(ctx) {
      const r = await requestToken(as<WscState>(ctx.actors, 'wsc'), ctx);
      for (const [k, v] of Object.entries(r.secrets)) ctx.secret(`RST ${k}`, v);
      return { wire: r.wire, transport: channel, actors: { ...ctx.actors, wsc: json(r.state) } };
    },
    receive: receivedBy<StsState>('sts', (s, wire, ctx) => stsReceive(s, wire, ctx.transport, ctx.now)),
  }, {
    n: 4, from: 'sts', to: 'wsc', label: 'RSTR (the token)', expect: accept,
    explain: `The STS answers with the SAML assertion it signed for the WSP (its audience), with the confirmation method the mechanism needs${request.keyType === 'symmetric' ? ' and the proof key, also encrypted inside the assertion for the WSP agent\'s certificate' : request.keyType === 'public' ? ', bound to the WSC\'s own certificate (no proof token: the WSC holds the private key)' : request.keyType === 'sender-vouches' ? ', naming the user the WSC vouches for' : ''}${request.binding === 'asymmetric' ? '; the RSTR is signed by the STS and encrypted for the WSC' : ''}.`,
    specRefs: ['WS-Trust 1.3 §4.2', 'WSS SAML Token Profile 1.1'],
    async produce(ctx) {
      const r = await stsRespond(as<StsState>(ctx.actors, 'sts'), env(ctx));
      for (const [k, v] of Object.entries(r.secrets)) ctx.secret(`issued ${k}`, v);
      return { wire: r.wire, transport: channel, actors: { ...ctx.actors, sts: json(r.state) } };
    },
    receive: receivedBy<WscState>('wsc', (s, wire, ctx) => readTokenResponse(s, wire, ctx.now)),
  }];
}

function requestSteps(m: Mechanism): StepDef[] {
  return [{
    n: 5, from: 'wsc', to: 'wsc-agent', label: 'SOAP body (payload)', expect: accept,
    explain: 'Authenticated, the client hands the bare SOAP body to its own security agent, together (in-process) with the mechanism the redirect named and its credentials. The agent checks it holds what the mechanism needs.',
    specRefs: ['seed 001: security token generation process flow'],
    async produce(ctx) {
      return { wire: wscPayload(env(ctx)) };
    },
    receive: receivedBy<WscAgentState>('wsc-agent', (s, wire, ctx) => wscAgentAccept(s, wire, wscHandover(as<WscState>(ctx.actors, 'wsc')))),
  }, {
    n: 6, from: 'wsc-agent', to: 'wsp-agent', label: 'Secured request (token + signature)', expect: accept,
    explain: `The WSC's agent inserts the Security header and the requester token, then signs the message before it goes to the WSP. ${m.requirements.map((r) => r[0]!.toUpperCase() + r.slice(1)).join('. ')}. The WSP's agent verifies the signature and the token.`,
    specRefs: [m.source, 'WSS 1.1 §5–8', ...(m.token === 'saml' ? ['WSS SAML Token Profile 1.1 §3.5'] : m.token === 'x509' ? ['X.509 Token Profile 1.1'] : ['UT 1.1 §3.1'])],
    async produce(ctx) {
      const r = await wscAgentSend(as<WscAgentState>(ctx.actors, 'wsc-agent'), env(ctx));
      ctx.secret('request', json(r.secrets));
      ctx.secret('WSC agent certificate and key', json({ certPem: pki.client.certPem, keyPem: pki.client.keyPem }));
      const unsecured = r.secured ? {} : { label: 'Unsecured request (the agent holds no credential)', explain: 'The WSC\'s agent holds no credential for the registered mechanism (step 5 said why), so it cannot secure the request and sends the payload as it is; the WSP\'s agent will refuse it.' };
      return { wire: r.wire, actors: { ...ctx.actors, 'wsc-agent': json(r.state) }, ...unsecured };
    },
    receive: receivedBy<WspAgentState>('wsp-agent', (s, wire, ctx) => wspAgentReceive(s, wire, ctx.transport, ctx.now)),
  }, {
    n: 7, from: 'wsp-agent', to: 'wsp', label: 'Verified request forwarded', expect: accept,
    explain: 'Only after verifying the signature and the token does the WSP\'s agent pass the request on to the WSP, with a header saying whom it authenticated, by which mechanism, and what it checked.',
    specRefs: ['seed 001: security token generation process flow'],
    produce: writtenBy<WspAgentState>('wsp-agent', wspAgentForward),
    receive: receivedBy<WspState>('wsp', wspReceive),
  }];
}

function responseSteps(): StepDef[] {
  return [{
    n: 8, from: 'wsp', to: 'wsp-agent', label: 'Response body', expect: accept,
    explain: 'The WSP processes the request and answers with a bare body; securing it is its agent\'s job.',
    specRefs: ['seed 001: security token generation process flow'],
    produce: writtenBy<WspState>('wsp', wspRespond),
    receive: receivedBy<WspAgentState>('wsp-agent', wspAgentReadResponse),
  }, {
    n: 9, from: 'wsp-agent', to: 'wsc-agent', label: 'Signed response', expect: accept,
    explain: 'The WSP\'s agent signs the response with its key (certificate in a BinarySecurityToken; signature over the Timestamp, the addressing headers and the Body). The WSC\'s agent checks the signature, that the signer is the WSP agent it expects and chains to the CA, and that the response answers its request.',
    specRefs: ['seed 001', 'WSS 1.1 §8', 'X.509 Token Profile 1.1'],
    async produce(ctx) {
      const r = await wspAgentRespond(as<WspAgentState>(ctx.actors, 'wsp-agent'), env(ctx));
      ctx.secret('response', json(r.secrets));
      return { wire: r.wire, ...(r.fault ? { label: 'Fault', explain: 'The WSP agent refused the request (or got no answer to it), so it returns the fault WSS 1.1 §12 names instead of a signed response.' } : {}) };
    },
    receive: receivedBy<WscAgentState>('wsc-agent', (s, wire, ctx) => wscAgentReadResponse(s, wire, ctx.now)),
  }, {
    n: 10, from: 'wsc-agent', to: 'wsc', label: 'Verified response body', expect: accept,
    explain: 'Having verified the signature, the WSC\'s agent hands the body to the client, saying who signed it.',
    specRefs: ['seed 001: security token generation process flow'],
    produce: writtenBy<WscAgentState>('wsc-agent', wscAgentHandOver),
    receive: receivedBy<WscState>('wsc', wscReadAnswer),
  }];
}

function steps(variantId: string): StepDef[] {
  const m = mechanism(variantId);
  const request = tokenRequestFor(m, '1.1');
  return [...accessSteps(m), ...(request ? stsSteps(request) : []), ...requestSteps(m), ...responseSteps()];
}

export const openssoAgentScenario: ScenarioDef = {
  id: 'opensso-agent',
  title: 'OpenSSO agent flow (requester tokens)',
  summary: 'Seed 001\'s security-token process flow: WSC → WSP agent → redirect to the OpenSSO STS → token → the WSC agent inserts the header and token and signs → the WSP agent verifies → the WSP answers → signed response verified by the WSC agent. One variant per requester token of tables 3-1 (Liberty) and 3-2 (WS-IBS).',
  seed: '001',
  actors: [
    { id: 'wsc', name: 'WSC (web service client, alice)', role: 'app' },
    { id: 'wsc-agent', name: 'WSC SOAP security agent', role: 'client' },
    { id: 'sts', name: 'OpenSSO STS', role: 'sts' },
    { id: 'wsp-agent', name: 'WSP SOAP security agent', role: 'service' },
    { id: 'wsp', name: 'WSP (web service provider)', role: 'app' },
  ],
  variants: MECHANISMS.map(variantInfo),
  versions: [{ id: 'saml', title: 'SAML (WS-IBS tokens)', values: ['1.1', '2.0'], default: '1.1' }],
  initialState,
  steps: (v) => steps(v),
};
