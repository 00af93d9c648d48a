// Legacy and fallback ciphers that WebCrypto lacks, on node-forge (pure JS, so the browser and Node
// behave the same): rsa-1_5 (XML Encryption 1.0 §5.4.1), tripledes-cbc (§5.2.1) and AES with
// 192-bit keys where the browser refuses them. Loaded ONLY through cipher.ts's dynamic import when
// a message needs one of them, so the browser build keeps node-forge in its own lazy chunk. No
// module may import this file or the forge-bearing modules beside it statically; algorithms.ts
// (the list, no forge) is the exception, and forge_bytes.ts is shared with the equally lazy
// pkcs12_forge.ts.

export { LEGACY_ALGORITHMS, isLegacyAlgorithm } from './algorithms.ts';
export { rsa15Encrypt, rsa15Decrypt } from './rsa15.ts';
export { desEde3CbcRaw, DES_EDE3_KEY_BYTES, DES_BLOCK_BYTES } from './tripledes_cbc.ts';
export { aesCbcRaw, aesGcmEncrypt, aesGcmDecrypt, aesKeyWrap, aesKeyUnwrap } from './aes_fallback.ts';
