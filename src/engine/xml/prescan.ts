// XML 1.0 (Fifth Edition) well-formedness pre-scan, run before @xmldom/xmldom sees the text.
// One linear pass over the markup, never recursive, so it is safe on hostile input: it refuses any
// DOCTYPE (SOAP 1.1 §3, SOAP 1.2 Part 1 §5: a SOAP message must not contain a DTD), enforces the
// nesting limit, and reports the structural mistakes xmldom either accepts (a bare '&', ']]>' in
// text, &#0;) or reports without a useful position (mismatched end tags).

import { XmlParseError } from '../report/errors.ts';

/** 1-based line and column of an offset in line-normalized text (UTF-16 code units, like editors). */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let nl = text.indexOf('\n'); nl >= 0 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Builds the XmlParseError for a problem at `offset`, prefixing the message with its position. */
export function errorAt(text: string, offset: number, code: string, message: string): XmlParseError {
  const { line, column } = lineColumnAt(text, offset);
  return new XmlParseError(code, `Line ${line}, column ${column}: ${message}`, { line, column });
}

const PREDEFINED = new Set(['lt', 'gt', 'amp', 'quot', 'apos']);
const REFERENCE = /&(?:([A-Za-z_:][\w.:\-\u00B7-\uFFFF]*)|#([0-9]+)|#x([0-9a-fA-F]+));/y;
// Characters outside the XML 1.0 Char production, and unpaired surrogates.
const ILLEGAL_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

function show(s: string): string {
  const cut = s.length > 40 ? `${s.slice(0, 40)}…` : s;
  return cut.replace(/\n/g, '\\n');
}

interface OpenTag {
  name: string;
  at: number;
}

interface ScanState {
  text: string;
  pos: number;
  maxDepth: number;
  stack: OpenTag[];
  rootName: string | null;
  rootClosed: boolean;
  /** Next known offset of a needle; positions only move forward, so the total search stays linear. */
  next: Map<string, number>;
}

/** indexOf(needle, from), remembering the answer so repeated searches never rescan the same text. */
function nextIndex(s: ScanState, needle: string, from: number): number {
  const known = s.next.get(needle);
  if (known !== undefined && (known === -1 || known >= from)) return known;
  const found = s.text.indexOf(needle, from);
  s.next.set(needle, found);
  return found;
}

/** Throws XmlParseError unless every '&' in text[from, to) starts a well-formed, known reference. */
function checkReferences(s: ScanState, from: number, to: number): void {
  const { text } = s;
  for (let amp = nextIndex(s, '&', from); amp >= 0 && amp < to; amp = nextIndex(s, '&', amp + 1)) {
    REFERENCE.lastIndex = amp;
    const m = REFERENCE.exec(text);
    if (!m || REFERENCE.lastIndex > to) {
      const found = show(text.slice(amp, Math.min(to, amp + 12)));
      throw errorAt(text, amp, 'XML_MALFORMED',
        `expected a reference like '&amp;', '&lt;' or '&#38;' but found '${found}' (a literal '&' must be written '&amp;')`);
    }
    if (m[1] !== undefined && !PREDEFINED.has(m[1])) {
      throw errorAt(text, amp, 'XML_MALFORMED',
        `expected one of the predefined entities &lt; &gt; &amp; &quot; &apos; or a character reference but found '&${m[1]};' (entities need a DTD, which SOAP forbids)`);
    }
    const cp = m[2] !== undefined ? Number.parseInt(m[2], 10) : m[3] !== undefined ? Number.parseInt(m[3], 16) : 0x20;
    if (!isXmlChar(cp)) {
      throw errorAt(text, amp, 'XML_MALFORMED', `expected a character reference to a legal XML character but found '${m[0]}'`);
    }
  }
}

/** Character data between markup: only whitespace outside the root element; no ']]>' inside it. */
function checkText(s: ScanState, from: number, to: number): void {
  if (from >= to) return;
  const { text } = s;
  if (s.stack.length === 0) {
    const rel = text.slice(from, to).search(/[^ \t\n]/);
    if (rel < 0) return;
    const where = s.rootClosed ? `after the end of the root element </${s.rootName}>` : 'before the root element';
    throw errorAt(text, from + rel, 'XML_MALFORMED',
      `expected only markup or whitespace ${where} but found text '${show(text.slice(from + rel, to).trim())}'`);
  }
  const cdataEnd = nextIndex(s, ']]>', from);
  if (cdataEnd >= 0 && cdataEnd < to) {
    throw errorAt(text, cdataEnd, 'XML_MALFORMED', `expected ']]&gt;' in text but found a literal ']]>'`);
  }
  checkReferences(s, from, to);
}

/** Skips a construct that ends with `close`; throws if the text ends first. */
function skipTo(s: ScanState, open: number, close: string, what: string): void {
  const end = s.text.indexOf(close, open);
  if (end < 0) {
    throw errorAt(s.text, s.pos, 'XML_MALFORMED', `expected '${close}' to end the ${what} but found the end of the document`);
  }
  s.pos = end + close.length;
}

function scanBang(s: ScanState): void {
  const { text, pos } = s;
  if (text.startsWith('<!--', pos)) return skipTo(s, pos + 4, '-->', 'comment');
  if (text.startsWith('<![CDATA[', pos)) {
    if (s.stack.length === 0) {
      throw errorAt(text, pos, 'XML_MALFORMED', 'expected a CDATA section only inside the root element but found one outside it');
    }
    return skipTo(s, pos + 9, ']]>', 'CDATA section');
  }
  if (/^<!doctype/i.test(text.slice(pos, pos + 9))) {
    throw errorAt(text, pos, 'XML_DTD_FORBIDDEN',
      'expected no document type declaration but found <!DOCTYPE (SOAP 1.1 §3 and SOAP 1.2 Part 1 §5 forbid DTDs in SOAP messages)');
  }
  throw errorAt(text, pos, 'XML_MALFORMED',
    `expected '<!--' or '<![CDATA[' but found '${show(text.slice(pos, pos + 10))}'`);
}

function scanEndTag(s: ScanState): void {
  const { text, pos } = s;
  const end = text.indexOf('>', pos);
  if (end < 0) throw errorAt(text, pos, 'XML_MALFORMED', "expected '>' to close the end tag but found the end of the document");
  const name = text.slice(pos + 2, end).replace(/[ \t\n]+$/, '');
  const open = s.stack.pop();
  if (!open) {
    throw errorAt(text, pos, 'XML_MALFORMED', `expected no end tag here (no element is open) but found '</${show(name)}>'`);
  }
  if (open.name !== name) {
    throw errorAt(text, pos, 'XML_MALFORMED', `expected '</${open.name}>' but found '</${show(name)}>'`);
  }
  if (s.stack.length === 0) s.rootClosed = true;
  s.pos = end + 1;
}

/** Returns the offset of the '>' closing the start tag at s.pos, checking quoted attribute values. */
function findTagEnd(s: ScanState, from: number, name: string): number {
  const { text } = s;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3e /* > */) return i;
    if (c === 0x3c /* < */) {
      throw errorAt(text, i, 'XML_MALFORMED', `expected '>' to close the start tag <${name}> but found '<'`);
    }
    if (c === 0x22 || c === 0x27) {
      const close = text.indexOf(c === 0x22 ? '"' : "'", i + 1);
      if (close < 0) {
        throw errorAt(text, i, 'XML_MALFORMED', `expected a closing quote for an attribute value of <${name}> but found the end of the document`);
      }
      const lt = nextIndex(s, '<', i + 1);
      if (lt >= 0 && lt < close) {
        throw errorAt(text, lt, 'XML_MALFORMED', `expected '&lt;' in an attribute value of <${name}> but found a literal '<'`);
      }
      checkReferences(s, i + 1, close);
      i = close;
    }
  }
  throw errorAt(text, s.pos, 'XML_MALFORMED', `expected '>' to close the start tag <${name}> but found the end of the document`);
}

