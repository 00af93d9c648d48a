// Namespace axis handling for Canonical XML 1.0 (W3C REC 2001-03-15 §2.3, §4.7) and Exclusive XML
// Canonicalization 1.0 (W3C REC 2002-07-18 §3): which namespace declarations an output element
// renders, given what its output ancestors already rendered.

import type { Attr, Element, Node } from '@xmldom/xmldom';
import { NS } from './names.ts';

/** Prefix -> namespace URI ('' = default namespace; value '' = no default namespace). */
export type NsMap = ReadonlyMap<string, string>;

/** Orders strings by Unicode code point (JS `<` compares UTF-16 units, wrong past U+FFFF). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return fold(x) - fold(y);
  }
  return a.length - b.length;
}

/** Moves surrogates above U+E000–U+FFFF so unit order matches code point order. */
function fold(u: number): number {
  if (u >= 0xd800 && u <= 0xdfff) return u + 0x2000;
  if (u >= 0xe000) return u - 0x800;
  return u;
}

export function attrList(el: Element): Attr[] {
  const out: Attr[] = [];
  const attrs = el.attributes;
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs.item(i);
    if (a) out.push(a);
  }
  return out;
}

export function isNsDecl(a: Attr): boolean {
  return a.namespaceURI === NS.xmlns || a.name === 'xmlns' || a.name.startsWith('xmlns:');
}

function declPrefix(a: Attr): string {
  return a.name === 'xmlns' ? '' : a.name.slice(6);
}

/**
 * The namespaces in scope on el given its parent's: its xmlns attributes, plus the bindings its own
 * name and attribute names imply. The implied ones matter only for DOMs built without declarations;
 * for parsed documents they always agree with the declarations.
 */
export function scopeOf(el: Element, parent: NsMap): NsMap {
  const attrs = attrList(el);
  const declared = new Map<string, string>();
  for (const a of attrs) if (isNsDecl(a)) declared.set(declPrefix(a), a.value);
  const implied = new Map<string, string>();
  implied.set(el.prefix ?? '', el.namespaceURI ?? '');
  for (const a of attrs) {
    if (!isNsDecl(a) && a.prefix && a.prefix !== 'xml') implied.set(a.prefix, a.namespaceURI ?? '');
  }
  let scope: Map<string, string> | undefined;
  const bind = (p: string, uri: string): void => {
    if (((scope ?? parent).get(p) ?? '') === uri) return;
    scope ??= new Map(parent);
    scope.set(p, uri);
  };
  for (const [p, uri] of declared) bind(p, uri);
  for (const [p, uri] of implied) if (!declared.has(p)) bind(p, uri);
  return scope ?? parent;
}

/** The namespaces in scope on el's parent, from the document element down. */
export function ancestorScope(el: Element): NsMap {
  const chain: Element[] = [];
  for (let n: Node | null = el.parentNode; n && n.nodeType === 1; n = n.parentNode) chain.push(n as Element);
  let scope: NsMap = new Map();
  for (const a of chain.reverse()) scope = scopeOf(a, scope);
  return scope;
}

/** Prefixes visibly utilized by el (exc-c14n §3): its own, and those of its qualified attributes. */
export function utilizedPrefixes(el: Element): Set<string> {
  const used = new Set<string>([el.prefix ?? '']);
  for (const a of attrList(el)) {
    if (!isNsDecl(a) && a.prefix && a.prefix !== 'xml') used.add(a.prefix);
  }
  return used;
}

/**
 * The declarations to render on el: each candidate prefix whose in-scope URI differs from what
 * the nearest output ancestor rendered. An unbound non-default prefix is never rendered; the
 * default becomes xmlns="" only to undo a rendered non-empty default.
 */
export function namespacesToRender(candidates: Iterable<string>, scope: NsMap, rendered: NsMap): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const p of candidates) {
    if (p === 'xml') continue;
    const uri = scope.get(p) ?? '';
    if (p !== '' && uri === '') continue;
    if ((rendered.get(p) ?? '') === uri) continue;
    out.push([p, uri]);
  }
  return out.sort((a, b) => compareCodePoints(a[0], b[0]));
}
