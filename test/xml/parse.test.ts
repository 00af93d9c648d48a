import { describe, expect, it } from 'vitest';
import type { Element } from '@xmldom/xmldom';
import { parseXml, tryParseXml } from '../../src/engine/xml/parse.ts';
import { prescan } from '../../src/engine/xml/prescan.ts';
import { XmlParseError, WsbenchError } from '../../src/engine/report/errors.ts';

/** The XmlParseError parseXml throws for text (fails the test if it parses). */
function failure(text: string, opts?: Parameters<typeof parseXml>[1]): XmlParseError {
  const r = tryParseXml(text, opts);
  if (r.ok) throw new Error(`expected a parse error for ${JSON.stringify(text.slice(0, 60))}`);
  expect(r.error).toBeInstanceOf(XmlParseError);
  expect(r.error).toBeInstanceOf(WsbenchError);
  return r.error;
}

describe('parseXml: well-formed input', () => {
  it('parses namespaces and records 1-based positions', () => {
    const doc = parseXml('<s:Envelope xmlns:s="urn:s">\n  <s:Body>\n    <x a="1"/>\n  </s:Body>\n</s:Envelope>');
    const root = doc.documentElement!;
    expect(root.namespaceURI).toBe('urn:s');
    expect(root.localName).toBe('Envelope');
    expect([root.lineNumber, root.columnNumber]).toEqual([1, 1]);
    const x = doc.getElementsByTagName('x')[0]!;
    expect([x.lineNumber, x.columnNumber]).toEqual([3, 5]);
  });

  it('normalizes CRLF and CR to LF (XML 1.0 §2.11) but keeps U+2028 and character references', () => {
    const doc = parseXml('<a>one\r\ntwo\rthree\u2028four&#xD;</a>');
    expect(doc.documentElement!.textContent).toBe('one\ntwo\nthree\u2028four\r');
    const crlf = parseXml('<a>\r\n<b/>\r\n</a>').getElementsByTagName('b')[0] as Element;
    expect(crlf.lineNumber).toBe(2);
  });

  it('accepts a byte order mark, an XML declaration, comments and PIs', () => {
    const doc = parseXml('\ufeff<?xml version="1.0" encoding="UTF-8"?>\n<!-- c --><?pi x?><a/>');
    expect(doc.documentElement!.tagName).toBe('a');
  });

  it('accepts nesting exactly at the depth limit and refuses one more', () => {
    const nest = (n: number) => '<a>'.repeat(n) + '</a>'.repeat(n);
    expect(parseXml(nest(256)).documentElement!.tagName).toBe('a');
    expect(failure(nest(257)).code).toBe('XML_TOO_DEEP');
    expect(parseXml(nest(10), { maxDepth: 10 }).documentElement).toBeTruthy();
    expect(failure(nest(11), { maxDepth: 10 }).code).toBe('XML_TOO_DEEP');
  });

  it('tryParseXml returns the document', () => {
    const r = tryParseXml('<a>t</a>');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.doc.documentElement!.textContent).toBe('t');
  });
});

