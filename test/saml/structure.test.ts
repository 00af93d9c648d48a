// What the built assertions look like: each version's schema order and attributes, the
// holder-of-key KeyInfo as seed 004 builds it (EncryptedKey, rsa-oaep-mgf1p, ThumbprintSHA1 STR),
// and the signature's placement, reference, transforms, algorithms and KeyInfo.

import type { Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { toBase64 } from '../../src/engine/crypto/encoding.ts';
import { buildAssertion } from '../../src/engine/saml/assertion.ts';
import { signAssertion } from '../../src/engine/saml/sign.ts';
import { attr, childElements, firstChildNS, textOf } from '../../src/engine/xml/dom.ts';
import { NS, URI } from '../../src/engine/xml/names.ts';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { check, codes, issue, pki, specFor, unsigned } from './fixtures.ts';

const root = (wire: string): Element => parseXml(wire).documentElement as Element;
const names = (el: Element): string[] => childElements(el).map((c) => c.nodeName);
const first = (el: Element, ns: string, ...path: string[]): Element => {
  let at = el;
  for (const local of path) {
    const next = firstChildNS(at, ns, local);
    if (!next) throw new Error(`no ${local} under ${at.nodeName}`);
    at = next;
  }
  return at;
};
const all = (el: Element, ns: string, local: string): Element[] => {
  const list = el.getElementsByTagNameNS(ns, local);
  return Array.from({ length: list.length }, (_, i) => list.item(i)!);
};

describe('SAML 1.1 assertion structure (SAML 1.1 Core §2.3.2)', () => {
  it('carries the version, id, issuer and instant as attributes, and the schema order of children', async () => {
    const a = root(await issue('1.1', 'hok-symmetric'));
    expect([a.namespaceURI, attr(a, 'MajorVersion'), attr(a, 'MinorVersion'), attr(a, 'AssertionID'), attr(a, 'Issuer'), attr(a, 'IssueInstant')])
      .toEqual([NS.saml11, '1', '1', '_a7f3c9d2e1b04f6a', 'https://sts.wsbench.example/', '2026-03-01T10:00:00Z']);
    expect(names(a)).toEqual(['saml:Conditions', 'saml:AuthenticationStatement', 'saml:AttributeStatement', 'ds:Signature']);
    const cond = first(a, NS.saml11, 'Conditions');
    expect([attr(cond, 'NotBefore'), attr(cond, 'NotOnOrAfter')]).toEqual(['2026-03-01T10:00:00Z', '2026-03-01T11:00:00Z']);
    expect(textOf(first(cond, NS.saml11, 'AudienceRestrictionCondition', 'Audience'))).toBe('https://service.wsbench.example/echo');
    const authn = first(a, NS.saml11, 'AuthenticationStatement');
    expect(attr(authn, 'AuthenticationMethod')).toBe('urn:oasis:names:tc:SAML:1.0:am:password');
    for (const st of ['AuthenticationStatement', 'AttributeStatement']) {
      const subject = first(a, NS.saml11, st, 'Subject');
      expect(names(subject)).toEqual(['saml:NameIdentifier', 'saml:SubjectConfirmation']);
      expect(textOf(first(subject, NS.saml11, 'SubjectConfirmation', 'ConfirmationMethod'))).toBe(URI.saml1HolderOfKey);
    }
    const attrs = all(a, NS.saml11, 'Attribute').map((x) => [attr(x, 'AttributeNamespace'), attr(x, 'AttributeName'), all(x, NS.saml11, 'AttributeValue').map(textOf)]);
    expect(attrs).toEqual([
      ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims', 'name', ['alice']],
      ['http://schemas.xmlsoap.org/claims', 'role', ['reader', 'writer']],
    ]);
  });

  it('puts the symmetric proof key in SubjectConfirmation/ds:KeyInfo as an EncryptedKey for the service (seed 004)', async () => {
    const p = await pki();
    const a = root(await issue('1.1', 'hok-symmetric'));
    const sc = first(a, NS.saml11, 'AuthenticationStatement', 'Subject', 'SubjectConfirmation');
    expect(names(sc)).toEqual(['saml:ConfirmationMethod', 'ds:KeyInfo']);
    const ek = first(sc, NS.ds, 'KeyInfo');
    const encryptedKey = firstChildNS(ek, NS.xenc, 'EncryptedKey')!;
    expect(attr(encryptedKey, 'Id')).toBeNull();
    expect(attr(firstChildNS(encryptedKey, NS.xenc, 'EncryptionMethod')!, 'Algorithm')).toBe(URI.rsaOaepMgf1p);
    const ki = all(encryptedKey, NS.wsse, 'KeyIdentifier')[0]!;
    expect([attr(ki, 'ValueType'), textOf(ki)]).toEqual([URI.thumbprintSha1, p.service.cert.thumbprintSha1]);
  });

  it('names the service certificate by SKI or IssuerSerial when asked', async () => {
    const p = await pki();
    const ski = root(await issue('1.1', 'hok-symmetric', { confirmation: { method: 'holder-of-key', proof: { kind: 'symmetric', encryptedFor: p.service.cert, key: new Uint8Array(16), reference: 'ski' } } }));
    expect(attr(all(ski, NS.wsse, 'KeyIdentifier')[0]!, 'ValueType')).toBe(URI.x509Ski);
    const is = root(await issue('1.1', 'hok-symmetric', { confirmation: { method: 'holder-of-key', proof: { kind: 'symmetric', encryptedFor: p.service.cert, key: new Uint8Array(16), reference: 'issuerSerial' } } }));
    expect(textOf(all(is, NS.ds, 'X509SerialNumber')[0]!)).toBe(p.service.cert.serialDecimal);
  });
});

describe('SAML 2.0 assertion structure (SAML 2.0 Core §2.3.3)', () => {
  it('has Version/ID/IssueInstant, Issuer then Signature then Subject, Conditions and the statements', async () => {
    const a = root(await issue('2.0', 'bearer'));
    expect([a.namespaceURI, attr(a, 'Version'), attr(a, 'ID'), attr(a, 'IssueInstant'), attr(a, 'AssertionID')])
      .toEqual([NS.saml2, '2.0', '_a7f3c9d2e1b04f6a', '2026-03-01T10:00:00Z', null]);
    expect(names(a)).toEqual(['saml2:Issuer', 'ds:Signature', 'saml2:Subject', 'saml2:Conditions', 'saml2:AuthnStatement', 'saml2:AttributeStatement']);
    expect(textOf(first(a, NS.saml2, 'Issuer'))).toBe('https://sts.wsbench.example/');
    expect(textOf(first(a, NS.saml2, 'Conditions', 'AudienceRestriction', 'Audience'))).toBe('https://service.wsbench.example/echo');
    const sc = first(a, NS.saml2, 'Subject', 'SubjectConfirmation');
    expect(attr(sc, 'Method')).toBe(URI.saml2Bearer);
    expect(attr(first(sc, NS.saml2, 'SubjectConfirmationData'), 'NotOnOrAfter')).toBe('2026-03-01T11:00:00Z');
    expect(textOf(first(a, NS.saml2, 'AuthnStatement', 'AuthnContext', 'AuthnContextClassRef'))).toBe('urn:oasis:names:tc:SAML:2.0:ac:classes:Password');
    const attrs = all(a, NS.saml2, 'Attribute').map((x) => [attr(x, 'Name'), attr(x, 'NameFormat')]);
    expect(attrs).toEqual([['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name', 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri'], ['role', null]]);
  });

  it('holder-of-key puts ds:KeyInfo in a KeyInfoConfirmationDataType SubjectConfirmationData', async () => {
    const p = await pki();
    const a = root(await issue('2.0', 'hok-cert'));
    const data = first(a, NS.saml2, 'Subject', 'SubjectConfirmation', 'SubjectConfirmationData');
    expect(data.getAttributeNS(NS.xsi, 'type')).toBe('saml2:KeyInfoConfirmationDataType');
    expect(textOf(first(data, NS.ds, 'KeyInfo', 'X509Data', 'X509Certificate'))).toBe(toBase64(p.client.cert.der));
    const bare = root(await issue('2.0', 'hok-public-key'));
    expect(all(bare, NS.ds, 'RSAKeyValue')).toHaveLength(1);
    const sv = root(await issue('2.0', 'sender-vouches'));
    expect(names(first(sv, NS.saml2, 'Subject', 'SubjectConfirmation'))).toEqual([]);
  });
});

describe('the assertion signature (SAML Core §5)', () => {
  for (const version of ['1.1', '2.0'] as const) {
    it(`SAML ${version}: RSA-SHA1 with SHA-1 digests by default (seed 004), one reference to the Id, enveloped + exc-c14n, the STS certificate`, async () => {
      const p = await pki();
      const a = root(await issue(version, 'bearer'));
      const sig = firstChildNS(a, NS.ds, 'Signature')!;
      const si = firstChildNS(sig, NS.ds, 'SignedInfo')!;
      expect(attr(firstChildNS(si, NS.ds, 'CanonicalizationMethod')!, 'Algorithm')).toBe(URI.excC14n);
      expect(attr(firstChildNS(si, NS.ds, 'SignatureMethod')!, 'Algorithm')).toBe(URI.rsaSha1);
      const refs = all(si, NS.ds, 'Reference');
      expect(refs.map((r) => attr(r, 'URI'))).toEqual(['#_a7f3c9d2e1b04f6a']);
      expect(all(refs[0]!, NS.ds, 'Transform').map((t) => attr(t, 'Algorithm'))).toEqual([URI.envelopedSignature, URI.excC14n]);
      expect(attr(firstChildNS(refs[0]!, NS.ds, 'DigestMethod')!, 'Algorithm')).toBe(URI.sha1);
      expect(textOf(all(sig, NS.ds, 'X509Certificate')[0]!)).toBe(toBase64(p.sts.cert.der));
    });

    it(`SAML ${version}: RSA-SHA256 defaults to SHA-256 digests, and the digest can be chosen`, async () => {
      const a = root(await issue(version, 'bearer', {}, { signatureAlgorithm: URI.rsaSha256 }));
      expect(attr(all(a, NS.ds, 'SignatureMethod')[0]!, 'Algorithm')).toBe(URI.rsaSha256);
      expect(attr(all(a, NS.ds, 'DigestMethod')[0]!, 'Algorithm')).toBe(URI.sha256);
      const mixed = await issue(version, 'bearer', {}, { signatureAlgorithm: URI.rsaSha256, digest: URI.sha1 });
      expect(attr(all(root(mixed), NS.ds, 'DigestMethod')[0]!, 'Algorithm')).toBe(URI.sha1);
      for (const wire of [mixed, await issue(version, 'bearer', {}, { signatureAlgorithm: URI.rsaSha256 })]) {
        const r = await check(wire);
        expect(codes(r)).toEqual([]);
        expect(r.checks.find((c) => c.code === 'SAML_SIGNATURE_VALID')?.details?.['signatureAlgorithm']).toBe(URI.rsaSha256);
      }
    });
  }

  it('refuses to sign twice, or to sign what is not an assertion', async () => {
    const p = await pki();
    const doc = await unsigned('2.0', 'bearer');
    const a = doc.documentElement as Element;
    await signAssertion(doc, a, { key: p.sts.key, cert: p.sts.cert });
    await expect(signAssertion(doc, a, { key: p.sts.key, cert: p.sts.cert })).rejects.toMatchObject({ code: 'SAML_ALREADY_SIGNED' });
    const issuer = firstChildNS(a, NS.saml2, 'Issuer')!;
    await expect(signAssertion(doc, issuer, { key: p.sts.key, cert: p.sts.cert })).rejects.toMatchObject({ code: 'SAML_NOT_AN_ASSERTION', message: expect.stringContaining('Assertion/Issuer') });
  });

  it('refuses unusable build input with typed errors', async () => {
    await expect(buildAssertion(await specFor('2.0', 'bearer', { id: '1-not-an-ncname' }))).rejects.toMatchObject({ code: 'SAML_BAD_ID', message: expect.stringContaining("'1-not-an-ncname'") });
    await expect(buildAssertion(await specFor('1.1', 'bearer', { notOnOrAfter: Date.parse('2026-03-01T09:00:00Z') }))).rejects.toMatchObject({ code: 'SAML_BAD_VALIDITY' });
    await expect(buildAssertion(await specFor('1.1', 'bearer', { attributes: { role: [] } }))).rejects.toMatchObject({ code: 'SAML_BAD_ATTRIBUTE' });
    await expect(buildAssertion(await specFor('2.0', 'bearer', { confirmation: { method: 'holder-of-key', proof: { kind: 'asymmetric' } } }))).rejects.toMatchObject({ code: 'SAML_BAD_PROOF_KEY' });
  });
});
