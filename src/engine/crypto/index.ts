// The crypto layer's public surface (DESIGN.md §1): the WebCrypto port, encodings, randomness,
// digests/HMAC and P_SHA1. Other layers import from here, never from WebCrypto directly.

export * from './port.ts';
export * from './encoding.ts';
export * from './random.ts';
export * from './chacha20.ts';
export * from './sha256_sync.ts';
export * from './digest.ts';
export * from './psha1.ts';
export * from './sha1_sync.ts';
export { signBytes, verifyBytes, digestBytes, signatureAlgorithm, digestAlgorithm, SIGNATURE_ALGORITHMS, DIGEST_ALGORITHMS, type SignatureAlgorithm, type SignOptions } from './signature.ts';
export * from './cipher.ts';
export * from './pem.ts';
export * from './keys.ts';
export * from './dn.ts';
export * from './x509.ts';
export * from './x509_chain.ts';
export * from './pkcs12.ts';
export * from './demo_pki.ts';
