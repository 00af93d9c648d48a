// Scenario "STS issuance" (seed 004): Client → STS (RST under UsernameToken over HTTPS) → Client
// (RSTR: a SAML assertion signed by the STS, and its proof token) → Service (the assertion in the
// Security header; holder-of-key proven by a signature with the proof key) → Client. The STS makes
// seed 004's four decisions; the refusal variants stop at the fault it answers with.

import { DEMO_PKI_FILE } from '../actors/demo_pki.ts';
import { clientReceive, type ClientState } from '../actors/client.ts';
import { serviceReceive, type ServiceState } from '../actors/service.ts';
import { serviceRespond } from '../actors/service_response.ts';
import { stsReceive, stsRespond, type StsState } from '../actors/sts.ts';
import { BOOTSTRAP, presentToken, readLifecycleResponse, readTokenResponse, requestLifecycle, requestToken, type LifecycleKind, type StsClientState } from '../actors/sts_client.ts';
import { transportBinding } from '../policy/model.ts';
import { writePolicy } from '../policy/write.ts';
import { UsageError } from '../report/index.ts';
import { URI } from '../xml/names.ts';
import type { ActorsState, Expectation, Json, ScenarioDef, StepDef, VariantInfo } from './types.ts';

interface StsVariant extends VariantInfo {
  saml: '1.1' | '2.0';
  trust: 'feb2005' | '1.3';
  keyType: 'bearer' | 'symmetric';
  entropy: boolean;
  /** Validate, Renew (then present the renewed token), Cancel, and Validate again (now invalid). */
  lifecycle?: boolean;
  /** A refusal: what to change, and the code the STS answers with. */
  refuse?: { tokenType?: string; username?: string; keySize?: number; code: string };
}

const SERVICE = 'https://service.wsbench.example/echo';
const pki = DEMO_PKI_FILE.identities;
const json = (x: unknown) => x as Json;

function variants(): StsVariant[] {
  const out: StsVariant[] = [];
  for (const saml of ['1.1', '2.0'] as const) {
    for (const trust of ['feb2005', '1.3'] as const) {
      for (const [kind, keyType, entropy] of [['bearer', 'bearer', false], ['hok-symmetric', 'symmetric', false], ['hok-symmetric-entropy', 'symmetric', true]] as const) {
        out.push({
          id: `saml${saml.replace('.', '')}-${kind}-trust${trust === '1.3' ? '13' : '-feb2005'}`, saml, trust, keyType, entropy,
          title: `SAML ${saml}, ${keyType === 'bearer' ? 'bearer' : `holder-of-key (symmetric${entropy ? ', both entropies → ComputedKey' : ', STS-generated key'})`}, WS-Trust ${trust === '1.3' ? '1.3' : 'Feb2005'}`,
          description: keyType === 'bearer'
            ? 'KeyType Bearer: the assertion carries no proof key; the client simply presents it over HTTPS.'
            : `KeyType SymmetricKey: the STS ${entropy ? 'computes the proof key with P_SHA1 from the client\'s and its own entropy (ComputedKey)' : 'generates the proof key and returns it as a BinarySecret'}, and encrypts it inside the assertion for the service's certificate (RSA-OAEP, ThumbprintSHA1, as seed 004 shows); the client proves possession by signing with it.`,
          source: 'seed 004: building an STS', policyXml: writePolicy(BOOTSTRAP),
        });
      }
    }
  }
  for (const trust of ['1.3', 'feb2005'] as const) {
    out.push({
      id: `lifecycle-trust${trust === '1.3' ? '13' : '-feb2005'}`, saml: '2.0', trust, keyType: 'symmetric', entropy: false, lifecycle: true,
      title: `Validate, Renew, Cancel (WS-Trust ${trust === '1.3' ? '1.3' : 'Feb2005'}, SAML 2.0 holder-of-key)`,
      description: 'After issuance and use, the client asks the STS to validate the token (Status valid), renews it (a fresh assertion with the same proof key, presented to the service again), cancels it (RequestedTokenCancelled), and validates it once more: now invalid.',
      source: 'seed 004 (Renew, Validate and Cancel bindings); WS-Trust 1.3 §5–7', policyXml: writePolicy(BOOTSTRAP),
    });
  }
  const refusal = (id: string, title: string, refuse: StsVariant['refuse']): StsVariant => ({ id, title, description: title, source: 'seed 004: the four decisions', saml: '1.1', trust: '1.3', keyType: 'symmetric', entropy: false, refuse, policyXml: writePolicy(BOOTSTRAP) });
  out.push(refusal('refused-token-type', 'Decision 2 refuses: a token type the STS does not issue', { tokenType: 'urn:example:custom-token', code: 'STS_TOKEN_TYPE_UNSUPPORTED' }));
  out.push(refusal('refused-requester', 'Decision 3 refuses: bob is not an authorized requester', { username: 'bob', code: 'STS_NOT_AUTHORIZED' }));
  out.push(refusal('refused-key-size', 'Decision 4 refuses: a 1024-bit symmetric key it cannot meet', { keySize: 1024, code: 'STS_KEY_SIZE_UNSUPPORTED' }));
  return out;
}

