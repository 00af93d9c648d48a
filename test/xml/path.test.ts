import { describe, expect, it } from 'vitest';
import { attrNode } from '../../src/engine/xml/dom.ts';
import { NS } from '../../src/engine/xml/names.ts';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { nodePath, nodePosition, where } from '../../src/engine/xml/path.ts';
import { newDocument } from '../../src/engine/xml/dom.ts';

const TEXT = `<s:Envelope xmlns:s="${NS.soap11}" xmlns:wsse="${NS.wsse}">
  <s:Header>
    <wsse:Security>
      <wsse:UsernameToken>
        <wsse:Username>bob</wsse:Username>
        <wsse:Password Type="${NS.wsse}#PasswordText">pw</wsse:Password>
      </wsse:UsernameToken>
      <wsse:BinarySecurityToken>a</wsse:BinarySecurityToken>
      <wsse:BinarySecurityToken>b</wsse:BinarySecurityToken>
    </wsse:Security>
  </s:Header>
</s:Envelope>`;

describe('nodePath and positions', () => {
  const doc = parseXml(TEXT);
  const pw = doc.getElementsByTagNameNS(NS.wsse, 'Password')[0]!;

  it('names elements by local name from the document element down', () => {
    expect(nodePath(pw)).toBe('Envelope/Header/Security/UsernameToken/Password');
    expect(nodePath(doc.documentElement!)).toBe('Envelope');
    expect(nodePath(doc)).toBe('');
  });

  it('indexes only same-named siblings, 1-based', () => {
    const bsts = doc.getElementsByTagNameNS(NS.wsse, 'BinarySecurityToken');
    expect(nodePath(bsts[0]!)).toBe('Envelope/Header/Security/BinarySecurityToken[1]');
    expect(nodePath(bsts[1]!)).toBe('Envelope/Header/Security/BinarySecurityToken[2]');
  });

  it('paths attributes and text nodes', () => {
    expect(nodePath(attrNode(pw, 'Type')!)).toBe('Envelope/Header/Security/UsernameToken/Password/@Type');
    expect(nodePath(pw.firstChild!)).toBe('Envelope/Header/Security/UsernameToken/Password');
  });

  it('gives the 1-based line and column the parser recorded', () => {
    expect(nodePosition(pw)).toEqual({ line: 6, column: 9 });
    const typeAttr = attrNode(pw, 'Type')!;
    expect(nodePosition(typeAttr)?.line).toBe(6);
    expect(where(pw)).toEqual({ path: 'Envelope/Header/Security/UsernameToken/Password', line: 6, column: 9 });
  });

  it('has no position for built nodes, and falls back to the owner element for attributes', () => {
    const built = newDocument({ ns: null, name: 'a', attrs: { x: '1' } });
    expect(nodePosition(built.documentElement!)).toBeUndefined();
    expect(where(built.documentElement!)).toEqual({ path: 'a' });
    const el = doc.documentElement!;
    el.setAttribute('late', 'v');
    expect(nodePosition(attrNode(el, 'late')!)).toEqual({ line: 1, column: 1 });
  });
});