function scanStartTag(s: ScanState): void {
  const { text, pos } = s;
  const name = /[^ \t\n/>]*/y;
  name.lastIndex = pos + 1;
  const tagName = name.exec(text)?.[0] ?? '';
  if (tagName === '') {
    throw errorAt(text, pos, 'XML_MALFORMED', `expected an element name after '<' but found '${show(text.slice(pos, pos + 2))}'`);
  }
  if (s.rootClosed) {
    throw errorAt(text, pos, 'XML_MALFORMED',
      `expected the end of the document after the root element </${s.rootName}> but found another element <${tagName}>`);
  }
  const end = findTagEnd(s, pos + 1 + tagName.length, tagName);
  if (s.rootName === null) s.rootName = tagName;
  if (text.charCodeAt(end - 1) !== 0x2f /* / */) {
    s.stack.push({ name: tagName, at: pos });
    if (s.stack.length > s.maxDepth) {
      throw errorAt(text, pos, 'XML_TOO_DEEP', `expected elements nested at most ${s.maxDepth} deep but <${tagName}> is at depth ${s.stack.length}`);
    }
  } else if (s.stack.length === 0) {
    s.rootClosed = true;
  }
  s.pos = end + 1;
}

function scanMarkup(s: ScanState): void {
  const next = s.text.charAt(s.pos + 1);
  if (next === '?') skipTo(s, s.pos + 2, '?>', 'processing instruction');
  else if (next === '!') scanBang(s);
  else if (next === '/') scanEndTag(s);
  else scanStartTag(s);
}

function finish(s: ScanState): void {
  const { text } = s;
  const open = s.stack[s.stack.length - 1];
  if (open) {
    const at = lineColumnAt(text, open.at);
    throw errorAt(text, text.length, 'XML_MALFORMED',
      `expected '</${open.name}>' but found the end of the document (<${open.name}> opened at line ${at.line}, column ${at.column})`);
  }
  if (s.rootName === null) {
    throw errorAt(text, text.length, 'XML_MALFORMED', 'expected a root element but found none');
  }
}

/**
 * Checks the structure of line-normalized XML text in one linear pass. Throws XmlParseError with
 * code XML_DTD_FORBIDDEN, XML_TOO_DEEP or XML_MALFORMED; returns normally when xmldom may proceed.
 */
export function prescan(text: string, maxDepth: number): void {
  const bad = ILLEGAL_CHAR.exec(text);
  if (bad) {
    const hex = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    throw errorAt(text, bad.index, 'XML_MALFORMED', `expected only legal XML characters but found U+${hex}`);
  }
  const s: ScanState = { text, pos: 0, maxDepth, stack: [], rootName: null, rootClosed: false, next: new Map() };
  for (;;) {
    const lt = text.indexOf('<', s.pos);
    checkText(s, s.pos, lt < 0 ? text.length : lt);
    if (lt < 0) break;
    s.pos = lt;
    scanMarkup(s);
  }
  finish(s);
}
