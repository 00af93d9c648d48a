// Where two canonical byte strings first differ: the byte offset (UTF-8, as digested), the
// character index, and the 1-based line and column in the text, for a caret under the spot.

export interface Difference {
  /** Index of the first differing UTF-16 code unit (= length of the common prefix). */
  index: number;
  /** Offset of the first differing byte in the UTF-8 encoding. */
  byte: number;
  /** 1-based line and column of that spot (the same in both texts: the prefix is common). */
  line: number;
  column: number;
}

const encoder = new TextEncoder();

export function firstDifference(a: string, b: string): Difference | null {
  if (a === b) return null;
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  // Never point into the middle of a surrogate pair: the character is what differs.
  if (i > 0 && i < n && isHighSurrogate(a.charCodeAt(i - 1))) i--;
  const prefix = a.slice(0, i);
  const lastNewline = prefix.lastIndexOf('\n');
  return {
    index: i,
    byte: encoder.encode(prefix).length,
    line: prefix.split('\n').length,
    column: i - lastNewline,
  };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** The line of `text` holding `index`, and the 0-based position of `index` within that line. */
export function lineAround(text: string, index: number): { text: string; at: number } {
  // (At index 0 there is no line before: lastIndexOf would clamp -1 to 0 and find a leading '\n'.)
  const start = index > 0 ? text.lastIndexOf('\n', index - 1) + 1 : 0;
  const end = text.indexOf('\n', index);
  return { text: text.slice(start, end < 0 ? text.length : end), at: index - start };
}
