// Reference validation (XMLDSig §3.2.1): dereference the "#id" URI (§4.3.3.3), apply the
// Transforms, digest with the DigestMethod and compare with the stated DigestValue. Every step
// that fails is a check on the ds:Reference; the report keeps whatever was computed so the
// inspector can show the canonical octets and both digests side by side.

import type { Element } from '@xmldom/xmldom';
import { bytesEqual, fromBase64 } from '../crypto/encoding.ts';
import { DIGEST_ALGORITHMS } from '../crypto/signature.ts';
import type { Check } from '../report/check.ts';
import { WsbenchError } from '../report/errors.ts';
import { nodePath, nodePosition } from '../xml/path.ts';
import { readBase64Value } from './base64_value.ts';
import { SPEC, checkFromDsigError, dsigCheck } from './checks.ts';
import { algorithmOf } from './names.ts';
import { digestTarget, type ParsedReference, type ReferenceContext, type ReferenceReport } from './reference.ts';

/** Why a URI is not a shorthand pointer wsbench dereferences, or null when it is one. */
function uriProblem(uri: string | null): { code: string; message: string } | null {
  if (uri === null || uri === '') {
    return { code: 'DSIG_EMPTY_URI', message: `expected a Reference URI of the form '#id' but found ${uri === null ? 'no URI attribute' : "URI=\"\" (the whole document)"}` };
  }
  if (!uri.startsWith('#')) {
    return { code: 'DSIG_EXTERNAL_URI', message: `expected a same-document Reference URI '#id' but found '${uri}', which wsbench refuses to fetch` };
  }
  if (uri.length === 1 || uri.startsWith('#xpointer(')) {
    return { code: 'DSIG_URI_UNSUPPORTED', message: `expected a shorthand pointer '#id' but found '${uri}'` };
  }
  return null;
}

/** The element a "#id" URI selects; pushes the URI, not-found and duplicate-Id checks. */
export function resolveReference(ref: ParsedReference, ctx: ReferenceContext, checks: Check[]): Element | null {
  const problem = uriProblem(ref.uri);
  if (problem) {
    checks.push(dsigCheck(problem.code, 'fail', SPEC.uri, ref.element, problem.message, { uri: ref.uri }));
    return null;
  }
  const id = ref.uri!.slice(1);
  const found = ctx.ids.get(id) ?? [];
  if (found.length === 0) {
    checks.push(dsigCheck('DSIG_REFERENCE_NOT_FOUND', 'fail', SPEC.sameDocument, ref.element,
      `expected an element with Id '${id}' (wsu:Id, Id, ID or AssertionID) for Reference URI '${ref.uri}' but found none`, { uri: ref.uri }));
    return null;
  }
  if (found.length > 1) {
    const paths = found.map((e) => nodePath(e));
    checks.push(dsigCheck('DSIG_DUPLICATE_ID', 'fail', SPEC.duplicateId, ref.element,
      `expected Id '${id}' on exactly one element but found it on ${found.length}: ${paths.join(', ')}`, { uri: ref.uri, paths }));
  }
  return found[0]!;
}

function emptyReport(ref: ParsedReference): ReferenceReport {
  return {
    uri: ref.uri ?? '', path: '', transforms: ref.transforms.map((t) => t.algorithm), canonical: '',
    statedDigest: ref.digestValue ? (ref.digestValue.textContent ?? '') : '', computedDigest: '',
    digestAlgorithm: algorithmOf(ref.digestMethod), ok: false,
  };
}

/** The stated digest bytes, or null (with a check) when DigestValue is missing or malformed. */
function statedDigest(ref: ParsedReference, checks: Check[]): Uint8Array | null {
  if (!ref.digestValue) {
    checks.push(dsigCheck('DSIG_MALFORMED', 'fail', SPEC.digestValue, ref.element, 'expected a ds:DigestValue in the Reference but found none'));
    return null;
  }
  const v = readBase64Value(ref.digestValue);
  if (v.ok) return v.bytes;
  checks.push(dsigCheck('DSIG_DIGEST_VALUE_MALFORMED', 'fail', SPEC.digestValue, ref.digestValue, v.message, { uri: ref.uri }));
  return null;
}

/** True when the DigestMethod names a digest wsbench implements; otherwise pushes a check. */
function knownDigest(ref: ParsedReference, alg: string, checks: Check[]): boolean {
  if (DIGEST_ALGORITHMS[alg]) return true;
  const message = ref.digestMethod
    ? `expected a digest algorithm among ${Object.keys(DIGEST_ALGORITHMS).join(', ')} but found '${alg}'`
    : 'expected a ds:DigestMethod in the Reference but found none';
  checks.push(dsigCheck(ref.digestMethod ? 'DSIG_UNKNOWN_ALGORITHM' : 'DSIG_MALFORMED', 'fail', SPEC.digestMethod, ref.digestMethod ?? ref.element, message));
  return false;
}

function compareDigests(ref: ParsedReference, report: ReferenceReport, stated: Uint8Array, checks: Check[]): void {
  const details = { uri: report.uri, targetPath: report.path, stated: report.statedDigest.trim(), computed: report.computedDigest };
  if (bytesEqual(stated, fromBase64(report.computedDigest))) {
    checks.push(dsigCheck('DSIG_REFERENCE_OK', 'pass', SPEC.referenceValidation, ref.element,
      `Reference ${report.uri}: DigestValue ${report.computedDigest} matches the canonical form of ${report.path}`, details));
    return;
  }
  checks.push(dsigCheck('DSIG_DIGEST_MISMATCH', 'fail', SPEC.referenceValidation, ref.element,
    `expected DigestValue ${report.computedDigest} (computed over the canonical form of ${report.path}), found ${details.stated}`, details));
}

/** Validates one Reference; the report holds the canonical octets and both digests when computed. */
export async function validateReference(ref: ParsedReference, ctx: ReferenceContext): Promise<{ report: ReferenceReport; checks: Check[] }> {
  const checks: Check[] = [];
  const report = emptyReport(ref);
  const target = resolveReference(ref, ctx, checks);
  const stated = statedDigest(ref, checks);
  const digestKnown = knownDigest(ref, report.digestAlgorithm, checks);
  if (target) {
    report.path = nodePath(target);
    const pos = nodePosition(target);
    if (pos) report.line = pos.line;
  }
  if (target && digestKnown) {
    try {
      const d = await digestTarget(target, ref.transforms, report.digestAlgorithm, ctx);
      report.canonical = d.canonical;
      report.computedDigest = d.digest;
      if (stated) compareDigests(ref, report, stated, checks);
    } catch (e) {
      const str = e instanceof WsbenchError && e.code.startsWith('DSIG_STR');
      checks.push(checkFromDsigError(e, str ? SPEC.strTransform : SPEC.transforms, ref.element));
    }
  }
  report.ok = checks.length > 0 && checks.every((c) => c.status !== 'fail');
  return { report, checks };
}
