// Canonical XML 1.0 (W3C REC 2001-03-15, http://www.w3.org/TR/2001/REC-xml-c14n-20010315) and
// Exclusive XML Canonicalization 1.0 (W3C REC 2002-07-18, http://www.w3.org/2001/10/xml-exc-c14n#),
// with and without comments, of a whole document or of one element's subtree (the document subset
// a same-document "#id" Reference selects). Our own code: xml-crypto pulls in Node's crypto and
// breaks the browser build, so it is only a test oracle. The walk is iterative (no stack limit).

import type { Document, Element, Node, ProcessingInstruction } from '@xmldom/xmldom';
import { UsageError } from '../report/errors.ts';
import {
  ancestorScope, attrList, compareCodePoints, isNsDecl, namespacesToRender, scopeOf, utilizedPrefixes,
} from './c14n_ns.ts';
import type { NsMap } from './c14n_ns.ts';
import { COMMENT_NODE, CDATA_SECTION_NODE, DOCUMENT_NODE, ELEMENT_NODE, PROCESSING_INSTRUCTION_NODE, TEXT_NODE } from './dom.ts';
import { NS, URI } from './names.ts';

export const C14N_EXC = URI.excC14n;
export const C14N_EXC_WITH_COMMENTS = URI.excC14nWithComments;
export const C14N_10 = URI.c14n;
export const C14N_10_WITH_COMMENTS = URI.c14nWithComments;
export const C14N_ALGORITHMS = [C14N_EXC, C14N_EXC_WITH_COMMENTS, C14N_10, C14N_10_WITH_COMMENTS] as const;

export interface ExcC14nOptions {
  /** InclusiveNamespaces PrefixList (exc-c14n §3); '#default' names the default namespace. */
  inclusivePrefixes?: string[];
  withComments?: boolean;
}

interface Mode {
  exclusive: boolean;
  comments: boolean;
  /** Prefixes treated by the inclusive rules in exclusive mode ('' = #default). */
  inclusive: ReadonlySet<string>;
}

/** What a child needs from its parent: namespaces in scope, and those output ancestors rendered. */
interface Ctx {
  scope: NsMap;
  rendered: NsMap;
}

type Frame = { node: Node; ctx: Ctx; apex: boolean } | string;

/** Text nodes (C14N §2.3): & < > and CR are escaped. */
export function escapeC14nText(s: string): string {
  return s.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#xD;'));
}

