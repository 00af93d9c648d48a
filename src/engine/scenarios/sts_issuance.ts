// Scenario "STS issuance" (seed 004): Client → STS (RST under UsernameToken over HTTPS, or an X.509
// bootstrap) → Client (RSTR: a SAML assertion signed by the STS, and its proof token) → Service (the
// assertion in the Security header; holder-of-key proven by a signature with the proof key — the
// symmetric key, or the client's own key pair) → Client (a response signed by the service). The STS
// makes seed 004's four decisions; the refusal variants stop at the fault it answers with.

import { stsReceive, stsRespond, type StsState } from '../actors/sts.ts';
import { stsBootstrapPolicy, type ClientTokenKind, type StsBinding } from '../actors/sts_bootstrap.ts';
import { readLifecycleResponse, requestLifecycle, type LifecycleKind, type StsClientState } from '../actors/sts_client.ts';
import { writePolicy } from '../policy/write.ts';
import { UsageError } from '../report/index.ts';
import type { KeyTypeKind } from '../trust/rst.ts';
import type { UseKeyForm } from '../trust/use_key.ts';
import { as, json, presentStep, responseStep, rstrStep, rstStep, stsActors } from './sts_steps.ts';
import type { ActorsState, Expectation, ScenarioDef, StepDef, VariantInfo } from './types.ts';

interface StsVariant extends VariantInfo {
  saml: '1.1' | '2.0';
  trust: 'feb2005' | '1.3';
  keyType: KeyTypeKind;
  entropy: boolean;
  /** The bootstrap (default: UsernameToken over HTTPS). */
  binding?: StsBinding;
  clientToken?: ClientTokenKind;
  useKey?: UseKeyForm;
  proofKeyReference?: 'assertion' | 'bst';
  /** Validate, Renew (then present the renewed token), Cancel, and Validate again (now invalid). */
  lifecycle?: boolean;
  /** A refusal: what to change, and the code the STS answers with. */
  refuse?: { tokenType?: string; username?: string; keySize?: number; code: string };
}

const BOOTSTRAP_XML = writePolicy(stsBootstrapPolicy('transport', 'username'));

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
          source: 'seed 004: building an STS', policyXml: BOOTSTRAP_XML,
        });
      }
    }
  }
  for (const trust of ['1.3', 'feb2005'] as const) {
    out.push({
      id: `lifecycle-trust${trust === '1.3' ? '13' : '-feb2005'}`, saml: '2.0', trust, keyType: 'symmetric', entropy: false, lifecycle: true,
      title: `Validate, Renew, Cancel (WS-Trust ${trust === '1.3' ? '1.3' : 'Feb2005'}, SAML 2.0 holder-of-key)`,
      description: 'After issuance and use, the client asks the STS to validate the token (Status valid), renews it (a fresh assertion with the same proof key, presented to the service again), cancels it (RequestedTokenCancelled), and validates it once more: now invalid.',
      source: 'seed 004 (Renew, Validate and Cancel bindings); WS-Trust 1.3 §5–7', policyXml: BOOTSTRAP_XML,
    });
  }
  const refusal = (id: string, title: string, refuse: StsVariant['refuse']): StsVariant => ({ id, title, description: title, source: 'seed 004: the four decisions', saml: '1.1', trust: '1.3', keyType: 'symmetric', entropy: false, refuse, policyXml: BOOTSTRAP_XML });
  out.push(refusal('refused-token-type', 'Decision 2 refuses: a token type the STS does not issue', { tokenType: 'urn:example:custom-token', code: 'STS_TOKEN_TYPE_UNSUPPORTED' }));
  out.push(refusal('refused-requester', 'Decision 3 refuses: bob is not an authorized requester', { username: 'bob', code: 'STS_NOT_AUTHORIZED' }));
  out.push(refusal('refused-key-size', 'Decision 4 refuses: a 1024-bit symmetric key it cannot meet', { keySize: 1024, code: 'STS_KEY_SIZE_UNSUPPORTED' }));
  out.push(...x509Variants());
  return out;
}

