// WSS SAML Token Profile 1.1 on the receiving side: a saml:Assertion in the Security header is
// validated (issuer signature, conditions, audience, confirmation) and, for holder-of-key, its
// proof key registered under the assertion's id so a signature referencing the assertion
// (KeyIdentifier SAMLAssertionID / SAMLID) verifies with it.

import type { Element } from '@xmldom/xmldom';
import type { Check } from '../report/index.ts';
import type { CertInfo } from '../crypto/x509.ts';
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

/**
 * WSS SAML Token Profile 1.1 §3.5: a holder-of-key assertion must be backed by a signature made with
 * its proof key over the Body; a bearer assertion is simply carried. At least one must be accepted.
 */
export function tokenPolicyChecks(assertions: Array<{ element: Element; validation: AssertionValidation }>, signatures: Array<{ verification: { ok: boolean; key: { source: string } | null }; covered: Element[] }>, body: Element): Check[] {
  const accepted = assertions.filter((a) => a.validation.accepted);
  if (accepted.length === 0) return [{ code: 'SAML_TOKEN_MISSING', status: 'fail', specRef: 'WSS SAML Token Profile 1.1 §3', path: 'Envelope/Header/Security', message: `expected a SAML assertion from a trusted STS in the Security header, found ${assertions.length === 0 ? 'none' : 'none that validated'}` }];
  const out: Check[] = [];
  for (const a of accepted) {
    const id = a.element.getAttribute('AssertionID') || a.element.getAttribute('ID') || '';
    if (a.validation.confirmation !== 'holder-of-key') {
      out.push({ code: 'SAML_BEARER', status: 'pass', specRef: 'WSS SAML Token Profile 1.1 §3.5', path: 'Envelope/Header/Security', message: `assertion ${id} is ${a.validation.confirmation}: no proof of possession is asked` });
      continue;
    }
    const proven = signatures.some((s) => s.verification.ok && (s.verification.key?.source ?? '').includes(id) && s.covered.includes(body));
    out.push(proven
      ? { code: 'SAML_PROOF_OF_POSSESSION', status: 'pass', specRef: 'WSS SAML Token Profile 1.1 §3.5.1', path: 'Envelope/Header/Security', message: `a signature made with the proof key of assertion ${id} covers the Body` }
      : { code: 'SAML_NO_PROOF_OF_POSSESSION', status: 'fail', specRef: 'WSS SAML Token Profile 1.1 §3.5.1', path: 'Envelope/Header/Security', message: `assertion ${id} is holder-of-key: expected a signature made with its proof key over the Body, found none` });
  }
  return out;
}
