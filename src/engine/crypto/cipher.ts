// XML Encryption algorithms by URI, through the WebCrypto port (DESIGN.md decision 5):
//   block encryption  XML Encryption 1.0 §5.2 (padding), §5.2.2 AES-CBC, §5.2.1 tripledes-cbc (legacy);
//                     XML Encryption 1.1 §5.2.4 AES-GCM (12-byte IV first, 128-bit tag last)
//   key transport     §5.4.2 RSA-OAEP (rsa-oaep-mgf1p: SHA-1 digest and MGF1, optional OAEPparams);
//                     §5.4.1 RSA v1.5 (legacy)
//   symmetric wrap    §5.6.3 AES KeyWrap (RFC 3394)
// The CipherValue of a CBC algorithm is IV ‖ ciphertext. XML Encryption pads with arbitrary octets
// and a final length octet (ISO 10126 style) and says a decryptor must accept any padding octets,
// while WebCrypto AES-CBC insists on PKCS#7. So WebCrypto only ever sees whole blocks: encryption
// pads first and drops the extra PKCS#7 block WebCrypto appends; decryption appends one block
// that decrypts to a full PKCS#7 block (the encryption, with the last ciphertext block as IV, of
// the empty string), then removes the XML Encryption padding by its length octet alone.
// Legacy algorithms and 192-bit AES where WebCrypto refuses it (Chromium) run on node-forge in
// ./legacy, loaded by dynamic import only when needed, so AES-only messages never load it.

import { CryptoError, UsageError } from '../report/errors.ts';
import { URI } from '../xml/names.ts';
import { ownBytes } from './digest.ts';
import { concatBytes } from './encoding.ts';
import { isLegacyAlgorithm, LEGACY_ALGORITHMS } from './legacy/algorithms.ts';
import { subtle } from './port.ts';
import { systemRandom, type RandomSource } from './random.ts';
import type { RsaPrivateKey, RsaPublicKey } from './keys.ts';

export { isLegacyAlgorithm, LEGACY_ALGORITHMS };

type Legacy = typeof import('./legacy/index.ts');
type Direction = 'encrypt' | 'decrypt';

interface BlockAlgorithm { kind: 'aes-cbc' | 'aes-gcm' | '3des-cbc'; keyBytes: number }
interface WrapAlgorithm { kind: 'kw-aes' | 'rsa-oaep' | 'rsa-1_5'; keyBytes?: number }

const BLOCK = new Map<string, BlockAlgorithm>([
  [URI.aes128Cbc, { kind: 'aes-cbc', keyBytes: 16 }],
  [URI.aes192Cbc, { kind: 'aes-cbc', keyBytes: 24 }],
  [URI.aes256Cbc, { kind: 'aes-cbc', keyBytes: 32 }],
  [URI.aes128Gcm, { kind: 'aes-gcm', keyBytes: 16 }],
  [URI.aes192Gcm, { kind: 'aes-gcm', keyBytes: 24 }],
  [URI.aes256Gcm, { kind: 'aes-gcm', keyBytes: 32 }],
  [URI.tripledesCbc, { kind: '3des-cbc', keyBytes: 24 }],
]);

const WRAP = new Map<string, WrapAlgorithm>([
  [URI.rsaOaepMgf1p, { kind: 'rsa-oaep' }],
  [URI.rsa15, { kind: 'rsa-1_5' }],
  [URI.kwAes128, { kind: 'kw-aes', keyBytes: 16 }],
  [URI.kwAes192, { kind: 'kw-aes', keyBytes: 24 }],
  [URI.kwAes256, { kind: 'kw-aes', keyBytes: 32 }],
]);

export const BLOCK_ENCRYPTION_ALGORITHMS: readonly string[] = [...BLOCK.keys()];
export const KEY_WRAP_ALGORITHMS: readonly string[] = [...WRAP.keys()];

const AES_BLOCK = 16;
const GCM_IV = 12;
const GCM_TAG = 16;

let legacyModule: Promise<Legacy> | undefined;

/** The node-forge module, imported on first use only. */
function loadLegacy(): Promise<Legacy> {
  legacyModule ??= import('./legacy/index.ts');
  return legacyModule;
}

/** True once some operation needed ./legacy (tests prove AES-only work never does). */
export function legacyModuleLoaded(): boolean {
  return legacyModule !== undefined;
}

/** The fragment of an algorithm URI (`aes128-cbc`), for messages. */
export function algorithmName(uri: string): string {
  const hash = uri.lastIndexOf('#');
  return hash >= 0 ? uri.slice(hash + 1) : uri;
}

