import { describe, expect, it } from 'vitest';
import type { Element } from '@xmldom/xmldom';
import {
  attr, build, childElements, childrenNS, firstChildNS, isElement, newDocument, textOf,
} from '../../src/engine/xml/dom.ts';
import type { ElSpec } from '../../src/engine/xml/dom.ts';
import { NS } from '../../src/engine/xml/names.ts';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { serializeXml } from '../../src/engine/xml/serialize.ts';

const SAMPLE = `<s:Envelope xmlns:s="${NS.soap11}" xmlns:wsse="${NS.wsse}" xmlns:wsu="${NS.wsu}">
  <s:Header><wsse:Security>
    <wsse:UsernameToken wsu:Id="UT-1"><wsse:Username>alice</wsse:Username>
      <wsse:Password Type="${NS.wsse}#t">se<!-- x -->cr<![CDATA[et]]></wsse:Password>
    </wsse:UsernameToken>
  </wsse:Security></s:Header>
  <s:Body><Id xmlns="">1</Id><Id xmlns="">2</Id></s:Body>
</s:Envelope>`;

describe('DOM helpers', () => {
  const doc = parseXml(SAMPLE);
  const env = doc.documentElement!;

  it('selects children by namespace and local name, null meaning no namespace', () => {
    expect(childElements(env).map((e) => e.localName)).toEqual(['Header', 'Body']);
    const header = firstChildNS(env, NS.soap11, 'Header')!;
    expect(header.localName).toBe('Header');
    expect(firstChildNS(env, NS.soap12, 'Header')).toBeNull();
    const body = firstChildNS(env, NS.soap11, 'Body')!;
    expect(childrenNS(body, null, 'Id').map(textOf)).toEqual(['1', '2']);
    expect(childrenNS(body, NS.soap11, 'Id')).toEqual([]);
  });

  it('reads text across CDATA, skipping comments', () => {
    const pw = doc.getElementsByTagNameNS(NS.wsse, 'Password')[0]!;
    expect(textOf(pw)).toBe('secret');
  });

  it('reads unqualified and qualified attributes distinctly', () => {
    const ut = doc.getElementsByTagNameNS(NS.wsse, 'UsernameToken')[0]!;
    expect(attr(ut, 'Id', NS.wsu)).toBe('UT-1');
    expect(attr(ut, 'Id')).toBeNull();
    const pw = doc.getElementsByTagNameNS(NS.wsse, 'Password')[0]!;
    expect(attr(pw, 'Type')).toBe(`${NS.wsse}#t`);
    expect(attr(env, 'wsse', NS.xmlns)).toBeNull();
  });

  it('tells elements from other nodes', () => {
    expect(isElement(env)).toBe(true);
    expect(isElement(env.firstChild!)).toBe(false);
  });
});

describe('builder', () => {
  const spec: ElSpec = {
    ns: NS.soap11, name: 's:Envelope', xmlns: { s: NS.soap11, wsu: NS.wsu },
    children: [
      {
        ns: NS.soap11, name: 's:Header',
        children: [{
          ns: NS.wsse, name: 'wsse:Security', nsAttrs: [[NS.soap11, 's:mustUnderstand', '1']],
          children: [
            { ns: NS.wsu, name: 'wsu:Timestamp', nsAttrs: [[NS.wsu, 'wsu:Id', 'TS-1']],
              children: [{ ns: NS.wsu, name: 'wsu:Created', text: '2024-01-01T00:00:00Z' }] },
            false, null, undefined,
          ],
        }],
      },
      { ns: NS.soap11, name: 's:Body', children: [{ ns: 'urn:app', name: 'Op', attrs: { a: '<&">' }, children: [{ ns: null, name: 'plain', text: 'x' }] }] },
    ],
  };

  it('declares each prefix once, where xmlns says or where first needed', () => {
    const text = serializeXml(newDocument(spec));
    expect(text.match(/xmlns:s=/g)).toHaveLength(1);
    expect(text.match(/xmlns:wsu=/g)).toHaveLength(1);
    expect(text.match(/xmlns:wsse=/g)).toHaveLength(1);
    expect(text).toContain(`<wsse:Security xmlns:wsse="${NS.wsse}" s:mustUnderstand="1">`);
    expect(text).toContain('<Op xmlns="urn:app" a="&lt;&amp;&quot;&gt;"><plain xmlns="">x</plain></Op>');
  });

  it('round-trips through serialization to the same namespaces', () => {
    const built = newDocument(spec);
    const again = parseXml(serializeXml(built));
    const walk = (el: Element): string[] => [
      `${el.namespaceURI ?? ''}|${el.localName}|${textOf(el)}`,
      ...Array.from({ length: el.attributes.length }, (_, i) => el.attributes.item(i)!)
        .filter((a) => a.namespaceURI !== NS.xmlns)
        .map((a) => `@${a.namespaceURI ?? ''}|${a.localName}=${a.value}`),
      ...childElements(el).flatMap(walk),
    ];
    expect(walk(again.documentElement!)).toEqual(walk(built.documentElement!));
    expect(walk(again.documentElement!)).toContain(`@${NS.wsu}|Id=TS-1`);
    expect(walk(again.documentElement!)).toContain('|plain|x');
  });

  it('builds under a context element without redeclaring its prefixes, and adopts foreign nodes', () => {
    const doc = parseXml(`<s:Envelope xmlns:s="${NS.soap11}" xmlns:wsu="${NS.wsu}"><s:Header/></s:Envelope>`);
    const header = doc.getElementsByTagNameNS(NS.soap11, 'Header')[0]!;
    const foreign = parseXml('<x:Extra xmlns:x="urn:x">e</x:Extra>').documentElement!;
    const el = build(doc, { ns: NS.wsu, name: 'wsu:Timestamp', nsAttrs: [[NS.wsu, 'wsu:Id', 'T']], children: [foreign] }, header);
    header.appendChild(el);
    expect(el.hasAttribute('xmlns:wsu')).toBe(false);
    expect(serializeXml(doc)).toContain('<s:Header><wsu:Timestamp wsu:Id="T"><x:Extra xmlns:x="urn:x">e</x:Extra></wsu:Timestamp></s:Header>');
    expect(el.ownerDocument).toBe(doc);
  });
});