export const STS_VARIANTS = variants();

function find(id: string): StsVariant {
  const v = STS_VARIANTS.find((x) => x.id === id);
  if (!v) throw new UsageError('UNKNOWN_VARIANT', `expected one of ${STS_VARIANTS.map((x) => x.id).join(', ')}, found "${id}"`);
  return v;
}

function initialState(variantId: string): ActorsState {
  const v = find(variantId);
  const tokenType = v.refuse?.tokenType ?? (v.saml === '1.1' ? URI.samlV11TokenType : URI.samlV20TokenType);
  const user = v.refuse?.username ?? 'alice';
  const client: StsClientState = {
    id: 'client', username: user, password: user === 'bob' ? 'bob_password' : 'alice-Secret-1', soap: '1.1', wsa: '2005/08', trust: v.trust,
    tokenType, keyType: v.keyType, keySize: v.refuse?.keySize ?? 256, entropy: v.entropy, appliesTo: SERVICE, sent: [],
  };
  const sts: StsState = {
    id: 'sts', issuerName: 'https://sts.wsbench.example/sts', trust: v.trust, samlVersion: v.saml, policy: BOOTSTRAP,
    users: { alice: 'alice-Secret-1', bob: 'bob_password' }, last: null, issued: [],
    x509: { certPem: pki.sts.certPem, keyPem: pki.sts.keyPem, caPem: pki.ca.certPem },
    config: {
      supportedTokenTypes: [URI.samlV11TokenType, URI.samlV20TokenType], authorizedRequesters: ['alice'],
      serviceProviders: [{ appliesTo: SERVICE, certPem: pki.service.certPem }], lifetimeSeconds: 3600, signatureAlgorithm: 'rsa-sha1',
      keySizes: { min: 128, max: 512, default: 256 },
    },
  };
  const service: ServiceState = {
    id: 'service', endpoint: SERVICE, policy: { spVersion: '1.2', wss: '1.1', binding: transportBinding({ includeTimestamp: true }), supporting: [] },
    users: {}, freshnessSeconds: 300, skewSeconds: 60, nonceCache: [], derivedKeys: [], last: null,
    x509: { certPem: pki.service.certPem, keyPem: pki.service.keyPem, caPem: pki.ca.certPem },
    saml: { stsCertPem: pki.sts.certPem, audience: SERVICE },
  };
  return { client: json(client), sts: json(sts), service: json(service) };
}

const as = <T>(a: ActorsState, k: string) => a[k] as unknown as T;

