// XML Encryption Syntax and Processing (W3C Recommendation 2002, "XML Encryption 1.0"; 1.1 of
// 2013 for AES-GCM) and WSS SOAP Message Security 1.1 §9 — the section references and stable
// check codes of the xenc layer, in one place.

export const XENC_SPEC = {
  encryptedType: 'XML Encryption 1.0 §3.1',
  encryptionMethod: 'XML Encryption 1.0 §3.2',
  cipherData: 'XML Encryption 1.0 §3.3',
  encryptedData: 'XML Encryption 1.0 §3.4',
  encryptedKey: 'XML Encryption 1.0 §3.5.1',
  retrievalMethod: 'XML Encryption 1.0 §3.5.2',
  referenceList: 'XML Encryption 1.0 §3.6',
  encrypt: 'XML Encryption 1.0 §4.1',
  decrypt: 'XML Encryption 1.0 §4.2',
  serialize: 'XML Encryption 1.0 §4.3',
  algorithms: 'XML Encryption 1.0 §5.1',
  blockEncryption: 'XML Encryption 1.0 §5.2',
  rsa15: 'XML Encryption 1.0 §5.4.1',
  rsaOaep: 'XML Encryption 1.0 §5.4.2',
  aesKeyWrap: 'XML Encryption 1.0 §5.6.3',
  aesGcm: 'XML Encryption 1.1 §5.2.4',
  encryptedHeader: 'WSS 1.1 §9.3',
  wssEncryption: 'WSS 1.1 §9',
} as const;

/** Stable check codes (never renamed once shipped). */
export const XENC_CODES = {
  keyUnwrapped: 'XENC_KEY_UNWRAPPED',
  decrypted: 'XENC_DECRYPTED',
  keyUnresolved: 'XENC_KEY_UNRESOLVED',
  decryptFailed: 'XENC_DECRYPT_FAILED',
  dataReferenceNotFound: 'XENC_DATA_REFERENCE_NOT_FOUND',
  unknownAlgorithm: 'XENC_UNKNOWN_ALGORITHM',
  legacyAlgorithm: 'XENC_LEGACY_ALGORITHM',
  malformed: 'XENC_MALFORMED',
  headerAttributes: 'XENC_ENCRYPTED_HEADER_ATTRIBUTES',
} as const;
