// WSS SAML Token Profile 1.1 on the receiving side: a saml:Assertion in the Security header is
// validated (issuer signature, conditions, audience, confirmation) and, for holder-of-key, its
// proof key registered under the assertion's id so a signature referencing the assertion
// (KeyIdentifier SAMLAssertionID / SAMLID) verifies with it; then what its confirmation method asks
// of the presenter (§3.5): proof of possession, or a trusted sender's signature (sender-vouches).

import type { Element } from '@xmldom/xmldom';
import type { Check } from '../report/index.ts';
import type { CertInfo } from '../crypto/x509.ts';
import type { ResolvedKey } from '../crypto/keys.ts';
import { bytesEqual } from '../crypto/encoding.ts';
import { where } from '../xml/path.ts';
import { validateAssertion, type AssertionValidation } from '../saml/index.ts';
import { NS } from '../xml/names.ts';
import type { TokenStore } from './signature_processing.ts';
import type { ReceiverIdentity } from './x509_inbound.ts';

export interface SamlContext {
  /** The STS certificates this receiver trusts. */
  trustedIssuers: CertInfo[];
  /** This receiver's address (the audience an assertion must name). */
  audience?: string;
  now: number;
  identity?: ReceiverIdentity;
}

export async function processAssertion(el: Element, store: TokenStore, ctx: SamlContext): Promise<{ checks: Check[]; validation: AssertionValidation }> {
  const v = await validateAssertion(el, {
    trustedIssuers: ctx.trustedIssuers, now: ctx.now,
    ...(ctx.audience ? { audience: ctx.audience } : {}),
    ...(ctx.identity?.certificate ? { serviceKey: { key: ctx.identity.privateKey, cert: ctx.identity.certificate } } : {}),
  });
  const id = el.namespaceURI === NS.saml11 ? el.getAttribute('AssertionID') : el.getAttribute('ID');
  if (id && v.proofKey?.kind === 'secret') store.secrets.set(id, v.proofKey.bytes);
  return { checks: v.checks, validation: v };
}

/** A signature as the token-policy checks need it: did it verify, what it covers, which key it was checked with. */
export interface PresenterSignature {
  verification: { ok: boolean; key: { source: string } | null };
  covered: Element[];
  signingKey?: ResolvedKey | null;
}

export interface TokenPolicyOptions {
  /** Certificates of senders trusted to vouch for a subject (sender-vouches). */
  trustedSenders?: CertInfo[];
}

const PROFILE = 'WSS SAML Token Profile 1.1';

function keyName(k: ResolvedKey): string {
  if (k.kind === 'secret') return `a ${k.bytes.length * 8}-bit symmetric key`;
  return k.cert ? `${k.cert.subject} (SHA-1 thumbprint ${k.cert.thumbprintSha1})` : 'a bare RSA public key';
}

function sameKey(a: ResolvedKey, b: ResolvedKey): boolean {
  if (a.kind === 'secret' && b.kind === 'secret') return bytesEqual(a.bytes, b.bytes);
  return a.kind === 'rsa-public' && b.kind === 'rsa-public' && bytesEqual(a.spki, b.spki);
}

/** Holder-of-key (§3.5.1): a signature over the Body made with the assertion's proof key (symmetric or the subject's key pair). */
function holderOfKey(a: { element: Element; validation: AssertionValidation }, id: string, signatures: PresenterSignature[], body: Element): Check {
  const at = { specRef: `${PROFILE} §3.5.1`, ...where(a.element) };
  const overBody = signatures.filter((s) => s.verification.ok && s.covered.includes(body));
  const proof = a.validation.proofKey;
  const proven = overBody.find((s) => (proof && s.signingKey ? sameKey(s.signingKey, proof) : (s.verification.key?.source ?? '').includes(id)));
  if (proven) {
    return { code: 'SAML_PROOF_OF_POSSESSION', status: 'pass', ...at, message: `a signature made with the proof key of assertion ${id}${proof ? ` (${keyName(proof)})` : ''} covers the Body`, details: { proofKey: proof?.kind === 'secret' ? 'symmetric' : 'asymmetric' } };
  }
  const others = overBody.map((s) => s.signingKey).filter((k): k is ResolvedKey => !!k);
  if (proof && others.length > 0) {
    return { code: 'SAML_PROOF_KEY_MISMATCH', status: 'fail', ...at, message: `assertion ${id} is holder-of-key: expected the Body signed with its proof key ${keyName(proof)}, found it signed with ${others.map(keyName).join(', ')}`, details: { expected: keyName(proof), found: others.map(keyName) } };
  }
  return { code: 'SAML_NO_PROOF_OF_POSSESSION', status: 'fail', ...at, message: `assertion ${id} is holder-of-key: expected a signature made with its proof key over the Body, found none` };
}

