// XML 1.0 serialization of @xmldom/xmldom nodes, and a display-only pretty printer.
// serializeXml writes back exactly what the parser read (no XML declaration is added); formatXml
// re-indents element-only content for reading and must never be used on signed documents.

import { XMLSerializer } from '@xmldom/xmldom';
import type { Element, Node } from '@xmldom/xmldom';
import { parseXml } from './parse.ts';
import { NS } from './names.ts';

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;
const CDATA_SECTION_NODE = 4;

function escapeText(data: string): string {
  return data.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#xD;'));
}

/**
 * Serializes a node with xmldom's XMLSerializer. Text is escaped here because xmldom writes a
 * literal CR, which a parser would read back as LF (a `&#xD;` in base64 would silently change).
 */
export function serializeXml(node: Node): string {
  const filter = (n: Node): Node | null => {
    // xmldom pushes a string returned by nodeFilter verbatim; its typings only admit a Node.
    if (n.nodeType === TEXT_NODE) return escapeText(n.nodeValue ?? '') as unknown as Node;
    return n;
  };
  return new XMLSerializer().serializeToString(node, { nodeFilter: filter });
}

function isBlank(n: Node): boolean {
  return n.nodeType === TEXT_NODE && /^[ \t\n\r]*$/.test(n.nodeValue ?? '');
}

/** Element-only content: at least one child element, every text child whitespace, no CDATA. */
function isElementOnly(el: Element): boolean {
  let elements = 0;
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === ELEMENT_NODE) elements++;
    else if (c.nodeType === CDATA_SECTION_NODE || (c.nodeType === TEXT_NODE && !isBlank(c))) return false;
  }
  return elements > 0 && el.getAttributeNS(NS.xml, 'space') !== 'preserve';
}

/** Replaces the whitespace around el's children with newlines and indentation for `depth`. */
function reindent(el: Element, depth: number, unit: string): void {
  const doc = el.ownerDocument!; // an element that came from parseXml always has one
  const kids: Node[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling) kids.push(c);
  for (const c of kids) if (isBlank(c)) el.removeChild(c);
  const inner = `\n${unit.repeat(depth + 1)}`;
  for (const c of kids) if (!isBlank(c)) el.insertBefore(doc.createTextNode(inner), c);
  el.appendChild(doc.createTextNode(`\n${unit.repeat(depth)}`));
}

/** Pretty-prints a document for display: only whitespace-only text between elements changes. */
export function formatXml(text: string, indent = 2): string {
  const doc = parseXml(text);
  const unit = ' '.repeat(indent);
  const stack: Array<[Element, number]> = [];
  if (doc.documentElement) stack.push([doc.documentElement, 0]);
  while (stack.length > 0) {
    const [el, depth] = stack.pop()!;
    if (!isElementOnly(el)) continue;
    reindent(el, depth, unit);
    for (let c = el.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === ELEMENT_NODE) stack.push([c as Element, depth + 1]);
    }
  }
  const top: Node[] = [];
  for (let c = doc.firstChild; c; c = c.nextSibling) if (!isBlank(c)) top.push(c);
  return `${top.map((n) => serializeXml(n)).join('\n')}\n`;
}
