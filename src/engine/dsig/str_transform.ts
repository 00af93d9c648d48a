// The STR Dereference Transform (WSS SOAP Message Security 1.1 §8.3, BSP R3065): the input node is
// a wsse:SecurityTokenReference; the output is the canonical form of the token it points to, under
// the ds:CanonicalizationMethod in wsse:TransformationParameters. As WSS4J does, "#default" is in
// the InclusiveNamespaces PrefixList, so an in-scope default namespace is rendered on the token.
// Finding the token is the wss layer's job: the caller passes a dereferenceStr callback, so this
// layer does not depend on wss.

import type { Element } from '@xmldom/xmldom';
import { UsageError } from '../report/errors.ts';
import { C14N_ALGORITHMS, canonicalize } from '../xml/c14n.ts';
import { NS } from '../xml/names.ts';
import { nodePath } from '../xml/path.ts';

/** Returns the security token a wsse:SecurityTokenReference points to, or null when it finds none. */
export type DereferenceStr = (str: Element) => Element | null;

function requireStr(node: Element): void {
  if (node.namespaceURI === NS.wsse && node.localName === 'SecurityTokenReference') return;
  throw new UsageError('DSIG_STR_TRANSFORM_INPUT',
    `expected the STR-Transform input to be a wsse:SecurityTokenReference but found <${node.nodeName}> at ${nodePath(node)}`);
}

/** Canonical form of the token the SecurityTokenReference `str` dereferences to. */
export function strTransform(str: Element, t: { c14n?: string; inclusivePrefixes?: string[] }, deref: DereferenceStr | undefined): string {
  requireStr(str);
  const c14n = t.c14n;
  if (!c14n || !(C14N_ALGORITHMS as readonly string[]).includes(c14n)) {
    throw new UsageError('DSIG_STR_TRANSFORM_PARAMETERS',
      `expected wsse:TransformationParameters/ds:CanonicalizationMethod with one of ${C14N_ALGORITHMS.join(', ')} but found ${c14n ? `'${c14n}'` : 'none'}`);
  }
  if (!deref) {
    throw new UsageError('DSIG_STR_UNRESOLVED',
      `expected a way to dereference the SecurityTokenReference at ${nodePath(str)} but none was given`);
  }
  const token = deref(str);
  if (!token) {
    throw new UsageError('DSIG_STR_UNRESOLVED', `expected the SecurityTokenReference at ${nodePath(str)} to point to a token but found none`);
  }
  return canonicalize(token, c14n, { inclusivePrefixes: ['#default', ...(t.inclusivePrefixes ?? [])] });
}
