// Element extents in the editor's text, for decorations that cover a whole element (signed and
// encrypted parts) and for turning an engine path back into a place in the text. A tolerant scan,
// not a parser: it matches each start tag to its end tag, skips comments, CDATA, PIs and DOCTYPE,
// and leaves an element that is never closed open to the end of the text. Paths follow the
// engine's form (xml/path.ts): local names, with `[k]` only where a parent has several children
// of that local name.

export interface ElementSpan {
  qname: string;
  localName: string;
  /** The engine's path, e.g. `Envelope/Header/Security/Signature[2]`. */
  path: string;
  /** Offset of `<` of the start tag. */
  start: number;
  /** Offset just after the start tag's `>`. */
  startTagEnd: number;
  /** Offset just after the end tag's `>` (= startTagEnd for an empty-element tag). */
  end: number;
  /** 1-based line and column of `<` (as the engine's parser reports an element's position). */
  line: number;
  column: number;
  /** Index of the parent span, or -1 for the document element. */
  parent: number;
}

const NAME = /[^\s/>=]+/y;

/** Offsets where each line starts (after \n). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of an offset. */
export function positionOf(starts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

/** Offset of a 1-based line and column (clamped to the text). */
export function offsetOf(starts: readonly number[], line: number, column: number, length: number): number {
  const start = starts[Math.min(Math.max(line, 1), starts.length) - 1] ?? 0;
  return Math.min(start + Math.max(column, 1) - 1, length);
}

/** The offset after a markup construct that starts at `i` and ends with `close`. */
function skipTo(text: string, i: number, close: string): number {
  const j = text.indexOf(close, i);
  return j < 0 ? text.length : j + close.length;
}

/** End of a start or end tag beginning at `i` (quotes may hold `>`); also whether it is `/>`. */
function tagEnd(text: string, i: number): { end: number; empty: boolean } {
  let quote = '';
  for (let j = i; j < text.length; j++) {
    const c = text[j];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return { end: j + 1, empty: text[j - 1] === '/' };
    }
  }
  return { end: text.length, empty: false };
}

function skipMarkup(text: string, i: number): number | null {
  if (text.startsWith('<!--', i)) return skipTo(text, i + 4, '-->');
  if (text.startsWith('<![CDATA[', i)) return skipTo(text, i + 9, ']]>');
  if (text.startsWith('<?', i)) return skipTo(text, i + 2, '?>');
  if (text.startsWith('<!', i)) {
    const bracket = text.indexOf('[', i);
    const gt = text.indexOf('>', i);
    if (bracket >= 0 && (gt < 0 || bracket < gt)) return skipTo(text, skipTo(text, bracket, ']'), '>');
    return gt < 0 ? text.length : gt + 1;
  }
  return null;
}

function nameAt(text: string, i: number): string {
  NAME.lastIndex = i;
  return NAME.exec(text)?.[0] ?? '';
}

/** Every element of the text in document order, with its extent and path. */
export function scanElements(text: string): ElementSpan[] {
  const starts = lineStarts(text);
  const spans: ElementSpan[] = [];
  const open: number[] = [];
  let i = text.indexOf('<');
  while (i >= 0 && i < text.length) {
    const skipped = skipMarkup(text, i);
    if (skipped !== null) {
      i = text.indexOf('<', skipped);
      continue;
    }
    if (text[i + 1] === '/') {
      const qname = nameAt(text, i + 2);
      const { end } = tagEnd(text, i);
      closeElement(spans, open, qname, end);
      i = text.indexOf('<', end);
      continue;
    }
    const qname = nameAt(text, i + 1);
    const { end, empty } = tagEnd(text, i);
    if (qname) {
      const colon = qname.indexOf(':');
      const { line, column } = positionOf(starts, i);
      spans.push({
        qname, localName: colon >= 0 ? qname.slice(colon + 1) : qname, path: '',
        start: i, startTagEnd: end, end: empty ? end : text.length, line, column, parent: open.at(-1) ?? -1,
      });
      if (!empty) open.push(spans.length - 1);
    }
    i = text.indexOf('<', end);
  }
  assignPaths(spans);
  return spans;
}

/** Closes the nearest open element named `qname` (and, leniently, everything opened inside it). */
function closeElement(spans: ElementSpan[], open: number[], qname: string, end: number): void {
  const k = open.findLastIndex((idx) => spans[idx]!.qname === qname);
  if (k < 0) return;
  for (const idx of open.splice(k)) spans[idx]!.end = end;
}

function assignPaths(spans: ElementSpan[]): void {
  const counts = new Map<string, number>();
  for (const s of spans) counts.set(`${s.parent} ${s.localName}`, (counts.get(`${s.parent} ${s.localName}`) ?? 0) + 1);
  const seen = new Map<string, number>();
  for (const s of spans) {
    const key = `${s.parent} ${s.localName}`;
    const k = (seen.get(key) ?? 0) + 1;
    seen.set(key, k);
    const step = (counts.get(key) ?? 1) > 1 ? `${s.localName}[${k}]` : s.localName;
    s.path = s.parent >= 0 ? `${spans[s.parent]!.path}/${step}` : step;
  }
}

/** The element whose start tag opens at this 1-based position (or encloses it), else null. */
export function elementAtPosition(spans: readonly ElementSpan[], line: number, column: number): ElementSpan | null {
  return spans.find((s) => s.line === line && s.column === column) ?? null;
}

/** The innermost element whose extent contains `offset` and that `accept` accepts. */
export function innermostAt(spans: readonly ElementSpan[], offset: number, accept: (s: ElementSpan) => boolean = () => true): ElementSpan | null {
  let best: ElementSpan | null = null;
  for (const s of spans) {
    if (s.start > offset) break;
    if (offset < s.end && accept(s)) best = s;
  }
  return best;
}

/** The element with this engine path (attribute steps `/@x` resolve to their element). */
export function elementByPath(spans: readonly ElementSpan[], path: string): ElementSpan | null {
  const elementPath = path.replace(/\/@[^/]*$/, '');
  return spans.find((s) => s.path === elementPath) ?? null;
}
