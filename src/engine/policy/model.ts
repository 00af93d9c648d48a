// The one security model (DESIGN.md decision 7): a typed form of WS-SecurityPolicy 1.1/1.2/1.3
// that drives outbound securing and inbound checking alike. It is plain JSON so actors can hold it
// in their state, and the policy layer parses it from and writes it to WS-SecurityPolicy XML.
// This issue covers what UsernameToken needs; later layers add X.509, SAML, SCT and signing parts.

export type SpVersion = '1.1' | '1.2' | '1.3';

export type IncludeToken = 'Never' | 'Once' | 'AlwaysToRecipient' | 'AlwaysToInitiator' | 'Always';

/** WS-SP 1.3 §5.4.1 UsernameToken assertion. */
export interface UsernameTokenAssertion {
  kind: 'UsernameToken';
  includeToken: IncludeToken;
  /** sp:WssUsernameToken10 / sp:WssUsernameToken11. */
  profile: '1.0' | '1.1';
  /** sp:NoPassword, sp:HashPassword, or neither (PasswordText). */
  password: 'text' | 'hash' | 'none';
  /** sp13:Created and sp13:Nonce (WS-SP 1.3 §5.4.1). */
  created: boolean;
  nonce: boolean;
  /** sp:RequireDerivedKeys (with UT: UT 1.1 §4 Salt + Iteration). */
  requireDerivedKeys: boolean;
}

/** How an X.509 token is referenced when it is not included (WS-SP 1.3 §5.4.3). */
export type X509Reference = 'direct' | 'thumbprint' | 'keyIdentifier' | 'issuerSerial';

/** WS-SP 1.3 §5.4.3 X509Token assertion. */
export interface X509TokenAssertion {
  kind: 'X509Token';
  includeToken: IncludeToken;
  /** sp:WssX509V3Token10 / sp:WssX509V3Token11. */
  tokenType: 'WssX509V3Token10' | 'WssX509V3Token11';
  /** sp:RequireThumbprintReference, sp:RequireKeyIdentifierReference, sp:RequireIssuerSerialReference. */
  reference: X509Reference;
  requireDerivedKeys: boolean;
}

export type TokenAssertion = UsernameTokenAssertion | X509TokenAssertion;

/** WS-SP 1.3 §8: the supporting-token kinds. */
export const SUPPORTING_KINDS = [
  'SupportingTokens',
  'SignedSupportingTokens',
  'EndorsingSupportingTokens',
  'SignedEndorsingSupportingTokens',
  'SignedEncryptedSupportingTokens',
  'EncryptedSupportingTokens',
  'EndorsingEncryptedSupportingTokens',
  'SignedEndorsingEncryptedSupportingTokens',
] as const;
export type SupportingKind = (typeof SUPPORTING_KINDS)[number];

/** What a supporting-token kind asks of the message (WS-SP 1.3 §8.1–8.8). */
export function supportingTraits(kind: SupportingKind): { signed: boolean; encrypted: boolean; endorsing: boolean } {
  return {
    signed: kind.startsWith('Signed'),
    encrypted: kind.includes('Encrypted'),
    endorsing: kind.includes('Endorsing'),
  };
}

export interface SupportingTokens {
  kind: SupportingKind;
  tokens: TokenAssertion[];
}

export type AlgorithmSuiteName =
  | 'Basic256' | 'Basic192' | 'Basic128' | 'TripleDes'
  | 'Basic256Rsa15' | 'Basic192Rsa15' | 'Basic128Rsa15' | 'TripleDesRsa15'
  | 'Basic256Sha256' | 'Basic192Sha256' | 'Basic128Sha256' | 'TripleDesSha256'
  | 'Basic256Sha256Rsa15' | 'Basic192Sha256Rsa15' | 'Basic128Sha256Rsa15' | 'TripleDesSha256Rsa15';

export type Layout = 'Strict' | 'Lax' | 'LaxTsFirst' | 'LaxTsLast';

/** WS-SP 1.3 §7.3 TransportBinding with an HttpsToken. */
export interface TransportBinding {
  kind: 'TransportBinding';
  transportToken: { kind: 'HttpsToken'; requireClientCertificate: boolean };
  algorithmSuite: AlgorithmSuiteName;
  layout: Layout;
  includeTimestamp: boolean;
}

