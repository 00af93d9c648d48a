// The UsernameToken variants of seed 003 (WebSphere Liberty, UsernameToken Profile 1.1): each is
// a security model (DESIGN.md decision 7) plus how the message travels. The policy XML shown
// beside the flow is written from the same model.

import { transportBinding, usernameToken, x509Token, type SecurityModel, type SupportingKind, type UsernameTokenAssertion } from '../policy/model.ts';
import type { Expectation } from './types.ts';

export interface UtVariant {
  id: string;
  title: string;
  description: string;
  source: string;
  model: SecurityModel;
  transport: 'https' | 'http';
  /** Deliver message 1 a second time (a replay captured on the wire). */
  replay?: boolean;
  /** Seconds message 1 spends in transit (a delayed or stale message). */
  transit?: number;
  /** Seconds the client's clock is ahead of the service's. */
  clientSkew?: number;
  /** The password the client sends, when it differs from the registry. */
  clientPassword?: string;
  /** Client and service hold X.509 identities (an AsymmetricBinding). */
  x509?: boolean;
  expect: Expectation;
}

const supporting = (kind: SupportingKind, t: UsernameTokenAssertion): SecurityModel['supporting'] => [{ kind, tokens: [t] }];
const overHttps = (kind: SupportingKind, t: UsernameTokenAssertion): SecurityModel =>
  ({ spVersion: t.created || t.nonce ? '1.3' : '1.2', binding: transportBinding(), supporting: supporting(kind, t), wss: '1.1' });
const noBinding = (t: UsernameTokenAssertion): SecurityModel =>
  ({ spVersion: t.created || t.nonce ? '1.3' : '1.2', binding: null, supporting: supporting('SupportingTokens', t), wss: '1.1' });

const ACCEPT: Expectation = { accept: true };

/** A UsernameToken supporting an X.509 AsymmetricBinding (Basic256, sign then encrypt). */
const asymmetric = (kind: SupportingKind, t: UsernameTokenAssertion): SecurityModel => ({
  spVersion: '1.2', wss: '1.1', supporting: supporting(kind, t), signatureConfirmation: true,
  signedParts: { body: true, headers: [] }, encryptedParts: { body: true, headers: [] },
  binding: {
    kind: 'AsymmetricBinding', algorithmSuite: 'Basic256', layout: 'Strict', includeTimestamp: true,
    initiatorToken: x509Token(), recipientToken: x509Token({ includeToken: 'Never', reference: 'thumbprint' }),
    protectionOrder: 'SignBeforeEncrypting', encryptSignature: false, onlySignEntireHeadersAndBody: true,
  },
});

