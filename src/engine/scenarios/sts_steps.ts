// The steps and actors shared by the STS scenarios (sts-issuance, seed 004; opensso-sts, seed 001):
// client → STS (RST under the bootstrap policy), STS → client (RSTR or WS-Trust fault), client →
// service (the assertion presented as its confirmation method asks), service → client (a response
// signed with the service's key, which the client verifies). Actor state is plain JSON built from
// the demo PKI, so every key a run used can be written to keys.json.

import { DEMO_PKI_FILE } from '../actors/demo_pki.ts';
import { serviceReceive, type ServiceState } from '../actors/service.ts';
import { serviceRespond } from '../actors/service_response.ts';
import { checkSignedResponse } from '../actors/signed_response.ts';
import { stsReceive, stsRespond, type StsState } from '../actors/sts.ts';
import { stsBootstrapPolicy, type ClientTokenKind, type StsBinding } from '../actors/sts_bootstrap.ts';
import { presentToken, readTokenResponse, requestToken, type StsClientState } from '../actors/sts_client.ts';
import { transportBinding } from '../policy/model.ts';
import type { KeyTypeKind } from '../trust/rst.ts';
import type { UseKeyForm } from '../trust/use_key.ts';
import { URI } from '../xml/names.ts';
import type { ActorsState, Expectation, Json, StepContext, StepDef } from './types.ts';

export const SERVICE = 'https://service.wsbench.example/echo';
const pki = DEMO_PKI_FILE.identities;
export const json = (x: unknown) => x as Json;
export const as = <T>(a: ActorsState, k: string) => a[k] as unknown as T;

/** One issuance set-up: versions, the bootstrap, and what the RST asks for. */
export interface StsSetup {
  saml: '1.1' | '2.0';
  trust: 'feb2005' | '1.3';
  binding: StsBinding;
  clientToken: ClientTokenKind;
  keyType: KeyTypeKind | null;
  keySize?: number;
  entropy?: boolean;
  onBehalfOf?: string;
  useKey?: UseKeyForm;
  proofKeyReference?: 'assertion' | 'bst';
  username?: string;
  tokenType?: string;
}

const identity = (who: 'client' | 'sts' | 'service', peer?: 'sts') => ({
  certPem: pki[who].certPem, keyPem: pki[who].keyPem, caPem: pki.ca.certPem, ...(peer ? { peerCertPem: pki[peer].certPem } : {}),
});

/** The client, the STS (configured with the bootstrap policy) and the relying service. */
export function stsActors(s: StsSetup): ActorsState {
  const user = s.username ?? 'alice';
  const client: StsClientState = {
    id: 'client', username: user, password: user === 'bob' ? 'bob_password' : 'alice-Secret-1', soap: '1.1', wsa: '2005/08', trust: s.trust,
    tokenType: s.tokenType ?? (s.saml === '1.1' ? URI.samlV11TokenType : URI.samlV20TokenType), keyType: s.keyType, keySize: s.keySize ?? 256, entropy: s.entropy ?? false,
    appliesTo: SERVICE, binding: s.binding, clientToken: s.clientToken, x509: identity('client', 'sts'), serviceCertPem: pki.service.certPem, caPem: pki.ca.certPem,
    ...(s.onBehalfOf ? { onBehalfOf: s.onBehalfOf } : {}), ...(s.useKey ? { useKey: s.useKey } : {}), ...(s.proofKeyReference ? { proofKeyReference: s.proofKeyReference } : {}), sent: [],
  };
  const sts: StsState = {
    id: 'sts', issuerName: 'https://sts.wsbench.example/sts', trust: s.trust, samlVersion: s.saml, policy: stsBootstrapPolicy(s.binding, s.clientToken),
    users: { alice: 'alice-Secret-1', bob: 'bob_password' }, last: null, issued: [], x509: identity('sts'),
    config: {
      supportedTokenTypes: [URI.samlV11TokenType, URI.samlV20TokenType], authorizedRequesters: ['alice', pki.client.subject],
      serviceProviders: [{ appliesTo: SERVICE, certPem: pki.service.certPem }], lifetimeSeconds: 3600, signatureAlgorithm: 'rsa-sha1',
      keySizes: { min: 128, max: 512, default: 256 },
    },
  };
  const service: ServiceState = {
    id: 'service', endpoint: SERVICE, policy: { spVersion: '1.2', wss: '1.1', binding: transportBinding({ includeTimestamp: true }), supporting: [] },
    users: {}, freshnessSeconds: 300, skewSeconds: 60, nonceCache: [], derivedKeys: [], last: null,
    x509: identity('service'), saml: { stsCertPem: pki.sts.certPem, audience: SERVICE },
  };
  return { client: json(client), sts: json(sts), service: json(service) };
}

/** Every key the run's actors hold, for keys.json (the demo PKI is public test material). */
function recordKeys(ctx: StepContext): void {
  for (const who of ['client', 'sts', 'service'] as const) ctx.secret(`${who} certificate and key`, json({ certPem: pki[who].certPem, keyPem: pki[who].keyPem }));
}

const overHttps = (c: StsClientState): 'https' | 'http' => ((c.binding ?? 'transport') === 'transport' ? 'https' : 'http');

