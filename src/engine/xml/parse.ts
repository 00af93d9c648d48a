// XML 1.0 parsing of SOAP wire text (SOAP 1.1 §3, SOAP 1.2 Part 1 §5: no DTDs) into an
// @xmldom/xmldom Document whose nodes carry 1-based lineNumber/columnNumber. Hostile input is
// refused before the DOM is built: size first (constant time), then a linear pre-scan for the
// DOCTYPE, the nesting depth and structural errors (prescan.ts), then xmldom for the rest.

import { DOMParser } from '@xmldom/xmldom';
import type { Document, Node } from '@xmldom/xmldom';
import { XmlParseError } from '../report/errors.ts';
import { prescan } from './prescan.ts';

export interface ParseOptions {
  /** Refuse texts longer than this (default 10 MiB). */
  maxBytes?: number;
  /** Refuse element nesting deeper than this (default 256). */
  maxDepth?: number;
}

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_DEPTH = 256;

export type ParseResult = { ok: true; doc: Document } | { ok: false; error: XmlParseError };

/** What xmldom reported first, with where its locator stood. */
interface Reported {
  message: string;
  /** The element being filled when the error came (the parent of a failing start tag). */
  parent?: Node;
  line?: number;
  column?: number;
}

/** xmldom's own words, rephrased as "expected … but found …" where we can say it better. */
const REPHRASE: Array<[RegExp, (m: RegExpMatchArray) => string]> = [
  [/^Attribute (\S+) redefined$/, (m) => `expected each attribute once per element but found '${m[1]}' twice`],
  [/invalid tagName:\s*(.*)$/, (m) => `expected a valid element name but found '${m[1]}'`],
  [/invalid attribute:\s*(.*)$/, (m) => `expected a valid attribute name but found '${m[1]}'`],
  [/attribute "(.*?)" missed quot/, (m) => `expected a quoted attribute value but found ${m[1]} without quotes`],
  [/attribute "(.*?)" missed value/, (m) => `expected '="…"' after attribute name '${m[1]}' but found none`],
  [/attribute value must after "="/, () => "expected '=' between an attribute name and its quoted value"],
  [/attribute equal must after attrName/, () => "expected an attribute name before '='"],
  [/attribute space is required/, () => 'expected whitespace between attributes'],
  [/elements closed character '\/' and '>' must be connected/, () => "expected '>' right after '/' in an empty-element tag"],
  [/attribute invalid close char/, () => "expected an attribute value before '/'"],
  [/comment is not well-formed/, () => "expected a comment without '--' inside it"],
  [/xml declaration is only allowed at the start|is an xml declaration which is only at the start/, () =>
    "expected the XML declaration '<?xml …?>' only at the very start of the document"],
  [/xml declaration is not well-formed/, () => "expected a well-formed XML declaration '<?xml version=\"1.0\" …?>'"],
  [/Invalid processing instruction|processing instruction is not well-formed/, () => 'expected a well-formed processing instruction'],
];

function rephrase(message: string): string {
  const clean = message.replace(/^element parse error: (Error: )?/, '');
  for (const [re, say] of REPHRASE) {
    const m = clean.match(re);
    if (m) return say(m);
  }
  return clean;
}

/** Offset of a 1-based line and column in line-normalized text. */
function offsetOf(text: string, line: number, column: number): number {
  let start = 0;
  for (let l = 1; l < line && start >= 0; l++) start = text.indexOf('\n', start) + 1;
  return start + column - 1;
}

