import { describe, expect, it } from 'vitest';
import { collectIds, duplicateIds, findById, idOf } from '../../src/engine/xml/ids.ts';
import { NS } from '../../src/engine/xml/names.ts';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { nodePath } from '../../src/engine/xml/path.ts';

const TEXT = `<s:Envelope xmlns:s="${NS.soap11}" xmlns:wsu="${NS.wsu}" xmlns:other="urn:other">
  <s:Header>
    <wsu:Timestamp wsu:Id="TS-1"/>
    <ds:Signature xmlns:ds="${NS.ds}" Id="SIG-1"/>
    <saml:Assertion xmlns:saml="${NS.saml2}" ID="_a2"/>
    <saml1:Assertion xmlns:saml1="${NS.saml11}" AssertionID="_a1"/>
    <x other:Id="not-an-id"/>
  </s:Header>
  <s:Body wsu:Id="Body"><Wrapper><s:Body wsu:Id="Body"/></Wrapper></s:Body>
</s:Envelope>`;

describe('Id resolution', () => {
  const doc = parseXml(TEXT);

  it('finds wsu:Id, Id, ID and AssertionID, with or without #', () => {
    expect(findById(doc, 'TS-1')?.localName).toBe('Timestamp');
    expect(findById(doc, '#SIG-1')?.localName).toBe('Signature');
    expect(findById(doc, '_a2')?.namespaceURI).toBe(NS.saml2);
    expect(findById(doc, '_a1')?.namespaceURI).toBe(NS.saml11);
    expect(findById(doc, 'missing')).toBeNull();
  });

  it('ignores Id attributes in other namespaces', () => {
    expect(findById(doc, 'not-an-id')).toBeNull();
    expect(idOf(doc.getElementsByTagName('x')[0]!)).toBeNull();
  });

  it('searches only under the given root', () => {
    const body = doc.getElementsByTagNameNS(NS.soap11, 'Body')[0]!;
    expect(findById(body, 'TS-1')).toBeNull();
    expect(idOf(body)).toBe('Body');
  });

  it('Security: collects duplicated Ids, the signature-wrapping tell', () => {
    const ids = collectIds(doc);
    expect(ids.get('TS-1')).toHaveLength(1);
    expect(ids.get('Body')?.map(nodePath)).toEqual(['Envelope/Body', 'Envelope/Body/Wrapper/Body']);
    expect([...duplicateIds(doc).keys()]).toEqual(['Body']);
    expect(findById(doc, 'Body')).toBe(ids.get('Body')![0]);
  });
});
