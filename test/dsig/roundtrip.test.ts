// Sign + verify round trips over the wire text: every signature algorithm × c14n × Id kind
// (wsu:Id, Id, ID, AssertionID), enveloped signatures inside SAML assertions, the STR-Transform,
// InclusiveNamespaces, prefixes, and what the signature says it covers.

import { describe, expect, it } from 'vitest';
import type { Element } from '@xmldom/xmldom';
import { findSignatures, referencedElements } from '../../src/engine/dsig/index.ts';
import { findById } from '../../src/engine/xml/ids.ts';
import { NS, URI } from '../../src/engine/xml/names.ts';
import { nodePath } from '../../src/engine/xml/path.ts';
import { serializeXml } from '../../src/engine/xml/serialize.ts';
import { ALGORITHMS, C14NS, DIGESTS, ID_KINDS, SHORT, codes, derefStr, envelope, rewire, sign, verify } from './fixtures.ts';

describe('round trip: algorithm × c14n × Id kind', () => {
  for (const alg of ALGORITHMS) {
    for (const c14n of C14NS) {
      for (const kind of ID_KINDS) {
        const digest = DIGESTS[(ALGORITHMS.indexOf(alg) + C14NS.indexOf(c14n)) % 2]!;
        it(`${SHORT[alg]} / ${SHORT[c14n]} / ${kind.kind} (${SHORT[digest]})`, async () => {
          const doc = envelope();
          await sign(doc, { signatureAlgorithm: alg, c14n, references: [{ target: kind.id, digest, transforms: [{ algorithm: c14n }] }] });
          const wire = rewire(doc);
          const v = await verify(wire, alg);
          expect(codes(v, 'fail')).toEqual([]);
          expect(v.ok).toBe(true);
          expect(codes(v)).toEqual(['DSIG_REFERENCE_OK', 'DSIG_SIGNATURE_VALID']);
          expect(v.references[0]!.path).toBe(nodePath(findById(wire, kind.id)!));
          expect(v.references[0]!.path).toMatch(new RegExp(`/${kind.local}(\\[\\d\\])?$`));
          expect(v).toMatchObject({ signatureAlgorithm: alg, c14nAlgorithm: c14n, key: { kind: alg.includes('hmac') ? 'secret' : 'rsa-public' } });
        });
      }
    }
  }
});

describe('round trip: enveloped signature inside the assertion it signs', () => {
  for (const alg of ALGORITHMS) {
    for (const c14n of C14NS) {
      for (const kind of ID_KINDS.filter((k) => k.local === 'Assertion')) {
        it(`${SHORT[alg]} / ${SHORT[c14n]} / ${kind.kind}: enveloped-signature + ${SHORT[c14n]}`, async () => {
          const doc = envelope();
          const assertion = findById(doc, kind.id)!;
          await sign(doc, {
            signatureAlgorithm: alg, c14n, parent: assertion,
            references: [{ target: assertion, digest: URI.sha256, transforms: [{ algorithm: URI.envelopedSignature }, { algorithm: c14n }] }],
          });
          const wire = rewire(doc);
          const v = await verify(wire, alg);
          expect(codes(v, 'fail')).toEqual([]);
          expect(v.ok).toBe(true);
          expect(v.references[0]!.canonical).not.toContain('Signature');
          expect(v.references[0]!.transforms).toEqual([URI.envelopedSignature, c14n]);
          // Without the enveloped transform the signature's own bytes would be digested: it must fail.
          const t = wire.getElementsByTagNameNS(NS.ds, 'Transform').item(0)!;
          t.parentNode!.removeChild(t);
          expect(codes(await verify(wire, alg), 'fail')).toContain('DSIG_DIGEST_MISMATCH');
        });
      }
    }
  }
});