describe('parseXml: malformed input gives code, line, column and expected/found', () => {
  it('mismatched end tag', () => {
    const e = failure('<Envelope>\n  <Body>\n      </Header>\n</Envelope>');
    expect(e.code).toBe('XML_MALFORMED');
    expect([e.line, e.column]).toEqual([3, 7]);
    expect(e.message).toBe("Line 3, column 7: expected '</Body>' but found '</Header>'");
  });

  it('unclosed element at the end of the document', () => {
    const e = failure('<a>\n<b>');
    expect(e.code).toBe('XML_MALFORMED');
    expect(e.line).toBe(2);
    expect(e.message).toContain("expected '</b>' but found the end of the document (<b> opened at line 2, column 1)");
  });

  it('a bare ampersand', () => {
    const e = failure('<a>\n fish & chips</a>');
    expect([e.code, e.line, e.column]).toEqual(['XML_MALFORMED', 2, 7]);
    expect(e.message).toContain("a literal '&' must be written '&amp;'");
  });

  it('an undefined entity', () => {
    const e = failure('<a>&nbsp;</a>');
    expect([e.line, e.column]).toEqual([1, 4]);
    expect(e.message).toContain("found '&nbsp;'");
  });

  it('a character reference to an illegal character, and an illegal character', () => {
    expect(failure('<a>&#0;</a>').message).toContain("found '&#0;'");
    const e = failure('<a>\n\u0001</a>');
    expect([e.line, e.column]).toEqual([2, 1]);
    expect(e.message).toContain('U+0001');
  });

  it('an undeclared namespace prefix', () => {
    const e = failure('<a xmlns:q="urn:q">\n  <q:b x:y="1"/>\n</a>');
    expect([e.code, e.line, e.column]).toEqual(['XML_MALFORMED', 2, 3]);
    expect(e.message).toContain("found prefix 'x' undeclared");
  });

  it('a duplicated attribute and an unquoted one', () => {
    expect(failure('<a x="1" x="2"/>').message).toContain("found 'x' twice");
    expect(failure('<a x=1/>').message).toContain('expected a quoted attribute value');
    expect(failure('<a x/>').message).toContain("expected '=\"…\"' after attribute name 'x'");
  });

  it("a '<' in an attribute value", () => {
    const e = failure('<a\n  x="<"/>');
    expect([e.line, e.column]).toEqual([2, 6]);
    expect(e.message).toContain("expected '&lt;'");
  });

  it('text or a second element after the root', () => {
    const text = failure('<a/>\ntrailing');
    expect([text.line, text.column]).toEqual([2, 1]);
    expect(text.message).toContain("after the end of the root element </a> but found text 'trailing'");
    expect(failure('<a/><b/>').message).toContain('found another element <b>');
    expect(failure('junk<a/>').message).toContain('before the root element');
  });

  it("']]>' in text, an unterminated comment and CDATA outside the root", () => {
    expect(failure('<a>x]]>y</a>').column).toBe(5);
    expect(failure('<a><!-- open</a>').message).toContain("expected '-->'");
    expect(failure('<![CDATA[x]]><a/>').message).toContain('CDATA section only inside the root element');
  });

  it('an end tag with nothing open', () => {
    expect(failure('</a>').message).toContain('no element is open');
  });

  it('an XML declaration that is not at the start', () => {
    expect(failure('<a/>\n<?xml version="1.0"?>').message).toContain('XML declaration');
  });

  it('empty and whitespace-only text', () => {
    for (const t of ['', '  \n\t ']) {
      const e = failure(t);
      expect([e.code, e.line, e.column]).toEqual(['XML_EMPTY', 1, 1]);
    }
    expect(failure('<!-- only a comment -->').message).toContain('expected a root element but found none');
  });
});

describe('Security: parser limits', () => {
  it('refuses any DOCTYPE, so a billion-laughs document never expands', () => {
    const laughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<lolz>&lol3;</lolz>`;
    const t0 = performance.now();
    const e = failure(laughs);
    expect(performance.now() - t0).toBeLessThan(50);
    expect([e.code, e.line, e.column]).toEqual(['XML_DTD_FORBIDDEN', 2, 1]);
    expect(e.message).toContain('SOAP 1.1 §3');
    expect(failure('<!doctype a><a/>').code).toBe('XML_DTD_FORBIDDEN');
  });

  it('refuses a 50 MB string in well under 100 ms, naming size and limit', () => {
    const big = `<a>${'x'.repeat(50 * 1024 * 1024)}</a>`;
    const t0 = performance.now();
    const e = failure(big);
    expect(performance.now() - t0).toBeLessThan(100);
    expect(e.code).toBe('XML_TOO_LARGE');
    expect(e.message).toContain(String(big.length));
    expect(e.message).toContain(String(10 * 1024 * 1024));
    expect(failure('<a>12345</a>', { maxBytes: 8 }).code).toBe('XML_TOO_LARGE');
  });

  it('refuses 10000-deep nesting without exhausting the stack', () => {
    const deep = '<a>'.repeat(10000) + '</a>'.repeat(10000);
    const e = failure(deep);
    expect(e.code).toBe('XML_TOO_DEEP');
    expect([e.line, e.column]).toEqual([1, 256 * 3 + 1]);
    expect(e.message).toContain('at most 256 deep');
  });

  it('pre-scans in linear time (no rescanning for a reference far ahead)', () => {
    // Quadratic rescanning would cost 400k segments x 3 MB here; linear is a few milliseconds.
    const many = `<a>${'<b>x</b>'.repeat(400000)}&amp;</a>`;
    const t0 = performance.now();
    prescan(many, 256);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(() => prescan(`${many.slice(0, -4)}&amp</a>`, 256)).toThrow(XmlParseError);
  });
});
