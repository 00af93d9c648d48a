// Node paths and source positions for checks and errors (DESIGN.md decision 4, house style 4):
// `Envelope/Header/Security/UsernameToken/Password/@Type`, with 1-based `[k]` only where a parent
// has several child elements of that local name, and the line:column xmldom recorded while parsing.

import type { Attr, Element, Node } from '@xmldom/xmldom';
import { isAttr, isElement } from './dom.ts';

function localOf(n: Node): string {
  return n.localName ?? n.nodeName;
}

/** `name` or `name[k]` for one element among its parent's children. */
function step(el: Element): string {
  const name = localOf(el);
  const parent = el.parentNode;
  if (!parent || !isElement(parent)) return name;
  let index = 0;
  let count = 0;
  for (let c = parent.firstChild; c; c = c.nextSibling) {
    if (!isElement(c) || localOf(c) !== name) continue;
    count++;
    if (c === el) index = count;
  }
  return count > 1 ? `${name}[${index}]` : name;
}

function elementPath(el: Element): string {
  const steps: string[] = [];
  for (let n: Node | null = el; n && isElement(n); n = n.parentNode) steps.push(step(n));
  return steps.reverse().join('/');
}

/** Path of local names from the document element down to node ('' for a document). */
export function nodePath(node: Node): string {
  if (isAttr(node)) {
    const owner = node.ownerElement;
    const name = `@${localOf(node)}`;
    return owner ? `${elementPath(owner)}/${name}` : name;
  }
  if (isElement(node)) return elementPath(node);
  const parent = node.parentNode;
  return parent && isElement(parent) ? elementPath(parent) : '';
}

/** 1-based source position recorded by the parser; an attribute without one uses its element's. */
export function nodePosition(node: Node): { line: number; column: number } | undefined {
  const own = positionOf(node);
  if (own || !isAttr(node)) return own;
  const owner = (node as Attr).ownerElement;
  return owner ? positionOf(owner) : undefined;
}

function positionOf(n: Node): { line: number; column: number } | undefined {
  if (typeof n.lineNumber !== 'number' || n.lineNumber < 1) return undefined;
  return { line: n.lineNumber, column: n.columnNumber ?? 1 };
}

/** The path and position of a node, in the shape Check and WsbenchError take. */
export function where(node: Node): { path: string; line?: number; column?: number } {
  const pos = nodePosition(node);
  return pos ? { path: nodePath(node), line: pos.line, column: pos.column } : { path: nodePath(node) };
}
