// The dsig layer (XML Signature Syntax and Processing, W3C REC 2008, 2nd edition), DESIGN.md §1:
// enveloped and detached signatures over same-document "#id" references, with full diagnostics.

export { signDocument, type SignSpec, type ReferenceTarget } from './sign.ts';
export { verifySignature, type VerifyOptions, type SignatureVerification } from './verify.ts';
export { findSignatures, referencedElements, parseSignature, type ParsedSignature } from './signature_element.ts';
export type { ReferenceReport } from './reference.ts';
export type { TransformSpec } from './transforms.ts';
export { TRANSFORM_ALGORITHMS, applyTransforms } from './transforms.ts';
export type { DereferenceStr } from './str_transform.ts';
export type { KeyResolver, ResolvedKey } from './key_info.ts';
export { DEFAULT_MIN_HMAC_OUTPUT_LENGTH } from './signature_method.ts';
