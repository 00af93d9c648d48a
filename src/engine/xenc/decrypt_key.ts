// XML Encryption 1.0 §4.2 step 2 for an xenc:EncryptedKey (§3.5.1): find the key-encryption key
// through its ds:KeyInfo (the caller's resolver), unwrap the CipherValue with the key transport
// (§5.4.1 rsa-1_5, §5.4.2 rsa-oaep-mgf1p) or key wrap (§5.6.3 kw-aes*) algorithm, and record the
// step of the key chain for the inspector. For rsa-1_5 the expected data key length comes from the
// EncryptedData the key is for, so that a bad padding yields a random key of that length (no
// padding oracle; see crypto/legacy/rsa15.ts) and the failure shows up in the data decryption.

import type { Element } from '@xmldom/xmldom';
import { algorithmName, assertKeyWrapAlgorithm, keyLengthOf, unwrapKey } from '../crypto/cipher.ts';
import { toBase64 } from '../crypto/encoding.ts';
import type { RsaPrivateKey } from '../crypto/keys.ts';
import type { Check } from '../report/check.ts';
import { attr, firstChildNS } from '../xml/dom.ts';
import { NS, URI } from '../xml/names.ts';
import { where } from '../xml/path.ts';
import { failureFromError, legacyWarning, xencCheck } from './checks.ts';
import { cipherValueBytes, readEncryptedType, type EncryptedTypeParts } from './encrypted_data.ts';
import { oaepParamsOf } from './encrypted_key.ts';
import { dataKeyLengthFor } from './key_length.ts';
import { XENC_CODES, XENC_SPEC } from './spec.ts';

/** One link of a key chain, for the inspector: which element gave which key, from what. */
export interface KeyChainStep {
  what: string;
  algorithm: string;
  keySource: string;
  /** The resulting key, base64. */
  keyBytes?: string;
}

/** What the caller's key lookup found for a ds:KeyInfo (null when there is none). */
export interface ResolvedKeyForKeyInfo {
  key: RsaPrivateKey | Uint8Array | null;
  source: string;
  checks: Check[];
}

export type KeyInfoResolver = (keyInfo: Element | null) => Promise<ResolvedKeyForKeyInfo>;

export interface EncryptedKeyResult {
  key: Uint8Array | null;
  checks: Check[];
  chain: KeyChainStep[];
}

function label(ek: Element, parts: EncryptedTypeParts): string {
  return `EncryptedKey${parts.id ? ` '${parts.id}'` : ''} at ${where(ek).path}`;
}

/** Algorithm problems found before any key is looked up, as a failed check. */
function algorithmFailure(ek: Element, parts: EncryptedTypeParts): Check | null {
  const name = label(ek, parts);
  if (!parts.algorithm) {
    return xencCheck(XENC_CODES.unknownAlgorithm, 'fail', `${name}: expected an xenc:EncryptionMethod with an Algorithm, found none`, XENC_SPEC.encryptionMethod, ek);
  }
  try {
    assertKeyWrapAlgorithm(parts.algorithm);
  } catch (error) {
    return failureFromError(error, parts.method ?? ek, XENC_SPEC.algorithms, name);
  }
  const digestMethod = parts.method ? firstChildNS(parts.method, NS.ds, 'DigestMethod') : null;
  const digest = (digestMethod && attr(digestMethod, 'Algorithm')) ?? URI.sha1;
  if (parts.algorithm === URI.rsaOaepMgf1p && digest !== URI.sha1) {
    return xencCheck(XENC_CODES.unknownAlgorithm, 'fail', `${name}: expected the rsa-oaep-mgf1p DigestMethod ${URI.sha1}, found ${digest} (OAEP with that digest and MGF1-SHA1 is not available through WebCrypto)`, XENC_SPEC.rsaOaep, parts.method ?? ek);
  }
  if (!parts.cipherValue) {
    return xencCheck(XENC_CODES.malformed, 'fail', `${name}: expected xenc:CipherData/xenc:CipherValue, found none`, XENC_SPEC.cipherData, ek);
  }
  return null;
}

function specFor(algorithm: string): string {
  return algorithm === URI.rsa15 ? XENC_SPEC.rsa15 : algorithm === URI.rsaOaepMgf1p ? XENC_SPEC.rsaOaep : XENC_SPEC.aesKeyWrap;
}

function unwrappedCheck(ek: Element, parts: EncryptedTypeParts, key: Uint8Array, source: string): Check {
  const algorithm = parts.algorithm!;
  const caveat = algorithm === URI.rsa15
    ? ' (with rsa-1_5 a wrong key or bad padding also yields a key here, by design against padding oracles: a failure shows in the data decryption)'
    : '';
  return xencCheck(XENC_CODES.keyUnwrapped, 'pass', `${label(ek, parts)}: unwrapped a ${key.length}-byte key with ${algorithmName(algorithm)} using ${source}${caveat}`, specFor(algorithm), ek, { algorithm, keySource: source, keyLength: key.length });
}

/**
 * Unwraps the key of an EncryptedKey. `resolvePrivateKey` maps its ds:KeyInfo to the RSA private
 * key or AES key-encryption key; `expectedKeyLength` overrides the length read from the
 * EncryptedData it serves (used by rsa-1_5's implicit rejection).
 */
export async function decryptEncryptedKey(
  ek: Element,
  resolvePrivateKey: KeyInfoResolver,
  opts: { expectedKeyLength?: number } = {},
): Promise<EncryptedKeyResult> {
  const parts = readEncryptedType(ek);
  const broken = algorithmFailure(ek, parts);
  if (broken) return { key: null, checks: [broken], chain: [] };
  const algorithm = parts.algorithm!;
  const checks = legacyWarning(algorithm, ek, label(ek, parts));
  const resolved = await resolvePrivateKey(parts.keyInfo);
  checks.push(...resolved.checks);
  if (!resolved.key) {
    checks.push(xencCheck(XENC_CODES.keyUnresolved, 'fail', `${label(ek, parts)}: expected a key-encryption key for its KeyInfo, found none (${resolved.source})`, XENC_SPEC.encryptedKey, parts.keyInfo ?? ek));
    return { key: null, checks, chain: [] };
  }
  try {
    const expectedLength = opts.expectedKeyLength ?? dataKeyLengthFor(ek, keyLengthOf);
    const { oaepParams } = oaepParamsOf(parts.method);
    const key = await unwrapKey(algorithm, resolved.key, cipherValueBytes(parts.cipherValue!), { oaepParams, expectedLength });
    checks.push(unwrappedCheck(ek, parts, key, resolved.source));
    const step: KeyChainStep = { what: label(ek, parts), algorithm, keySource: resolved.source, keyBytes: toBase64(key) };
    return { key, checks, chain: [step] };
  } catch (error) {
    checks.push(failureFromError(error, ek, specFor(algorithm), `${label(ek, parts)} with ${algorithmName(algorithm)}`));
    return { key: null, checks, chain: [] };
  }
}
