// Checks of SAML assertion processing (SAML 1.1 Core / SAML 2.0 Core, as SAML Token Profile 1.1
// recipients apply them): every outcome is a Check (DESIGN.md decision 4) with a stable SAML_* code,
// the rule it enforces and the node it is about. Also SAML time values (SAML 1.1 Core §1.2.2,
// SAML 2.0 Core §1.3.3: xsd:dateTime in UTC with a "Z").

import type { Node } from '@xmldom/xmldom';
import type { Check, CheckStatus } from '../report/check.ts';
import { where } from '../xml/path.ts';
import { parseDateTime } from '../wss/datetime.ts';

/** Stable codes (never renamed once shipped). */
export const SAML_CODES = {
  version: 'SAML_VERSION',
  notAnAssertion: 'SAML_NOT_AN_ASSERTION',
  versionUnsupported: 'SAML_VERSION_UNSUPPORTED',
  malformed: 'SAML_MALFORMED',
  issuer: 'SAML_ISSUER',
  issuedInFuture: 'SAML_ISSUED_IN_FUTURE',
  signatureMissing: 'SAML_SIGNATURE_MISSING',
  signatureMisplaced: 'SAML_SIGNATURE_MISPLACED',
  signatureReference: 'SAML_SIGNATURE_REFERENCE',
  signatureTransforms: 'SAML_SIGNATURE_TRANSFORMS',
  signatureValid: 'SAML_SIGNATURE_VALID',
  signatureInvalid: 'SAML_SIGNATURE_INVALID',
  signerUnknown: 'SAML_SIGNER_UNKNOWN',
  signerAssumed: 'SAML_SIGNER_ASSUMED',
  issuerTrusted: 'SAML_ISSUER_TRUSTED',
  issuerUntrusted: 'SAML_ISSUER_UNTRUSTED',
  noConditions: 'SAML_NO_CONDITIONS',
  validityPeriod: 'SAML_VALIDITY_PERIOD',
  validityInverted: 'SAML_VALIDITY_INVERTED',
  notYetValid: 'SAML_NOT_YET_VALID',
  expired: 'SAML_EXPIRED',
  audience: 'SAML_AUDIENCE',
  audienceMismatch: 'SAML_AUDIENCE_MISMATCH',
  noAudienceRestriction: 'SAML_NO_AUDIENCE_RESTRICTION',
  audienceNotChecked: 'SAML_AUDIENCE_NOT_CHECKED',
  conditionInfo: 'SAML_CONDITION',
  conditionUnknown: 'SAML_CONDITION_UNKNOWN',
  subject: 'SAML_SUBJECT',
  subjectMissing: 'SAML_SUBJECT_MISSING',
  subjectInconsistent: 'SAML_SUBJECT_INCONSISTENT',
  confirmation: 'SAML_CONFIRMATION',
  confirmationMissing: 'SAML_CONFIRMATION_MISSING',
  confirmationUnknown: 'SAML_CONFIRMATION_UNKNOWN',
  confirmationNotYetValid: 'SAML_CONFIRMATION_NOT_YET_VALID',
  confirmationExpired: 'SAML_CONFIRMATION_EXPIRED',
  confirmationWindow: 'SAML_CONFIRMATION_WINDOW',
  proofKey: 'SAML_PROOF_KEY',
  proofKeyMissing: 'SAML_PROOF_KEY_MISSING',
  proofKeyUnresolved: 'SAML_PROOF_KEY_UNRESOLVED',
  proofKeyNotUnwrapped: 'SAML_PROOF_KEY_NOT_UNWRAPPED',
  proofKeyNotForService: 'SAML_PROOF_KEY_NOT_FOR_SERVICE',
  keyInfoIgnored: 'SAML_KEY_INFO_IGNORED',
} as const;

/** A check about `node` (the whole assertion's path when that is the node). */
export function samlCheck(
  code: string, status: CheckStatus, specRef: string, node: Node, message: string, details?: Record<string, unknown>,
): Check {
  const c: Check = { code, status, specRef, message, ...where(node) };
  if (details) c.details = details;
  return c;
}

/** A SAML time value: UTC, "Z", whole seconds unless milliseconds are present. */
export function samlInstant(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** Milliseconds since the epoch of a SAML time value, or null when it is not an xsd:dateTime. */
export function parseInstant(text: string): number | null {
  return parseDateTime(text)?.ms ?? null;
}
