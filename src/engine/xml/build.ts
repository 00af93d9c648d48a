// Element builder (Namespaces in XML 1.0 §§3, 6): builds an @xmldom/xmldom subtree from a plain
// spec and writes a namespace declaration wherever a prefix it uses is not yet in scope, so the
// built DOM, its serialization and its re-parse all agree on namespaces (and c14n of the DOM equals
// c14n of the re-parsed text). xmldom's serializer alone forgets xmlns="" under a default namespace.

import { DOMImplementation } from '@xmldom/xmldom';
import type { Document, Element, Node } from '@xmldom/xmldom';
import { UsageError } from '../report/errors.ts';
import { NS } from './names.ts';

export interface ElSpec {
  /** Namespace URI of the element (null: no namespace). */
  ns: string | null;
  /** Qualified name, e.g. 'wsse:Username'. */
  name: string;
  /** Unqualified attributes. */
  attrs?: Record<string, string>;
  /** Qualified attributes, e.g. [NS.wsu, 'wsu:Id', 'TS-1']. */
  nsAttrs?: Array<[ns: string, qname: string, value: string]>;
  /** Explicit declarations, prefix -> URI ('' = default namespace). */
  xmlns?: Record<string, string>;
  text?: string;
  /** Falsy children are skipped, so optional parts read naturally: `cond && {...}`. */
  children?: Array<ElSpec | Element | null | undefined | false>;
}

/** Prefix -> namespace URI in scope ('' = default, '' value = no default namespace). */
type Scope = Map<string, string>;

function prefixOf(qname: string): string {
  const i = qname.indexOf(':');
  return i < 0 ? '' : qname.slice(0, i);
}

/** Declares prefix on el unless the scope already binds it to uri; records it in the scope. */
function ensureDeclared(el: Element, prefix: string, uri: string, scope: Scope): void {
  if (prefix === 'xml' || prefix === 'xmlns') return;
  if ((scope.get(prefix) ?? '') === uri) return;
  if (prefix !== '' && uri === '') {
    throw new UsageError('XML_BUILD_NAMESPACE', `expected a namespace URI for prefix '${prefix}' on <${el.tagName}> but found none`);
  }
  el.setAttributeNS(NS.xmlns, prefix === '' ? 'xmlns' : `xmlns:${prefix}`, uri);
  scope.set(prefix, uri);
}

/** The declarations in scope at `context` (its own included), read from xmlns attributes and names. */
function scopeAt(context: Element | undefined): Scope {
  const chain: Element[] = [];
  for (let n: Node | null = context ?? null; n && n.nodeType === 1; n = n.parentNode) chain.push(n as Element);
  const scope: Scope = new Map();
  for (const el of chain.reverse()) {
    if (el.prefix || el.namespaceURI) scope.set(el.prefix ?? '', el.namespaceURI ?? '');
    const attrs = el.attributes;
    for (let i = 0; i < attrs.length; i++) {
      const a = attrs.item(i);
      if (a && a.namespaceURI === NS.xmlns) scope.set(a.prefix ? (a.localName ?? '') : '', a.value);
    }
  }
  return scope;
}

function isNode(c: ElSpec | Element): c is Element {
  return typeof (c as Partial<Element>).nodeType === 'number';
}

function buildIn(doc: Document, spec: ElSpec, outer: Scope): Element {
  const el = doc.createElementNS(spec.ns, spec.name);
  const scope: Scope = new Map(outer);
  for (const [prefix, uri] of Object.entries(spec.xmlns ?? {})) {
    el.setAttributeNS(NS.xmlns, prefix === '' ? 'xmlns' : `xmlns:${prefix}`, uri);
    scope.set(prefix, uri);
  }
  ensureDeclared(el, prefixOf(spec.name), spec.ns ?? '', scope);
  for (const [name, value] of Object.entries(spec.attrs ?? {})) el.setAttribute(name, value);
  for (const [ns, qname, value] of spec.nsAttrs ?? []) {
    ensureDeclared(el, prefixOf(qname), ns, scope);
    el.setAttributeNS(ns, qname, value);
  }
  if (spec.text !== undefined && spec.text !== '') el.appendChild(doc.createTextNode(spec.text));
  for (const child of spec.children ?? []) {
    if (!child) continue;
    if (isNode(child)) el.appendChild(child.ownerDocument === doc ? child : doc.importNode(child, true));
    else el.appendChild(buildIn(doc, child, scope));
  }
  return el;
}

/**
 * Builds an element (not yet attached) from a spec. `context` is the element it will be appended
 * to, if known, so prefixes already declared there are not declared again.
 */
export function build(doc: Document, spec: ElSpec, context?: Element): Element {
  return buildIn(doc, spec, scopeAt(context));
}

/** A new document whose document element is built from `root`. */
export function newDocument(root: ElSpec): Document {
  const doc = new DOMImplementation().createDocument(null, '', null);
  doc.appendChild(build(doc, root));
  return doc;
}
