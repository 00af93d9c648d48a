// ds:Reference (XMLDSig §4.3.3) and reference validation (§3.2.1): parse a Reference, build one for
// signing, and validate one. wsbench dereferences only same-document shorthand pointers "#id"
// (BSP R3001) over wsu:Id, Id, ID and AssertionID; an Id carried by two elements is a failure
// of its own (signature wrapping), whatever the digest says.

import type { Element } from '@xmldom/xmldom';
import { toBase64, utf8 } from '../crypto/encoding.ts';
import { digestBytes } from '../crypto/signature.ts';
import type { ElSpec } from '../xml/dom.ts';
import { attr, firstChildNS } from '../xml/dom.ts';
import { NS, URI } from '../xml/names.ts';
import { algorithmOf, dsChild, dsChildren, inclusivePrefixesOf, qname } from './names.ts';
import type { DereferenceStr } from './str_transform.ts';
import { applyTransforms, type TransformSpec } from './transforms.ts';

export interface ParsedReference {
  element: Element;
  /** The URI attribute, null when absent. */
  uri: string | null;
  transforms: TransformSpec[];
  digestMethod: Element | null;
  digestValue: Element | null;
}

/** Per-reference diagnostics (DESIGN.md §3: canonical bytes, stated vs computed digest). */
export interface ReferenceReport {
  uri: string;
  /** Path of the element the URI resolved to ('' when it resolved to none). */
  path: string;
  line?: number;
  transforms: string[];
  /** The exact octets digested, as text. */
  canonical: string;
  statedDigest: string;
  computedDigest: string;
  digestAlgorithm: string;
  ok: boolean;
}

export interface ReferenceContext {
  signature: Element;
  /** Id value -> every element carrying it (collectIds of the whole document). */
  ids: Map<string, Element[]>;
  dereferenceStr?: DereferenceStr | undefined;
}

function parseTransform(t: Element): TransformSpec {
  const spec: TransformSpec = { algorithm: algorithmOf(t) };
  const prefixes = inclusivePrefixesOf(t);
  if (prefixes.length > 0) spec.inclusivePrefixes = prefixes;
  if (spec.algorithm === URI.strTransform) {
    const params = firstChildNS(t, NS.wsse, 'TransformationParameters');
    const cm = params ? dsChild(params, 'CanonicalizationMethod') : null;
    if (cm) {
      spec.c14n = algorithmOf(cm);
      const inner = inclusivePrefixesOf(cm);
      if (inner.length > 0) spec.inclusivePrefixes = inner;
    }
  }
  return spec;
}

export function parseReference(el: Element): ParsedReference {
  const transforms = dsChild(el, 'Transforms');
  return {
    element: el,
    uri: attr(el, 'URI'),
    transforms: transforms ? dsChildren(transforms, 'Transform').map(parseTransform) : [],
    digestMethod: dsChild(el, 'DigestMethod'),
    digestValue: dsChild(el, 'DigestValue'),
  };
}

/** ec:InclusiveNamespaces, written only for a non-empty PrefixList (BSP R5406, R5407). */
export function inclusiveNamespacesSpec(prefixes: string[] | undefined): ElSpec | null {
  if (!prefixes || prefixes.length === 0) return null;
  return { ns: NS.ec, name: 'ec:InclusiveNamespaces', attrs: { PrefixList: prefixes.join(' ') } };
}

function transformSpec(p: string, t: TransformSpec): ElSpec {
  const children: ElSpec[] = [];
  if (t.algorithm === URI.strTransform) {
    const cm: ElSpec = { ns: NS.ds, name: qname(p, 'CanonicalizationMethod'), attrs: { Algorithm: t.c14n ?? URI.excC14n } };
    const inc = inclusiveNamespacesSpec(t.inclusivePrefixes);
    if (inc) cm.children = [inc];
    children.push({ ns: NS.wsse, name: 'wsse:TransformationParameters', children: [cm] });
  } else {
    const inc = inclusiveNamespacesSpec(t.inclusivePrefixes);
    if (inc) children.push(inc);
  }
  return { ns: NS.ds, name: qname(p, 'Transform'), attrs: { Algorithm: t.algorithm }, children };
}

/** A ds:Reference with an empty DigestValue, to be filled once the signature is in place. */
export function referenceSpec(p: string, uri: string, transforms: TransformSpec[], digest: string): ElSpec {
  return {
    ns: NS.ds, name: qname(p, 'Reference'), attrs: { URI: uri },
    children: [
      transforms.length > 0 && { ns: NS.ds, name: qname(p, 'Transforms'), children: transforms.map((t) => transformSpec(p, t)) },
      { ns: NS.ds, name: qname(p, 'DigestMethod'), attrs: { Algorithm: digest } },
      { ns: NS.ds, name: qname(p, 'DigestValue') },
    ],
  };
}

/** Canonical octets and digest of the element a Reference selected. */
export async function digestTarget(
  target: Element, transforms: TransformSpec[], digest: string, ctx: Omit<ReferenceContext, 'ids'>,
): Promise<{ canonical: string; digest: string }> {
  const canonical = applyTransforms(target, transforms, ctx);
  return { canonical, digest: toBase64(await digestBytes(digest, utf8(canonical))) };
}