function steps(variantId: string): StepDef[] {
  const v = find(variantId);
  const accept: Expectation = { accept: true };
  const out: StepDef[] = [
    {
      n: 1, from: 'client', to: 'sts', label: 'RST Issue', expect: v.refuse ? { accept: false, code: v.refuse.code } : accept,
      explain: 'The client asks the STS for a token: RequestType Issue, TokenType, KeyType, KeySize, AppliesTo (and Entropy), authenticated by a UsernameToken over HTTPS. The STS decides: is this an issue request, is the token type supported, is the requester authorized, can it meet the key expectations.',
      specRefs: ['WS-Trust 1.3 §4.1', 'seed 004'],
      async produce(ctx) {
        const r = await requestToken(as<StsClientState>(ctx.actors, 'client'), ctx);
        if (r.state.entropyB64) ctx.secret('client entropy', r.state.entropyB64);
        return { wire: r.wire, transport: 'https', actors: { ...ctx.actors, client: json(r.state) } };
      },
      async receive(ctx, wire) {
        const r = await stsReceive(as<StsState>(ctx.actors, 'sts'), wire, ctx.transport, ctx.now);
        return { report: r.report, actors: { ...ctx.actors, sts: json(r.state) } };
      },
    },
    {
      n: 2, from: 'sts', to: 'client', label: v.refuse ? 'Fault' : 'RSTR', expect: v.refuse ? { accept: false, code: 'WST_FAULT_RECEIVED' } : accept,
      explain: 'The STS answers with the RSTR: the SAML assertion it signed (RSA-SHA1/SHA-1 as seed 004), the proof token (BinarySecret, or ComputedKey with its entropy), attached and unattached references and the lifetime — or with the WS-Trust fault of the decision that failed.',
      specRefs: ['WS-Trust 1.3 §4.2', 'WSS SAML Token Profile 1.1'],
      async produce(ctx) {
        const r = await stsRespond(as<StsState>(ctx.actors, 'sts'), { random: ctx.random, now: ctx.now, soap: '1.1', wsa: '2005/08' });
        for (const [k, val] of Object.entries(r.secrets)) ctx.secret(`issued ${k}`, val);
        return { wire: r.wire, transport: 'https', actors: { ...ctx.actors, sts: json(r.state) } };
      },
      async receive(ctx, wire) {
        const r = await readTokenResponse(as<StsClientState>(ctx.actors, 'client'), wire);
        return { report: r.report, actors: { ...ctx.actors, client: json(r.state) } };
      },
    },
  ];
  if (v.refuse) return out;
  out.push(presentStep(3), responseStep(4));
  if (!v.lifecycle) return out;
  out.push(
    ...lifecycleSteps(5, 'validate', accept), ...lifecycleSteps(7, 'renew', accept), presentStep(9), responseStep(10),
    ...lifecycleSteps(11, 'cancel', accept), ...lifecycleSteps(13, 'validate', { accept: false, code: 'WST_STATUS_INVALID' }),
  );
  return out;
}

const LIFECYCLE_EXPLAIN: Record<LifecycleKind, string> = {
  validate: 'The client asks the STS whether the token is still good (RequestType Validate, TokenType …/RSTR/Status); the STS answers with a Status.',
  renew: 'The client sends the token back to be renewed (RenewTarget holds the assertion); the STS issues a fresh assertion with a new lifetime and the same proof key, and records the old one as replaced.',
  cancel: 'The client tells the STS it is done with the token (CancelTarget); the STS answers RequestedTokenCancelled and will no longer vouch for it.',
};

