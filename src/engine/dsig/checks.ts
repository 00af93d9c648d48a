// Check construction for XML Signature core validation (XMLDSig §3.2): every outcome of verifying a
// ds:Signature is a Check (DESIGN.md decision 4) with a stable DSIG_* code, the rule it enforces and
// the node it is about, so the editor can mark the exact element.

import type { Node } from '@xmldom/xmldom';
import type { Check, CheckStatus } from '../report/check.ts';
import { WsbenchError } from '../report/errors.ts';
import { where } from '../xml/path.ts';

/** The rules the checks cite. */
export const SPEC = {
  referenceValidation: 'XMLDSig §3.2.1',
  signatureValidation: 'XMLDSig §3.2.2',
  signature: 'XMLDSig §4.1',
  signatureValue: 'XMLDSig §4.2',
  signedInfo: 'XMLDSig §4.3',
  c14nMethod: 'XMLDSig §4.3.1',
  signatureMethod: 'XMLDSig §4.3.2',
  uri: 'XMLDSig §4.3.3.1; BSP R3001',
  sameDocument: 'XMLDSig §4.3.3.3',
  duplicateId: 'XMLDSig §4.3.3.3; XML Schema ID uniqueness (signature wrapping)',
  transforms: 'XMLDSig §4.3.3.4; BSP R5423',
  digestMethod: 'XMLDSig §4.3.3.5',
  digestValue: 'XMLDSig §4.3.3.6',
  keyInfo: 'XMLDSig §4.4',
  hmacOutputLength: 'XMLDSig §6.3.1 (CVE-2009-0217)',
  strTransform: 'WSS 1.1 §8.3; BSP R3065',
} as const;

/** A check about `node` (or the whole message when node is null). */
export function dsigCheck(
  code: string, status: CheckStatus, specRef: string, node: Node | null, message: string, details?: Record<string, unknown>,
): Check {
  const c: Check = { code, status, specRef, message, ...(node ? where(node) : { path: '' }) };
  if (details) c.details = details;
  return c;
}

/** A failed check carrying a typed error's code and message, placed at `node`; other errors rethrow. */
export function checkFromDsigError(e: unknown, specRef: string, node: Node | null): Check {
  if (!(e instanceof WsbenchError)) throw e;
  return dsigCheck(e.code, 'fail', specRef, node, e.message);
}
