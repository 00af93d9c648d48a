// OpenSSO security mechanisms — the requester tokens of seed 001 tables 3-1 (Liberty Alliance
// project) and 3-2 (WS-I BSP, "WS-IBS"): each one a WSP agent can register, named by the URI
// OpenSSO uses for it (com.sun.identity.wss.security.SecurityMechanism), with what the WSP agent
// requires of a request, whether the WSC must fetch a token from the STS for it, and the
// WS-SecurityPolicy model the WSP agent checks requests against.

import { usernameToken, x509Token, type SecurityModel } from '../policy/model.ts';
import type { KeyTypeKind } from '../trust/rst.ts';
import { NS, URI } from '../xml/names.ts';

export type MechanismId = 'wsibs-username' | 'wsibs-x509' | 'wsibs-saml-hok' | 'wsibs-saml-sv' | 'liberty-x509' | 'liberty-bearer' | 'liberty-saml-hok';
export type SamlVersionId = '1.1' | '2.0';
export type Confirmation = 'bearer' | 'holder-of-key' | 'sender-vouches';

export interface Mechanism {
  id: MechanismId;
  family: 'liberty' | 'wsibs';
  title: string;
  /** Where the seed lists it. */
  source: string;
  /** Seed 001: Liberty mechanisms are redirected by the HTTP security agent, WS-IBS ones by the SOAP security agent. */
  redirectAgent: 'HTTP' | 'SOAP';
  token: 'username' | 'x509' | 'saml';
  confirmation?: Confirmation;
  /** The seed's requirements for this token, in English. */
  requirements: string[];
}

/** The namespace of wsbench's agent-to-application headers and the redirect detail. */
export const AGENT_NS = 'urn:wsbench:opensso:agent';

const PKI = 'the secure web service uses a PKI: the client supplies a public key (its X.509 certificate) to identify the requester and authenticate it to the WSP';

export const MECHANISMS: Mechanism[] = [
  {
    id: 'wsibs-username', family: 'wsibs', title: 'WS-IBS UserName token', source: 'seed 001 table 3-2: UserName', redirectAgent: 'SOAP', token: 'username',
    requirements: ['the service needs a user name, a password and, where required, a signed request', 'the consumer supplies a UsernameToken to identify the requester', 'the consumer supplies the password (the shared secret) it authenticates with to the WSP'],
  },
  { id: 'wsibs-x509', family: 'wsibs', title: 'WS-IBS X.509 token', source: 'seed 001 table 3-2: X.509', redirectAgent: 'SOAP', token: 'x509', requirements: [PKI] },
  {
    id: 'wsibs-saml-hok', family: 'wsibs', title: 'WS-IBS SAML holder-of-key', source: 'seed 001 table 3-2: SAML-Holder-Of-Key', redirectAgent: 'SOAP', token: 'saml', confirmation: 'holder-of-key',
    requirements: ['the service uses the SAML holder-of-key confirmation method', 'the consumer supplies a SAML assertion with key information to authenticate the requester', 'a second signature binds the assertion to the SOAP payload'],
  },
  {
    id: 'wsibs-saml-sv', family: 'wsibs', title: 'WS-IBS SAML sender-vouches', source: 'seed 001 table 3-2: SAML-SenderVouches', redirectAgent: 'SOAP', token: 'saml', confirmation: 'sender-vouches',
    requirements: ['the service uses the SAML sender-vouches confirmation method', 'the consumer adds the SAML assertion and a digital signature to the SOAP header; the sender\'s certificate or public key comes with the signature'],
  },
  { id: 'liberty-x509', family: 'liberty', title: 'Liberty X.509 token', source: 'seed 001 table 3-1: X.509', redirectAgent: 'HTTP', token: 'x509', requirements: [PKI] },
  {
    id: 'liberty-bearer', family: 'liberty', title: 'Liberty bearer token', source: 'seed 001 table 3-1: BearerToken', redirectAgent: 'HTTP', token: 'saml', confirmation: 'bearer',
    requirements: ['the service uses the SAML bearer confirmation method', 'the WSC supplies the SAML assertion with its public key information to authenticate the requester to the WSP', 'a second signature binds the assertion to the SOAP message', 'the binding signature follows the Liberty rules'],
  },
  {
    id: 'liberty-saml-hok', family: 'liberty', title: 'Liberty SAML token (holder-of-key)', source: 'seed 001 table 3-1: SAML token', redirectAgent: 'HTTP', token: 'saml', confirmation: 'holder-of-key',
    requirements: ['the service uses the SAML holder-of-key confirmation method', 'the WSC adds the SAML assertion and a digital signature to the SOAP header', 'the sender\'s certificate or public key comes with the signature (here in the assertion\'s holder-of-key KeyInfo)', 'the exchange follows the Liberty rules'],
  },
];

/** OpenSSO's mechanism URIs (SecurityMechanism.WSS_NULL_* and LIB_NULL_*): SAML 2.0 has its own WS-IBS URIs. */
export function mechanismUri(m: Mechanism, saml: SamlVersionId): string {
  const two = saml === '2.0' ? '2' : '';
  switch (m.id) {
    case 'wsibs-username': return 'urn:sun:wss:security:null:UserNameToken';
    case 'wsibs-x509': return 'urn:sun:wss:security:null:X509Token';
    case 'wsibs-saml-hok': return `urn:sun:wss:security:null:SAML${two}Token-HK`;
    case 'wsibs-saml-sv': return `urn:sun:wss:security:null:SAML${two}Token-SV`;
    case 'liberty-x509': return 'urn:liberty:security:2005-02:null:X509';
    case 'liberty-bearer': return 'urn:liberty:security:2005-02:null:Bearer';
    case 'liberty-saml-hok': return 'urn:liberty:security:2005-02:null:SAML';
  }
}

