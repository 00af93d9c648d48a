// ds:SignedInfo (XMLDSig §4.3) with ds:CanonicalizationMethod (§4.3.1), ds:SignatureMethod and its
// optional ds:HMACOutputLength (§4.3.2, §6.3.1) and the ds:Reference list (§4.3.3): parsed for
// verification, built for signing. Parsing reports missing parts as DSIG_MALFORMED checks.

import type { Element } from '@xmldom/xmldom';
import type { Check } from '../report/check.ts';
import type { ElSpec } from '../xml/dom.ts';
import { NS } from '../xml/names.ts';
import { SPEC, dsigCheck } from './checks.ts';
import { algorithmOf, dsChild, dsChildren, inclusivePrefixesOf, qname } from './names.ts';
import { inclusiveNamespacesSpec, parseReference, referenceSpec, type ParsedReference } from './reference.ts';
import type { TransformSpec } from './transforms.ts';

export interface ParsedSignedInfo {
  element: Element;
  c14nMethod: Element | null;
  c14n: string;
  inclusivePrefixes: string[];
  signatureMethod: Element | null;
  signatureAlgorithm: string;
  hmacOutputLength: Element | null;
  references: ParsedReference[];
}

export interface SignedInfoSpec {
  c14n: string;
  inclusivePrefixes?: string[] | undefined;
  signatureAlgorithm: string;
  hmacOutputLength?: number | undefined;
  references: Array<{ uri: string; transforms: TransformSpec[]; digest: string }>;
}

/** Parses SignedInfo; the checks name every required part that is missing. */
export function parseSignedInfo(el: Element): { signedInfo: ParsedSignedInfo; checks: Check[] } {
  const c14nMethod = dsChild(el, 'CanonicalizationMethod');
  const signatureMethod = dsChild(el, 'SignatureMethod');
  const signedInfo: ParsedSignedInfo = {
    element: el,
    c14nMethod,
    c14n: algorithmOf(c14nMethod),
    inclusivePrefixes: c14nMethod ? inclusivePrefixesOf(c14nMethod) : [],
    signatureMethod,
    signatureAlgorithm: algorithmOf(signatureMethod),
    hmacOutputLength: signatureMethod ? dsChild(signatureMethod, 'HMACOutputLength') : null,
    references: dsChildren(el, 'Reference').map(parseReference),
  };
  const checks: Check[] = [];
  const missing = (what: string, spec: string): void => {
    checks.push(dsigCheck('DSIG_MALFORMED', 'fail', spec, el, `expected ${what} in ds:SignedInfo but found none`));
  };
  if (!c14nMethod) missing('a ds:CanonicalizationMethod', SPEC.c14nMethod);
  if (!signatureMethod) missing('a ds:SignatureMethod', SPEC.signatureMethod);
  if (signedInfo.references.length === 0) missing('at least one ds:Reference', SPEC.signedInfo);
  return { signedInfo, checks };
}

/** The SignedInfo of a new signature, its DigestValues still empty. */
export function signedInfoSpec(p: string, s: SignedInfoSpec): ElSpec {
  const cm: ElSpec = { ns: NS.ds, name: qname(p, 'CanonicalizationMethod'), attrs: { Algorithm: s.c14n } };
  const inc = inclusiveNamespacesSpec(s.inclusivePrefixes);
  if (inc) cm.children = [inc];
  const sm: ElSpec = { ns: NS.ds, name: qname(p, 'SignatureMethod'), attrs: { Algorithm: s.signatureAlgorithm } };
  if (s.hmacOutputLength !== undefined) {
    sm.children = [{ ns: NS.ds, name: qname(p, 'HMACOutputLength'), text: String(s.hmacOutputLength) }];
  }
  return {
    ns: NS.ds, name: qname(p, 'SignedInfo'),
    children: [cm, sm, ...s.references.map((r) => referenceSpec(p, r.uri, r.transforms, r.digest))],
  };
}
