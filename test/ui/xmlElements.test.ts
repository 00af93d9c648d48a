// The editor's element scan (src/ui/monaco/xmlElements.ts). parts.ts places the engine's part
// markers with elementAtPosition(marker.line, marker.column) — positions xmldom recorded in the
// engine's parse — else elementByPath(marker.path), and turns span offsets into editor ranges with
// model.getPositionAt (UTF-16 offsets into model.getValue()). So: offsets must slice out exactly
// the element's source, and line:column and paths must be the engine's for the same text.

import { describe, expect, it } from 'vitest';
import type { Element } from '@xmldom/xmldom';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { nodePath, nodePosition } from '../../src/engine/xml/path.ts';
import {
  elementAtPosition, elementByPath, innermostAt, lineStarts, offsetOf, positionOf, scanElements, type ElementSpan,
} from '../../src/ui/monaco/xmlElements.ts';

const source = (text: string, s: ElementSpan): string => text.slice(s.start, s.end);
const byPath = (spans: readonly ElementSpan[], path: string): ElementSpan => {
  const s = elementByPath(spans, path);
  if (!s) throw new Error(`no element at ${path}`);
  return s;
};

/** Every element the engine's parser sees, with its path and recorded position. */
function engineElements(text: string): Array<{ path: string; line: number; column: number }> {
  const doc = parseXml(text);
  const all = doc.getElementsByTagName('*');
  const out: Array<{ path: string; line: number; column: number }> = [];
  for (let k = 0; k < all.length; k++) {
    const el: Element = all[k]!;
    const pos = nodePosition(el);
    if (!pos) throw new Error(`no position for ${nodePath(el)}`);
    out.push({ path: nodePath(el), line: pos.line, column: pos.column });
  }
  return out;
}

const SOAP = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<!-- a comment with a > and <Body> and </Envelope> -->',
  '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:wsse="urn:wsse" xmlns:ds="urn:ds">',
  '  <soap:Header>',
  '    <wsse:Security note="a > b, c/>d" other=\'say "hi" >\'>',
  '      <ds:Signature Id="sig-1"><ds:SignedInfo><ds:Reference URI="#body"/><ds:Reference URI="#ts"/></ds:SignedInfo>',
  '        <ds:SignatureValue>abc</ds:SignatureValue>',
  '      </ds:Signature>',
  '      <?wsb-pi a > <ds:Signature> ?>',
  '    </wsse:Security>',
  '  </soap:Header>',
  '  <soap:Body Id="body">Grüße 😀 — <x:Item xmlns:x="urn:x">€<![CDATA[ ]> <x:Item> ]] </soap:Body> >]]></x:Item><y:Item xmlns:y="urn:y"/></soap:Body>',
  '</soap:Envelope>',
].join('\n');

describe('scanElements agrees with the engine', () => {
  for (const [name, text] of [
    ['LF', SOAP],
    ['CRLF', SOAP.replace(/\n/g, '\r\n')],
  ] as const) {
    it(`finds the same elements, paths and line:column as the engine's parse (${name})`, () => {
      const spans = scanElements(text);
      expect(spans.map((s) => ({ path: s.path, line: s.line, column: s.column }))).toEqual(engineElements(text));
    });
  }

  it('places each engine position with elementAtPosition, multi-byte text before it on the line', () => {
    const text = SOAP.replace(/\n/g, '\r\n');
    const spans = scanElements(text);
    for (const e of engineElements(text)) {
      expect(elementAtPosition(spans, e.line, e.column)?.path).toBe(e.path);
    }
    // Column in UTF-16 code units (as xmldom and Monaco count): 'ü', 'ß', '—' one each, the emoji two.
    const items = spans.filter((s) => s.localName === 'Item');
    expect(items.map((s) => s.path)).toEqual(['Envelope/Body/Item[1]', 'Envelope/Body/Item[2]']);
    expect(items[0]!.line).toBe(12);
    expect(items[0]!.column).toBe('  <soap:Body Id="body">Grüße 😀 — '.length + 1);
  });
});