export const UT_VARIANTS: UtVariant[] = [
  {
    id: 'password-text-https', title: 'PasswordText over HTTPS',
    description: 'SupportingTokens with WssUsernameToken11: the password travels in clear text inside the UsernameToken, so the TransportBinding (HTTPS) must protect it.',
    source: 'seed 003: SupportingTokens / UsernameToken / WssUsernameToken11', transport: 'https', expect: ACCEPT,
    model: overHttps('SupportingTokens', usernameToken()),
  },
  {
    id: 'password-text-nonce-created', title: 'PasswordText with sp13 Created + Nonce',
    description: 'WS-SecurityPolicy 1.3 adds sp13:Created and sp13:Nonce: the token carries a fresh nonce and its creation time, so the service can refuse stale or replayed tokens.',
    source: 'seed 003: UsernameToken with sp13:Created and sp13:Nonce', transport: 'https', expect: ACCEPT,
    model: overHttps('SupportingTokens', usernameToken({ created: true, nonce: true })),
  },
  {
    id: 'password-digest', title: 'PasswordDigest (sp:HashPassword)',
    description: 'sp:HashPassword: the password never travels; the token carries Base64(SHA-1(nonce ‖ created ‖ password)) and the service recomputes it from its registry.',
    source: 'seed 003: UsernameToken / WssUsernameToken11 / HashPassword', transport: 'http', expect: ACCEPT,
    model: noBinding(usernameToken({ password: 'hash' })),
  },
  {
    id: 'derived-key', title: 'Derived key (Salt + Iteration)',
    description: 'SymmetricBinding with a UsernameToken protection token and sp:RequireDerivedKeys: the token carries wsse11:Salt and wsse11:Iteration and no password; both sides derive the same 160-bit key from the password (UT 1.1 §4). Signing with that key comes with the XML Signature layer.',
    source: 'seed 003: SymmetricBinding / ProtectionToken / UsernameToken / WssUsernameToken10 / RequireDerivedKeys', transport: 'http', expect: ACCEPT,
    model: {
      spVersion: '1.2', wss: '1.1', supporting: [],
      binding: {
        kind: 'SymmetricBinding', protectionToken: usernameToken({ profile: '1.0', requireDerivedKeys: true }), algorithmSuite: 'Basic256',
        layout: 'Strict', includeTimestamp: true, protectionOrder: 'SignBeforeEncrypting', encryptSignature: false, onlySignEntireHeadersAndBody: false,
      },
    },
  },
  {
    id: 'replay', title: 'Replay refused (nonce cache)',
    description: 'A PasswordDigest message is captured and delivered a second time. The digest is still correct, but the service remembers the nonce for its freshness window and refuses the copy.',
    source: 'seed 003 + UT 1.1 §3.1 (nonce cache)', transport: 'http', replay: true, expect: ACCEPT,
    model: noBinding(usernameToken({ password: 'hash', created: true, nonce: true })),
  },
  {
    id: 'stale-created', title: 'Stale Created refused',
    description: 'The message spends 10 minutes in transit; its Created is older than the service\'s 5-minute freshness window.',
    source: 'UT 1.1 §3.1 (freshness)', transport: 'http', transit: 600, expect: { accept: false, code: 'UT_CREATED_STALE' },
    model: noBinding(usernameToken({ password: 'hash' })),
  },
  {
    id: 'future-created', title: 'Created in the future refused',
    description: 'The client\'s clock runs 10 minutes fast; its Created lies beyond the service\'s allowed clock skew.',
    source: 'UT 1.1 §3.1 (freshness)', transport: 'http', clientSkew: 600, expect: { accept: false, code: 'UT_CREATED_IN_FUTURE' },
    model: noBinding(usernameToken({ password: 'hash' })),
  },
  {
    id: 'wrong-password', title: 'Wrong password refused',
    description: 'The client sends a password the registry does not hold; the service answers wsse:FailedAuthentication.',
    source: 'UT 1.1 §3.1 / WSS 1.1 §12', transport: 'https', clientPassword: 'guess123', expect: { accept: false, code: 'UT_BAD_PASSWORD' },
    model: overHttps('SupportingTokens', usernameToken()),
  },
  {
    id: 'plain-http-refused', title: 'PasswordText over plain HTTP refused',
    description: 'The policy requires HTTPS (TransportBinding) but the client sends over plain HTTP: the clear-text password would be exposed, so the service refuses.',
    source: 'seed 003 (protect PasswordText with HTTPS)', transport: 'http', expect: { accept: false, code: 'TRANSPORT_HTTPS_REQUIRED' },
    model: overHttps('SupportingTokens', usernameToken()),
  },
  ...(['SignedSupportingTokens', 'EncryptedSupportingTokens', 'SignedEncryptedSupportingTokens', 'SignedEndorsingSupportingTokens'] as const).map((kind): UtVariant => ({
    id: kind.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase().replace('-tokens', '') + '-x509',
    title: `${kind} with X.509 (AsymmetricBinding)`,
    description: `${kind} under an AsymmetricBinding: ${kind.includes('Endorsing') ? 'the UsernameToken carries Salt and Iteration and no password; the key derived from the password signs the message signature (it endorses it)' : [kind.includes('Signed') && 'the message signature also covers the UsernameToken', kind.includes('Encrypted') && 'the UsernameToken travels encrypted for the service'].filter(Boolean).join(', and ')}. The client's certificate signs the message and the Body is encrypted for the service.`,
    source: `seed 003: ${kind}; WS-SP 1.3 §8`, transport: 'http', x509: true, expect: ACCEPT,
    model: asymmetric(kind, usernameToken(kind.includes('Endorsing') ? { profile: '1.0', requireDerivedKeys: true } : {})),
  })),
  ...(['SignedSupportingTokens', 'EncryptedSupportingTokens', 'SignedEncryptedSupportingTokens'] as const).map((kind): UtVariant => ({
    id: kind.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase().replace('-tokens', '') + '-https',
    title: `${kind} over HTTPS`,
    description: `${kind}: the token must be ${kind.includes('Signed') ? 'integrity-protected' : ''}${kind.includes('Signed') && kind.includes('Encrypted') ? ' and ' : ''}${kind.includes('Encrypted') ? 'kept confidential' : ''}; under the TransportBinding, HTTPS provides that.`,
    source: `seed 003: ${kind}`, transport: 'https', expect: ACCEPT,
    model: overHttps(kind, usernameToken()),
  })),
];
