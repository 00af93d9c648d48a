// XML Signature algorithms over octets (XMLDSig §6.2 Message Digests, §6.3.1 HMAC, §6.4.2 PKCS1
// RSA-SHA1; RFC 6931 §2.3.2 RSA-SHA256 and §2.2.2 HMAC-SHA256): the octet-level sign, verify and
// digest operations the dsig layer runs once it has canonical bytes. HMACOutputLength truncates the
// MAC to its leading bits (XMLDSig §6.3.1); whether a short length is acceptable is a policy
// decision the dsig layer reports as a check (CVE-2009-0217), so only nonsense lengths throw here.

import { UsageError } from '../report/errors.ts';
import { digest, hmac, ownBytes, type HashName } from './digest.ts';
import { bytesEqual } from './encoding.ts';
import { subtle } from './port.ts';
import type { RsaPrivateKey, RsaPublicKey, SecretKey } from './keys.ts';

const DS = 'http://www.w3.org/2000/09/xmldsig#';
const DSMORE = 'http://www.w3.org/2001/04/xmldsig-more#';
const XENC = 'http://www.w3.org/2001/04/xmlenc#';

export interface SignatureAlgorithm {
  uri: string;
  kind: 'rsa' | 'hmac';
  hash: HashName;
  /** Output length of the hash in bits (the full HMAC length). */
  hashBits: number;
}

/** The signature and MAC algorithms wsbench implements, by URI. */
export const SIGNATURE_ALGORITHMS: Readonly<Record<string, SignatureAlgorithm>> = {
  [`${DS}rsa-sha1`]: { uri: `${DS}rsa-sha1`, kind: 'rsa', hash: 'SHA-1', hashBits: 160 },
  [`${DSMORE}rsa-sha256`]: { uri: `${DSMORE}rsa-sha256`, kind: 'rsa', hash: 'SHA-256', hashBits: 256 },
  [`${DS}hmac-sha1`]: { uri: `${DS}hmac-sha1`, kind: 'hmac', hash: 'SHA-1', hashBits: 160 },
  [`${DSMORE}hmac-sha256`]: { uri: `${DSMORE}hmac-sha256`, kind: 'hmac', hash: 'SHA-256', hashBits: 256 },
};

/** The digest algorithms wsbench implements, by URI. */
export const DIGEST_ALGORITHMS: Readonly<Record<string, HashName>> = {
  [`${DS}sha1`]: 'SHA-1',
  [`${XENC}sha256`]: 'SHA-256',
};

export interface SignOptions {
  /** HMACOutputLength in bits: the MAC is cut to this many leading bits (HMAC algorithms only). */
  hmacOutputLength?: number;
}

/** The algorithm record for a SignatureMethod URI; UsageError DSIG_UNKNOWN_ALGORITHM otherwise. */
export function signatureAlgorithm(uri: string): SignatureAlgorithm {
  const alg = SIGNATURE_ALGORITHMS[uri];
  if (alg) return alg;
  throw new UsageError('DSIG_UNKNOWN_ALGORITHM',
    `expected a signature algorithm among ${Object.keys(SIGNATURE_ALGORITHMS).join(', ')} but found '${uri}'`);
}

/** The hash of a DigestMethod URI; UsageError DSIG_UNKNOWN_ALGORITHM otherwise. */
export function digestAlgorithm(uri: string): HashName {
  const hash = DIGEST_ALGORITHMS[uri];
  if (hash) return hash;
  throw new UsageError('DSIG_UNKNOWN_ALGORITHM',
    `expected a digest algorithm among ${Object.keys(DIGEST_ALGORITHMS).join(', ')} but found '${uri}'`);
}

/** The digest of `data` under a DigestMethod URI (XMLDSig §6.2). */
export async function digestBytes(algUri: string, data: Uint8Array): Promise<Uint8Array> {
  return digest(digestAlgorithm(algUri), data);
}

