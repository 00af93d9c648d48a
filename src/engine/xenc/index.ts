// The xenc layer (DESIGN.md §1): XML Encryption 1.0/1.1 and the WSS 1.1 §9 parts built on it —
// EncryptedData, EncryptedKey, ReferenceList, EncryptedHeader — with decryption as checks.

export * from './spec.ts';
export { encryptElement, encryptedDataSpec, readEncryptedType, type EncryptOptions, type EncryptionType, type EncryptedTypeParts } from './encrypted_data.ts';
export { buildEncryptedKey, encryptedKeySha1, encryptedKeySha1Of, type EncryptedKeyOptions } from './encrypted_key.ts';
export { buildReferenceList, dataReferenceSpecs, resolveReferenceList, type ResolvedReference } from './reference_list.ts';
export { encryptHeader, isEncryptedHeader, type EncryptHeaderOptions } from './encrypted_header.ts';
export { decryptData, type DecryptResult } from './decrypt.ts';
export { decryptEncryptedKey, type EncryptedKeyResult, type KeyChainStep, type KeyInfoResolver, type ResolvedKeyForKeyInfo } from './decrypt_key.ts';
export { decryptEncryptedData, encryptedKeyOf, type EncryptedKeyCache } from './key_info.ts';
export { decryptDocument, type DocumentDecryption } from './decrypt_document.ts';
export { findEncryptedParts, type EncryptedPart } from './find.ts';
