// Scenario "UsernameToken" (seed 003): Client → Service with a UsernameToken as the policy asks,
// the service validating against its user registry, nonce cache and clock; Service → Client with
// the answer or the fault.

import { writePolicy } from '../policy/write.ts';
import { DEMO_PKI_FILE } from '../actors/demo_pki.ts';
import { UsageError } from '../report/index.ts';
import type { Json } from './types.ts';
import { clientReceive, clientRequest, type ClientState } from '../actors/client.ts';
import { serviceReceive, type ServiceState } from '../actors/service.ts';
import { serviceRespond } from '../actors/service_response.ts';
import type { SoapVersion } from '../soap/envelope.ts';
import type { WsaVersion } from '../wsa/headers.ts';
import type { ActorsState, Expectation, ScenarioDef, StepDef } from './types.ts';
import { UT_VARIANTS, type UtVariant } from './usernametoken_variants.ts';

const ACTION = 'urn:wsbench:echo:Echo';
const ENDPOINT = 'https://service.example.com/echo';

function variant(id: string): UtVariant {
  const v = UT_VARIANTS.find((x) => x.id === id);
  if (!v) throw new UsageError('UNKNOWN_VARIANT', `expected one of ${UT_VARIANTS.map((x) => x.id).join(', ')}, found "${id}"`);
  return v;
}

const client = (a: ActorsState) => a['client'] as unknown as ClientState;
const service = (a: ActorsState) => a['service'] as unknown as ServiceState;
const json = (x: unknown) => x as Json;

function initialState(variantId: string, versions: Record<string, string>): ActorsState {
  const v = variant(variantId);
  const c: ClientState = {
    id: 'client', username: 'alice', password: v.clientPassword ?? 'alice-Secret-1', policy: v.model,
    soap: (versions['soap'] ?? '1.1') as SoapVersion, wsa: (versions['wsa'] ?? '2005/08') as WsaVersion,
    endpoint: v.transport === 'https' ? ENDPOINT : ENDPOINT.replace('https:', 'http:'), action: ACTION, iterations: 1000, sent: [],
  };
  const s: ServiceState = {
    id: 'service', endpoint: ENDPOINT, policy: v.model, users: { alice: 'alice-Secret-1', bob: 'bob_password' },
    freshnessSeconds: 300, skewSeconds: 60, nonceCache: [], derivedKeys: [], last: null,
  };
  if (v.x509) {
    const pki = DEMO_PKI_FILE.identities;
    c.x509 = { certPem: pki.client.certPem, keyPem: pki.client.keyPem, peerCertPem: pki.service.certPem, caPem: pki.ca.certPem };
    s.x509 = { certPem: pki.service.certPem, keyPem: pki.service.keyPem, caPem: pki.ca.certPem };
  }
  return { client: json(c), service: json(s) };
}

function request(v: UtVariant, n: number, expect: Expectation, label: string, explain: string): StepDef {
  return {
    n, from: 'client', to: 'service', label, explain, expect,
    specRefs: ['UT 1.1 §3.1', 'WSS 1.1 §5', 'WS-SP 1.3 §5.4.1'],
    ...(v.transit ? { transit: v.transit } : {}),
    async produce(ctx) {
      if (v.replay && n > 1) return { wire: ctx.delivered[0] ?? '', transport: v.transport };
      const c = client(ctx.actors);
      const { wire, state, tokens } = await clientRequest(c, 'Hello from wsbench', { random: ctx.random, now: ctx.now + (v.clientSkew ?? 0) * 1000 });
      for (const t of tokens) ctx.secret(`UsernameToken ${t.tokenId}`, json(t));
      return { wire, transport: v.transport, actors: { ...ctx.actors, client: json(state) } };
    },
    async receive(ctx, wire) {
      const { report, state } = await serviceReceive(service(ctx.actors), { wire, transport: ctx.transport, now: ctx.now }, ACTION);
      for (const k of state.derivedKeys.slice(service(ctx.actors).derivedKeys.length)) ctx.secret(`derived key ${k.tokenId} (service)`, json(k));
      return { report, actors: { ...ctx.actors, service: json(state) } };
    },
  };
}

function response(v: UtVariant, n: number, expect: Expectation): StepDef {
  return {
    n, from: 'service', to: 'client', label: expect.accept ? 'EchoResponse' : 'Fault', expect,
    explain: expect.accept ? RESPONSE_EXPLAIN : FAULT_EXPLAIN,
    specRefs: ['WSS 1.1 §12', 'WS-Addressing 1.0 Core §3.4'],
    async produce(ctx) {
      const c = client(ctx.actors);
      const s = service(ctx.actors);
      const { wire } = await serviceRespond(s, { random: ctx.random, now: ctx.now, soap: c.soap, wsa: c.wsa });
      const fault = !s.last?.accepted;
      return { wire, transport: v.transport, label: fault ? 'Fault' : 'EchoResponse', explain: fault ? FAULT_EXPLAIN : RESPONSE_EXPLAIN };
    },
    async receive(ctx, wire) {
      return { report: await clientReceive(client(ctx.actors), wire, ctx.now), actors: ctx.actors };
    },
  };
}

const RESPONSE_EXPLAIN = 'The service accepted the request and answers; the client checks that the answer relates to its request and that its Timestamp is fresh.';
const FAULT_EXPLAIN = 'The service refused the request and answers with the SOAP fault WSS 1.1 §12 names for the failure; its reason says no more than the spec does.';
const FAULT: Expectation = { accept: false, code: 'SOAP_FAULT_RECEIVED' };

function steps(variantId: string): StepDef[] {
  const v = variant(variantId);
  const first = request(v, 1, v.expect, 'Echo + UsernameToken', `${v.description} The service checks the envelope, the addressing headers, the transport, the Timestamp and the UsernameToken against its policy and its user registry.`);
  const out = [first, response(v, 2, v.expect.accept ? { accept: true } : FAULT)];
  if (v.replay) {
    out.push(request(v, 3, { accept: false, code: 'UT_REPLAYED_NONCE' }, 'Replay of message 1', 'An attacker who captured message 1 sends the very same bytes again. Everything in it is still valid — except that the service has seen its Nonce before.'));
    out.push(response(v, 4, FAULT));
  }
  return out;
}

export const usernameTokenScenario: ScenarioDef = {
  id: 'usernametoken',
  title: 'UsernameToken authentication',
  summary: 'A client authenticates to a service with a WSS UsernameToken (profile 1.1): clear-text password over HTTPS, password digest, nonce and created, or a key derived from the password.',
  seed: '003',
  actors: [
    { id: 'client', name: 'Client (alice)', role: 'client' },
    { id: 'service', name: 'Service', role: 'service' },
  ],
  variants: UT_VARIANTS.map((v) => ({ id: v.id, title: v.title, description: v.description, source: v.source, policyXml: writePolicy(v.model) })),
  versions: [
    { id: 'soap', title: 'SOAP', values: ['1.1', '1.2'], default: '1.1' },
    { id: 'wsa', title: 'WS-Addressing', values: ['2005/08', '2004/08'], default: '2005/08' },
  ],
  initialState,
  steps,
};

