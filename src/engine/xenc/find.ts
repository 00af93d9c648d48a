// XML Encryption 1.0 §3.4 / §3.5.1 and WSS 1.1 §9.3: the encrypted parts of a message, for the UI
// (a list of EncryptedData, EncryptedHeader and EncryptedKey elements with their paths).

import type { Document, Element } from '@xmldom/xmldom';
import { attr, firstChildNS, isElement } from '../xml/dom.ts';
import { idOf } from '../xml/ids.ts';
import { NS, URI } from '../xml/names.ts';
import { where } from '../xml/path.ts';

export interface EncryptedPart {
  kind: 'EncryptedData' | 'EncryptedHeader' | 'EncryptedKey';
  element: Element;
  path: string;
  line?: number;
  column?: number;
  id: string | null;
  /** EncryptionMethod Algorithm (of the inner EncryptedData for an EncryptedHeader). */
  algorithm: string | null;
  /** 'Element', 'Content', another Type URI, or null. */
  type: string | null;
  /** Ids named by a ReferenceList inside an EncryptedKey. */
  references: string[];
}

function kindOf(el: Element): EncryptedPart['kind'] | null {
  if (el.namespaceURI === NS.xenc && (el.localName === 'EncryptedData' || el.localName === 'EncryptedKey')) return el.localName;
  if (el.namespaceURI === NS.wsse11 && el.localName === 'EncryptedHeader') return 'EncryptedHeader';
  return null;
}

function describe(el: Element, kind: EncryptedPart['kind']): EncryptedPart {
  const data = kind === 'EncryptedHeader' ? firstChildNS(el, NS.xenc, 'EncryptedData') : el;
  const method = data ? firstChildNS(data, NS.xenc, 'EncryptionMethod') : null;
  const type = data ? attr(data, 'Type') : null;
  const list = kind === 'EncryptedKey' ? firstChildNS(el, NS.xenc, 'ReferenceList') : null;
  const references: string[] = [];
  for (let c = list?.firstChild ?? null; c; c = c.nextSibling) {
    if (isElement(c) && c.localName === 'DataReference') references.push((attr(c, 'URI') ?? '').replace(/^#/, ''));
  }
  return {
    kind, element: el, ...where(el), id: idOf(el),
    algorithm: method ? attr(method, 'Algorithm') : null,
    type: type === URI.xencElement ? 'Element' : type === URI.xencContent ? 'Content' : type,
    references,
  };
}

/** Every EncryptedData, EncryptedHeader and EncryptedKey in `doc`, in document order. */
export function findEncryptedParts(doc: Document): EncryptedPart[] {
  const out: EncryptedPart[] = [];
  const stack: Element[] = doc.documentElement ? [doc.documentElement] : [];
  while (stack.length > 0) {
    const el = stack.pop()!;
    const kind = kindOf(el);
    if (kind) out.push(describe(el, kind));
    for (let c = el.lastChild; c; c = c.previousSibling) if (isElement(c)) stack.push(c);
  }
  return out;
}