function unknownAlgorithm(uri: string, role: string, known: readonly string[]): UsageError {
  const other = BLOCK.has(uri) ? ' (a block encryption algorithm)' : WRAP.has(uri) ? ' (a key transport or key wrap algorithm)' : '';
  return new UsageError(
    'XENC_UNKNOWN_ALGORITHM',
    `expected a ${role} algorithm, one of ${known.map(algorithmName).join(', ')}; found ${uri === '' ? '(none)' : uri}${other}`,
  );
}

function blockAlgorithm(uri: string): BlockAlgorithm {
  const alg = BLOCK.get(uri);
  if (!alg) throw unknownAlgorithm(uri, 'block encryption', BLOCK_ENCRYPTION_ALGORITHMS);
  return alg;
}

function wrapAlgorithm(uri: string): WrapAlgorithm {
  const alg = WRAP.get(uri);
  if (!alg) throw unknownAlgorithm(uri, 'key transport or key wrap', KEY_WRAP_ALGORITHMS);
  return alg;
}

/** Throws UsageError XENC_UNKNOWN_ALGORITHM unless `uri` is a supported block encryption algorithm. */
export function assertBlockAlgorithm(uri: string): void {
  blockAlgorithm(uri);
}

/** Throws UsageError XENC_UNKNOWN_ALGORITHM unless `uri` is a supported key transport or key wrap algorithm. */
export function assertKeyWrapAlgorithm(uri: string): void {
  wrapAlgorithm(uri);
}

/** Key length in bytes of a block encryption or AES key wrap algorithm. */
export function keyLengthOf(algUri: string): number {
  const bytes = BLOCK.get(algUri)?.keyBytes ?? WRAP.get(algUri)?.keyBytes;
  if (bytes !== undefined) return bytes;
  if (WRAP.has(algUri)) {
    throw new UsageError('XENC_NOT_SYMMETRIC', `expected a symmetric algorithm with a fixed key length, found ${algorithmName(algUri)}, which takes an RSA key`);
  }
  throw unknownAlgorithm(algUri, 'symmetric', [...BLOCK_ENCRYPTION_ALGORITHMS, URI.kwAes128, URI.kwAes192, URI.kwAes256]);
}

function checkKeyLength(uri: string, key: Uint8Array, expected: number): void {
  if (key.length !== expected) {
    throw new CryptoError('XENC_KEY_LENGTH', `expected a ${expected}-byte key for ${algorithmName(uri)}, found ${key.length} bytes`);
  }
}

function webCryptoFailure(operation: string, cause: unknown): CryptoError {
  const found = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
  return new CryptoError('CRYPTO_OPERATION_FAILED', `expected ${operation} to succeed; WebCrypto reported ${found}`);
}

/** Imports an AES key; null when WebCrypto refuses a 192-bit key (Chromium), so forge takes over. */
async function aesKey(name: 'AES-CBC' | 'AES-GCM' | 'AES-KW', key: Uint8Array, usages: KeyUsage[]): Promise<CryptoKey | null> {
  const s = await subtle();
  try {
    return await s.importKey('raw', ownBytes(key), name, false, usages);
  } catch (cause) {
    if (key.length === 24) return null;
    throw webCryptoFailure(`${name} key import`, cause);
  }
}

// ---- CBC with XML Encryption padding (§5.2) -------------------------------------------------

/** Pads to a whole number of blocks: random octets, the last one the padding length (1..block). */
export function xmlEncPad(data: Uint8Array, block: number, random: RandomSource): Uint8Array {
  const padLength = block - (data.length % block);
  const pad = random.bytes(padLength);
  pad[padLength - 1] = padLength;
  return concatBytes(data, pad);
}

/** Removes XML Encryption padding by its length octet alone; the other padding octets may be anything. */
export function xmlEncUnpad(padded: Uint8Array, block: number, uri: string): Uint8Array {
  const padLength = padded[padded.length - 1] ?? 0;
  if (padLength < 1 || padLength > block) {
    throw new CryptoError(
      'XENC_BAD_PADDING',
      `expected the last decrypted octet to be a padding length from 1 to ${block} (XML Encryption §5.2), found ${padLength}: ${algorithmName(uri)} was decrypted with the wrong key or the CipherValue was altered`,
    );
  }
  return padded.slice(0, padded.length - padLength);
}

