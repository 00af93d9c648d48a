import { describe, expect, it } from 'vitest';
import {
  C14nCanonicalization, C14nCanonicalizationWithComments, ExclusiveCanonicalization,
  ExclusiveCanonicalizationWithComments, findAncestorNs,
} from 'xml-crypto';
import type { Document, Element, Node } from '@xmldom/xmldom';
import {
  C14N_10, C14N_10_WITH_COMMENTS, C14N_EXC, C14N_EXC_WITH_COMMENTS, c14n10, canonicalize, excC14n, parsePrefixList,
} from '../../src/engine/xml/c14n.ts';
import { build, newDocument } from '../../src/engine/xml/dom.ts';
import { findById } from '../../src/engine/xml/ids.ts';
import { NS } from '../../src/engine/xml/names.ts';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { serializeXml } from '../../src/engine/xml/serialize.ts';
import { UsageError } from '../../src/engine/report/errors.ts';
import { C14N_CASES, ENVELOPE } from './c14n_cases.ts';
import type { C14nCase } from './c14n_cases.ts';

function apexOf(doc: Document, c: C14nCase): Element {
  if (!c.id) return doc.documentElement!;
  const el = findById(doc, c.id);
  if (!el) throw new Error(`case ${c.name}: no element with Id ${c.id}`);
  return el;
}

/** xml-crypto's canonicalizers take lib.dom nodes; xmldom's are what they really walk. */
type XcNode = Parameters<ExclusiveCanonicalization['process']>[0];
const xc = (n: Node): XcNode => n as unknown as XcNode;

function xmlCryptoResults(c: C14nCase): Record<string, string> {
  const fresh = (): { doc: Document; el: Element } => {
    const doc = parseXml(c.xml);
    return { doc, el: apexOf(doc, c) };
  };
  const idPath = c.id ? `//*[@*[local-name()='Id' or local-name()='ID']='${c.id}']` : undefined;
  const ancestors = (doc: Document) =>
    findAncestorNs(doc as unknown as Parameters<typeof findAncestorNs>[0], idPath as string);
  const exc = (withComments: boolean): string => {
    const { doc, el } = fresh();
    const algo = withComments ? new ExclusiveCanonicalizationWithComments() : new ExclusiveCanonicalization();
    return algo.process(xc(el), { inclusiveNamespacesPrefixList: c.prefixes ?? [], ancestorNamespaces: ancestors(doc) });
  };
  const inc = (withComments: boolean): string => {
    const { doc, el } = fresh();
    const algo = withComments ? new C14nCanonicalizationWithComments() : new C14nCanonicalization();
    return algo.process(xc(el), { ancestorNamespaces: ancestors(doc) });
  };
  return { exc: exc(false), excComments: exc(true), inc: inc(false), incComments: inc(true) };
}

function ourResults(c: C14nCase): Record<string, string> {
  const doc = parseXml(c.xml);
  const node: Node = c.id ? apexOf(doc, c) : doc.documentElement!;
  const prefixes = c.prefixes ?? [];
  return {
    exc: excC14n(node, { inclusivePrefixes: prefixes }),
    excComments: excC14n(node, { inclusivePrefixes: prefixes, withComments: true }),
    inc: c14n10(node),
    incComments: c14n10(node, { withComments: true }),
  };
}

describe('c14n agrees with xml-crypto', () => {
  for (const c of C14N_CASES.filter((k) => k.xmlCrypto)) {
    it(c.name, () => {
      const only = c.xmlCrypto === true ? undefined : c.xmlCrypto?.only;
      const pick = (r: Record<string, string>) => (only ? Object.fromEntries(only.map((k) => [k, r[k]])) : r);
      const ours = ourResults(c);
      expect(pick(ours)).toEqual(pick(xmlCryptoResults(c)));
      expect(ours.exc.length).toBeGreaterThan(0);
    });
  }
});

