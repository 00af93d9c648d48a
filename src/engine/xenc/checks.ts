// Check construction for the xenc layer (DESIGN.md decision 4): every result names its node's path
// and source position; errors from the cipher layer become failed checks that keep their own code
// in `details.cause`.

import type { Node } from '@xmldom/xmldom';
import type { Check, CheckStatus } from '../report/check.ts';
import { WsbenchError } from '../report/errors.ts';
import { checkFromError } from '../report/check_from_error.ts';
import { algorithmName, isLegacyAlgorithm } from '../crypto/cipher.ts';
import { where } from '../xml/path.ts';
import { XENC_CODES, XENC_SPEC } from './spec.ts';

export function xencCheck(code: string, status: CheckStatus, message: string, specRef: string, node: Node, details?: Record<string, unknown>): Check {
  const c: Check = { code, status, message, specRef, ...where(node) };
  if (details) c.details = details;
  return c;
}

/** A failed check from an error thrown by cipher.ts or a decoder; unknown algorithms keep their code. */
export function failureFromError(error: unknown, node: Node, specRef: string, what: string): Check {
  if (!(error instanceof WsbenchError)) return { ...checkFromError(error), ...where(node) };
  const code = error.code === XENC_CODES.unknownAlgorithm ? XENC_CODES.unknownAlgorithm : XENC_CODES.decryptFailed;
  const ref = code === XENC_CODES.unknownAlgorithm ? XENC_SPEC.algorithms : specRef;
  return xencCheck(code, 'fail', `${what}: ${error.message}`, ref, node, { cause: error.code });
}

/** The XENC_LEGACY_ALGORITHM warning for a deprecated algorithm, or nothing. */
export function legacyWarning(algorithm: string, node: Node, role: string): Check[] {
  if (!isLegacyAlgorithm(algorithm)) return [];
  const why = algorithmName(algorithm) === 'rsa-1_5'
    ? 'RSAES-PKCS1-v1_5 key transport is open to Bleichenbacher padding-oracle attacks; use rsa-oaep-mgf1p'
    : 'Triple DES has a 64-bit block (Sweet32) and is deprecated; use aes128-gcm or aes256-gcm';
  return [xencCheck(XENC_CODES.legacyAlgorithm, 'warn', `${role} uses the legacy algorithm ${algorithmName(algorithm)}: ${why}`, XENC_SPEC.algorithms, node, { algorithm })];
}