/** AES-CBC over whole blocks without padding, on WebCrypto (module comment) or forge for refused keys. */
async function aesCbcRaw(key: Uint8Array, iv: Uint8Array, data: Uint8Array, direction: Direction): Promise<Uint8Array> {
  const k = await aesKey('AES-CBC', key, ['encrypt', 'decrypt']);
  if (!k) return (await loadLegacy()).aesCbcRaw(key, iv, data, direction);
  const s = await subtle();
  try {
    if (direction === 'encrypt') {
      const out = new Uint8Array(await s.encrypt({ name: 'AES-CBC', iv: ownBytes(iv) }, k, ownBytes(data)));
      return out.slice(0, data.length); // drop the whole PKCS#7 block WebCrypto appended
    }
    const last = data.subarray(data.length - AES_BLOCK);
    const fullPadBlock = new Uint8Array(await s.encrypt({ name: 'AES-CBC', iv: ownBytes(last.slice()) }, k, new Uint8Array(0)));
    return new Uint8Array(await s.decrypt({ name: 'AES-CBC', iv: ownBytes(iv) }, k, ownBytes(concatBytes(data, fullPadBlock))));
  } catch (cause) {
    throw webCryptoFailure(`AES-CBC ${direction}`, cause);
  }
}

type RawCbc = (key: Uint8Array, iv: Uint8Array, data: Uint8Array, direction: Direction) => Promise<Uint8Array>;

async function cbcEncrypt(block: number, raw: RawCbc, key: Uint8Array, plaintext: Uint8Array, random: RandomSource): Promise<Uint8Array> {
  const iv = random.bytes(block);
  const padded = xmlEncPad(plaintext, block, random);
  return concatBytes(iv, await raw(key, iv, padded, 'encrypt'));
}

async function cbcDecrypt(uri: string, block: number, raw: RawCbc, key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  if (data.length < 2 * block || data.length % block !== 0) {
    throw new CryptoError(
      'XENC_CIPHERTEXT_LENGTH',
      `expected a CipherValue of a whole number of ${block}-byte blocks after the ${block}-byte IV, found ${data.length} bytes`,
    );
  }
  const padded = await raw(key, data.subarray(0, block), data.subarray(block), 'decrypt');
  return xmlEncUnpad(padded, block, uri);
}

async function tripleDesRaw(key: Uint8Array, iv: Uint8Array, data: Uint8Array, direction: Direction): Promise<Uint8Array> {
  return (await loadLegacy()).desEde3CbcRaw(key, iv, data, direction);
}

// ---- AES-GCM (XML Encryption 1.1 §5.2.4) ----------------------------------------------------

async function gcmEncrypt(key: Uint8Array, plaintext: Uint8Array, random: RandomSource): Promise<Uint8Array> {
  const iv = random.bytes(GCM_IV);
  const k = await aesKey('AES-GCM', key, ['encrypt', 'decrypt']);
  if (!k) return concatBytes(iv, (await loadLegacy()).aesGcmEncrypt(key, iv, plaintext));
  const s = await subtle();
  try {
    return concatBytes(iv, new Uint8Array(await s.encrypt({ name: 'AES-GCM', iv: ownBytes(iv), tagLength: 128 }, k, ownBytes(plaintext))));
  } catch (cause) {
    throw webCryptoFailure('AES-GCM encrypt', cause);
  }
}

function gcmTagFailure(): CryptoError {
  return new CryptoError(
    'XENC_DECRYPT_FAILED',
    'expected the AES-GCM authentication tag to verify (XML Encryption 1.1 §5.2.4), found it does not: wrong key, or the CipherValue was altered',
  );
}

async function gcmDecrypt(key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  if (data.length < GCM_IV + GCM_TAG) {
    throw new CryptoError('XENC_CIPHERTEXT_LENGTH', `expected a CipherValue of the ${GCM_IV}-byte IV, the ciphertext and the ${GCM_TAG}-byte tag (at least ${GCM_IV + GCM_TAG} bytes), found ${data.length} bytes`);
  }
  const iv = data.subarray(0, GCM_IV);
  const k = await aesKey('AES-GCM', key, ['encrypt', 'decrypt']);
  if (!k) {
    const out = (await loadLegacy()).aesGcmDecrypt(key, iv, data.subarray(GCM_IV));
    if (!out) throw gcmTagFailure();
    return out;
  }
  const s = await subtle();
  try {
    return new Uint8Array(await s.decrypt({ name: 'AES-GCM', iv: ownBytes(iv.slice()), tagLength: 128 }, k, ownBytes(data.slice(GCM_IV))));
  } catch {
    throw gcmTagFailure();
  }
}

