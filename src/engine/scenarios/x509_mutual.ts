// Scenario "X.509 mutual authentication" (issue 3; WS-SP 1.3 §7.5 AsymmetricBinding): the client
// signs the Timestamp, the addressing headers and the Body with its certificate's key and
// encrypts the Body for the service; the service decrypts, verifies, checks the certificate
// chains to the CA, and answers signed and encrypted for the client with SignatureConfirmation;
// the client verifies the answer. One variant per algorithm suite and protection order.

import { DEMO_PKI_FILE } from '../actors/demo_pki.ts';
import { clientReceive, clientRequest, type ClientState } from '../actors/client.ts';
import { serviceReceive, type ServiceState } from '../actors/service.ts';
import { serviceRespond } from '../actors/service_response.ts';
import { ALGORITHM_SUITES } from '../policy/algorithm_suites.ts';
import { x509Token, type AlgorithmSuiteName, type AsymmetricBinding, type SecurityModel } from '../policy/model.ts';
import { writePolicy } from '../policy/write.ts';
import { UsageError } from '../report/index.ts';
import type { SoapVersion } from '../soap/envelope.ts';
import type { WsaVersion } from '../wsa/headers.ts';
import { NS } from '../xml/names.ts';
import type { ActorsState, Expectation, Json, ScenarioDef, StepDef, VariantInfo } from './types.ts';

interface X509Variant extends VariantInfo {
  suite: AlgorithmSuiteName;
  order: AsymmetricBinding['protectionOrder'];
  encryptSignature: boolean;
  /** The certificate the client encrypts for (normally the service's). */
  encryptFor: 'service' | 'sts';
  expect: Expectation;
}

const ORDERS = { 'sign-encrypt': 'SignBeforeEncrypting', 'encrypt-sign': 'EncryptBeforeSigning' } as const;

function model(v: Pick<X509Variant, 'suite' | 'order' | 'encryptSignature'>): SecurityModel {
  return {
    spVersion: '1.2', wss: '1.1', supporting: [], signatureConfirmation: true,
    signedParts: { body: true, headers: [{ namespace: NS.wsa2005 }] },
    encryptedParts: { body: true, headers: [] },
    binding: {
      kind: 'AsymmetricBinding', algorithmSuite: v.suite, layout: 'Strict', includeTimestamp: true,
      initiatorToken: x509Token({ includeToken: 'AlwaysToRecipient' }),
      recipientToken: x509Token({ includeToken: 'Never', reference: 'thumbprint' }),
      protectionOrder: v.order, encryptSignature: v.encryptSignature, onlySignEntireHeadersAndBody: true,
    },
  };
}

function variant(suite: AlgorithmSuiteName, orderId: keyof typeof ORDERS, extra: Partial<X509Variant> = {}): X509Variant {
  const order = ORDERS[orderId];
  const s = ALGORITHM_SUITES[suite];
  const base = {
    id: `${suite.toLowerCase()}-${orderId}`, suite, order, encryptSignature: false, encryptFor: 'service' as const, expect: { accept: true } as Expectation,
    title: `${suite}, ${orderId === 'sign-encrypt' ? 'sign then encrypt' : 'encrypt then sign'}${s.legacy ? ' (legacy)' : ''}`,
    description: `AsymmetricBinding with ${suite}: ${s.asymmetricSignature.split('#').pop()} signatures with ${s.digest.split('#').pop()} digests, Body encrypted with ${s.encryption.split('#').pop()} under a key wrapped with ${s.asymmetricKeyWrap.split('#').pop()} for the recipient's certificate; ${orderId === 'sign-encrypt' ? 'signed first, then encrypted' : 'encrypted first, then the ciphertext signed'}.`,
    source: 'issue 3: X.509 mutual authentication; WS-SP 1.3 §6.1, §7.5',
    ...extra,
  };
  return { ...base, policyXml: writePolicy(model(base)) };
}

const SUITES = Object.keys(ALGORITHM_SUITES) as AlgorithmSuiteName[];

export const X509_VARIANTS: X509Variant[] = [
  ...SUITES.flatMap((suite) => (Object.keys(ORDERS) as Array<keyof typeof ORDERS>).map((o) => variant(suite, o))),
  variant('Basic256Sha256', 'sign-encrypt', {
    id: 'basic256sha256-encrypt-signature', title: 'Basic256Sha256, sign then encrypt, signature encrypted (EncryptSignature)', encryptSignature: true,
  }),
  variant('Basic256', 'sign-encrypt', {
    id: 'wrong-recipient', title: 'Encrypted for the wrong certificate (refused)', encryptFor: 'sts',
    description: 'The client encrypts the key for the STS\'s certificate instead of the service\'s: the service holds no key that opens it.',
    expect: { accept: false, code: 'XENC_KEY_UNRESOLVED' },
  }),
];

function find(id: string): X509Variant {
  const v = X509_VARIANTS.find((x) => x.id === id);
  if (!v) throw new UsageError('UNKNOWN_VARIANT', `expected one of ${X509_VARIANTS.map((x) => x.id).join(', ')}, found "${id}"`);
  return v;
}

