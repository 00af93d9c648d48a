// Core validation (XMLDSig §3.2): reference validation (§3.2.1) for every ds:Reference, then
// signature validation (§3.2.2): canonicalize SignedInfo with its CanonicalizationMethod, resolve the
// key through the caller, and check SignatureValue with the SignatureMethod. Everything found is a
// check (DESIGN.md decision 4); the result also carries what the inspector shows: the canonical
// SignedInfo, each reference's canonical octets and digests, and where the key came from.

import type { Element } from '@xmldom/xmldom';
import { utf8 } from '../crypto/encoding.ts';
import { verifyBytes, type SignatureAlgorithm } from '../crypto/signature.ts';
import type { Check } from '../report/check.ts';
import { C14N_ALGORITHMS, canonicalize } from '../xml/c14n.ts';
import { collectIds } from '../xml/ids.ts';
import { readBase64Value } from './base64_value.ts';
import { SPEC, checkFromDsigError, dsigCheck } from './checks.ts';
import type { KeyResolver, ResolvedKey } from './key_info.ts';
import type { ReferenceReport } from './reference.ts';
import { validateReference } from './reference_validation.ts';
import { parseSignature, type ParsedSignature } from './signature_element.ts';
import { DEFAULT_MIN_HMAC_OUTPUT_LENGTH, checkHmacOutputLength, checkKeyKind, checkSignatureAlgorithm } from './signature_method.ts';
import type { ParsedSignedInfo } from './signed_info.ts';
import type { DereferenceStr } from './str_transform.ts';

export interface VerifyOptions {
  resolveKey: KeyResolver;
  dereferenceStr?: DereferenceStr;
  /** Shortest acceptable HMACOutputLength in bits (default 80; half the hash is enforced too). */
  minHmacOutputLength?: number;
}

export interface SignatureVerification {
  ok: boolean;
  checks: Check[];
  signedInfoCanonical: string;
  signatureAlgorithm: string;
  c14nAlgorithm: string;
  key: { source: string; kind: ResolvedKey['kind'] } | null;
  references: ReferenceReport[];
}

/** The canonical SignedInfo, or null with a check when its CanonicalizationMethod is unknown. */
function canonicalSignedInfo(si: ParsedSignedInfo, checks: Check[]): string | null {
  if (!si.c14nMethod) return null;
  if (!(C14N_ALGORITHMS as readonly string[]).includes(si.c14n)) {
    checks.push(dsigCheck('DSIG_UNKNOWN_ALGORITHM', 'fail', SPEC.c14nMethod, si.c14nMethod,
      `expected a canonicalization algorithm among ${C14N_ALGORITHMS.join(', ')} but found '${si.c14n}'`));
    return null;
  }
  return canonicalize(si.element, si.c14n, { inclusivePrefixes: si.inclusivePrefixes });
}

async function resolveKey(parsed: ParsedSignature, opts: VerifyOptions, checks: Check[]): Promise<ResolvedKey | null> {
  let key: ResolvedKey | null = null;
  try {
    const r = await opts.resolveKey(parsed.keyInfo, parsed.element);
    checks.push(...r.checks);
    key = r.key;
  } catch (e) {
    checks.push(checkFromDsigError(e, SPEC.keyInfo, parsed.keyInfo ?? parsed.element));
  }
  if (!key) {
    checks.push(dsigCheck('DSIG_KEY_UNRESOLVED', 'fail', SPEC.keyInfo, parsed.keyInfo ?? parsed.element,
      `expected a verification key from ${parsed.keyInfo ? 'the ds:KeyInfo' : 'the caller (the signature has no ds:KeyInfo)'} but found none`));
  }
  return key;
}

function signatureValueBytes(parsed: ParsedSignature, checks: Check[]): Uint8Array | null {
  if (!parsed.signatureValue) return null;
  const v = readBase64Value(parsed.signatureValue);
  if (v.ok) return v.bytes;
  checks.push(dsigCheck('DSIG_SIGNATURE_VALUE_MALFORMED', 'fail', SPEC.signatureValue, parsed.signatureValue, v.message));
  return null;
}

async function checkValue(
  alg: SignatureAlgorithm, key: ResolvedKey, value: Uint8Array, canonical: string, bits: number | undefined, parsed: ParsedSignature,
): Promise<Check> {
  const node = parsed.signatureValue ?? parsed.element;
  let valid: boolean;
  try {
    valid = await verifyBytes(alg.uri, key, value, utf8(canonical), bits === undefined ? {} : { hmacOutputLength: bits });
  } catch (e) {
    const found = e instanceof Error ? e.message : String(e);
    return dsigCheck('DSIG_KEY_UNUSABLE', 'fail', SPEC.signatureValidation, node, `expected a key usable for ${alg.uri} (from ${key.source}) but the crypto port reported ${found}`);
  }
  if (valid) {
    return dsigCheck('DSIG_SIGNATURE_VALID', 'pass', SPEC.signatureValidation, node, `SignatureValue verifies over the canonical SignedInfo with ${alg.uri} and the key from ${key.source}`);
  }
  return dsigCheck('DSIG_SIGNATURE_INVALID', 'fail', SPEC.signatureValidation, node,
    `expected SignatureValue to verify over the canonical SignedInfo with ${alg.uri} and the key from ${key.source}, but it does not`);
}

async function signatureValidation(parsed: ParsedSignature, si: ParsedSignedInfo, opts: VerifyOptions, out: SignatureVerification): Promise<void> {
  const checks = out.checks;
  const canonical = canonicalSignedInfo(si, checks);
  out.signedInfoCanonical = canonical ?? '';
  const alg = si.signatureMethod ? checkSignatureAlgorithm(si.signatureAlgorithm, si.signatureMethod, checks) : null;
  const minBits = opts.minHmacOutputLength ?? DEFAULT_MIN_HMAC_OUTPUT_LENGTH;
  const bits = alg ? checkHmacOutputLength(si.hmacOutputLength, alg, minBits, checks) : null;
  const key = await resolveKey(parsed, opts, checks);
  if (key) out.key = { source: key.source, kind: key.kind };
  const value = signatureValueBytes(parsed, checks);
  if (canonical === null || !alg || bits === null || !key || !value) return;
  if (!checkKeyKind(alg, key.kind, si.signatureMethod ?? parsed.element, checks)) return;
  checks.push(await checkValue(alg, key, value, canonical, bits, parsed));
}

/** Core validation of one ds:Signature; never throws for anything found in the document. */
export async function verifySignature(sig: Element, opts: VerifyOptions): Promise<SignatureVerification> {
  const { parsed, checks } = parseSignature(sig);
  const si = parsed.signedInfo;
  const out: SignatureVerification = {
    ok: false, checks, signedInfoCanonical: '', signatureAlgorithm: si?.signatureAlgorithm ?? '',
    c14nAlgorithm: si?.c14n ?? '', key: null, references: [],
  };
  if (si) {
    const ctx = { signature: sig, ids: collectIds(sig.ownerDocument ?? sig), dereferenceStr: opts.dereferenceStr };
    for (const ref of si.references) {
      const r = await validateReference(ref, ctx);
      out.references.push(r.report);
      checks.push(...r.checks);
    }
    await signatureValidation(parsed, si, opts, out);
  }
  out.ok = checks.some((c) => c.code === 'DSIG_SIGNATURE_VALID') && !checks.some((c) => c.status === 'fail')
    && out.references.length > 0 && out.references.every((r) => r.ok);
  return out;
}
