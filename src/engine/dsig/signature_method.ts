// ds:SignatureMethod (XMLDSig §4.3.2, §6.1, §6.3.1): the algorithm must be one wsbench implements,
// the key must be of the kind it needs (an RSA public key is never accepted as an HMAC secret),
// and a truncated HMAC (HMACOutputLength) must keep at least max(80, half the hash) bits: shorter
// MACs are forgeable (CVE-2009-0217), and the rule is XMLDSig 2nd edition's.

import type { Element } from '@xmldom/xmldom';
import { SIGNATURE_ALGORITHMS, type SignatureAlgorithm } from '../crypto/signature.ts';
import type { Check } from '../report/check.ts';
import { textOf } from '../xml/dom.ts';
import { SPEC, dsigCheck } from './checks.ts';

export const DEFAULT_MIN_HMAC_OUTPUT_LENGTH = 80;

/** The algorithm record, or null with a DSIG_UNKNOWN_ALGORITHM check. */
export function checkSignatureAlgorithm(uri: string, node: Element, checks: Check[]): SignatureAlgorithm | null {
  const alg = SIGNATURE_ALGORITHMS[uri];
  if (alg) return alg;
  checks.push(dsigCheck('DSIG_UNKNOWN_ALGORITHM', 'fail', SPEC.signatureMethod, node,
    `expected a signature algorithm among ${Object.keys(SIGNATURE_ALGORITHMS).join(', ')} but found '${uri}'`));
  return null;
}

/**
 * The HMACOutputLength in bits (undefined when absent), or null with a DSIG_HMAC_OUTPUT_LENGTH
 * check when it is malformed, used with a non-HMAC algorithm, too short or longer than the hash.
 */
export function checkHmacOutputLength(
  el: Element | null, alg: SignatureAlgorithm, minBits: number, checks: Check[],
): number | undefined | null {
  if (!el) return undefined;
  const fail = (message: string): null => {
    checks.push(dsigCheck('DSIG_HMAC_OUTPUT_LENGTH', 'fail', SPEC.hmacOutputLength, el, message));
    return null;
  };
  const text = textOf(el).trim();
  if (alg.kind !== 'hmac') return fail(`expected HMACOutputLength only with an HMAC algorithm but found it with ${alg.uri}`);
  if (!/^[0-9]+$/.test(text)) return fail(`expected HMACOutputLength to be a whole number of bits but found '${text}'`);
  const bits = Number(text);
  const min = Math.max(minBits, alg.hashBits / 2);
  if (bits < min) return fail(`expected HMACOutputLength of at least ${min} bits for ${alg.uri} but found ${bits}`);
  if (bits > alg.hashBits) return fail(`expected HMACOutputLength of at most ${alg.hashBits} bits for ${alg.uri} but found ${bits}`);
  return bits;
}

/** True when the resolved key suits the algorithm; otherwise pushes DSIG_KEY_ALGORITHM_MISMATCH. */
export function checkKeyKind(alg: SignatureAlgorithm, kind: string, node: Element, checks: Check[]): boolean {
  const wanted = alg.kind === 'rsa' ? 'rsa-public' : 'secret';
  if (kind === wanted) return true;
  checks.push(dsigCheck('DSIG_KEY_ALGORITHM_MISMATCH', 'fail', SPEC.signatureMethod, node,
    `expected a ${wanted} key for ${alg.uri} but the key resolved is a ${kind} key`));
  return false;
}