/** WS-SP 1.3 §7.4 SymmetricBinding with one protection token. */
export interface SymmetricBinding {
  kind: 'SymmetricBinding';
  protectionToken: TokenAssertion;
  algorithmSuite: AlgorithmSuiteName;
  layout: Layout;
  includeTimestamp: boolean;
  protectionOrder: 'SignBeforeEncrypting' | 'EncryptBeforeSigning';
  encryptSignature: boolean;
  onlySignEntireHeadersAndBody: boolean;
}

/** WS-SP 1.3 §7.5 AsymmetricBinding: the initiator signs with its key, encrypts for the recipient's. */
export interface AsymmetricBinding {
  kind: 'AsymmetricBinding';
  initiatorToken: X509TokenAssertion;
  recipientToken: X509TokenAssertion;
  algorithmSuite: AlgorithmSuiteName;
  layout: Layout;
  includeTimestamp: boolean;
  protectionOrder: 'SignBeforeEncrypting' | 'EncryptBeforeSigning';
  encryptSignature: boolean;
  onlySignEntireHeadersAndBody: boolean;
}

export type Binding = TransportBinding | SymmetricBinding | AsymmetricBinding;

/** WS-SP 1.3 §4.1 SignedParts / §4.2 EncryptedParts: the Body and header blocks by QName. */
export interface Parts {
  body: boolean;
  headers: Array<{ namespace: string; name?: string }>;
}

export interface SecurityModel {
  spVersion: SpVersion;
  binding: Binding | null;
  supporting: SupportingTokens[];
  /** sp:Wss10 / sp:Wss11 (with sp:RequireSignatureConfirmation when `signatureConfirmation`). */
  wss: '1.0' | '1.1';
  signatureConfirmation?: boolean;
  signedParts?: Parts;
  encryptedParts?: Parts;
}

/** The tokens a message must carry, with the supporting kind (or 'protection') each comes from. */
export function requiredTokens(model: SecurityModel): Array<{ role: SupportingKind | 'ProtectionToken' | 'InitiatorToken'; token: TokenAssertion }> {
  const out: Array<{ role: SupportingKind | 'ProtectionToken' | 'InitiatorToken'; token: TokenAssertion }> = [];
  if (model.binding?.kind === 'SymmetricBinding') out.push({ role: 'ProtectionToken', token: model.binding.protectionToken });
  if (model.binding?.kind === 'AsymmetricBinding') out.push({ role: 'InitiatorToken', token: model.binding.initiatorToken });
  for (const s of model.supporting) for (const token of s.tokens) out.push({ role: s.kind, token });
  return out;
}

/** Whether the model needs a wsu:Timestamp in the security header. */
export function needsTimestamp(model: SecurityModel): boolean {
  return model.binding?.includeTimestamp ?? false;
}

/** Whether the model protects the message with transport-level security (simulated HTTPS). */
export function usesTransport(model: SecurityModel): boolean {
  return model.binding?.kind === 'TransportBinding';
}

/** A UsernameToken assertion with the defaults of WS-SP 1.3 §5.4.1. */
export function usernameToken(p: Partial<Omit<UsernameTokenAssertion, 'kind'>> = {}): UsernameTokenAssertion {
  return {
    kind: 'UsernameToken',
    includeToken: p.includeToken ?? 'AlwaysToRecipient',
    profile: p.profile ?? '1.1',
    password: p.password ?? 'text',
    created: p.created ?? false,
    nonce: p.nonce ?? false,
    requireDerivedKeys: p.requireDerivedKeys ?? false,
  };
}

/** A TransportBinding over HTTPS with the usual Basic256 / Strict / IncludeTimestamp choices. */
export function transportBinding(p: Partial<Omit<TransportBinding, 'kind'>> = {}): TransportBinding {
  return {
    kind: 'TransportBinding',
    transportToken: p.transportToken ?? { kind: 'HttpsToken', requireClientCertificate: false },
    algorithmSuite: p.algorithmSuite ?? 'Basic256',
    layout: p.layout ?? 'Strict',
    includeTimestamp: p.includeTimestamp ?? true,
  };
}

/** An X509Token assertion with WS-SP defaults (included once to the recipient, referenced directly). */
export function x509Token(p: Partial<Omit<X509TokenAssertion, 'kind'>> = {}): X509TokenAssertion {
  return {
    kind: 'X509Token',
    includeToken: p.includeToken ?? 'AlwaysToRecipient',
    tokenType: p.tokenType ?? 'WssX509V3Token10',
    reference: p.reference ?? 'direct',
    requireDerivedKeys: p.requireDerivedKeys ?? false,
  };
}
