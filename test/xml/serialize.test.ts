import { describe, expect, it } from 'vitest';
import { formatXml, serializeXml } from '../../src/engine/xml/serialize.ts';
import { parseXml } from '../../src/engine/xml/parse.ts';

describe('serializeXml', () => {
  it('round-trips what the parser read without adding a declaration', () => {
    const text = '<s:Envelope xmlns:s="urn:s"><s:Body a="1" xmlns:x="urn:x"><x:y>t &amp; &lt;u&gt;</x:y><!-- c --><![CDATA[<raw>]]><?pi d?></s:Body></s:Envelope>';
    expect(serializeXml(parseXml(text))).toBe(text);
    expect(serializeXml(parseXml('<a/>')).startsWith('<?xml')).toBe(false);
  });

  it('keeps an XML declaration the text had', () => {
    const text = '<?xml version="1.0" encoding="UTF-8"?><a/>';
    expect(serializeXml(parseXml(text))).toBe(text);
  });

  it('escapes CR in text and whitespace in attributes so they survive a re-parse', () => {
    const doc = parseXml('<a b="x&#9;y&#10;z&#13;">l1&#xD;\nl2</a>');
    const out = serializeXml(doc);
    expect(out).toContain('&#xD;\nl2');
    const again = parseXml(out).documentElement!;
    expect(again.textContent).toBe('l1\r\nl2');
    expect(again.getAttribute('b')).toBe('x\ty\nz\r');
  });

  it('serializes a single element subtree', () => {
    const doc = parseXml('<a xmlns="urn:a"><b>x</b></a>');
    expect(serializeXml(doc.getElementsByTagName('b')[0]!)).toBe('<b xmlns="urn:a">x</b>');
  });
});

describe('formatXml', () => {
  it('re-indents element-only content and leaves mixed content and text alone', () => {
    const out = formatXml('<a><b><c>x</c><d/></b><e>mixed <f/> t</e><g>  </g></a>');
    expect(out).toBe('<a>\n  <b>\n    <c>x</c>\n    <d/>\n  </b>\n  <e>mixed <f/> t</e>\n  <g>  </g>\n</a>\n');
  });

  it('replaces existing indentation and honours the indent width', () => {
    const out = formatXml('<a>\n\t\t<b>\n <c/></b>\n</a>', 4);
    expect(out).toBe('<a>\n    <b>\n        <c/>\n    </b>\n</a>\n');
  });

  it('respects xml:space="preserve" and keeps comments and PIs on their own lines', () => {
    const out = formatXml('<?xml version="1.0"?><!--top--><a><p xml:space="preserve"><q/> <r/></p><!--c--><b/></a>');
    expect(out).toBe('<?xml version="1.0"?>\n<!--top-->\n<a>\n  <p xml:space="preserve"><q/> <r/></p>\n  <!--c-->\n  <b/>\n</a>\n');
  });

  it('changes nothing but whitespace', () => {
    const input = '<s:E xmlns:s="urn:s"><s:H><x a="1">v</x></s:H><s:B>y</s:B></s:E>';
    const strip = (t: string) => t.replace(/>\s+</g, '><').trim();
    expect(strip(formatXml(input))).toBe(input);
  });
});