function checkKeyKind(alg: SignatureAlgorithm, kind: string, wanted: string[]): void {
  if (wanted.includes(kind)) return;
  throw new UsageError('DSIG_KEY_ALGORITHM_MISMATCH',
    `expected a ${wanted.join(' or ')} key for ${alg.uri} but found a ${kind} key`);
}

function checkOutputLength(alg: SignatureAlgorithm, bits: number | undefined): number {
  if (bits === undefined) return alg.hashBits;
  if (alg.kind !== 'hmac') {
    throw new UsageError('DSIG_HMAC_OUTPUT_LENGTH', `expected HMACOutputLength only with an HMAC algorithm but found it with ${alg.uri}`);
  }
  if (!Number.isInteger(bits) || bits < 1 || bits > alg.hashBits) {
    throw new UsageError('DSIG_HMAC_OUTPUT_LENGTH', `expected an HMACOutputLength from 1 to ${alg.hashBits} bits for ${alg.uri} but found ${bits}`);
  }
  return bits;
}

/** The leading `bits` bits of `mac`, with unused low bits of the last byte cleared. */
function truncateBits(mac: Uint8Array, bits: number): Uint8Array {
  const out = mac.slice(0, Math.ceil(bits / 8));
  const spare = out.length * 8 - bits;
  if (spare > 0) out[out.length - 1] = out[out.length - 1]! & (0xff << spare);
  return out;
}

const RSA = 'RSASSA-PKCS1-v1_5';

async function rsaSign(hash: HashName, key: RsaPrivateKey, data: Uint8Array): Promise<Uint8Array> {
  const s = await subtle();
  const k = await s.importKey('pkcs8', ownBytes(key.pkcs8), { name: RSA, hash }, false, ['sign']);
  return new Uint8Array(await s.sign(RSA, k, ownBytes(data)));
}

async function rsaVerify(hash: HashName, key: RsaPublicKey, signature: Uint8Array, data: Uint8Array): Promise<boolean> {
  const s = await subtle();
  const k = await s.importKey('spki', ownBytes(key.spki), { name: RSA, hash }, false, ['verify']);
  return s.verify(RSA, k, ownBytes(signature), ownBytes(data));
}

/** Signs (RSA) or MACs (HMAC) `data` with the algorithm `algUri` names. */
export async function signBytes(
  algUri: string, key: RsaPrivateKey | SecretKey, data: Uint8Array, opts: SignOptions = {},
): Promise<Uint8Array> {
  const alg = signatureAlgorithm(algUri);
  const bits = checkOutputLength(alg, opts.hmacOutputLength);
  if (alg.kind === 'rsa') {
    checkKeyKind(alg, key.kind, ['rsa-private']);
    return rsaSign(alg.hash, key as RsaPrivateKey, data);
  }
  checkKeyKind(alg, key.kind, ['secret']);
  return truncateBits(await hmac(alg.hash, (key as SecretKey).bytes, data), bits);
}

/**
 * Verifies a signature or MAC over `data`. A truncated MAC (HMACOutputLength) is compared on its
 * leading bits only, and must be exactly as many bytes as those bits need.
 */
export async function verifyBytes(
  algUri: string, key: RsaPublicKey | SecretKey, signature: Uint8Array, data: Uint8Array, opts: SignOptions = {},
): Promise<boolean> {
  const alg = signatureAlgorithm(algUri);
  const bits = checkOutputLength(alg, opts.hmacOutputLength);
  if (alg.kind === 'rsa') {
    checkKeyKind(alg, key.kind, ['rsa-public']);
    return rsaVerify(alg.hash, key as RsaPublicKey, signature, data);
  }
  checkKeyKind(alg, key.kind, ['secret']);
  const expected = truncateBits(await hmac(alg.hash, (key as SecretKey).bytes, data), bits);
  if (signature.length !== expected.length) return false;
  return bytesEqual(expected, truncateBits(signature, bits));
}
