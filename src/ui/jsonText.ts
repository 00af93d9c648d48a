// JSON typed by hand (an actor's state): JSON.parse reads it, and on failure a small scanner finds
// where it breaks, because the browsers' messages do not always carry a position.

import type { Json } from '../engine/index.ts';

/** Where the text stops being JSON: 1-based line and column, and the offset into the text. */
export interface JsonSyntaxError {
  message: string;
  offset: number;
  line: number;
  column: number;
}

export type JsonParse = { ok: true; value: Json } | { ok: false; error: JsonSyntaxError };

class Stop {
  constructor(readonly offset: number, readonly expected: string) {}
}

const WS = ' \t\n\r';
const ESCAPES = '"\\/bfnrt';
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WORD = /[A-Za-z_$][\w$]*/y;

function skipWs(s: string, i: number): number {
  while (i < s.length && WS.includes(s.charAt(i))) i++;
  return i;
}

function expect(s: string, i: number, ch: string, expected: string): number {
  if (s.charAt(i) !== ch) throw new Stop(i, expected);
  return i + 1;
}

function scanString(s: string, i: number): number {
  for (let j = i + 1; ; j++) {
    if (j >= s.length) throw new Stop(j, 'a closing \'"\'');
    const c = s.charAt(j);
    if (c === '"') return j + 1;
    if (c < ' ') throw new Stop(j, 'a control character written as an escape (\\n, \\t, \\u…) inside a string');
    if (c !== '\\') continue;
    const e = s.charAt(j + 1);
    if (e === 'u') {
      if (!/^[0-9a-fA-F]{4}$/.test(s.slice(j + 2, j + 6))) throw new Stop(j + 2, 'four hex digits after \\u');
      j += 5;
    } else if (ESCAPES.includes(e) && e !== '') j += 1;
    else throw new Stop(j + 1, 'an escape: \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX');
  }
}

function scanMembers(s: string, i: number, close: '}' | ']'): number {
  i = skipWs(s, i + 1);
  if (s.charAt(i) === close) return i + 1;
  for (;;) {
    if (close === '}') {
      if (s.charAt(i) !== '"') throw new Stop(i, 'a property name in double quotes');
      i = skipWs(s, scanString(s, i));
      i = skipWs(s, expect(s, i, ':', "':' after the property name"));
    }
    i = skipWs(s, scanValue(s, i));
    const c = s.charAt(i);
    if (c === close) return i + 1;
    if (c !== ',') throw new Stop(i, close === '}' ? "',' or '}' after a property value" : "',' or ']' after an array element");
    i = skipWs(s, i + 1);
  }
}

function scanValue(s: string, i: number): number {
  const c = s.charAt(i);
  if (c === '{') return scanMembers(s, i, '}');
  if (c === '[') return scanMembers(s, i, ']');
  if (c === '"') return scanString(s, i);
  for (const lit of ['true', 'false', 'null']) if (s.startsWith(lit, i)) return i + lit.length;
  NUMBER.lastIndex = i;
  if ((c === '-' || (c >= '0' && c <= '9')) && NUMBER.test(s)) return NUMBER.lastIndex;
  throw new Stop(i, 'a value (object, array, string, number, true, false or null)');
}

/** What is at `i`, for "found …": a word, one character, or the end. */
function found(s: string, i: number): string {
  if (i >= s.length) return 'the end of the text';
  WORD.lastIndex = i;
  const word = WORD.exec(s)?.[0];
  if (word) return `'${word.length > 24 ? `${word.slice(0, 24)}…` : word}'`;
  const c = s.charAt(i);
  if (c === '\n' || c === '\r') return 'a line break';
  return c < ' ' ? `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : `'${c}'`;
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** The first place `text` is not JSON, or null when it is. */
export function locateJsonError(text: string): JsonSyntaxError | null {
  try {
    const end = skipWs(text, scanValue(text, skipWs(text, 0)));
    if (end < text.length) throw new Stop(end, 'the end of the text after the value');
    return null;
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    return { message: `expected ${e.expected}, found ${found(text, e.offset)}`, offset: e.offset, ...lineColumn(text, e.offset) };
  }
}

export function parseJsonText(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) as Json };
  } catch (e) {
    // The scanner and JSON.parse read the same grammar; the fallback only guards against a gap.
    const error = locateJsonError(text) ?? { message: e instanceof Error ? e.message : String(e), offset: 0, line: 1, column: 1 };
    return { ok: false, error };
  }
}