function lifecycleSteps(n: number, kind: LifecycleKind, expect: Expectation): StepDef[] {
  return [{
    n, from: 'client', to: 'sts', label: `RST ${kind[0]!.toUpperCase()}${kind.slice(1)}`, expect: { accept: true }, explain: LIFECYCLE_EXPLAIN[kind], specRefs: ['WS-Trust 1.3 §5–7'],
    async produce(ctx) {
      const r = await requestLifecycle(as<StsClientState>(ctx.actors, 'client'), kind, ctx);
      return { wire: r.wire, transport: 'https', actors: { ...ctx.actors, client: json(r.state) } };
    },
    async receive(ctx, wire) {
      const r = await stsReceive(as<StsState>(ctx.actors, 'sts'), wire, ctx.transport, ctx.now);
      return { report: r.report, actors: { ...ctx.actors, sts: json(r.state) } };
    },
  }, {
    n: n + 1, from: 'sts', to: 'client', label: kind === 'validate' ? 'RSTR Status' : kind === 'renew' ? 'RSTR (renewed token)' : 'RSTR Cancelled', expect,
    explain: LIFECYCLE_EXPLAIN[kind], specRefs: ['WS-Trust 1.3 §5–7'],
    async produce(ctx) {
      const r = await stsRespond(as<StsState>(ctx.actors, 'sts'), { random: ctx.random, now: ctx.now, soap: '1.1', wsa: '2005/08' });
      for (const [k, val] of Object.entries(r.secrets)) ctx.secret(`renewed ${k}`, val);
      return { wire: r.wire, transport: 'https', actors: { ...ctx.actors, sts: json(r.state) } };
    },
    async receive(ctx, wire) {
      const r = await readLifecycleResponse(as<StsClientState>(ctx.actors, 'client'), kind, wire);
      return { report: r.report, actors: { ...ctx.actors, client: json(r.state) } };
    },
  }];
}

function presentStep(n: number): StepDef {
  return {
    n, from: 'client', to: 'service', label: 'Echo + SAML assertion', expect: { accept: true },
    explain: 'The client presents the assertion to the service. The service checks the STS\'s signature on it, its lifetime and audience, and — for holder-of-key — unwraps the proof key with its private key and checks the client\'s signature made with it.',
    specRefs: ['WSS SAML Token Profile 1.1 §3', 'seed 004'],
    async produce(ctx) {
      const r = await presentToken(as<StsClientState>(ctx.actors, 'client'), ctx, SERVICE);
      return { wire: r.wire, transport: 'https', actors: { ...ctx.actors, client: json(r.state) } };
    },
    async receive(ctx, wire) {
      const { report, state } = await serviceReceive(as<ServiceState>(ctx.actors, 'service'), { wire, transport: ctx.transport, now: ctx.now }, 'urn:wsbench:echo:Echo');
      return { report, actors: { ...ctx.actors, service: json(state) } };
    },
  };
}

function responseStep(n: number): StepDef {
  return {
    n, from: 'service', to: 'client', label: 'EchoResponse', expect: { accept: true },
    explain: 'The service answers the authenticated requester.', specRefs: ['WS-Addressing 1.0 Core §3.4'],
    async produce(ctx) {
      const r = await serviceRespond(as<ServiceState>(ctx.actors, 'service'), { random: ctx.random, now: ctx.now, soap: '1.1', wsa: '2005/08' });
      return { wire: r.wire, transport: 'https' };
    },
    async receive(ctx, wire) {
      const c = as<StsClientState>(ctx.actors, 'client');
      const view = { id: 'client', sent: c.sent, policy: { spVersion: '1.2', wss: '1.1', binding: null, supporting: [] } } as unknown as ClientState;
      return { report: await clientReceive(view, wire, ctx.now), actors: ctx.actors };
    },
  };
}

export const stsIssuanceScenario: ScenarioDef = {
  id: 'sts-issuance',
  title: 'STS issuance (WS-Trust + SAML)',
  summary: 'A client obtains a SAML assertion from a Security Token Service (seed 004) and presents it to a service: bearer, or holder-of-key with a symmetric proof key.',
  seed: '004',
  actors: [
    { id: 'client', name: 'Client (alice)', role: 'client' },
    { id: 'sts', name: 'STS', role: 'sts' },
    { id: 'service', name: 'Service', role: 'service' },
  ],
  variants: STS_VARIANTS.map(({ id, title, description, source, policyXml }) => ({ id, title, description, ...(source ? { source } : {}), ...(policyXml ? { policyXml } : {}) })),
  versions: [],
  initialState: (v) => initialState(v),
  steps: (v) => steps(v),
};
