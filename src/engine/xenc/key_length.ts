// XML Encryption 1.0 §3.5.1 / §3.6: which EncryptedData an EncryptedKey serves — the one whose
// ds:KeyInfo holds it, those its ReferenceList names, or those whose KeyInfo points at its Id —
// and so the data key length that data's EncryptionMethod needs. rsa-1_5's implicit rejection
// needs that length before unwrapping.

import type { Element, Node } from '@xmldom/xmldom';
import { attr, childrenNS, firstChildNS, isElement } from '../xml/dom.ts';
import { findById } from '../xml/ids.ts';
import { NS } from '../xml/names.ts';

function isEncryptedData(n: Node | null): n is Element {
  return !!n && isElement(n) && n.namespaceURI === NS.xenc && n.localName === 'EncryptedData';
}

/** The EncryptedData whose ds:KeyInfo contains `ek`, if any. */
function enclosingData(ek: Element): Element | null {
  const keyInfo = ek.parentNode;
  const ed = keyInfo?.parentNode ?? null;
  return isEncryptedData(ed) ? ed : null;
}

/** The EncryptedData named by `ek`'s own ReferenceList. */
function referencedData(ek: Element): Element[] {
  const list = firstChildNS(ek, NS.xenc, 'ReferenceList');
  if (!list || !ek.ownerDocument) return [];
  return childrenNS(list, NS.xenc, 'DataReference')
    .map((r) => findById(ek.ownerDocument!, attr(r, 'URI') ?? ''))
    .map((el) => (el && el.localName === 'EncryptedHeader' ? firstChildNS(el, NS.xenc, 'EncryptedData') : el))
    .filter(isEncryptedData);
}

/** EncryptedData elements whose KeyInfo refers to `#id` of `ek` (RetrievalMethod, STR Reference). */
function pointingData(ek: Element): Element[] {
  const id = attr(ek, 'Id');
  const doc = ek.ownerDocument;
  if (!id || !doc) return [];
  const out: Element[] = [];
  const all = doc.getElementsByTagNameNS(NS.xenc, 'EncryptedData');
  for (let i = 0; i < all.length; i++) {
    const ed = all.item(i)!;
    const keyInfo = firstChildNS(ed, NS.ds, 'KeyInfo');
    if (keyInfo && refersTo(keyInfo, `#${id}`)) out.push(ed);
  }
  return out;
}

function refersTo(root: Element, uri: string): boolean {
  const stack: Element[] = [root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (attr(el, 'URI') === uri) return true;
    for (let c = el.firstChild; c; c = c.nextSibling) if (isElement(c)) stack.push(c);
  }
  return false;
}

/** The EncryptedData elements `ek` serves, nearest first. */
export function dataServedBy(ek: Element): Element[] {
  const enclosing = enclosingData(ek);
  return [...(enclosing ? [enclosing] : []), ...referencedData(ek), ...pointingData(ek)];
}

/** The key length the data `ek` serves needs, or undefined when unknown. */
export function dataKeyLengthFor(ek: Element, keyLengthOf: (uri: string) => number): number | undefined {
  for (const ed of dataServedBy(ek)) {
    const method = firstChildNS(ed, NS.xenc, 'EncryptionMethod');
    const uri = method ? attr(method, 'Algorithm') : null;
    if (!uri) continue;
    try {
      return keyLengthOf(uri);
    } catch {
      // an unknown data algorithm: its own decryption will report it
    }
  }
  return undefined;
}