describe('scanElements extents', () => {
  it('offsets slice out exactly each element (CRLF kept as two code units)', () => {
    const text = SOAP.replace(/\n/g, '\r\n');
    const spans = scanElements(text);
    const env = byPath(spans, 'Envelope');
    expect(env.start).toBe(text.indexOf('<soap:Envelope'));
    expect(env.end).toBe(text.length);
    const sig = byPath(spans, 'Envelope/Header/Security/Signature');
    expect(source(text, sig)).toBe(
      '<ds:Signature Id="sig-1"><ds:SignedInfo><ds:Reference URI="#body"/><ds:Reference URI="#ts"/></ds:SignedInfo>\r\n' +
        '        <ds:SignatureValue>abc</ds:SignatureValue>\r\n      </ds:Signature>',
    );
    expect(text.slice(sig.start, sig.startTagEnd)).toBe('<ds:Signature Id="sig-1">');
    // The offset → line:column the scan gives is the one the editor would compute for `start`.
    for (const s of spans) expect(positionOf(lineStarts(text), s.start)).toEqual({ line: s.line, column: s.column });
  });

  it('a quoted attribute value may hold ">" and "/>" without ending the start tag', () => {
    const text = SOAP;
    const sec = byPath(scanElements(text), 'Envelope/Header/Security');
    expect(text.slice(sec.start, sec.startTagEnd)).toBe('<wsse:Security note="a > b, c/>d" other=\'say "hi" >\'>');
    expect(source(text, sec).endsWith('</wsse:Security>')).toBe(true);
  });

  it('markup inside comments, CDATA and PIs is not an element', () => {
    const text = SOAP;
    const spans = scanElements(text);
    // One Envelope, one Body, one Signature: the copies in the comment, PI and CDATA are ignored.
    expect(spans.filter((s) => s.localName === 'Envelope')).toHaveLength(1);
    expect(spans.filter((s) => s.localName === 'Signature')).toHaveLength(1);
    const item = byPath(spans, 'Envelope/Body/Item[1]');
    expect(source(text, item)).toBe('<x:Item xmlns:x="urn:x">€<![CDATA[ ]> <x:Item> ]] </soap:Body> >]]></x:Item>');
    const body = byPath(spans, 'Envelope/Body');
    expect(source(text, body).endsWith('<y:Item xmlns:y="urn:y"/></soap:Body>')).toBe(true);
  });

  it('self-closing elements end at their own tag and do not become parents', () => {
    const text = '<a><b x="1"/><b /><c/></a>';
    const spans = scanElements(text);
    expect(spans.map((s) => [s.path, source(text, s)])).toEqual([
      ['a', text],
      ['a/b[1]', '<b x="1"/>'],
      ['a/b[2]', '<b />'],
      ['a/c', '<c/>'],
    ]);
    for (const s of spans.slice(1)) expect(s.end).toBe(s.startTagEnd);
    expect(spans.slice(1).map((s) => s.parent)).toEqual([0, 0, 0]);
  });

  it('a "/" just before ">" inside a quoted value does not make the element empty', () => {
    const text = '<a href="x/"><b/></a>';
    const [a, b] = scanElements(text);
    expect(a!.end).toBe(text.length);
    expect(b!.path).toBe('a/b');
  });

  it('nested elements of the same name close innermost first', () => {
    const text = '<a><a><a/><a>t</a></a><a></a></a>';
    const spans = scanElements(text);
    expect(spans.map((s) => [s.path, source(text, s)])).toEqual([
      ['a', text],
      ['a/a[1]', '<a><a/><a>t</a></a>'],
      ['a/a[1]/a[1]', '<a/>'],
      ['a/a[1]/a[2]', '<a>t</a>'],
      ['a/a[2]', '<a></a>'],
    ]);
  });

  it('counts siblings by local name across prefixes, as the engine does', () => {
    const text = '<r xmlns:p="urn:p" xmlns:q="urn:q"><p:X/><q:X/><X xmlns="urn:z"/><p:Y/></r>';
    const spans = scanElements(text);
    expect(spans.map((s) => s.path)).toEqual(engineElements(text).map((e) => e.path));
    expect(spans.map((s) => [s.qname, s.localName, s.path])).toEqual([
      ['r', 'r', 'r'],
      ['p:X', 'X', 'r/X[1]'],
      ['q:X', 'X', 'r/X[2]'],
      ['X', 'X', 'r/X[3]'],
      ['p:Y', 'Y', 'r/Y'],
    ]);
  });

  it('an end tag only closes an element of the same qualified name', () => {
    const text = '<p:a xmlns:p="u" xmlns:q="u"><q:a></p:a></q:a>';
    const [outer, inner] = scanElements(text);
    // </p:a> closes the outer p:a (and leniently the q:a opened inside it); </q:a> then finds nothing.
    expect(outer!.end).toBe(text.indexOf('</q:a>'));
    expect(inner!.end).toBe(text.indexOf('</q:a>'));
  });

  it('leaves unclosed elements open to the end and ignores stray end tags', () => {
    const text = '<a></x><b><c></c>';
    const spans = scanElements(text);
    expect(spans.map((s) => [s.path, s.end])).toEqual([
      ['a', text.length],
      ['a/b', text.length],
      ['a/b/c', text.length],
    ]);
  });

  it('skips a DOCTYPE with an internal subset holding ">" and "<"', () => {
    const text = '<!DOCTYPE r [\n<!ENTITY e "<x>">\n]>\n<r><x/></r>';
    expect(scanElements(text).map((s) => [s.path, s.line, s.column])).toEqual([
      ['r', 4, 1],
      ['r/x', 4, 4],
    ]);
  });

  it('handles an empty text and text without elements', () => {
    expect(scanElements('')).toEqual([]);
    expect(scanElements('just text > here')).toEqual([]);
    expect(scanElements('<!-- <a> unterminated')).toEqual([]);
  });
});

