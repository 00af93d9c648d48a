// The first difference between two canonical texts (src/ui/compare/firstDifference.ts). The compare
// view prints `byte` (UTF-8 offset, as digested) with `line`/`column` (differenceText), and uses
// `index` (UTF-16) for the caret: CaretExcerpt → lineAround(text, index), CanonicalBytes' mark.
// Columns are UTF-16 code units, as the engine's own positions and the editor count them.

import { describe, expect, it } from 'vitest';
import { lineColumnAt } from '../../src/engine/xml/prescan.ts';
import { firstDifference, lineAround, type Difference } from '../../src/ui/compare/firstDifference.ts';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function diff(a: string, b: string): Difference {
  const d = firstDifference(a, b);
  if (!d) throw new Error('expected a difference');
  return d;
}

/** What every difference must satisfy, whichever side is passed first. */
function expectConsistent(a: string, b: string): Difference {
  const d = diff(a, b);
  expect(firstDifference(b, a)).toEqual(d);
  // The spot is in the common prefix's coordinates: the same in both texts.
  expect(a.slice(0, d.index)).toBe(b.slice(0, d.index));
  // …and the character (code point) there differs, or one text has ended.
  expect(a.codePointAt(d.index)).not.toBe(b.codePointAt(d.index));
  // `byte` is where the differing character starts in UTF-8; every byte before it is equal.
  const [ea, eb] = [utf8(a), utf8(b)];
  expect(d.byte).toBe(utf8(a.slice(0, d.index)).length);
  expect(Array.from(ea.slice(0, d.byte))).toEqual(Array.from(eb.slice(0, d.byte)));
  // line:column as the engine reports positions (LF texts).
  if (!a.includes('\r')) expect({ line: d.line, column: d.column }).toEqual(lineColumnAt(a, d.index));
  return d;
}

describe('firstDifference', () => {
  it('is null for identical texts, including empty and multi-byte ones', () => {
    expect(firstDifference('', '')).toBeNull();
    expect(firstDifference('<a>é😀</a>\n', '<a>é😀</a>\n')).toBeNull();
  });

  it('points at the first differing character of ASCII text', () => {
    expect(expectConsistent('<a x="1"/>', '<a x="2"/>')).toEqual({ index: 6, byte: 6, line: 1, column: 7 });
    expect(expectConsistent('x', 'y')).toEqual({ index: 0, byte: 0, line: 1, column: 1 });
  });

  it('when one text is a prefix of the other, points just past the shorter one', () => {
    expect(expectConsistent('<a/>', '<a/>\n')).toEqual({ index: 4, byte: 4, line: 1, column: 5 });
    expect(expectConsistent('<a/>\n', '<a/>\n<b/>')).toEqual({ index: 5, byte: 5, line: 2, column: 1 });
    expect(expectConsistent('', 'é')).toEqual({ index: 0, byte: 0, line: 1, column: 1 });
    expect(expectConsistent('é', 'éé')).toEqual({ index: 1, byte: 2, line: 1, column: 2 });
  });

  it('counts lines and columns after line breaks', () => {
    expect(expectConsistent('<a>\n  <b/>\n</a>', '<a>\n  <c/>\n</a>')).toEqual({ index: 7, byte: 7, line: 2, column: 4 });
    // A differing line break: the spot is the last column of the line it ends.
    expect(expectConsistent('ab\ncd', 'ab cd')).toEqual({ index: 2, byte: 2, line: 1, column: 3 });
    expect(expectConsistent('\n\n\nx', '\n\n\ny')).toEqual({ index: 3, byte: 3, line: 4, column: 1 });
  });

  it('counts bytes in UTF-8 and columns in UTF-16 code units', () => {
    // é is 2 bytes, € 3, 😀 4 (and 2 code units): byte and column drift apart.
    expect(expectConsistent('é€😀a', 'é€😀b')).toEqual({ index: 4, byte: 9, line: 1, column: 5 });
    expect(expectConsistent('x\nü😀<a/>', 'x\nü😀<b/>')).toEqual({ index: 6, byte: 9, line: 2, column: 5 });
  });

  it('never points into the middle of a multi-byte character', () => {
    // Same high surrogate, different low one: the emoji as a whole differs.
    expect(expectConsistent('a😀', 'a😁')).toEqual({ index: 1, byte: 1, line: 1, column: 2 });
    expect(expectConsistent('a😀b', 'a😁b')).toEqual({ index: 1, byte: 1, line: 1, column: 2 });
    // é (C3 A9) and è (C3 A8) share their first byte: `byte` is where the character starts.
    expect(expectConsistent('xé', 'xè')).toEqual({ index: 1, byte: 1, line: 1, column: 2 });
  });

  it('treats CRLF as one line break and CR as a column of the line it ends (wire texts)', () => {
    expect(expectConsistent('<a>\r\n<b/>', '<a>\r\n<c/>')).toEqual({ index: 6, byte: 6, line: 2, column: 2 });
    // CRLF on one side, LF on the other: differs at the CR.
    expect(expectConsistent('<a>\r\n<b/>', '<a>\n<b/>')).toEqual({ index: 3, byte: 3, line: 1, column: 4 });
  });
});

describe('lineAround', () => {
  it('returns the line holding the index and the index within it', () => {
    const text = 'one\ntwo\nthree';
    expect(lineAround(text, 0)).toEqual({ text: 'one', at: 0 });
    expect(lineAround(text, 3)).toEqual({ text: 'one', at: 3 }); // the \n ending line 1
    expect(lineAround(text, 4)).toEqual({ text: 'two', at: 0 });
    expect(lineAround(text, 10)).toEqual({ text: 'three', at: 2 });
    expect(lineAround(text, text.length)).toEqual({ text: 'three', at: 5 });
    expect(lineAround('abc\n', 4)).toEqual({ text: '', at: 0 });
    expect(lineAround('', 0)).toEqual({ text: '', at: 0 });
  });

  it('agrees with firstDifference: `at` is column - 1', () => {
    const [a, b] = ['<a>\n  é😀<b x="1"/>\n</a>', '<a>\n  é😀<b x="2"/>\n</a>'];
    const d = diff(a, b);
    const around = lineAround(a, d.index);
    expect(around).toEqual({ text: '  é😀<b x="1"/>', at: d.column - 1 });
    expect(around.text[around.at]).toBe('1');
  });

  it('a text that starts with a line break, differing at index 0, gives the empty first line', () => {
    // e.g. canonical bytes of an XPath-selected node-set starting with a whitespace text node.
    const d = diff('\n<a/>', 'x<a/>');
    expect(d).toEqual({ index: 0, byte: 0, line: 1, column: 1 });
    // CaretExcerpt repeats ' ' `at` times for the caret: `at` must never be negative.
    expect(lineAround('\n<a/>', d.index)).toEqual({ text: '', at: 0 });
    expect(lineAround('x<a/>', d.index)).toEqual({ text: 'x<a/>', at: 0 });
  });
});