const pki = DEMO_PKI_FILE.identities;
const json = (x: unknown) => x as Json;
const client = (a: ActorsState) => a['client'] as unknown as ClientState;
const service = (a: ActorsState) => a['service'] as unknown as ServiceState;
const ENDPOINT = 'http://service.wsbench.example/echo';

function initialState(variantId: string, versions: Record<string, string>): ActorsState {
  const v = find(variantId);
  const m = model(v);
  const c: ClientState = {
    id: 'client', username: '', password: '', policy: m, soap: (versions['soap'] ?? '1.1') as SoapVersion, wsa: '2005/08' as WsaVersion,
    endpoint: ENDPOINT, action: 'urn:wsbench:echo:Echo', iterations: 1000, sent: [],
    x509: { certPem: pki.client.certPem, keyPem: pki.client.keyPem, peerCertPem: pki[v.encryptFor].certPem, caPem: pki.ca.certPem },
  };
  const s: ServiceState = {
    id: 'service', endpoint: ENDPOINT, policy: m, users: {}, freshnessSeconds: 300, skewSeconds: 60, nonceCache: [], derivedKeys: [], last: null,
    x509: { certPem: pki.service.certPem, keyPem: pki.service.keyPem, caPem: pki.ca.certPem },
  };
  return { client: json(c), service: json(s) };
}

function steps(variantId: string): StepDef[] {
  const v = find(variantId);
  const request: StepDef = {
    n: 1, from: 'client', to: 'service', label: 'Echo (signed + encrypted)', expect: v.expect,
    explain: `${v.description} The service unwraps the key with its private key, decrypts the Body, verifies the signature against the certificate in the BinarySecurityToken and checks that certificate chains to the CA.`,
    specRefs: ['WS-SP 1.3 §7.5', 'WSS 1.1 §8–9', 'X.509 Token Profile 1.1'],
    async produce(ctx) {
      const r = await clientRequest(client(ctx.actors), 'Hello from wsbench', { random: ctx.random, now: ctx.now });
      if (r.secrets) ctx.secret(`request EncryptedKey ${r.secrets['encryptedKeyId']}`, json(r.secrets));
      ctx.secret('client certificate and key', json({ certPem: pki.client.certPem, keyPem: pki.client.keyPem }));
      ctx.secret('service certificate and key', json({ certPem: pki.service.certPem, keyPem: pki.service.keyPem }));
      return { wire: r.wire, actors: { ...ctx.actors, client: json(r.state) } };
    },
    async receive(ctx, wire) {
      const { report, state } = await serviceReceive(service(ctx.actors), { wire, transport: ctx.transport, now: ctx.now }, 'urn:wsbench:echo:Echo');
      return { report, actors: { ...ctx.actors, service: json(state) } };
    },
  };
  const response: StepDef = {
    n: 2, from: 'service', to: 'client', label: v.expect.accept ? 'EchoResponse (signed + encrypted)' : 'Fault', expect: v.expect.accept ? { accept: true } : { accept: false, code: 'SOAP_FAULT_RECEIVED' },
    explain: 'The service answers signed with its key and encrypted for the client\'s certificate, confirming the request\'s signature (SignatureConfirmation); the client decrypts, verifies, and checks the signer is the service.',
    specRefs: ['WSS 1.1 §8.5', 'WS-SP 1.3 §7.5'],
    async produce(ctx) {
      const c = client(ctx.actors);
      const s = service(ctx.actors);
      const r = await serviceRespond(s, { random: ctx.random, now: ctx.now, soap: c.soap, wsa: c.wsa });
      if (r.secrets) ctx.secret(`response EncryptedKey ${r.secrets['encryptedKeyId']}`, json(r.secrets));
      return { wire: r.wire, ...(s.last?.accepted ? {} : { label: 'Fault' }) };
    },
    async receive(ctx, wire) {
      return { report: await clientReceive(client(ctx.actors), wire, ctx.now), actors: ctx.actors };
    },
  };
  return [request, response];
}

export const x509MutualScenario: ScenarioDef = {
  id: 'x509-mutual',
  title: 'X.509 mutual authentication',
  summary: 'Client and service authenticate each other with X.509 certificates (AsymmetricBinding): signed and encrypted request, signed and encrypted response with SignatureConfirmation.',
  seed: 'issue 3',
  actors: [
    { id: 'client', name: 'Client (client.wsbench.example)', role: 'client' },
    { id: 'service', name: 'Service (service.wsbench.example)', role: 'service' },
  ],
  variants: X509_VARIANTS.map(({ id, title, description, source, policyXml }) => ({ id, title, description, ...(source ? { source } : {}), ...(policyXml ? { policyXml } : {}) })),
  versions: [{ id: 'soap', title: 'SOAP', values: ['1.1', '1.2'], default: '1.1' }],
  initialState,
  steps,
};
