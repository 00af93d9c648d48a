// The saml layer (DESIGN.md §2 "STS issuance", §1 trust/sc row): SAML 1.1 and 2.0 assertions as a
// WS-Trust STS issues them (seed 004) and as a relying service validates them, with checks.

export { buildAssertion, readAssertion, type AssertionSpec, type AssertionParts } from './assertion.ts';
export { signAssertion, type SignAssertionOptions } from './sign.ts';
export { validateAssertion, DEFAULT_SKEW_SECONDS, type ValidateAssertionOptions, type AssertionValidation } from './validate.ts';
export { SAML_CODES, samlInstant } from './checks.ts';
export { SAML_VERSIONS, type SamlVersion, type SamlVersionName, type ConfirmationMethod } from './versions.ts';
export type { SubjectSpec, ConfirmationSpec } from './subject.ts';
export type { ProofKeySpec, SymmetricProof, AsymmetricProof } from './proof_key.ts';
export type { ServiceKey } from './proof_key_resolve.ts';
export { DEFAULT_ATTRIBUTE_NAMESPACE } from './statements.ts';
export { describeAssertion, type AssertionSummary } from './describe.ts';