describe('lookups', () => {
  const text = '<r>\n  <ds:Signature xmlns:ds="urn:ds"><ds:SignedInfo/><ds:Object><ds:Signature><v/></ds:Signature></ds:Object></ds:Signature>\n  <b/>\n</r>';
  const spans = scanElements(text);
  const isSig = (s: ElementSpan): boolean => s.localName === 'Signature';

  it('innermostAt picks the innermost accepted element whose extent holds the offset', () => {
    const inner = text.indexOf('<v/>');
    expect(innermostAt(spans, inner)?.path).toBe('r/Signature/Object/Signature/v');
    expect(innermostAt(spans, inner, isSig)?.path).toBe('r/Signature/Object/Signature');
    expect(innermostAt(spans, text.indexOf('<ds:SignedInfo/>') + 3, isSig)?.path).toBe('r/Signature');
    const outer = byPath(spans, 'r/Signature');
    expect(innermostAt(spans, outer.start, isSig)?.path).toBe('r/Signature');
    // `end` is exclusive: just after </ds:Signature> is outside it.
    expect(innermostAt(spans, outer.end, isSig)).toBeNull();
    expect(innermostAt(spans, outer.end - 1, isSig)?.path).toBe('r/Signature');
    expect(innermostAt(spans, text.indexOf('<b/>'), isSig)).toBeNull();
    expect(innermostAt(spans, text.indexOf('<b/>'))?.path).toBe('r/b');
  });

  it('elementByPath resolves an attribute step to its element and misses unknown paths', () => {
    expect(elementByPath(spans, 'r/Signature/@Id')?.qname).toBe('ds:Signature');
    expect(elementByPath(spans, 'r/Signature/Object/Signature')?.line).toBe(2);
    expect(elementByPath(spans, 'r/Signature[1]')).toBeNull();
    expect(elementByPath(spans, 'r/c')).toBeNull();
  });

  it('elementAtPosition needs the exact position of "<"', () => {
    expect(elementAtPosition(spans, 3, 3)?.path).toBe('r/b');
    expect(elementAtPosition(spans, 3, 4)).toBeNull();
    expect(elementAtPosition(spans, 1, 1)?.path).toBe('r');
  });
});

describe('lineStarts, positionOf and offsetOf', () => {
  it('count lines at \\n (a CRLF line keeps its \\r as its last column)', () => {
    const text = 'ab\r\ncd\n\nx';
    const starts = lineStarts(text);
    expect(starts).toEqual([0, 4, 7, 8]);
    expect(positionOf(starts, 0)).toEqual({ line: 1, column: 1 });
    expect(positionOf(starts, 2)).toEqual({ line: 1, column: 3 }); // the \r
    expect(positionOf(starts, 3)).toEqual({ line: 1, column: 4 }); // the \n ends its own line
    expect(positionOf(starts, 4)).toEqual({ line: 2, column: 1 });
    expect(positionOf(starts, 7)).toEqual({ line: 3, column: 1 });
    expect(positionOf(starts, 9)).toEqual({ line: 4, column: 2 }); // the end of the text
  });

  it('offsetOf inverts positionOf and clamps to the text', () => {
    const text = 'é😀\r\n<a>\nb';
    const starts = lineStarts(text);
    for (let o = 0; o <= text.length; o++) {
      const { line, column } = positionOf(starts, o);
      expect(offsetOf(starts, line, column, text.length)).toBe(o);
    }
    expect(offsetOf(starts, 0, 0, text.length)).toBe(0);
    expect(offsetOf(starts, 99, 1, text.length)).toBe(text.lastIndexOf('\n') + 1);
    expect(offsetOf(starts, 3, 99, text.length)).toBe(text.length);
  });
});