/** Attribute values (C14N §2.3): & < " TAB LF CR are escaped. */
export function escapeC14nAttr(s: string): string {
  return s.replace(/[&<"\t\n\r]/g, (c) => ATTR_ESCAPES[c] ?? c);
}

const ATTR_ESCAPES: Record<string, string> = {
  '&': '&amp;', '<': '&lt;', '"': '&quot;', '\t': '&#x9;', '\n': '&#xA;', '\r': '&#xD;',
};

interface OutAttr {
  name: string;
  ns: string;
  local: string;
  value: string;
}

/** el's attributes, plus (inclusive c14n apex only) xml:* attributes inherited from ancestors. */
function attributesOf(el: Element, inheritXml: boolean): OutAttr[] {
  const out: OutAttr[] = attrList(el)
    .filter((a) => !isNsDecl(a))
    .map((a) => ({ name: a.name, ns: a.namespaceURI ?? '', local: a.localName ?? a.name, value: a.value }));
  if (inheritXml) {
    const have = new Set(out.filter((a) => a.ns === NS.xml).map((a) => a.local));
    for (let n: Node | null = el.parentNode; n && n.nodeType === ELEMENT_NODE; n = n.parentNode) {
      for (const a of attrList(n as Element)) {
        const local = a.localName ?? a.name;
        if (a.namespaceURI !== NS.xml || have.has(local)) continue;
        have.add(local);
        out.push({ name: a.name, ns: NS.xml, local, value: a.value });
      }
    }
  }
  return out.sort((a, b) => compareCodePoints(a.ns, b.ns) || compareCodePoints(a.local, b.local));
}

function candidatePrefixes(el: Element, scope: NsMap, mode: Mode): Iterable<string> {
  if (!mode.exclusive) return scope.keys();
  const set = utilizedPrefixes(el);
  for (const p of mode.inclusive) if (scope.has(p)) set.add(p);
  return set;
}

function startTag(el: Element, ctx: Ctx, mode: Mode, apex: boolean): { tag: string; child: Ctx } {
  const scope = scopeOf(el, ctx.scope);
  const decls = namespacesToRender(candidatePrefixes(el, scope, mode), scope, ctx.rendered);
  let rendered = ctx.rendered;
  if (decls.length > 0) {
    const next = new Map(rendered);
    for (const [p, uri] of decls) next.set(p, uri);
    rendered = next;
  }
  const parts = [`<${el.tagName}`];
  for (const [p, uri] of decls) parts.push(p === '' ? ` xmlns="${escapeC14nAttr(uri)}"` : ` xmlns:${p}="${escapeC14nAttr(uri)}"`);
  for (const a of attributesOf(el, apex && !mode.exclusive)) parts.push(` ${a.name}="${escapeC14nAttr(a.value)}"`);
  parts.push('>');
  return { tag: parts.join(''), child: { scope, rendered } };
}

function renderPI(pi: ProcessingInstruction): string {
  return pi.data ? `<?${pi.target} ${pi.data}?>` : `<?${pi.target}?>`;
}

/** A leaf node's canonical form ('' when it is not rendered). */
function renderLeaf(node: Node, mode: Mode): string {
  switch (node.nodeType) {
    case TEXT_NODE:
    case CDATA_SECTION_NODE:
      return escapeC14nText(node.nodeValue ?? '');
    case COMMENT_NODE:
      return mode.comments ? `<!--${node.nodeValue ?? ''}-->` : '';
    case PROCESSING_INSTRUCTION_NODE:
      return renderPI(node as ProcessingInstruction);
    default:
      return '';
  }
}

/** Canonical form of apex and all its descendants, with apex's ancestors as context. */
function renderSubtree(apex: Element, mode: Mode): string {
  const out: string[] = [];
  const stack: Frame[] = [{ node: apex, ctx: { scope: ancestorScope(apex), rendered: new Map() }, apex: true }];
  while (stack.length > 0) {
    const f = stack.pop()!;
    if (typeof f === 'string') {
      out.push(f);
      continue;
    }
    if (f.node.nodeType !== ELEMENT_NODE) {
      out.push(renderLeaf(f.node, mode));
      continue;
    }
    const el = f.node as Element;
    const { tag, child } = startTag(el, f.ctx, mode, f.apex);
    out.push(tag);
    stack.push(`</${el.tagName}>`);
    for (let c = el.lastChild; c; c = c.previousSibling) stack.push({ node: c, ctx: child, apex: false });
  }
  return out.join('');
}

/** Document order: comments and PIs outside the document element are separated by #xA (C14N §2.3). */
function renderDocument(doc: Document, mode: Mode): string {
  const out: string[] = [];
  let afterRoot = false;
  for (let c = doc.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === ELEMENT_NODE) {
      out.push(renderSubtree(c as Element, mode));
      afterRoot = true;
      continue;
    }
    const isXmlDecl = c.nodeType === PROCESSING_INSTRUCTION_NODE && (c as ProcessingInstruction).target === 'xml';
    const isMarkup = c.nodeType === PROCESSING_INSTRUCTION_NODE || c.nodeType === COMMENT_NODE;
    const leaf = isMarkup && !isXmlDecl ? renderLeaf(c, mode) : '';
    if (leaf !== '') out.push(afterRoot ? `\n${leaf}` : `${leaf}\n`);
  }
  return out.join('');
}

function run(node: Node, mode: Mode): string {
  if (node.nodeType === DOCUMENT_NODE) return renderDocument(node as Document, mode);
  if (node.nodeType === ELEMENT_NODE) return renderSubtree(node as Element, mode);
  if ([TEXT_NODE, CDATA_SECTION_NODE, COMMENT_NODE, PROCESSING_INSTRUCTION_NODE].includes(node.nodeType)) {
    return renderLeaf(node, mode);
  }
  throw new UsageError('C14N_UNSUPPORTED_NODE',
    `expected a document, element, text, comment or processing instruction to canonicalize but found node type ${node.nodeType} (${node.nodeName})`);
}

/** Exclusive XML Canonicalization 1.0 of a document or element subtree. */
export function excC14n(node: Node, opts: ExcC14nOptions = {}): string {
  const inclusive = new Set((opts.inclusivePrefixes ?? []).map((p) => (p === '#default' ? '' : p)));
  return run(node, { exclusive: true, comments: opts.withComments ?? false, inclusive });
}

/** Canonical XML 1.0 (inclusive) of a document or element subtree (a document subset). */
export function c14n10(node: Node, opts: { withComments?: boolean } = {}): string {
  return run(node, { exclusive: false, comments: opts.withComments ?? false, inclusive: new Set() });
}

/** Canonicalizes with the algorithm a ds:CanonicalizationMethod or ds:Transform names. */
export function canonicalize(node: Node, algorithmUri: string, opts: { inclusivePrefixes?: string[] } = {}): string {
  switch (algorithmUri) {
    case C14N_EXC:
      return excC14n(node, { inclusivePrefixes: opts.inclusivePrefixes ?? [] });
    case C14N_EXC_WITH_COMMENTS:
      return excC14n(node, { inclusivePrefixes: opts.inclusivePrefixes ?? [], withComments: true });
    case C14N_10:
      return c14n10(node);
    case C14N_10_WITH_COMMENTS:
      return c14n10(node, { withComments: true });
    default:
      throw new UsageError('C14N_UNKNOWN_ALGORITHM',
        `expected one of the canonicalization algorithms ${C14N_ALGORITHMS.join(', ')} but found '${algorithmUri}'`);
  }
}

/** Splits an InclusiveNamespaces PrefixList attribute value (whitespace separated). */
export function parsePrefixList(value: string | null | undefined): string[] {
  return (value ?? '').split(/[ \t\r\n]+/).filter((p) => p !== '');
}
