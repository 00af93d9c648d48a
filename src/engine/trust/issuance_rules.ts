// The STS's key decision (WS-Trust 1.3 §4.4 KeyType, §9.2 UseKey, §9.5 OnBehalfOf; WSS SAML Token
// Profile 1.1 §3 confirmation methods), as rules over the request — the OpenSSO STS token matrix
// of seed 001 (table 3-3) is what these rules must reproduce, row by row, without a lookup table.

/** What the STS knows about a request once it has authenticated it. */
export interface IssuanceRequest {
  /** The message-level binding the RST came over. */
  binding: 'asymmetric' | 'transport';
  /** The token that authenticated the requester. */
  clientToken: 'x509' | 'username';
  /** wst:KeyType, or null when the request has none. `sender-vouches` is Oracle's proprietary KeyType. */
  keyType: 'bearer' | 'symmetric' | 'asymmetric' | 'sender-vouches' | null;
  /** A wst:OnBehalfOf token is present. */
  onBehalfOf: boolean;
  /** A wst:UseKey carrying the requester's public key is present. */
  useKey: boolean;
}

export type Confirmation = 'bearer' | 'holder-of-key' | 'sender-vouches';
export type ProofKey = 'none' | 'symmetric' | 'asymmetric';

export interface IssuanceDecision {
  ok: boolean;
  confirmation?: Confirmation;
  proofKey?: ProofKey;
  /** Where an asymmetric proof key comes from. */
  keySource?: 'use-key' | 'client-certificate';
  /** On refusal: a stable code and the WS-Trust fault it maps to. */
  code?: string;
  fault?: 'wst:InvalidRequest' | 'wst:BadRequest';
  /** The rules applied, in order, in words — shown beside the seed's expected output. */
  reasons: string[];
}

const refuse = (code: string, reason: string, reasons: string[], fault: IssuanceDecision['fault'] = 'wst:InvalidRequest'): IssuanceDecision =>
  ({ ok: false, code, fault, reasons: [...reasons, reason] });

/** Decides the confirmation method and proof key for an issue request. */
export function decideIssuance(r: IssuanceRequest): IssuanceDecision {
  const reasons: string[] = [];
  const keyType = r.keyType ?? defaultKeyType(r, reasons);
  switch (keyType) {
    case 'bearer':
      reasons.push('KeyType Bearer: the token carries no proof key; whoever holds it may present it (SAML bearer)');
      return { ok: true, confirmation: 'bearer', proofKey: 'none', reasons };
    case 'symmetric':
      reasons.push('KeyType SymmetricKey: the STS issues a secret shared by the requester and the service (holder-of-key, symmetric proof key)');
      return { ok: true, confirmation: 'holder-of-key', proofKey: 'symmetric', reasons };
    case 'sender-vouches':
      return senderVouches(r, reasons);
    case 'asymmetric':
      return asymmetric(r, reasons);
  }
}

function defaultKeyType(r: IssuanceRequest, reasons: string[]): NonNullable<IssuanceRequest['keyType']> {
  if (r.clientToken === 'x509' && r.binding === 'asymmetric' && !r.onBehalfOf) {
    reasons.push('no KeyType: the requester signed with an X.509 key, so the STS binds the token to that public key');
    return 'asymmetric';
  }
  reasons.push('no KeyType: the requester has no key of its own to bind, so the STS issues a symmetric proof key');
  return 'symmetric';
}

function senderVouches(r: IssuanceRequest, reasons: string[]): IssuanceDecision {
  if (!r.onBehalfOf) {
    return refuse('STS_SENDER_VOUCHES_WITHOUT_SUBJECT', 'sender-vouches KeyType without OnBehalfOf: the requester would vouch for no one — refused', reasons);
  }
  reasons.push('sender-vouches KeyType with OnBehalfOf: the requester vouches for the OnBehalfOf subject; no proof key');
  return { ok: true, confirmation: 'sender-vouches', proofKey: 'none', reasons };
}

function asymmetric(r: IssuanceRequest, reasons: string[]): IssuanceDecision {
  if (r.onBehalfOf) {
    return refuse('STS_ASYMMETRIC_ON_BEHALF_OF', 'KeyType PublicKey with OnBehalfOf: the public key is the requester\'s, but the token would name another subject — refused', reasons);
  }
  if (r.clientToken !== 'x509' || r.binding !== 'asymmetric') {
    const what = r.useKey
      ? 'the UseKey key is not proven to be the requester\'s: the requester authenticated with a UserName, which carries no key, so no signature ties that key to the user'
      : 'the requester has no public key: it authenticated with a UserName';
    return refuse(r.useKey ? 'STS_USE_KEY_NOT_PROVEN' : 'STS_NO_PUBLIC_KEY', `KeyType PublicKey, but ${what} — refused`, reasons);
  }
  const keySource = r.useKey ? 'use-key' : 'client-certificate';
  reasons.push(r.useKey
    ? 'KeyType PublicKey with UseKey: the requester proved the key by signing the request with it; holder-of-key, asymmetric proof key'
    : 'KeyType PublicKey without UseKey: the STS uses the certificate that signed the request; holder-of-key, asymmetric proof key');
  return { ok: true, confirmation: 'holder-of-key', proofKey: 'asymmetric', keySource, reasons };
}
