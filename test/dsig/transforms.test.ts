// ds:Transforms applied directly (XMLDSig §4.3.3.4, §6.6; WSS 1.1 §8.3): what each transform makes
// of its input, and the errors that become checks during verification.

import { describe, expect, it } from 'vitest';
import { applyTransforms } from '../../src/engine/dsig/transforms.ts';
import { c14n10, excC14n } from '../../src/engine/xml/c14n.ts';
import { findById } from '../../src/engine/xml/ids.ts';
import { NS, URI } from '../../src/engine/xml/names.ts';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { serializeXml } from '../../src/engine/xml/serialize.ts';
import { derefStr } from './fixtures.ts';

const DOC = `<root xmlns="urn:default" xmlns:wsse="${NS.wsse}" xmlns:wsu="${NS.wsu}" xmlns:unused="urn:unused">
  <wsse:BinarySecurityToken wsu:Id="T-1" ValueType="v">AAAA</wsse:BinarySecurityToken>
  <wsse:SecurityTokenReference wsu:Id="STR-1"><wsse:Reference URI="#T-1"/></wsse:SecurityTokenReference>
  <part wsu:Id="P-1">a<!-- note -->b<ds:Signature xmlns:ds="${NS.ds}" Id="S-1"><ds:SignedInfo/></ds:Signature>c</part>
</root>`;

function setup() {
  const doc = parseXml(DOC);
  return { doc, part: findById(doc, 'P-1')!, sig: findById(doc, 'S-1')!, str: findById(doc, 'STR-1')!, token: findById(doc, 'T-1')! };
}

describe('applyTransforms', () => {
  it('exclusive and inclusive c14n render the subtree; #WithComments renders no comments for "#id" (XMLDSig §4.3.3.3)', () => {
    const { part, sig } = setup();
    const ctx = { signature: sig };
    expect(applyTransforms(part, [{ algorithm: URI.excC14n }], ctx)).toBe(excC14n(part));
    expect(applyTransforms(part, [{ algorithm: URI.excC14nWithComments }], ctx)).toBe(excC14n(part));
    expect(applyTransforms(part, [{ algorithm: URI.c14nWithComments }], ctx)).toBe(c14n10(part));
    expect(excC14n(part, { withComments: true })).toContain('<!-- note -->');
    expect(applyTransforms(part, [], ctx)).toBe(c14n10(part));
    expect(applyTransforms(part, [{ algorithm: URI.excC14n, inclusivePrefixes: ['unused'] }], ctx)).toContain('xmlns:unused="urn:unused"');
  });

  it('enveloped-signature leaves the signature out and the document as it was', () => {
    const { doc, part, sig } = setup();
    const before = serializeXml(doc);
    const out = applyTransforms(part, [{ algorithm: URI.envelopedSignature }, { algorithm: URI.excC14n }], { signature: sig });
    expect(out).toBe(`<part xmlns="urn:default" xmlns:wsu="${NS.wsu}" wsu:Id="P-1">abc</part>`);
    expect(serializeXml(doc)).toBe(before);
    expect(sig.parentNode).toBe(part);
    // Enveloped as the last transform: the remaining node-set goes through c14n 1.0.
    expect(applyTransforms(part, [{ algorithm: URI.envelopedSignature }], { signature: sig })).toContain('xmlns:unused="urn:unused"');
  });

  it('STR-Transform outputs the token with #default in the PrefixList, as WSS4J does', () => {
    const { str, sig, token } = setup();
    const out = applyTransforms(str, [{ algorithm: URI.strTransform, c14n: URI.excC14n }], { signature: sig, dereferenceStr: derefStr });
    expect(out).toBe(excC14n(token, { inclusivePrefixes: ['#default'] }));
    expect(out.startsWith(`<wsse:BinarySecurityToken xmlns="urn:default" xmlns:wsse="${NS.wsse}"`)).toBe(true);
    expect(out).not.toBe(excC14n(token));
  });

  it('refuses what it cannot do with a typed error naming what was expected', () => {
    const { part, sig, str } = setup();
    const ctx = { signature: sig, dereferenceStr: derefStr };
    expect(() => applyTransforms(part, [{ algorithm: URI.excC14n }, { algorithm: URI.envelopedSignature }], ctx)).toThrow(
      expect.objectContaining({ code: 'DSIG_TRANSFORM_CHAIN', message: expect.stringContaining('expected a node-set as input') }));
    expect(() => applyTransforms(part, [{ algorithm: URI.strTransform, c14n: URI.excC14n }], ctx)).toThrow(
      expect.objectContaining({ code: 'DSIG_STR_TRANSFORM_INPUT', message: expect.stringContaining('but found <part> at root/part') }));
    expect(() => applyTransforms(str, [{ algorithm: URI.strTransform }], ctx)).toThrow(
      expect.objectContaining({ code: 'DSIG_STR_TRANSFORM_PARAMETERS', message: expect.stringContaining('but found none') }));
    expect(() => applyTransforms(part, [{ algorithm: URI.xpath }], ctx)).toThrow(
      expect.objectContaining({ code: 'DSIG_UNKNOWN_TRANSFORM', message: expect.stringContaining(URI.strTransform) }));
  });
});
