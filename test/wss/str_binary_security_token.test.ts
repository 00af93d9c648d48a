// wsse:BinarySecurityToken for X.509 (X.509 Token Profile 1.1 §3.1): what buildX509Token writes,
// and what readBinarySecurityToken says about tokens that break BSP 1.1 R3029–R3033, carry bad
// base64 or something other than a certificate, or carry a path (#X509PKIPathv1, #PKCS7).

import { X509Certificate as NodeX509 } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { builtinDemoPki } from '../../src/engine/actors/demo_pki.ts';
import { buildX509Token, readBinarySecurityToken } from '../../src/engine/wss/binary_security_token.ts';
import { newDocument } from '../../src/engine/xml/build.ts';
import { NS, URI } from '../../src/engine/xml/names.ts';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { serializeXml } from '../../src/engine/xml/serialize.ts';
import { fixtureBytes } from '../crypto/pki_fixtures.ts';

function bst(attrs: Record<string, string>, text: string) {
  const xml = `<wsse:BinarySecurityToken xmlns:wsse="${NS.wsse}" xmlns:wsu="${NS.wsu}" wsu:Id="T-1" ${Object.entries(attrs).map(([k, v]) => `${k}="${v}"`).join(' ')}>${text}</wsse:BinarySecurityToken>`;
  return parseXml(xml).documentElement!;
}

/** DER SEQUENCE of the given DER values (a PKIPath), built by hand here so the test does not use the engine's encoder. */
function derSequence(parts: Uint8Array[]): Uint8Array {
  const body = Buffer.concat(parts.map((p) => Buffer.from(p)));
  const len = body.length < 0x80 ? [body.length] : body.length < 0x10000 ? [0x82, body.length >> 8, body.length & 0xff] : [];
  return new Uint8Array(Buffer.concat([Buffer.from([0x30, ...len]), body]));
}

describe('buildX509Token', () => {
  it('writes EncodingType Base64Binary, ValueType X509v3, wsu:Id and the base64 DER that node:crypto reads', async () => {
    const pki = await builtinDemoPki();
    const doc = parseXml(serializeXml(newDocument(buildX509Token(pki.service.cert, 'X509-svc'))));
    const el = doc.documentElement!;
    expect(el.namespaceURI).toBe(NS.wsse);
    expect(el.getAttribute('EncodingType')).toBe(URI.base64Binary);
    expect(el.getAttribute('ValueType')).toBe(URI.x509v3);
    expect(el.getAttributeNS(NS.wsu, 'Id')).toBe('X509-svc');
    const node = new NodeX509(Buffer.from(el.textContent ?? '', 'base64'));
    expect(node.subject).toBe('CN=service.wsbench.example');
    const read = readBinarySecurityToken(el);
    expect(read.cert?.thumbprintSha1).toBe(pki.service.cert.thumbprintSha1);
    expect(read.checks).toEqual([expect.objectContaining({ code: 'BST_CERTIFICATE', status: 'pass' })]);
  });
});

describe('readBinarySecurityToken', () => {
  it('BSP R3029/R3030: a missing or wrong EncodingType fails but the certificate is still read', async () => {
    const b64 = Buffer.from((await builtinDemoPki()).client.cert.der).toString('base64');
    const missing = readBinarySecurityToken(bst({ ValueType: URI.x509v3 }, b64));
    expect(missing.checks[0]).toMatchObject({ code: 'BST_ENCODING_TYPE_MISSING', status: 'fail', specRef: 'BSP 1.1 R3029', path: 'BinarySecurityToken' });
    expect(missing.cert?.subject).toBe('CN=client.wsbench.example');
    const wrong = readBinarySecurityToken(bst({ ValueType: URI.x509v3, EncodingType: URI.hexBinary }, b64));
    expect(wrong.checks[0]).toMatchObject({ code: 'BST_ENCODING_TYPE', specRef: 'BSP 1.1 R3030', message: `Expected EncodingType ${URI.base64Binary}; found ${URI.hexBinary}` });
  });

  it('BSP R3031/R3033: a missing or foreign ValueType fails and no certificate is claimed', () => {
    const none = readBinarySecurityToken(bst({ EncodingType: URI.base64Binary }, 'AAAA'));
    expect(none).toEqual({ checks: [expect.objectContaining({ code: 'BST_VALUE_TYPE_MISSING', specRef: 'BSP 1.1 R3031' })] });
    const ltpa = readBinarySecurityToken(bst({ EncodingType: URI.base64Binary, ValueType: 'urn:ibm:LTPAv2' }, 'AAAA'));
    expect(ltpa.checks[0]).toMatchObject({ code: 'BST_VALUE_TYPE', message: expect.stringContaining('found urn:ibm:LTPAv2') });
    expect(ltpa.cert).toBeUndefined();
  });

  it('bad base64 and content that is not a certificate fail with their own codes', () => {
    const attrs = { EncodingType: URI.base64Binary, ValueType: URI.x509v3 };
    const bad = readBinarySecurityToken(bst(attrs, 'MIIB#AAA'));
    expect(bad.checks.at(-1)).toMatchObject({ code: 'BST_BAD_BASE64', message: expect.stringContaining("'#' (U+0023) at offset 4") });
    const notCert = readBinarySecurityToken(bst(attrs, Buffer.from('hello, not a certificate').toString('base64')));
    expect(notCert.checks.at(-1)).toMatchObject({ code: 'BST_NOT_A_CERTIFICATE', message: expect.stringContaining('Expected the token content to be X509v3 DER') });
    expect(notCert.cert).toBeUndefined();
  });

  it('#X509PKIPathv1: the last certificate of the path is the end entity, the rest the chain', async () => {
    const pki = await builtinDemoPki();
    const path = derSequence([pki.ca.cert.der, pki.client.cert.der]);
    const read = readBinarySecurityToken(bst({ EncodingType: URI.base64Binary, ValueType: URI.x509PkiPathV1 }, Buffer.from(path).toString('base64')));
    expect(read.cert?.subject).toBe('CN=client.wsbench.example');
    expect(read.chain?.map((c) => c.subject)).toEqual(['CN=wsbench Demo CA']);
  });

  it('#PKCS7: the bundle openssl crl2pkcs7 wrote yields the client certificate and the CA', async () => {
    const p7 = Buffer.from(fixtureBytes('client-chain.p7b')).toString('base64');
    const read = readBinarySecurityToken(bst({ EncodingType: URI.base64Binary, ValueType: URI.x509Pkcs7 }, p7));
    expect(read.cert?.subject).toBe('CN=client.wsbench.example');
    expect(read.chain?.map((c) => c.subject)).toEqual(['CN=wsbench Demo CA']);
  });
});