describe('round trip: STR-Transform', () => {
  for (const alg of ALGORITHMS) {
    for (const c14n of C14NS) {
      it(`${SHORT[alg]} / ${SHORT[c14n]}: digest of the token the SecurityTokenReference points to`, async () => {
        const doc = envelope();
        await sign(doc, {
          signatureAlgorithm: alg, c14n,
          references: [{ target: 'STR-1', digest: URI.sha1, transforms: [{ algorithm: URI.strTransform, c14n: URI.excC14n }] }, { target: 'Body-1', digest: URI.sha1 }],
        });
        const wire = rewire(doc);
        const v = await verify(wire, alg);
        expect(codes(v, 'fail')).toEqual([]);
        expect(v.references[0]!.canonical.startsWith('<wsse:BinarySecurityToken')).toBe(true);
        expect(v.references[0]!.path).toBe('Envelope/Header/Security/SecurityTokenReference');
        // The token, not the reference, is what is protected: changing the token breaks the digest.
        const bst = findById(wire, 'X509-1')!;
        bst.setAttribute('ValueType', `${URI.x509v3}-changed`);
        const after = await verify(wire, alg);
        expect(after.checks.filter((c) => c.status === 'fail').map((c) => [c.code, c.details?.['uri']])).toEqual([['DSIG_DIGEST_MISMATCH', '#STR-1']]);
      });
    }
  }

  it('writes wsse:TransformationParameters/ds:CanonicalizationMethod (BSP R3065), exc-c14n by default', async () => {
    const doc = envelope();
    const sig = await sign(doc, { references: [{ target: 'STR-1', digest: URI.sha1, transforms: [{ algorithm: URI.strTransform }] }] });
    const params = sig.getElementsByTagNameNS(NS.wsse, 'TransformationParameters');
    expect(params.length).toBe(1);
    const cm = params.item(0)!.getElementsByTagNameNS(NS.ds, 'CanonicalizationMethod').item(0)!;
    expect(cm.getAttribute('Algorithm')).toBe(URI.excC14n);
  });

  it('a missing dereferenceStr or an unresolvable reference is DSIG_STR_UNRESOLVED', async () => {
    const doc = envelope();
    await sign(doc, { references: [{ target: 'STR-1', digest: URI.sha1, transforms: [{ algorithm: URI.strTransform }] }] });
    const wire = rewire(doc);
    findById(wire, 'X509-1')!.removeAttributeNS(NS.wsu, 'Id');
    const v = await verify(wire, URI.rsaSha1);
    const fail = v.checks.find((c) => c.status === 'fail')!;
    expect(fail).toMatchObject({ code: 'DSIG_STR_UNRESOLVED', specRef: expect.stringContaining('WSS 1.1 §8.3') });
    expect(fail.message).toContain('Envelope/Header/Security/SecurityTokenReference');
  });
});

