// Element names of XML Signature (XMLDSig §4, schema namespace http://www.w3.org/2000/09/xmldsig#)
// and the ds:-prefixed qualified names the builder writes, for any chosen prefix.

import type { Element } from '@xmldom/xmldom';
import { attr, childrenNS, firstChildNS } from '../xml/dom.ts';
import { NS } from '../xml/names.ts';
import { parsePrefixList } from '../xml/c14n.ts';

/** `prefix:local`, or just `local` when the prefix is '' (ds as the default namespace). */
export function qname(prefix: string, local: string): string {
  return prefix === '' ? local : `${prefix}:${local}`;
}

/** The first ds:<local> child of el, or null. */
export function dsChild(el: Element, local: string): Element | null {
  return firstChildNS(el, NS.ds, local);
}

/** Every ds:<local> child of el. */
export function dsChildren(el: Element, local: string): Element[] {
  return childrenNS(el, NS.ds, local);
}

/** True for a ds:<local> element. */
export function isDs(el: Element, local: string): boolean {
  return el.namespaceURI === NS.ds && el.localName === local;
}

/** The PrefixList of an ec:InclusiveNamespaces child (exc-c14n §3), [] when there is none. */
export function inclusivePrefixesOf(el: Element): string[] {
  const inc = firstChildNS(el, NS.ec, 'InclusiveNamespaces');
  return inc ? parsePrefixList(attr(inc, 'PrefixList')) : [];
}

/** The Algorithm attribute of el, '' when absent. */
export function algorithmOf(el: Element | null): string {
  return el ? (attr(el, 'Algorithm') ?? '') : '';
}