/** Sender-vouches (§3.5.2): a trusted sender's signature covers the assertion (by Id or STR-Transform) and the Body. */
function senderVouches(a: { element: Element; validation: AssertionValidation }, id: string, signatures: PresenterSignature[], body: Element, trusted: CertInfo[]): Check {
  const at = { specRef: `${PROFILE} §3.5.2`, ...where(a.element) };
  const bySender = signatures.filter((s) => s.verification.ok && s.signingKey?.kind === 'rsa-public' && s.signingKey.cert);
  const both = bySender.filter((s) => s.covered.includes(a.element) && s.covered.includes(body));
  const certOf = (s: PresenterSignature) => (s.signingKey?.kind === 'rsa-public' ? s.signingKey.cert : undefined) as CertInfo;
  const vouching = both.find((s) => trusted.some((t) => t.thumbprintSha1 === certOf(s).thumbprintSha1));
  if (vouching) {
    const c = certOf(vouching);
    return { code: 'SAML_SENDER_VOUCHES', status: 'pass', ...at, message: `${c.subject}, a trusted sender, vouches for ${a.validation.subject ?? 'the subject'}: its signature covers assertion ${id} and the Body`, details: { sender: c.subject, thumbprintSha1: c.thumbprintSha1 } };
  }
  if (both.length > 0) {
    const found = both.map((s) => certOf(s).subject).join(', ');
    return { code: 'SAML_SENDER_UNTRUSTED', status: 'fail', ...at, message: `assertion ${id} is sender-vouches: expected the vouching signature by a trusted sender (${trusted.map((t) => t.subject).join(', ') || 'none configured'}), found one by ${found}` };
  }
  const found = bySender.length === 0 ? 'no verified signature by an X.509 sender'
    : bySender.map((s) => `a signature by ${certOf(s).subject} covering ${[s.covered.includes(a.element) && 'the assertion', s.covered.includes(body) && 'the Body'].filter(Boolean).join(' and ') || 'neither'}`).join('; ');
  return { code: 'SAML_SENDER_VOUCHES_NOT_SIGNED', status: 'fail', ...at, message: `assertion ${id} is sender-vouches: expected a signature by the sender's X.509 key over both the assertion and the Body, found ${found}` };
}

/**
 * WSS SAML Token Profile 1.1 §3.5: what the presenter must show for each accepted assertion — nothing
 * more for bearer, proof of possession of the proof key for holder-of-key, a trusted sender's signature
 * over the assertion and the Body for sender-vouches. At least one assertion must be accepted.
 */
export function tokenPolicyChecks(assertions: Array<{ element: Element; validation: AssertionValidation }>, signatures: PresenterSignature[], body: Element, opts: TokenPolicyOptions = {}): Check[] {
  const accepted = assertions.filter((a) => a.validation.accepted);
  if (accepted.length === 0) return [{ code: 'SAML_TOKEN_MISSING', status: 'fail', specRef: `${PROFILE} §3`, path: 'Envelope/Header/Security', message: `expected a SAML assertion from a trusted STS in the Security header, found ${assertions.length === 0 ? 'none' : 'none that validated'}` }];
  return accepted.map((a) => {
    const id = a.element.getAttribute('AssertionID') || a.element.getAttribute('ID') || '';
    if (a.validation.confirmation === 'holder-of-key') return holderOfKey(a, id, signatures, body);
    if (a.validation.confirmation === 'sender-vouches') return senderVouches(a, id, signatures, body, opts.trustedSenders ?? []);
    return { code: 'SAML_BEARER', status: 'pass', specRef: `${PROFILE} §3.5`, ...where(a.element), message: `assertion ${id} is ${a.validation.confirmation}: no proof of possession is asked` };
  });
}
