// Id resolution for same-document references (XML Signature §4.4.3.3 "#id" URIs, WSS 1.1 §4):
// wsu:Id (WSS utility), and the unqualified Id (XML Signature, XML Encryption), ID (SAML 2.0) and
// AssertionID (SAML 1.1) attributes. collectIds exposes duplicates, the signature-wrapping tell.

import type { Document, Element, Node } from '@xmldom/xmldom';
import { attr, isElement } from './dom.ts';
import { NS } from './names.ts';

/** [namespace, local name] of every attribute treated as an Id, in lookup order. */
export const ID_ATTRIBUTES: ReadonlyArray<readonly [string | null, string]> = [
  [NS.wsu, 'Id'],
  [null, 'Id'],
  [null, 'ID'],
  [null, 'AssertionID'],
];

/** Every Id value an element carries (usually one). */
export function idsOf(el: Element): string[] {
  const out: string[] = [];
  for (const [ns, local] of ID_ATTRIBUTES) {
    const v = attr(el, local, ns);
    if (v !== null) out.push(v);
  }
  return out;
}

/** The element's Id (wsu:Id first, then Id, ID, AssertionID), or null. */
export function idOf(el: Element): string | null {
  return idsOf(el)[0] ?? null;
}

/** Every element under root (itself included) in document order, without recursion. */
function* elementsIn(root: Document | Element): Generator<Element> {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (isElement(n)) yield n;
    for (let c = n.lastChild; c; c = c.previousSibling) if (isElement(c)) stack.push(c);
  }
}

/** The first element whose Id is `id` ('#id' accepted), or null. */
export function findById(root: Document | Element, id: string): Element | null {
  const want = id.startsWith('#') ? id.slice(1) : id;
  for (const el of elementsIn(root)) if (idsOf(el).includes(want)) return el;
  return null;
}

/** Id value -> every element carrying it, in document order; a list longer than 1 is a duplicate. */
export function collectIds(root: Document | Element): Map<string, Element[]> {
  const ids = new Map<string, Element[]>();
  for (const el of elementsIn(root)) {
    for (const v of new Set(idsOf(el))) {
      const list = ids.get(v);
      if (list) list.push(el);
      else ids.set(v, [el]);
    }
  }
  return ids;
}

/** Only the Ids carried by more than one element. */
export function duplicateIds(root: Document | Element): Map<string, Element[]> {
  return new Map([...collectIds(root)].filter(([, els]) => els.length > 1));
}