export function findMechanism(id: string): Mechanism | undefined {
  return MECHANISMS.find((m) => m.id === id);
}

/** The mechanism (and SAML version) a URI names, or null when OpenSSO has no such mechanism here. */
export function mechanismByUri(uri: string): { mechanism: Mechanism; saml: SamlVersionId } | null {
  for (const mechanism of MECHANISMS) {
    for (const saml of ['1.1', '2.0'] as const) if (mechanismUri(mechanism, saml) === uri) return { mechanism, saml };
  }
  return null;
}

/** How the WSC asks the OpenSSO STS for a mechanism's token: one row of seed 001 table 3-3. */
export interface TokenRequest {
  tokenType: string;
  /** wst:KeyType: Bearer, SymmetricKey, PublicKey, or Oracle's proprietary sender-vouches KeyType. */
  keyType: KeyTypeKind;
  /** The STS bootstrap: the message-level binding and the token the WSC authenticates with. */
  binding: 'transport' | 'asymmetric';
  clientToken: 'username' | 'x509';
  /** Sender-vouches: the WSC asks on behalf of its user (wst:OnBehalfOf), and vouches for it. */
  onBehalfOf: boolean;
  /** The row of table 3-3 whose inputs these are (its output is the token the mechanism needs). */
  matrixRow: number;
}

/** What the WSC asks the STS for (seed 001: the STS finds the token for the WSP's registered mechanism); null = no STS token. */
export function tokenRequestFor(m: Mechanism, saml: SamlVersionId): TokenRequest | null {
  if (m.token !== 'saml') return null;
  const tokenType = saml === '1.1' ? URI.samlV11TokenType : URI.samlV20TokenType;
  const viaUsername = { binding: 'transport' as const, clientToken: 'username' as const, onBehalfOf: false };
  switch (m.id) {
    // Row 15: transport, UserName, Bearer → SAML bearer, no proof key.
    case 'liberty-bearer': return { tokenType, keyType: 'bearer', ...viaUsername, matrixRow: 15 };
    // Row 17: transport, UserName, SymmetricKey → holder-of-key, symmetric proof key.
    case 'wsibs-saml-hok': return { tokenType, keyType: 'symmetric', ...viaUsername, matrixRow: 17 };
    // Row 25: asymmetric, X.509, PublicKey, no UseKey → holder-of-key bound to the certificate that signed the RST.
    case 'liberty-saml-hok': return { tokenType, keyType: 'public', binding: 'asymmetric', clientToken: 'x509', onBehalfOf: false, matrixRow: 25 };
    // Row 10: asymmetric, X.509, Oracle's sender-vouches KeyType, OnBehalfOf → sender-vouches for the user.
    case 'wsibs-saml-sv': return { tokenType, keyType: 'sender-vouches', binding: 'asymmetric', clientToken: 'x509', onBehalfOf: true, matrixRow: 10 };
    default: return null;
  }
}

/** Whether the WSC agent signs with its own X.509 key (the token's key for holder-of-key). */
export function signsWithAgentKey(m: Mechanism): boolean {
  return m.confirmation !== 'holder-of-key';
}

/**
 * The WSP agent's policy: the AsymmetricBinding (the WSC agent's X.509 key signs the Timestamp, the
 * addressing headers and the Body) for every mechanism whose signer is the WSC agent, plus a signed
 * UsernameToken with a password digest for UserName. Holder-of-key has no X.509 initiator token:
 * the proof key signs, which the agent's token-binding checks require (WS-SP has no SAML token
 * kind in this model yet).
 */
export function agentPolicy(m: Mechanism): SecurityModel {
  if (!signsWithAgentKey(m)) return { ...BASE, binding: null, supporting: [] };
  const supporting = m.token === 'username' ? [{ kind: 'SignedSupportingTokens' as const, tokens: [usernameToken({ password: 'hash', profile: '1.1' })] }] : [];
  return { ...signedByCertificate(), supporting };
}

const BASE = { spVersion: '1.2' as const, wss: '1.1' as const, signedParts: { body: true, headers: [{ namespace: NS.wsa2005 }] } };

/** What the WSC agent requires of the response: the WSP agent's certificate and its signature over the Timestamp, addressing headers and Body. */
export function responsePolicy(): SecurityModel {
  return signedByCertificate();
}

function signedByCertificate(): SecurityModel {
  return {
    ...BASE, supporting: [],
    binding: {
      kind: 'AsymmetricBinding', algorithmSuite: 'Basic256', layout: 'Strict', includeTimestamp: true,
      initiatorToken: x509Token({ includeToken: 'AlwaysToRecipient' }), recipientToken: x509Token({ includeToken: 'Never', reference: 'thumbprint' }),
      protectionOrder: 'SignBeforeEncrypting', encryptSignature: false, onlySignEntireHeadersAndBody: true,
    },
  };
}