export function rstStep(n: number, expect: Expectation, explain: string, specRefs: string[]): StepDef {
  return {
    n, from: 'client', to: 'sts', label: 'RST Issue', expect, explain, specRefs,
    async produce(ctx) {
      const c = as<StsClientState>(ctx.actors, 'client');
      const r = await requestToken(c, ctx);
      if (r.state.entropyB64) ctx.secret('client entropy', r.state.entropyB64);
      for (const [k, v] of Object.entries(r.secrets)) ctx.secret(k, v);
      recordKeys(ctx);
      return { wire: r.wire, transport: overHttps(c), actors: { ...ctx.actors, client: json(r.state) } };
    },
    async receive(ctx, wire) {
      const r = await stsReceive(as<StsState>(ctx.actors, 'sts'), wire, ctx.transport, ctx.now);
      return { report: r.report, actors: { ...ctx.actors, sts: json(r.state) } };
    },
  };
}

export function rstrStep(n: number, expect: Expectation, explain: string, specRefs: string[]): StepDef {
  return {
    n, from: 'sts', to: 'client', label: expect.accept ? 'RSTR' : 'Fault', expect, explain, specRefs,
    async produce(ctx) {
      const sts = as<StsState>(ctx.actors, 'sts');
      const r = await stsRespond(sts, { random: ctx.random, now: ctx.now, soap: '1.1', wsa: '2005/08' });
      for (const [k, val] of Object.entries(r.secrets)) ctx.secret(`issued ${k}`, val);
      return { wire: r.wire, transport: overHttps(as<StsClientState>(ctx.actors, 'client')), actors: { ...ctx.actors, sts: json(r.state) }, label: sts.last?.confirmation ? 'RSTR' : 'Fault' };
    },
    async receive(ctx, wire) {
      const r = await readTokenResponse(as<StsClientState>(ctx.actors, 'client'), wire, ctx.now);
      return { report: r.report, actors: { ...ctx.actors, client: json(r.state) } };
    },
  };
}

const PRESENT_LABEL: Record<string, string> = {
  bearer: 'Echo + SAML assertion (bearer)',
  'sender-vouches': 'Echo + SAML assertion (sender-vouches, signed by the sender)',
  'holder-of-key/symmetric': 'Echo + SAML assertion (signed with the proof key)',
  'holder-of-key/asymmetric': 'Echo + SAML assertion (signed with the client\'s key)',
};

export function presentStep(n: number, expect: Expectation = { accept: true }): StepDef {
  return {
    n, from: 'client', to: 'service', label: 'Echo + SAML assertion', expect,
    explain: 'The client presents the assertion to the service over HTTPS. The service checks the STS\'s signature on it, its lifetime and audience, and what its confirmation method asks: nothing more for bearer; for holder-of-key a signature over the Body with the proof key (the symmetric key it unwraps with its private key, or the client\'s key pair named in the assertion); for sender-vouches a signature by a trusted sender over the assertion and the Body.',
    specRefs: ['WSS SAML Token Profile 1.1 §3.5', 'seed 001', 'seed 004'],
    async produce(ctx) {
      const c = as<StsClientState>(ctx.actors, 'client');
      const r = await presentToken(c, ctx, SERVICE);
      const kind = c.confirmation === 'holder-of-key' ? `holder-of-key/${c.proofKind ?? 'symmetric'}` : c.confirmation ?? (c.proofKey ? 'holder-of-key/symmetric' : 'bearer');
      return { wire: r.wire, transport: 'https', actors: { ...ctx.actors, client: json(r.state) }, label: PRESENT_LABEL[kind] ?? 'Echo + SAML assertion' };
    },
    async receive(ctx, wire) {
      const { report, state } = await serviceReceive(as<ServiceState>(ctx.actors, 'service'), { wire, transport: ctx.transport, now: ctx.now }, 'urn:wsbench:echo:Echo');
      return { report, actors: { ...ctx.actors, service: json(state) } };
    },
  };
}

export function responseStep(n: number): StepDef {
  return {
    n, from: 'service', to: 'client', label: 'EchoResponse (signed)', expect: { accept: true },
    explain: 'The service answers the authenticated subject, signing the Timestamp, addressing headers and Body with its own X.509 key (its certificate in a BinarySecurityToken); the client checks the signature, that the service signed it and that its certificate chains to the CA.',
    specRefs: ['WSS 1.1 §8', 'X.509 Token Profile 1.1', 'WS-Addressing 1.0 Core §3.4'],
    async produce(ctx) {
      const r = await serviceRespond(as<ServiceState>(ctx.actors, 'service'), { random: ctx.random, now: ctx.now, soap: '1.1', wsa: '2005/08' });
      return { wire: r.wire, transport: 'https' };
    },
    async receive(ctx, wire) {
      const c = as<StsClientState>(ctx.actors, 'client');
      const sent = c.sent[c.sent.length - 1];
      const report = await checkSignedResponse(wire, { id: 'client', ...(sent ? { sent } : {}), signerCertPem: c.serviceCertPem ?? pki.service.certPem, caPem: c.caPem ?? pki.ca.certPem, now: ctx.now });
      return { report, actors: ctx.actors };
    },
  };
}