/** X.509 bootstraps and the asymmetric holder-of-key token (the client's own key pair as proof key). */
function x509Variants(): StsVariant[] {
  const v = (id: string, title: string, description: string, extra: Partial<StsVariant> & Pick<StsVariant, 'keyType'>): StsVariant => {
    const binding = extra.binding ?? 'asymmetric';
    const clientToken = extra.clientToken ?? 'x509';
    return { id, title, description, source: 'seed 004; seed 001 table 3-3 (message-level bindings and client tokens)', saml: '2.0', trust: '1.3', entropy: false, binding, clientToken, ...extra, policyXml: writePolicy(stsBootstrapPolicy(binding, clientToken)) };
  };
  return [
    v('x509-bootstrap-hok-symmetric', 'X.509 bootstrap (AsymmetricBinding): holder-of-key, symmetric proof key',
      'The client signs the RST (Timestamp, addressing headers, Body) with its certificate\'s key and encrypts the Body for the STS\'s certificate; the STS authenticates the certificate\'s subject, and answers signed and encrypted for the client, so the BinarySecret proof key travels encrypted.', { keyType: 'symmetric' }),
    v('x509-transport-bearer', 'X.509 over HTTPS (endorsing signature over the Timestamp): bearer',
      'The RST goes over HTTPS; the client\'s certificate, in a BinarySecurityToken, endorses the message by signing the Timestamp. The STS names the certificate\'s subject in a bearer assertion.', { keyType: 'bearer', binding: 'transport' }),
    v('username-asymmetric-bearer', 'UsernameToken under the AsymmetricBinding: bearer',
      'The RST is signed with the client\'s certificate and encrypted for the STS, and carries alice\'s UsernameToken signed and encrypted (SignedEncryptedSupportingTokens); the requester is alice.', { keyType: 'bearer', clientToken: 'username' }),
    v('x509-hok-asymmetric', 'X.509 bootstrap: holder-of-key, asymmetric proof key (the certificate that signed the RST)',
      'KeyType PublicKey: the STS binds the assertion to the certificate that signed the request — its SubjectConfirmation KeyInfo holds that certificate and the RSTR carries no proof token. At the service the client signs the Timestamp and Body with its private key, its KeyInfo pointing at the assertion.', { keyType: 'public' }),
    v('x509-hok-asymmetric-usekey', 'X.509 bootstrap: holder-of-key, asymmetric proof key from UseKey (signature names the client\'s BinarySecurityToken)',
      'KeyType PublicKey with wst:UseKey carrying the client\'s certificate: the STS proves the key (the RST is signed with it) before binding the assertion to it. At the service the client\'s signature names its BinarySecurityToken, whose certificate the service matches to the assertion\'s.', { keyType: 'public', useKey: 'bst', proofKeyReference: 'bst' }),
  ];
}

export const STS_VARIANTS = variants();

function find(id: string): StsVariant {
  const v = STS_VARIANTS.find((x) => x.id === id);
  if (!v) throw new UsageError('UNKNOWN_VARIANT', `expected one of ${STS_VARIANTS.map((x) => x.id).join(', ')}, found "${id}"`);
  return v;
}

function initialState(variantId: string): ActorsState {
  const v = find(variantId);
  return stsActors({
    saml: v.saml, trust: v.trust, binding: v.binding ?? 'transport', clientToken: v.clientToken ?? 'username', keyType: v.keyType, entropy: v.entropy,
    ...(v.refuse?.keySize ? { keySize: v.refuse.keySize } : {}), ...(v.refuse?.username ? { username: v.refuse.username } : {}), ...(v.refuse?.tokenType ? { tokenType: v.refuse.tokenType } : {}),
    ...(v.useKey ? { useKey: v.useKey } : {}), ...(v.proofKeyReference ? { proofKeyReference: v.proofKeyReference } : {}),
  });
}

function steps(variantId: string): StepDef[] {
  const v = find(variantId);
  const accept: Expectation = { accept: true };
  const out: StepDef[] = [
    rstStep(1, v.refuse ? { accept: false, code: v.refuse.code } : accept,
      'The client asks the STS for a token: RequestType Issue, TokenType, KeyType, KeySize, AppliesTo (and Entropy), authenticated by its bootstrap policy (a UsernameToken over HTTPS, or its X.509 certificate). The STS decides: is this an issue request, is the token type supported, is the requester authorized, can it meet the key expectations.',
      ['WS-Trust 1.3 §4.1', 'seed 004']),
    rstrStep(2, v.refuse ? { accept: false, code: 'WST_FAULT_RECEIVED' } : accept,
      'The STS answers with the RSTR: the SAML assertion it signed (RSA-SHA1/SHA-1 as seed 004), the proof token (BinarySecret, or ComputedKey with its entropy; none when the assertion is bound to the client\'s own key), attached and unattached references and the lifetime — or with the WS-Trust fault of the decision that failed.',
      ['WS-Trust 1.3 §4.2', 'WSS SAML Token Profile 1.1']),
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
      const r = await readLifecycleResponse(as<StsClientState>(ctx.actors, 'client'), kind, wire, ctx.now);
      return { report: r.report, actors: { ...ctx.actors, client: json(r.state) } };
    },
  }];
}

export const stsIssuanceScenario: ScenarioDef = {
  id: 'sts-issuance',
  title: 'STS issuance (WS-Trust + SAML)',
  summary: 'A client obtains a SAML assertion from a Security Token Service (seed 004) and presents it to a service: bearer, or holder-of-key with a symmetric proof key or its own key pair; bootstrapped by a UsernameToken over HTTPS or by its X.509 certificate; the service answers signed.',
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
