// ds:Signature (XMLDSig §4.1): SignedInfo, SignatureValue, optional KeyInfo. Finding signatures in
// a document, and what each one covers, for the UI to mark signed parts.

import type { Document, Element } from '@xmldom/xmldom';
import type { Check } from '../report/check.ts';
import { isElement } from '../xml/dom.ts';
import { collectIds } from '../xml/ids.ts';
import { NS, URI } from '../xml/names.ts';
import { SPEC, dsigCheck } from './checks.ts';
import { dsChild, isDs } from './names.ts';
import { parseSignedInfo, type ParsedSignedInfo } from './signed_info.ts';
import type { DereferenceStr } from './str_transform.ts';

export interface ParsedSignature {
  element: Element;
  signedInfo: ParsedSignedInfo | null;
  signatureValue: Element | null;
  keyInfo: Element | null;
}

/** Parses a ds:Signature; the checks name every required part that is missing. */
export function parseSignature(sig: Element): { parsed: ParsedSignature; checks: Check[] } {
  const checks: Check[] = [];
  if (sig.namespaceURI !== NS.ds || sig.localName !== 'Signature') {
    checks.push(dsigCheck('DSIG_MALFORMED', 'fail', SPEC.signature, sig,
      `expected a ds:Signature element ({${NS.ds}}Signature) but found <${sig.nodeName}>`));
  }
  const si = dsChild(sig, 'SignedInfo');
  const parsed: ParsedSignature = {
    element: sig, signedInfo: null, signatureValue: dsChild(sig, 'SignatureValue'), keyInfo: dsChild(sig, 'KeyInfo'),
  };
  if (si) {
    const r = parseSignedInfo(si);
    parsed.signedInfo = r.signedInfo;
    checks.push(...r.checks);
  } else {
    checks.push(dsigCheck('DSIG_MALFORMED', 'fail', SPEC.signature, sig, 'expected a ds:SignedInfo in ds:Signature but found none'));
  }
  if (!parsed.signatureValue) {
    checks.push(dsigCheck('DSIG_MALFORMED', 'fail', SPEC.signatureValue, sig, 'expected a ds:SignatureValue in ds:Signature but found none'));
  }
  return { parsed, checks };
}

/** Every ds:Signature in the document, in document order. */
export function findSignatures(doc: Document | Element): Element[] {
  const list = doc.getElementsByTagNameNS(NS.ds, 'Signature');
  const out: Element[] = [];
  for (let i = 0; i < list.length; i++) out.push(list.item(i)!);
  if (isElement(doc) && isDs(doc, 'Signature')) out.unshift(doc);
  return out;
}

/**
 * The elements a signature covers: for each "#id" Reference, the element carrying that Id (the
 * first, as verification resolves it), and for an STR-Transform also the token the reference
 * dereferences to when `dereferenceStr` is given. No duplicates, in Reference order.
 */
export function referencedElements(sig: Element, opts: { dereferenceStr?: DereferenceStr } = {}): Element[] {
  const si = dsChild(sig, 'SignedInfo');
  const root = sig.ownerDocument ?? sig;
  if (!si) return [];
  const ids = collectIds(root);
  const out: Element[] = [];
  for (const ref of parseSignedInfo(si).signedInfo.references) {
    const uri = ref.uri ?? '';
    const el = uri.startsWith('#') ? ids.get(uri.slice(1))?.[0] : undefined;
    if (!el) continue;
    out.push(el);
    if (opts.dereferenceStr && ref.transforms.some((t) => t.algorithm === URI.strTransform)) {
      const token = opts.dereferenceStr(el);
      if (token) out.push(token);
    }
  }
  return [...new Set(out)];
}