/** Encrypts `plaintext` under a block encryption algorithm; the result is the CipherValue octets. */
export async function encryptBytes(algUri: string, key: Uint8Array, plaintext: Uint8Array, random: RandomSource): Promise<Uint8Array> {
  const alg = blockAlgorithm(algUri);
  checkKeyLength(algUri, key, alg.keyBytes);
  if (alg.kind === 'aes-gcm') return gcmEncrypt(key, plaintext, random);
  if (alg.kind === 'aes-cbc') return cbcEncrypt(AES_BLOCK, aesCbcRaw, key, plaintext, random);
  return cbcEncrypt(8, tripleDesRaw, key, plaintext, random);
}

/** Decrypts CipherValue octets; CryptoError (XENC_CIPHERTEXT_LENGTH, XENC_BAD_PADDING, XENC_DECRYPT_FAILED) when that fails. */
export async function decryptBytes(algUri: string, key: Uint8Array, ciphertext: Uint8Array): Promise<Uint8Array> {
  const alg = blockAlgorithm(algUri);
  checkKeyLength(algUri, key, alg.keyBytes);
  if (alg.kind === 'aes-gcm') return gcmDecrypt(key, ciphertext);
  if (alg.kind === 'aes-cbc') return cbcDecrypt(algUri, AES_BLOCK, aesCbcRaw, key, ciphertext);
  return cbcDecrypt(algUri, 8, tripleDesRaw, key, ciphertext);
}

// ---- key wrap and key transport ---------------------------------------------------------------

export interface WrapOptions {
  /** RSA-OAEP OAEPparams (the OAEP label), XML Encryption §5.4.2; none by default. */
  oaepParams?: Uint8Array;
}

export interface UnwrapOptions extends WrapOptions {
  /** Key length the data algorithm needs; rsa-1_5 substitutes random bytes for anything else (rsa15.ts). */
  expectedLength?: number;
  /** Source of that substitute key; the system source by default. */
  random?: RandomSource;
}

type Kek = Uint8Array | RsaPublicKey | RsaPrivateKey;

function describeKek(kek: Kek): string {
  return kek instanceof Uint8Array ? `${kek.length} raw key bytes` : `an ${kek.kind === 'rsa-public' ? 'RSA public' : 'RSA private'} key`;
}

function wrongKekType(uri: string, expected: string, kek: Kek): UsageError {
  return new UsageError('XENC_WRONG_KEY_TYPE', `expected ${expected} for ${algorithmName(uri)}, found ${describeKek(kek)}`);
}

function kwKeyShape(length: number, what: string, min: number): void {
  if (length % 8 !== 0 || length < min) {
    throw new CryptoError('XENC_CIPHERTEXT_LENGTH', `expected ${what} of a multiple of 8 bytes, at least ${min} (RFC 3394 §2), found ${length} bytes`);
  }
}

const HMAC_HOLDER = { name: 'HMAC', hash: 'SHA-256' } as const;

async function kwWrap(uri: string, kek: Uint8Array, key: Uint8Array): Promise<Uint8Array> {
  kwKeyShape(key.length, `a key to wrap with ${algorithmName(uri)}`, 16);
  const k = await aesKey('AES-KW', kek, ['wrapKey', 'unwrapKey']);
  if (!k) return (await loadLegacy()).aesKeyWrap(kek, key);
  const s = await subtle();
  try {
    // WebCrypto wraps CryptoKeys only; an extractable HMAC key is a neutral holder for any octets.
    const holder = await s.importKey('raw', ownBytes(key), HMAC_HOLDER, true, ['sign']);
    return new Uint8Array(await s.wrapKey('raw', holder, k, 'AES-KW'));
  } catch (cause) {
    throw webCryptoFailure(`${algorithmName(uri)} wrap`, cause);
  }
}

function kwIntegrityFailure(uri: string): CryptoError {
  return new CryptoError(
    'XENC_UNWRAP_FAILED',
    `expected the RFC 3394 integrity check value A6A6A6A6A6A6A6A6 after ${algorithmName(uri)} unwrapping, found another: wrong key-encryption key, or the CipherValue was altered`,
  );
}

async function kwUnwrap(uri: string, kek: Uint8Array, wrapped: Uint8Array): Promise<Uint8Array> {
  kwKeyShape(wrapped.length, `a ${algorithmName(uri)} CipherValue`, 24);
  const k = await aesKey('AES-KW', kek, ['wrapKey', 'unwrapKey']);
  if (!k) {
    const out = (await loadLegacy()).aesKeyUnwrap(kek, wrapped);
    if (!out) throw kwIntegrityFailure(uri);
    return out;
  }
  const s = await subtle();
  let holder: CryptoKey;
  try {
    holder = await s.unwrapKey('raw', ownBytes(wrapped), k, 'AES-KW', HMAC_HOLDER, true, ['sign']);
  } catch {
    throw kwIntegrityFailure(uri);
  }
  return new Uint8Array(await s.exportKey('raw', holder));
}