describe('signing options', () => {
  it('InclusiveNamespaces PrefixList keeps a prefix used only in content (xsi:type="xsd:string")', async () => {
    const doc = envelope();
    const sig = await sign(doc, {
      inclusivePrefixes: ['soap'],
      references: [{ target: 'payload-1', digest: URI.sha1, transforms: [{ algorithm: URI.excC14n, inclusivePrefixes: ['xsd'] }] }],
    });
    const inc = sig.getElementsByTagNameNS(NS.ec, 'InclusiveNamespaces');
    expect([inc.item(0)!.getAttribute('PrefixList'), inc.item(1)!.getAttribute('PrefixList')]).toEqual(['soap', 'xsd']);
    const v = await verify(rewire(doc), URI.rsaSha1);
    expect(v.ok).toBe(true);
    expect(v.references[0]!.canonical).toContain(`xmlns:xsd="${NS.xsd}"`);
    expect(v.signedInfoCanonical).toContain(`xmlns:soap="${NS.soap11}"`);
  });

  it('prefix "" writes XML Signature as the default namespace; Id and KeyInfo are written', async () => {
    const doc = envelope();
    const keyInfo = { ns: NS.wsse, name: 'wsse:SecurityTokenReference', children: [{ ns: NS.wsse, name: 'wsse:Reference', attrs: { URI: '#X509-1' } }] };
    const sig = await sign(doc, { prefix: '', id: 'SIG-7', keyInfo, references: [{ target: 'TS-1', digest: URI.sha1 }] });
    expect(sig.tagName).toBe('Signature');
    expect(sig.getAttribute('Id')).toBe('SIG-7');
    const wire = rewire(doc);
    expect(serializeXml(wire)).toContain(`<Signature xmlns="${NS.ds}" Id="SIG-7"><SignedInfo>`);
    const ki = wire.getElementsByTagNameNS(NS.ds, 'KeyInfo').item(0)!;
    expect(ki.getElementsByTagNameNS(NS.wsse, 'SecurityTokenReference').length).toBe(1);
    expect((await verify(wire, URI.rsaSha1)).ok).toBe(true);
  });

  it('insertBefore places the signature (e.g. before the Timestamp)', async () => {
    const doc = envelope();
    const ts = findById(doc, 'TS-1')!;
    const sig = await sign(doc, { insertBefore: ts, references: [{ target: ts, digest: URI.sha1 }] });
    expect(sig.nextSibling).toBe(ts);
    expect((await verify(rewire(doc), URI.rsaSha1)).ok).toBe(true);
  });

  it('refuses targets without an Id, duplicated Ids and unknown algorithms, leaving the document unchanged', async () => {
    const doc = envelope();
    const before = serializeXml(doc);
    const timestampCreated = doc.getElementsByTagNameNS(NS.wsu, 'Created').item(0)!;
    await expect(sign(doc, { references: [{ target: timestampCreated, digest: URI.sha1 }] })).rejects.toMatchObject({
      code: 'DSIG_TARGET_WITHOUT_ID', message: expect.stringContaining('Envelope/Header/Security/Timestamp/Created'),
    });
    await expect(sign(doc, { references: [{ target: 'nope', digest: URI.sha1 }] })).rejects.toMatchObject({ code: 'DSIG_REFERENCE_NOT_FOUND' });
    await expect(sign(doc, { references: [{ target: 'TS-1', digest: URI.sha512 }] })).rejects.toMatchObject({ code: 'DSIG_UNKNOWN_ALGORITHM' });
    await expect(sign(doc, { references: [{ target: 'TS-1', digest: URI.sha1, transforms: [{ algorithm: URI.xpath }] }] })).rejects.toMatchObject({ code: 'DSIG_UNKNOWN_TRANSFORM' });
    expect(serializeXml(doc)).toBe(before);
    findById(doc, 'payload-1')!.setAttribute('Id', 'Body-1');
    await expect(sign(doc, { references: [{ target: 'Body-1', digest: URI.sha1 }] })).rejects.toMatchObject({ code: 'DSIG_DUPLICATE_ID' });
  });
});

describe('findSignatures / referencedElements', () => {
  it('lists every signature and the elements each covers, STR tokens included', async () => {
    const doc = envelope();
    const assertion = findById(doc, '_a1')!;
    await sign(doc, { parent: assertion, references: [{ target: assertion, digest: URI.sha1, transforms: [{ algorithm: URI.envelopedSignature }, { algorithm: URI.excC14n }] }] });
    await sign(doc, { references: [{ target: 'Body-1', digest: URI.sha1 }, { target: 'TS-1', digest: URI.sha1 }, { target: 'STR-1', digest: URI.sha1, transforms: [{ algorithm: URI.strTransform }] }] });
    const wire = rewire(doc);
    const sigs = findSignatures(wire);
    expect(sigs.map((s) => nodePath(s))).toEqual(['Envelope/Header/Security/Assertion[1]/Signature', 'Envelope/Header/Security/Signature']);
    const names = (els: Element[]): string[] => els.map((e) => nodePath(e));
    expect(names(referencedElements(sigs[0]!))).toEqual(['Envelope/Header/Security/Assertion[1]']);
    expect(names(referencedElements(sigs[1]!))).toEqual(['Envelope/Body', 'Envelope/Header/Security/Timestamp', 'Envelope/Header/Security/SecurityTokenReference']);
    expect(names(referencedElements(sigs[1]!, { dereferenceStr: derefStr }))).toContain('Envelope/Header/Security/BinarySecurityToken');
    expect(findSignatures(sigs[1]!)).toEqual([sigs[1]]);
  });
});
