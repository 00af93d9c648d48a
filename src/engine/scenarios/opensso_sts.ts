// Scenario "OpenSSO STS token matrix" (seed 001, table 3-3): each of the 28 rows run as a real
// issuance. The row's inputs — message-level binding, client token, KeyType (Bearer, SymmetricKey,
// PublicKey, Oracle's sender-vouches KeyType, or none), OnBehalfOf, UseKey — configure the client's
// RST and the STS's bootstrap policy; the STS decides from the message it receives; the issued
// assertion is presented to the service as its confirmation method asks and the service answers
// signed. Each step's expectation is the engine's own decision for the row (decideIssuance), never
// the table's words: the test compares the two.

import type { StsBinding } from '../actors/sts_bootstrap.ts';
import { stsBootstrapPolicy } from '../actors/sts_bootstrap.ts';
import { writePolicy } from '../policy/write.ts';
import { UsageError } from '../report/index.ts';
import { decideIssuance, type IssuanceRequest } from '../trust/issuance_rules.ts';
import { matrixRows, type MatrixRow } from '../trust/opensso_matrix.ts';
import type { KeyTypeKind } from '../trust/rst.ts';
import { presentStep, responseStep, rstrStep, rstStep, stsActors } from './sts_steps.ts';
import type { ActorsState, Expectation, ScenarioDef, StepDef, VariantInfo } from './types.ts';

/** The subject the requester asks for when the row has an OnBehalfOf token. */
export const ON_BEHALF_OF_USER = 'bob';

const KEY_TYPES: Record<NonNullable<IssuanceRequest['keyType']>, KeyTypeKind> = { bearer: 'bearer', symmetric: 'symmetric', asymmetric: 'public', 'sender-vouches': 'sender-vouches' };
const KEY_TYPE_WORDS: Record<NonNullable<IssuanceRequest['keyType']>, string> = { bearer: 'Bearer', symmetric: 'SymmetricKey', asymmetric: 'PublicKey', 'sender-vouches': 'Oracle sender-vouches' };
const BINDING_WORDS: Record<StsBinding, string> = { asymmetric: 'asymmetric binding', transport: 'transport binding' };

function title(r: MatrixRow): string {
  const q = r.request;
  return `Row ${r.row}: ${BINDING_WORDS[q.binding]}, ${q.clientToken === 'x509' ? 'X.509' : 'UserName'} client token, KeyType ${q.keyType ? KEY_TYPE_WORDS[q.keyType] : 'none'}, OnBehalfOf ${q.onBehalfOf ? 'yes' : 'no'}, UseKey ${q.useKey ? 'client public key' : 'no'}`;
}

function description(r: MatrixRow): string {
  const q = r.request;
  const boot = q.binding === 'transport'
    ? `over HTTPS with ${q.clientToken === 'x509' ? 'the client certificate endorsing the Timestamp' : 'alice\'s UsernameToken'}`
    : `signed with the client's X.509 key and encrypted for the STS${q.clientToken === 'username' ? ', carrying alice\'s UsernameToken signed and encrypted' : ''}`;
  const extras = [q.onBehalfOf && `OnBehalfOf: a UsernameToken naming ${ON_BEHALF_OF_USER} (no password)`, q.useKey && 'UseKey: the client\'s certificate in a BinarySecurityToken'].filter(Boolean).join('; ');
  return `The RST goes ${boot}${extras ? `; ${extras}` : ''}. The seed says: ${r.seed.output}. The engine's rules: ${r.decision.reasons.join('; ')}.`;
}

interface RowVariant extends VariantInfo {
  row: MatrixRow;
}

export const OPENSSO_VARIANTS: RowVariant[] = matrixRows().map((row) => ({
  id: `row-${row.row}`, title: title(row), description: description(row), row,
  source: `seed 001 table 3-3 row ${row.row}`,
  policyXml: writePolicy(stsBootstrapPolicy(row.request.binding, row.request.clientToken)),
}));

function find(id: string): RowVariant {
  const v = OPENSSO_VARIANTS.find((x) => x.id === id);
  if (!v) throw new UsageError('UNKNOWN_VARIANT', `expected one of row-1 … row-${OPENSSO_VARIANTS.length}, found "${id}"`);
  return v;
}

function initialState(variantId: string, versions: Record<string, string>): ActorsState {
  const q = find(variantId).row.request;
  return stsActors({
    saml: versions['saml'] === '1.1' ? '1.1' : '2.0', trust: versions['trust'] === 'feb2005' ? 'feb2005' : '1.3',
    binding: q.binding, clientToken: q.clientToken, keyType: q.keyType ? KEY_TYPES[q.keyType] : null,
    ...(q.onBehalfOf ? { onBehalfOf: ON_BEHALF_OF_USER } : {}), ...(q.useKey ? { useKey: 'bst' as const } : {}),
  });
}

function steps(variantId: string): StepDef[] {
  const row = find(variantId).row;
  // The expectation is the rules' decision for the row's request, made here from its inputs.
  const d = decideIssuance(row.request);
  const expect: Expectation = d.ok ? { accept: true } : { accept: false, code: d.code ?? 'STS_KEY_EXPECTATIONS' };
  const out: StepDef[] = [
    rstStep(1, expect,
      `The client asks the OpenSSO STS for a SAML token with this row's inputs. The STS authenticates it through its bootstrap policy, reads OnBehalfOf and proves UseKey against the request's signature, then decides: ${d.reasons.join('; ')}.`,
      ['WS-Trust 1.3 §4.1, §4.4, §9.2, §9.3', `seed 001 table 3-3 row ${row.row}`]),
    rstrStep(2, d.ok ? { accept: true } : { accept: false, code: 'WST_FAULT_RECEIVED' },
      d.ok
        ? `The STS answers with the assertion it decided on (${d.confirmation}${d.proofKey === 'none' ? ', no proof key' : `, ${d.proofKey} proof key`}); the client checks what it was issued.`
        : `The STS refuses with a WS-Trust fault (${d.fault ?? 'wst:InvalidRequest'}): ${d.reasons[d.reasons.length - 1] ?? ''}.`,
      ['WS-Trust 1.3 §4.2, §11', 'WSS SAML Token Profile 1.1 §3.5']),
  ];
  if (d.ok) out.push(presentStep(3), responseStep(4));
  return out;
}

export const openssoStsScenario: ScenarioDef = {
  id: 'opensso-sts',
  title: 'OpenSSO STS token matrix (28 issuances)',
  summary: 'Seed 001 table 3-3: each row (binding, client token, KeyType, OnBehalfOf, UseKey) run as a real issuance — bearer, sender-vouches, holder-of-key with a symmetric or an asymmetric proof key, or the fault — presented to the service as its confirmation method asks.',
  seed: '001',
  actors: [
    { id: 'client', name: 'Client (alice / client.wsbench.example)', role: 'client' },
    { id: 'sts', name: 'OpenSSO STS', role: 'sts' },
    { id: 'service', name: 'Service (WSP)', role: 'service' },
  ],
  variants: OPENSSO_VARIANTS.map(({ id, title: t, description: dsc, source, policyXml }) => ({ id, title: t, description: dsc, ...(source ? { source } : {}), ...(policyXml ? { policyXml } : {}) })),
  versions: [
    { id: 'saml', title: 'SAML', values: ['2.0', '1.1'], default: '2.0' },
    { id: 'trust', title: 'WS-Trust', values: ['1.3', 'feb2005'], default: '1.3' },
  ],
  initialState,
  steps: (v) => steps(v),
};