describe('c14n known answers from the W3C specs', () => {
  it('C14N example 3.1: PIs and comments outside the document element', () => {
    const doc = parseXml(C14N_CASES.find((c) => c.name.includes('example 3.1'))!.xml);
    expect(c14n10(doc)).toBe('<?xml-stylesheet href="doc.xsl"\n   type="text/xsl"   ?>\n<doc>Hello, world!</doc>\n<?pi-without-data?>');
    expect(c14n10(doc, { withComments: true })).toBe(
      '<?xml-stylesheet href="doc.xsl"\n   type="text/xsl"   ?>\n<doc>Hello, world!<!-- Comment 1 --></doc>\n<?pi-without-data?>\n<!-- Comment 2 -->\n<!-- Comment 3 -->');
    expect(excC14n(doc, { withComments: true })).toBe(c14n10(doc, { withComments: true }));
  });

  it('C14N example 3.3: empty elements, attribute and namespace order, superfluous declarations', () => {
    const doc = parseXml(C14N_CASES.find((c) => c.name.includes('example 3.3'))!.xml);
    const out = c14n10(doc);
    expect(out).toContain('<e1></e1>\n   <e2></e2>\n   <e3 id="elem3" name="elem3"></e3>');
    expect(out).toContain(
      '<e5 xmlns="http://example.org" xmlns:a="http://www.w3.org" xmlns:b="http://www.ietf.org" attr="I\'m" attr2="all" b:attr="sorted" a:attr="out"></e5>');
    expect(out).toContain('<e6 xmlns:a="http://www.w3.org">\n      <e7 xmlns="http://www.ietf.org">\n         <e8 xmlns="">\n            <e9 xmlns:a="http://www.ietf.org"></e9>');
  });

  it('C14N example 3.4: character references, CDATA and attribute normalization', () => {
    const doc = parseXml(C14N_CASES.find((c) => c.name.includes('example 3.4'))!.xml);
    const out = c14n10(doc);
    expect(out).toContain('<text>First line&#xD;\nSecond line</text>');
    expect(out).toContain('<value>2</value>');
    expect(out).toContain('<compute>value&gt;"0" &amp;&amp; value&lt;"10" ?"valid":"error"</compute>');
    expect(out).toContain('expr="value>&quot;0&quot; &amp;&amp; value&lt;&quot;10&quot; ?&quot;valid&quot;:&quot;error&quot;"');
    expect(out).toContain('<norm attr=" \'    &#xD;&#xA;&#x9;   \' "></norm>');
  });

  it('exc-c14n §2.2: a subtree keeps only visibly utilized namespaces; inclusive c14n takes them all', () => {
    const doc = parseXml(`<n0:local xmlns:n0="foo:bar" xmlns:n3="ftp://example.org">
  <n1:elem2 xmlns:n1="http://example.net" xml:lang="en">
    <n3:stuff xmlns:n3="ftp://example.org"/>
  </n1:elem2>
</n0:local>`);
    const elem2 = doc.getElementsByTagName('n1:elem2')[0]!;
    expect(excC14n(elem2)).toBe(
      '<n1:elem2 xmlns:n1="http://example.net" xml:lang="en">\n    <n3:stuff xmlns:n3="ftp://example.org"></n3:stuff>\n  </n1:elem2>');
    expect(c14n10(elem2)).toBe(
      '<n1:elem2 xmlns:n0="foo:bar" xmlns:n1="http://example.net" xmlns:n3="ftp://example.org" xml:lang="en">\n    <n3:stuff></n3:stuff>\n  </n1:elem2>');
  });
});