function oaepParams(opts: WrapOptions): RsaOaepParams {
  return opts.oaepParams && opts.oaepParams.length > 0 ? { name: 'RSA-OAEP', label: ownBytes(opts.oaepParams) } : { name: 'RSA-OAEP' };
}

async function oaepKey(format: 'spki' | 'pkcs8', der: Uint8Array, usage: KeyUsage): Promise<CryptoKey> {
  const s = await subtle();
  try {
    return await s.importKey(format, ownBytes(der), { name: 'RSA-OAEP', hash: 'SHA-1' }, false, [usage]);
  } catch (cause) {
    const found = cause instanceof Error ? cause.message : String(cause);
    throw new CryptoError('XENC_BAD_KEY', `expected an RSA ${format === 'spki' ? 'SubjectPublicKeyInfo' : 'PKCS#8 private key'} for rsa-oaep-mgf1p, found one WebCrypto rejects (${found})`);
  }
}

async function oaepWrap(pub: RsaPublicKey, key: Uint8Array, opts: WrapOptions): Promise<Uint8Array> {
  const k = await oaepKey('spki', pub.spki, 'encrypt');
  try {
    return new Uint8Array(await (await subtle()).encrypt(oaepParams(opts), k, ownBytes(key)));
  } catch (cause) {
    throw webCryptoFailure('RSA-OAEP encryption', cause);
  }
}

async function oaepUnwrap(priv: RsaPrivateKey, wrapped: Uint8Array, opts: WrapOptions): Promise<Uint8Array> {
  const k = await oaepKey('pkcs8', priv.pkcs8, 'decrypt');
  try {
    return new Uint8Array(await (await subtle()).decrypt(oaepParams(opts), k, ownBytes(wrapped)));
  } catch {
    throw new CryptoError(
      'XENC_UNWRAP_FAILED',
      'expected RSA-OAEP decryption (XML Encryption §5.4.2) to yield a key, found it fails: the key was encrypted for another RSA key, the OAEPparams differ, or the CipherValue was altered',
    );
  }
}

/** Encrypts (wraps) the symmetric `key` under `kek`: an RSA public key, or the bytes of an AES KEK. */
export async function wrapKey(algUri: string, kek: Uint8Array | RsaPublicKey, key: Uint8Array, random: RandomSource, opts: WrapOptions = {}): Promise<Uint8Array> {
  const alg = wrapAlgorithm(algUri);
  if (alg.kind === 'kw-aes') {
    if (!(kek instanceof Uint8Array)) throw wrongKekType(algUri, `a ${alg.keyBytes}-byte AES key-encryption key`, kek);
    checkKeyLength(algUri, kek, alg.keyBytes!);
    return kwWrap(algUri, kek, key);
  }
  if (kek instanceof Uint8Array || kek.kind !== 'rsa-public') throw wrongKekType(algUri, 'an RSA public key', kek);
  if (alg.kind === 'rsa-oaep') return oaepWrap(kek, key, opts);
  return (await loadLegacy()).rsa15Encrypt(kek.spki, key, random);
}

/** Decrypts (unwraps) a wrapped key with `kek`: an RSA private key, or the bytes of an AES KEK. */
export async function unwrapKey(algUri: string, kek: Uint8Array | RsaPrivateKey, wrapped: Uint8Array, opts: UnwrapOptions = {}): Promise<Uint8Array> {
  const alg = wrapAlgorithm(algUri);
  if (alg.kind === 'kw-aes') {
    if (!(kek instanceof Uint8Array)) throw wrongKekType(algUri, `a ${alg.keyBytes}-byte AES key-encryption key`, kek);
    checkKeyLength(algUri, kek, alg.keyBytes!);
    return kwUnwrap(algUri, kek, wrapped);
  }
  if (kek instanceof Uint8Array || kek.kind !== 'rsa-private') throw wrongKekType(algUri, 'an RSA private key', kek);
  if (alg.kind === 'rsa-oaep') return oaepUnwrap(kek, wrapped, opts);
  const legacy = await loadLegacy();
  return legacy.rsa15Decrypt(kek.pkcs8, wrapped, opts.expectedLength ?? null, opts.random ?? systemRandom());
}
