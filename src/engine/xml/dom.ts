// DOM helpers over @xmldom/xmldom (Namespaces in XML 1.0): child selection by namespace and local
// name, text content, attribute lookup. Every layer above reads messages through these, so they
// never guess a namespace: `null` means "no namespace", never "any namespace".

import type { Attr, Element, Node } from '@xmldom/xmldom';
import { NS } from './names.ts';

export { build, newDocument } from './build.ts';
export type { ElSpec } from './build.ts';

export const ELEMENT_NODE = 1;
export const ATTRIBUTE_NODE = 2;
export const TEXT_NODE = 3;
export const CDATA_SECTION_NODE = 4;
export const PROCESSING_INSTRUCTION_NODE = 7;
export const COMMENT_NODE = 8;
export const DOCUMENT_NODE = 9;

export function isElement(n: Node): n is Element {
  return n.nodeType === ELEMENT_NODE;
}

export function isAttr(n: Node): n is Attr {
  return n.nodeType === ATTRIBUTE_NODE;
}

/** Namespace URIs compare with null and '' as the same "no namespace". */
function sameNs(a: string | null | undefined, b: string | null | undefined): boolean {
  return (a ?? '') === (b ?? '');
}

/** The child elements of el, in document order. */
export function childElements(el: Element): Element[] {
  const out: Element[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling) if (isElement(c)) out.push(c);
  return out;
}

/** The first child element with this namespace (null = none) and local name, or null. */
export function firstChildNS(el: Element, ns: string | null, local: string): Element | null {
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (isElement(c) && c.localName === local && sameNs(c.namespaceURI, ns)) return c;
  }
  return null;
}

/** Every child element with this namespace (null = none) and local name. */
export function childrenNS(el: Element, ns: string | null, local: string): Element[] {
  return childElements(el).filter((c) => c.localName === local && sameNs(c.namespaceURI, ns));
}

/** The concatenated text and CDATA content of el's descendants (comments and PIs excluded). */
export function textOf(el: Element): string {
  const parts: string[] = [];
  const stack: Node[] = [el];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.nodeType === TEXT_NODE || n.nodeType === CDATA_SECTION_NODE) {
      parts.push(n.nodeValue ?? '');
      continue;
    }
    if (!isElement(n)) continue;
    for (let c = n.lastChild; c; c = c.previousSibling) stack.push(c);
  }
  return parts.join('');
}

/**
 * The value of an attribute, or null when absent. With `ns` omitted or null the attribute must be
 * unqualified (`Id`, not `wsu:Id`); namespace declarations are never returned.
 */
export function attr(el: Element, local: string, ns?: string | null): string | null {
  const a = attrNode(el, local, ns);
  return a ? a.value : null;
}

/** The Attr node behind attr(), for callers that need its position. */
export function attrNode(el: Element, local: string, ns?: string | null): Attr | null {
  const attrs = el.attributes;
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs.item(i);
    if (!a || sameNs(a.namespaceURI, NS.xmlns)) continue;
    const name = a.localName ?? a.name;
    if (name === local && sameNs(a.namespaceURI, ns)) return a;
  }
  return null;
}

/** The element's namespace and local name as `{ns}local`, for messages. */
export function qnameOf(el: Element): string {
  return el.namespaceURI ? `{${el.namespaceURI}}${el.localName}` : (el.localName ?? el.nodeName);
}
