// XML Encryption 1.0 §4.3 (serializing XML for encryption) and §4.2 step 3.2 (the decrypted octets
// in their context): an Element or Content plaintext is UTF-8 XML that may use prefixes declared
// on its ancestors. On encryption every namespace in scope is declared on each serialized element,
// so the plaintext stands alone (peers that parse it without context still can). On decryption the
// octets are parsed inside a wrapper that declares the namespaces in scope at the EncryptedData's
// place, as xmlsec and Santuario do, so plaintexts from peers that rely on context parse too.

import type { Element, Node } from '@xmldom/xmldom';
import { DecodingError } from '../report/errors.ts';
import { fromUtf8 } from '../crypto/encoding.ts';
import { ancestorScope } from '../xml/c14n_ns.ts';
import { ELEMENT_NODE, TEXT_NODE } from '../xml/dom.ts';
import { NS } from '../xml/names.ts';
import { parseXml } from '../xml/parse.ts';
import { serializeXml } from '../xml/serialize.ts';

const WRAPPER = 'wsbench-decryption-context';

/** A copy of `el` declaring every namespace in scope at its parent that it does not declare itself. */
function standalone(el: Element): Element {
  const copy = el.cloneNode(true) as Element;
  for (const [prefix, uri] of ancestorScope(el)) {
    if (prefix === 'xml') continue;
    const name = prefix === '' ? 'xmlns' : `xmlns:${prefix}`;
    if (copy.hasAttributeNS(NS.xmlns, prefix === '' ? 'xmlns' : prefix)) continue;
    if (prefix === '' && uri === '') continue;
    copy.setAttributeNS(NS.xmlns, name, uri);
  }
  return copy;
}

/** The serialization of one node of a plaintext: elements stand alone, other nodes as they are. */
function serializeNode(node: Node): string {
  return node.nodeType === ELEMENT_NODE ? serializeXml(standalone(node as Element)) : serializeXml(node);
}

/** Plaintext of Type Element: the element itself. */
export function serializeElement(el: Element): string {
  return serializeNode(el);
}

/** Plaintext of Type Content: the element's child nodes, in order. */
export function serializeContent(el: Element): string {
  const parts: string[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling) parts.push(serializeNode(c));
  return parts.join('');
}

function escapeAttr(value: string): string {
  return value.replace(/[&<"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&quot;'));
}

/** `xmlns…` declarations of everything in scope at `place`'s parent. */
function contextDeclarations(place: Element): string {
  const decls: string[] = [];
  for (const [prefix, uri] of ancestorScope(place)) {
    if (prefix === 'xml' || (prefix === '' && uri === '')) continue;
    decls.push(` ${prefix === '' ? 'xmlns' : `xmlns:${prefix}`}="${escapeAttr(uri)}"`);
  }
  return decls.join('');
}

/** UTF-8 plaintext octets as text; a leading XML declaration (some peers write one) is dropped. */
export function plaintextText(octets: Uint8Array): string {
  const text = fromUtf8(octets, 'the decrypted plaintext');
  return text.replace(/^\uFEFF?<\?xml[^?]*\?>/, '');
}

/**
 * Parses decrypted XML text in the namespace context of `place` (the EncryptedData, or the
 * EncryptedHeader it sits in) and returns the nodes, imported into `place`'s document.
 */
export function parseInContext(text: string, place: Element): Node[] {
  const doc = place.ownerDocument;
  if (!doc) throw new DecodingError('XENC_NO_DOCUMENT', 'expected the EncryptedData to belong to a document, found a detached element');
  const wrapped = parseXml(`<${WRAPPER}${contextDeclarations(place)}>${text}</${WRAPPER}>`);
  const nodes: Node[] = [];
  for (let c = wrapped.documentElement!.firstChild; c; c = c.nextSibling) nodes.push(doc.importNode(c, true));
  return nodes;
}

/** Number of element nodes among `nodes`, and whether any non-whitespace text sits beside them. */
export function shapeOf(nodes: Node[]): { elements: number; text: boolean } {
  let elements = 0;
  let text = false;
  for (const n of nodes) {
    if (n.nodeType === ELEMENT_NODE) elements++;
    else if (n.nodeType === TEXT_NODE && /[^ \t\r\n]/.test(n.nodeValue ?? '')) text = true;
  }
  return { elements, text };
}
