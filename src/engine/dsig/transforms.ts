// ds:Transforms (XMLDSig §4.3.3.4, §6.6): the chain that turns the node-set a same-document
// Reference selects into the octets that are digested. Supported, as BSP R5423 allows for WSS:
// exclusive c14n (+ InclusiveNamespaces PrefixList), inclusive c14n 1.0, enveloped-signature
// (§6.6.4) and the WSS STR-Transform (str_transform.ts). A node-set left at the end of the chain
// is converted with inclusive c14n 1.0 (§4.3.3.2). The "#id" node-set has no comments
// (§4.3.3.3), so the #WithComments variants render none here.

import type { Element, Node } from '@xmldom/xmldom';
import { UsageError } from '../report/errors.ts';
import { C14N_10, C14N_10_WITH_COMMENTS, C14N_EXC, C14N_EXC_WITH_COMMENTS, canonicalize } from '../xml/c14n.ts';
import { URI } from '../xml/names.ts';
import { strTransform, type DereferenceStr } from './str_transform.ts';

export interface TransformSpec {
  algorithm: string;
  /** Exclusive c14n: the InclusiveNamespaces PrefixList ('#default' names the default namespace). */
  inclusivePrefixes?: string[];
  /** STR-Transform: the CanonicalizationMethod in wsse:TransformationParameters. */
  c14n?: string;
}

export interface TransformContext {
  /** The ds:Signature the Reference belongs to (what enveloped-signature removes). */
  signature: Element;
  dereferenceStr?: DereferenceStr | undefined;
}

export const TRANSFORM_ALGORITHMS = [
  C14N_EXC, C14N_EXC_WITH_COMMENTS, C14N_10, C14N_10_WITH_COMMENTS, URI.envelopedSignature, URI.strTransform,
] as const;

/** The comment-free algorithm for a same-document reference (§4.3.3.3). */
const WITHOUT_COMMENTS: Record<string, string> = {
  [C14N_EXC]: C14N_EXC, [C14N_EXC_WITH_COMMENTS]: C14N_EXC, [C14N_10]: C14N_10, [C14N_10_WITH_COMMENTS]: C14N_10,
};

type State = { kind: 'nodes'; node: Element; exclude: Element | null } | { kind: 'octets'; text: string };

function isInside(node: Node, ancestor: Node): boolean {
  for (let n: Node | null = node; n; n = n.parentNode) if (n === ancestor) return true;
  return false;
}

/**
 * Canonicalizes node with `exclude` left out of the node-set: the excluded subtree is detached for
 * the (synchronous) canonicalization and put back where it was, so the document is unchanged.
 */
export function canonicalizeExcluding(node: Element, exclude: Element | null, alg: string, prefixes: string[] = []): string {
  if (exclude && isInside(node, exclude)) return '';
  const parent = exclude && isInside(exclude, node) ? exclude.parentNode : null;
  if (!exclude || !parent) return canonicalize(node, alg, { inclusivePrefixes: prefixes });
  const next = exclude.nextSibling;
  parent.removeChild(exclude);
  try {
    return canonicalize(node, alg, { inclusivePrefixes: prefixes });
  } finally {
    parent.insertBefore(exclude, next);
  }
}

function step(state: State, t: TransformSpec, ctx: TransformContext): State {
  if (state.kind === 'octets') {
    throw new UsageError('DSIG_TRANSFORM_CHAIN',
      `expected a node-set as input of transform ${t.algorithm} but the previous transform already produced octets`);
  }
  if (t.algorithm === URI.envelopedSignature) return { ...state, exclude: ctx.signature };
  if (t.algorithm === URI.strTransform) return { kind: 'octets', text: strTransform(state.node, t, ctx.dereferenceStr) };
  const alg = WITHOUT_COMMENTS[t.algorithm];
  if (alg) return { kind: 'octets', text: canonicalizeExcluding(state.node, state.exclude, alg, t.inclusivePrefixes) };
  throw new UsageError('DSIG_UNKNOWN_TRANSFORM',
    `expected a transform among ${TRANSFORM_ALGORITHMS.join(', ')} but found '${t.algorithm}'`);
}

/** The octets (as text) the transform chain makes of the element a "#id" Reference selected. */
export function applyTransforms(target: Element, transforms: TransformSpec[], ctx: TransformContext): string {
  let state: State = { kind: 'nodes', node: target, exclude: null };
  for (const t of transforms) state = step(state, t, ctx);
  return state.kind === 'octets' ? state.text : canonicalizeExcluding(state.node, state.exclude, C14N_10);
}