/** Names the prefixes of the start tag at the error position that the tag itself does not declare. */
function undeclaredPrefix(text: string, r: Reported): string {
  const tag = /<([^\s/>]+)([^>]*)>?/y;
  tag.lastIndex = offsetOf(text, r.line ?? 1, r.column ?? 1);
  const m = tag.exec(text);
  if (!m) return 'expected a namespace declaration for every prefix in use but found an undeclared prefix';
  const names = [m[1] ?? '', ...[...(m[2] ?? '').matchAll(/([^\s=]+)\s*=/g)].map((a) => a[1] ?? '')];
  const declared = new Set(names.filter((n) => n.startsWith('xmlns:')).map((n) => n.slice(6)));
  const used = names.filter((n) => n.includes(':') && !n.startsWith('xmlns:') && !n.startsWith('xml:')).map((n) => n.split(':')[0]);
  const inScope = (p: string): boolean => declared.has(p) || (r.parent?.lookupNamespaceURI(p) ?? null) !== null;
  const missing = [...new Set(used)].filter((p): p is string => p !== undefined && !inScope(p));
  const list = missing.map((p) => `xmlns:${p}="…"`).join(', ');
  const found = missing.length > 0 ? `prefix ${missing.map((p) => `'${p}'`).join(', ')} undeclared` : 'an undeclared prefix';
  return `expected a namespace declaration (${list || 'xmlns:prefix="…"'}) in scope for <${m[1]}> but found ${found}`;
}

function toError(r: Reported, source: string): XmlParseError {
  const text = /NamespaceError: prefix is non-null and namespace is null/.test(r.message)
    ? undeclaredPrefix(source, r)
    : rephrase(r.message);
  if (r.line === undefined || r.line < 1) return new XmlParseError('XML_MALFORMED', text);
  const column = r.column ?? 1;
  return new XmlParseError('XML_MALFORMED', `Line ${r.line}, column ${column}: ${text}`, { line: r.line, column });
}

/** xmldom's DOMHandler, as far as onError's context argument is used here. */
interface HandlerContext {
  locator?: { lineNumber?: number; columnNumber?: number };
  currentElement?: Node;
}

function runXmldom(text: string): Document {
  let first: Reported | undefined;
  const parser = new DOMParser({
    locator: true,
    // The text is already normalized (XML 1.0 §2.11 only: xmldom's default also folds U+2028 etc.).
    normalizeLineEndings: (s: string) => s,
    onError: (level, message, context: HandlerContext) => {
      // Every warning but the encoding hint is malformed XML (unquoted or missing attribute values).
      if (level === 'warning' && /replacement character/.test(message)) return;
      const loc = context?.locator;
      first ??= { message, line: loc?.lineNumber, column: loc?.columnNumber, parent: context?.currentElement };
      throw new Error(message);
    },
  });
  try {
    const doc = parser.parseFromString(text, 'text/xml');
    if (first) throw toError(first, text);
    return doc;
  } catch (e) {
    if (e instanceof XmlParseError) throw e;
    throw toError(first ?? { message: e instanceof Error ? e.message : String(e) }, text);
  }
}

function checkSize(text: string, maxBytes: number): void {
  // Every UTF-16 code unit is at least one UTF-8 byte, so length alone proves the text too large.
  if (text.length > maxBytes) {
    throw new XmlParseError('XML_TOO_LARGE',
      `Line 1, column 1: expected at most ${maxBytes} bytes but the document is ${text.length} characters (at least ${text.length} bytes)`,
      { line: 1, column: 1 });
  }
}

/** Parses XML wire text; throws XmlParseError (XML_EMPTY, XML_TOO_LARGE, XML_DTD_FORBIDDEN, XML_TOO_DEEP, XML_MALFORMED). */
export function parseXml(text: string, opts: ParseOptions = {}): Document {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxDepth = opts.maxDepth ?? DEFAULT_MAX_DEPTH;
  checkSize(text, maxBytes);
  if (text.trim() === '') {
    throw new XmlParseError('XML_EMPTY', 'Line 1, column 1: expected an XML document but the text is empty', { line: 1, column: 1 });
  }
  // A byte order mark is not content; XML 1.0 §2.11 end-of-line handling (CRLF and CR become LF).
  const body = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, '\n');
  prescan(body, maxDepth);
  return runXmldom(body);
}

/** Like parseXml, but returns the XmlParseError instead of throwing it. */
export function tryParseXml(text: string, opts?: ParseOptions): ParseResult {
  try {
    return { ok: true, doc: parseXml(text, opts) };
  } catch (e) {
    if (e instanceof XmlParseError) return { ok: false, error: e };
    throw e;
  }
}

export { lineColumnAt } from './prescan.ts';