describe('c14n edge cases', () => {
  it('renders #default from the PrefixList on the apex', () => {
    const doc = parseXml('<a xmlns="urn:d" xmlns:p="urn:p"><p:b Id="s"><p:c/><x/></p:b></a>');
    const b = findById(doc, 's')!;
    expect(excC14n(b)).toBe('<p:b xmlns:p="urn:p" Id="s"><p:c></p:c><x xmlns="urn:d"></x></p:b>');
    expect(excC14n(b, { inclusivePrefixes: ['#default'] })).toBe(
      '<p:b xmlns="urn:d" xmlns:p="urn:p" Id="s"><p:c></p:c><x></x></p:b>');
  });

  it('inherits xml:* attributes of ancestors only in inclusive c14n of a subtree', () => {
    const doc = parseXml('<a xml:lang="en" xml:space="preserve"><b Id="s" xml:lang="fr"><c/></b></a>');
    const b = findById(doc, 's')!;
    expect(c14n10(b)).toBe('<b Id="s" xml:lang="fr" xml:space="preserve"><c></c></b>');
    expect(excC14n(b)).toBe('<b Id="s" xml:lang="fr"><c></c></b>');
  });

  it('orders prefixes and attributes by code point, not locale', () => {
    const doc = parseXml('<a xmlns:B="urn:b" xmlns:a="urn:a" a:y="2" B:x="1" z="0"/>');
    expect(c14n10(doc)).toBe('<a xmlns:B="urn:b" xmlns:a="urn:a" z="0" a:y="2" B:x="1"></a>');
    const doc2 = parseXml('<e xmlns:p="urn:x" xmlns:q="urn:x0" q:a="2" p:z="1"/>');
    expect(excC14n(doc2)).toBe('<e xmlns:p="urn:x" xmlns:q="urn:x0" p:z="1" q:a="2"></e>');
  });

  it('canonicalizes a DOM built without declarations like its re-parsed serialization', () => {
    const WSU = NS.wsu;
    const doc = newDocument({
      ns: 'urn:env', name: 's:Envelope',
      children: [{ ns: 'urn:body', name: 'Body', nsAttrs: [[WSU, 'wsu:Id', 'B']], children: [{ ns: null, name: 'plain', text: 'x' }] }],
    });
    const reparsed = parseXml(serializeXml(doc));
    for (const algo of [C14N_EXC, C14N_10]) {
      expect(canonicalize(findById(doc, 'B')!, algo)).toBe(canonicalize(findById(reparsed, 'B')!, algo));
    }
    expect(excC14n(findById(doc, 'B')!)).toBe(`<Body xmlns="urn:body" xmlns:wsu="${NS.wsu}" wsu:Id="B"><plain xmlns="">x</plain></Body>`);
  });

  it('canonicalizes an element appended to another document (build with context)', () => {
    const doc = parseXml(ENVELOPE);
    const header = doc.getElementsByTagNameNS('http://schemas.xmlsoap.org/soap/envelope/', 'Header')[0]!;
    const el = build(doc, { ns: 'urn:n', name: 'n:Extra', attrs: { Id: 'X' }, text: 'a\rb' }, header);
    header.appendChild(el);
    expect(excC14n(findById(doc, 'X')!)).toBe('<n:Extra xmlns:n="urn:n" Id="X">a&#xD;b</n:Extra>');
  });

  it('dispatches on the algorithm URI and refuses unknown ones', () => {
    const doc = parseXml('<a><!--c--><b/></a>');
    expect(canonicalize(doc, C14N_EXC)).toBe('<a><b></b></a>');
    expect(canonicalize(doc, C14N_EXC_WITH_COMMENTS)).toBe('<a><!--c--><b></b></a>');
    expect(canonicalize(doc, C14N_10)).toBe('<a><b></b></a>');
    expect(canonicalize(doc, C14N_10_WITH_COMMENTS)).toBe('<a><!--c--><b></b></a>');
    let err: unknown;
    try {
      canonicalize(doc, 'http://www.w3.org/2006/12/xml-c14n11');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).code).toBe('C14N_UNKNOWN_ALGORITHM');
    expect((err as UsageError).message).toContain("but found 'http://www.w3.org/2006/12/xml-c14n11'");
    expect((err as UsageError).message).toContain(C14N_EXC);
  });

  it('splits a PrefixList attribute value', () => {
    expect(parsePrefixList(' wsse  soap\t#default ')).toEqual(['wsse', 'soap', '#default']);
    expect(parsePrefixList(null)).toEqual([]);
  });

  it('handles 200-deep nesting without recursion trouble', () => {
    const depth = 200;
    const xml = `${'<a xmlns:p="urn:p">'.repeat(depth)}<p:x/>${'</a>'.repeat(depth)}`;
    const out = excC14n(parseXml(xml));
    expect(out.startsWith('<a><a>')).toBe(true);
    expect(out).toContain('<p:x xmlns:p="urn:p"></p:x>');
    expect(out.match(/<\/a>/g)).toHaveLength(depth);
  });
});
