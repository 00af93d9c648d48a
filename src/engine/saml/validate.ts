// Validating an assertion as a relying party (WSS SAML Token Profile 1.1 §3 processing; SAML 1.1
// Core §2.3.2, SAML 2.0 Core §2.3.3 and §2.5.1): detect the version, check the issuer's signature
// and that the signer is a trusted issuer, the validity period (with clock skew) and audience, the
// subject and its confirmation method, and recover the holder-of-key proof key. Every step is a
// check with the node's path; nothing found in the assertion throws (DESIGN.md decision 4).

import type { Element } from '@xmldom/xmldom';
import type { ResolvedKey } from '../crypto/keys.ts';
import type { CertInfo } from '../crypto/x509.ts';
import type { Check } from '../report/check.ts';
import { attrNode } from '../xml/dom.ts';
import { readAssertion, type AssertionParts } from './assertion.ts';
import { SAML_CODES as C, samlCheck, samlInstant } from './checks.ts';
import { checkConditions, type ConditionsOptions } from './conditions.ts';
import { checkIssuerSignature } from './issuer_signature.ts';
import { resolveProofKey, type ServiceKey } from './proof_key_resolve.ts';
import { checkSubject } from './subject_confirmation.ts';
import type { ConfirmationMethod, SamlVersionName } from './versions.ts';

/** Five minutes, WCF's default MaxClockSkew. */
export const DEFAULT_SKEW_SECONDS = 300;

export interface ValidateAssertionOptions {
  /** Certificates of the STSs whose assertions this relying party accepts. */
  trustedIssuers: CertInfo[];
  /** This relying party's URI; audience restrictions must name it. */
  audience?: string;
  /** Milliseconds since the epoch. */
  now: number;
  skewSeconds?: number;
  /** The service's key pair, to unwrap a symmetric holder-of-key proof key. */
  serviceKey?: ServiceKey;
}

export interface AssertionValidation {
  checks: Check[];
  /** True when no check failed. */
  accepted: boolean;
  version?: SamlVersionName;
  subject?: string;
  confirmation?: ConfirmationMethod;
  proofKey?: ResolvedKey;
  /** The trusted issuer certificate the signature verified under. */
  issuer?: CertInfo;
}

function issueInstantCheck(p: AssertionParts, o: ConditionsOptions): Check[] {
  if (p.issueInstant === null || p.issueInstant <= o.now + o.skewSeconds * 1000) return [];
  return [samlCheck(C.issuedInFuture, 'warn', p.v.spec.assertion, attrNode(p.el, 'IssueInstant') ?? p.el,
    `expected IssueInstant no later than now ${samlInstant(o.now)} (+${o.skewSeconds} s skew) but found ${samlInstant(p.issueInstant)}`)];
}

/** Every check of one assertion, plus what a relying party takes from it. */
export async function validateAssertion(el: Element, opts: ValidateAssertionOptions): Promise<AssertionValidation> {
  const read = readAssertion(el);
  const checks = [...read.checks];
  const p = read.parts;
  if (!p) return { checks, accepted: false };
  const o: ConditionsOptions = { now: opts.now, skewSeconds: opts.skewSeconds ?? DEFAULT_SKEW_SECONDS };
  if (opts.audience !== undefined) o.audience = opts.audience;
  const out: AssertionValidation = { checks, accepted: false, version: p.v.version };
  checks.push(...issueInstantCheck(p, o));
  const sig = await checkIssuerSignature(p, opts.trustedIssuers);
  checks.push(...sig.checks);
  if (sig.issuer) out.issuer = sig.issuer;
  checks.push(...checkConditions(el, p.v, o));
  const subject = checkSubject(p, o);
  checks.push(...subject.checks);
  if (subject.subject !== undefined) out.subject = subject.subject;
  if (subject.confirmation) out.confirmation = subject.confirmation;
  if (subject.keyInfo) {
    const proof = await resolveProofKey(subject.keyInfo, p.v, opts.serviceKey);
    checks.push(...proof.checks);
    if (proof.key) out.proofKey = proof.key;
  }
  out.accepted = !checks.some((c) => c.status === 'fail');
  return out;
}
