// Security tests (DESIGN.md §5): a baseline that verifies, the attack, and the check code the
// attack must produce. Attacks edit the wire text, as a man in the middle would.

import { describe, expect, it } from 'vitest';
import type { Document } from '@xmldom/xmldom';
import { referencedElements } from '../../src/engine/dsig/index.ts';
import { verifySignature } from '../../src/engine/dsig/verify.ts';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { serializeXml } from '../../src/engine/xml/serialize.ts';
import { NS, URI } from '../../src/engine/xml/names.ts';
import { nodePath } from '../../src/engine/xml/path.ts';
import { KEYS, codes, derefStr, envelope, fixedKey, sign, verify, verifyingKey } from './fixtures.ts';

const PARTS = [
  { part: 'Body', target: 'Body-1', path: 'Envelope/Body', edit: (w: string) => w.replace('héllo', 'hello') },
  { part: 'Body attribute', target: 'Body-1', path: 'Envelope/Body', edit: (w: string) => w.replace('Id="payload-1"', 'Id="payload-1" amount="1000"') },
  { part: 'Timestamp', target: 'TS-1', path: 'Envelope/Header/Security/Timestamp', edit: (w: string) => w.replace('10:05:00Z', '23:05:00Z') },
  { part: 'SAML 1.1 assertion', target: '_a1', path: 'Envelope/Header/Security/Assertion[1]', edit: (w: string) => w.replace('>alice<', '>admin<') },
  { part: 'SAML 2.0 assertion (namespace prefix)', target: '_s2', path: 'Envelope/Header/Security/Assertion[2]', edit: (w: string) => w.replaceAll('saml2:', 'saml3:').replace('xmlns:saml2=', 'xmlns:saml3=') },
  { part: 'token behind the STR', target: 'STR-1', path: 'Envelope/Header/Security/SecurityTokenReference', edit: (w: string) => w.replace('MIIBszCCAVmgAwIBAgIUQ2VydGlmaWNhdGU=', 'MIIBszCCAVmgAwIBAgIUQ2VydGlmaWNhdGX=') },
] as const;

async function signedWire(alg: string = URI.rsaSha256): Promise<string> {
  const doc = envelope();
  await sign(doc, {
    signatureAlgorithm: alg,
    references: [
      { target: 'Body-1', digest: URI.sha256 }, { target: 'TS-1', digest: URI.sha256 }, { target: '_a1', digest: URI.sha256 },
      { target: '_s2', digest: URI.sha256 }, { target: 'STR-1', digest: URI.sha256, transforms: [{ algorithm: URI.strTransform }] },
    ],
  });
  return serializeXml(doc);
}

function tamper(wire: string, edit: (w: string) => string): Document {
  const changed = edit(wire);
  expect(changed).not.toBe(wire);
  return parseXml(changed);
}

const fails = (v: Awaited<ReturnType<typeof verify>>) => v.checks.filter((c) => c.status === 'fail');

describe('Security: tampering with a signed part', () => {
  for (const p of PARTS) {
    it(`Security: a changed ${p.part} is DSIG_DIGEST_MISMATCH on its reference only`, async () => {
      const wire = await signedWire();
      expect((await verify(parseXml(wire), URI.rsaSha256)).ok).toBe(true);
      const v = await verify(tamper(wire, p.edit), URI.rsaSha256);
      expect(v.ok).toBe(false);
      const f = fails(v);
      expect(f.map((c) => c.code)).toEqual(['DSIG_DIGEST_MISMATCH']);
      expect(f[0]!.details).toMatchObject({ uri: `#${p.target}`, targetPath: p.path });
      const ref = v.references.find((r) => r.uri === `#${p.target}`)!;
      expect(ref.ok).toBe(false);
      expect(f[0]!.message).toBe(`expected DigestValue ${ref.computedDigest} (computed over the canonical form of ${p.path}), found ${ref.statedDigest}`);
      expect(ref.computedDigest).not.toBe(ref.statedDigest);
      expect(v.references.filter((r) => r.ok).length).toBe(PARTS.length - 2); // 5 references, 1 broken
      expect(codes(v)).toContain('DSIG_SIGNATURE_VALID'); // SignedInfo itself was not touched
    });
  }

  it('Security: a modified Body with a recomputed DigestValue is caught by the SignatureValue', async () => {
    const doc = envelope();
    await sign(doc, { references: [{ target: 'Body-1', digest: URI.sha1 }] });
    const attacked = tamper(serializeXml(doc), (w) => w.replace('héllo', 'hello'));
    const recomputed = (await verify(attacked, URI.rsaSha1)).references[0]!.computedDigest;
    const dv = attacked.getElementsByTagNameNS(NS.ds, 'DigestValue').item(0)!;
    dv.firstChild!.nodeValue = recomputed;
    const v = await verify(attacked, URI.rsaSha1);
    expect(codes(v, 'fail')).toEqual(['DSIG_SIGNATURE_INVALID']);
    expect(codes(v, 'pass')).toEqual(['DSIG_REFERENCE_OK']);
  });
});

describe('Security: signature wrapping', () => {
  const wrapper = '<wsse:Wrapper xmlns:wsse="' + NS.wsse + '">';

  it('Security: signed Body moved into a header, forged Body with the same Id: DSIG_DUPLICATE_ID', async () => {
    const wire = await signedWire();
    const attacked = tamper(wire, (w) => {
      const body = w.slice(w.indexOf('<soap:Body'), w.indexOf('</soap:Body>') + 12);
      const forged = body.replace('héllo', 'transfer everything');
      return w.replace(body, forged).replace('<soap:Header>', `<soap:Header>${wrapper}${body}</wsse:Wrapper>`);
    });
    const v = await verify(attacked, URI.rsaSha256);
    expect(v.ok).toBe(false);
    const dup = fails(v).find((c) => c.code === 'DSIG_DUPLICATE_ID')!;
    expect(dup.message).toBe("expected Id 'Body-1' on exactly one element but found it on 2: Envelope/Header/Wrapper/Body, Envelope/Body");
    expect(dup.details).toMatchObject({ uri: '#Body-1' });
  });

  it('Security: Id moved from the signed Body to a forged one: DSIG_DIGEST_MISMATCH on Envelope/Body', async () => {
    const wire = await signedWire();
    const attacked = tamper(wire, (w) => w.replace('héllo', 'transfer everything'));
    const f = fails(await verify(attacked, URI.rsaSha256));
    expect(f.map((c) => [c.code, c.details?.['targetPath']])).toEqual([['DSIG_DIGEST_MISMATCH', 'Envelope/Body']]);
  });

  it('Security: a second soap:Body carrying the signed Id: DSIG_DUPLICATE_ID', async () => {
    const wire = await signedWire();
    const attacked = tamper(wire, (w) => w.replace('</soap:Envelope>', `<soap:Body wsu:Id="Body-1"><m:Echo xmlns:m="urn:example:echo">evil</m:Echo></soap:Body></soap:Envelope>`));
    expect(codes(await verify(attacked, URI.rsaSha256), 'fail')).toContain('DSIG_DUPLICATE_ID');
  });

  it('Security: the same Id under another attribute kind (ID vs wsu:Id) is still a duplicate', async () => {
    const wire = await signedWire();
    const attacked = tamper(wire, (w) => w.replace('<soap:Header>', '<soap:Header><x:Evil xmlns:x="urn:x" ID="Body-1"/>'));
    const v = await verify(attacked, URI.rsaSha256);
    const f = fails(v);
    // The forged element comes first in document order, which is what a first-match resolver digests.
    expect(f.map((c) => c.code)).toEqual(['DSIG_DUPLICATE_ID', 'DSIG_DIGEST_MISMATCH']);
    expect(f[0]!.message).toContain('Envelope/Header/Evil, Envelope/Body');
    expect(v.references[0]!.path).toBe('Envelope/Header/Evil');
  });

  it('Security: signed Body moved away intact and replaced by an unsigned one: the signature holds, referencedElements shows the live Body is not covered', async () => {
    const wire = await signedWire();
    const attacked = tamper(wire, (w) => {
      const body = w.slice(w.indexOf('<soap:Body'), w.indexOf('</soap:Body>') + 12);
      return w.replace(body, '<soap:Body><evil/></soap:Body>').replace('<soap:Header>', `<soap:Header>${wrapper}${body}</wsse:Wrapper>`);
    });
    const v = await verify(attacked, URI.rsaSha256);
    // Cryptographically intact: only the layer that knows where the Body must be (wss/policy) can refuse it.
    expect(v.ok).toBe(true);
    const liveBody = attacked.getElementsByTagNameNS(NS.soap11, 'Body').item(1)!;
    expect(nodePath(liveBody)).toBe('Envelope/Body');
    const covered = referencedElements(attacked.getElementsByTagNameNS(NS.ds, 'Signature').item(0)!);
    expect(covered).not.toContain(liveBody);
    expect(covered.map((e) => nodePath(e))).toContain('Envelope/Header/Wrapper/Body');
  });
});

describe('Security: DigestValue and SignatureValue content', () => {
  async function signedDoc(): Promise<Document> {
    const doc = envelope();
    await sign(doc, { references: [{ target: 'Body-1', digest: URI.sha1 }] });
    return parseXml(serializeXml(doc));
  }

  it('Security: a comment splitting a correct DigestValue does not pass (DSIG_DIGEST_VALUE_MALFORMED)', async () => {
    const doc = await signedDoc();
    const dv = doc.getElementsByTagNameNS(NS.ds, 'DigestValue').item(0)!;
    const good = dv.textContent!;
    const attacked = tamper(serializeXml(doc), (w) => w.replace(`>${good}<`, `>${good.slice(0, 10)}<!-- ignore me -->${good.slice(10)}<`));
    const v = await verify(attacked, URI.rsaSha1);
    expect(v.ok).toBe(false);
    const f = fails(v);
    expect(f.map((c) => c.code)).toEqual(['DSIG_DIGEST_VALUE_MALFORMED']);
    expect(f[0]!.message).toBe('expected only base64 text inside DigestValue but found a comment <!-- ignore me -->');
    expect(f[0]!.path).toBe('Envelope/Header/Security/Signature/SignedInfo/Reference/DigestValue');
    expect(v.references[0]!.ok).toBe(false);
  });

  it('Security: a comment inside SignatureValue does not pass (DSIG_SIGNATURE_VALUE_MALFORMED)', async () => {
    const doc = await signedDoc();
    const sv = doc.getElementsByTagNameNS(NS.ds, 'SignatureValue').item(0)!;
    const good = sv.textContent!;
    const attacked = tamper(serializeXml(doc), (w) => w.replace(`>${good}<`, `>${good.slice(0, 40)}<!---->${good.slice(40)}<`));
    const v = await verify(attacked, URI.rsaSha1);
    expect(codes(v, 'fail')).toEqual(['DSIG_SIGNATURE_VALUE_MALFORMED']);
    expect(codes(v)).not.toContain('DSIG_SIGNATURE_VALID');
  });

  it('Security: non-base64 characters and non-XML whitespace in DigestValue do not pass; XML whitespace does', async () => {
    const doc = await signedDoc();
    const good = doc.getElementsByTagNameNS(NS.ds, 'DigestValue').item(0)!.textContent!;
    const wire = serializeXml(doc);
    for (const bad of [`${good.slice(0, 8)}\u00a0${good.slice(8)}`, `${good.slice(0, 8)}!${good.slice(8)}`, `${good}=`, '']) {
      const v = await verify(tamper(wire, (w) => w.replace(`>${good}<`, `>${bad}<`)), URI.rsaSha1);
      expect(codes(v, 'fail'), JSON.stringify(bad)).toContain('DSIG_DIGEST_VALUE_MALFORMED');
    }
    const spaced = `\n  ${good.slice(0, 8)} ${good.slice(8, 16)}\t${good.slice(16)}\r\n`;
    const v = await verify(tamper(wire, (w) => w.replace(`>${good}<`, `>${spaced.replace('\r', '&#13;')}<`)), URI.rsaSha1);
    expect(codes(v, 'fail')).toContain('DSIG_SIGNATURE_INVALID'); // SignedInfo changed, but the value itself is legal:
    expect(codes(v)).toContain('DSIG_REFERENCE_OK');
  });
});

describe('Security: HMACOutputLength (CVE-2009-0217)', () => {
  async function hmacSigned(alg: string, bits: number): Promise<Document> {
    const doc = envelope();
    await sign(doc, { signatureAlgorithm: alg, hmacOutputLength: bits, references: [{ target: 'Body-1', digest: URI.sha1 }] });
    return parseXml(serializeXml(doc));
  }

  it('Security: HMACOutputLength 40 is rejected with DSIG_HMAC_OUTPUT_LENGTH and never checked', async () => {
    const v = await verify(await hmacSigned(URI.hmacSha1, 40), URI.hmacSha1);
    expect(v.ok).toBe(false);
    const f = fails(v);
    expect(f.map((c) => c.code)).toEqual(['DSIG_HMAC_OUTPUT_LENGTH']);
    expect(f[0]!.message).toBe(`expected HMACOutputLength of at least 80 bits for ${URI.hmacSha1} but found 40`);
    expect(f[0]!.path).toBe('Envelope/Header/Security/Signature/SignedInfo/SignatureMethod/HMACOutputLength');
    expect(codes(v)).not.toContain('DSIG_SIGNATURE_VALID');
  });

  it('Security: a full HMAC cut to 1 byte with HMACOutputLength 8 is rejected', async () => {
    const doc = envelope();
    await sign(doc, { signatureAlgorithm: URI.hmacSha1, references: [{ target: 'Body-1', digest: URI.sha1 }] });
    const sm = doc.getElementsByTagNameNS(NS.ds, 'SignatureMethod').item(0)!;
    const len = doc.createElementNS(NS.ds, 'ds:HMACOutputLength');
    len.appendChild(doc.createTextNode('8'));
    sm.appendChild(len);
    const sv = doc.getElementsByTagNameNS(NS.ds, 'SignatureValue').item(0)!;
    sv.firstChild!.nodeValue = Buffer.from(sv.textContent!, 'base64').subarray(0, 1).toString('base64');
    expect(codes(await verify(parseXml(serializeXml(doc)), URI.hmacSha1), 'fail')).toEqual(['DSIG_HMAC_OUTPUT_LENGTH']);
  });

  it('half the hash is the floor: hmac-sha256 with 80 bits fails, 128 passes; hmac-sha1 with 80 passes unless the caller asks for more', async () => {
    expect(codes(await verify(await hmacSigned(URI.hmacSha256, 80), URI.hmacSha256), 'fail')).toEqual(['DSIG_HMAC_OUTPUT_LENGTH']);
    expect((await verify(await hmacSigned(URI.hmacSha256, 128), URI.hmacSha256)).ok).toBe(true);
    const sha1at80 = await hmacSigned(URI.hmacSha1, 80);
    expect((await verify(sha1at80, URI.hmacSha1)).ok).toBe(true);
    const sig = sha1at80.getElementsByTagNameNS(NS.ds, 'Signature').item(0)!;
    const strict = await verifySignature(sig, { resolveKey: fixedKey(verifyingKey(URI.hmacSha1)), minHmacOutputLength: 128 });
    expect(strict.checks.find((c) => c.status === 'fail')?.message).toBe(`expected HMACOutputLength of at least 128 bits for ${URI.hmacSha1} but found 80`);
  });
});

describe('Security: keys', () => {
  it('Security: the wrong RSA key or HMAC secret is DSIG_SIGNATURE_INVALID', async () => {
    const rsaDoc = parseXml(await signedWire(URI.rsaSha1));
    const v = await verify(rsaDoc, URI.rsaSha1, KEYS.otherRsaPublic);
    expect(codes(v, 'fail')).toEqual(['DSIG_SIGNATURE_INVALID']);
    expect(fails(v)[0]!.message).toContain('another RSA key');
    const hmacDoc = parseXml(await signedWire(URI.hmacSha256));
    const wrong = { kind: 'secret' as const, bytes: KEYS.otherSecret.bytes, source: 'wrong secret' };
    expect(codes(await verify(hmacDoc, URI.hmacSha256, wrong), 'fail')).toEqual(['DSIG_SIGNATURE_INVALID']);
  });

  it('Security: an RSA public key offered for an HMAC signature is DSIG_KEY_ALGORITHM_MISMATCH (key confusion)', async () => {
    const doc = parseXml(await signedWire(URI.hmacSha1));
    const v = await verify(doc, URI.hmacSha1, KEYS.rsaPublic);
    expect(codes(v, 'fail')).toEqual(['DSIG_KEY_ALGORITHM_MISMATCH']);
    expect(fails(v)[0]!.message).toBe(`expected a secret key for ${URI.hmacSha1} but the key resolved is a rsa-public key`);
  });

  it('a key the crypto port cannot import is DSIG_KEY_UNUSABLE, not an exception', async () => {
    const doc = parseXml(await signedWire(URI.rsaSha1));
    const garbage = { kind: 'rsa-public' as const, spki: new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]), source: 'a broken key' };
    const v = await verify(doc, URI.rsaSha1, garbage);
    expect(codes(v, 'fail')).toEqual(['DSIG_KEY_UNUSABLE']);
    expect(fails(v)[0]!.message).toContain(`expected a key usable for ${URI.rsaSha1} (from a broken key)`);
  });

  it('no key is DSIG_KEY_UNRESOLVED; the resolver\'s own checks are kept', async () => {
    const doc = parseXml(await signedWire(URI.rsaSha1));
    const sig = doc.getElementsByTagNameNS(NS.ds, 'Signature').item(0)!;
    const mine = { code: 'WSS_STR_UNKNOWN', status: 'fail' as const, message: 'x', specRef: 'WSS', path: '' };
    const v = await verifySignature(sig, { resolveKey: async () => ({ key: null, checks: [mine] }), dereferenceStr: derefStr });
    expect(codes(v, 'fail')).toEqual(['WSS_STR_UNKNOWN', 'DSIG_KEY_UNRESOLVED']);
    expect(v.key).toBeNull();
  });
});

describe('Security: refused references, transforms and algorithms', () => {
  const cases: Array<[string, (w: string) => string, string]> = [
    ['URI=""', (w) => w.replace('URI="#Body-1"', 'URI=""'), 'DSIG_EMPTY_URI'],
    ['no URI', (w) => w.replace('URI="#Body-1"', ''), 'DSIG_EMPTY_URI'],
    ['an external URI', (w) => w.replace('URI="#Body-1"', 'URI="http://attacker.example/body.xml"'), 'DSIG_EXTERNAL_URI'],
    ['an XPointer', (w) => w.replace('URI="#Body-1"', `URI="#xpointer(/)"`), 'DSIG_URI_UNSUPPORTED'],
    ['a missing Id', (w) => w.replace('URI="#Body-1"', 'URI="#Body-404"'), 'DSIG_REFERENCE_NOT_FOUND'],
    ['an XSLT transform', (w) => w.replace(`<ds:Transform Algorithm="${URI.excC14n}"/>`, '<ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xslt-19991116"/>'), 'DSIG_UNKNOWN_TRANSFORM'],
    ['c14n after c14n', (w) => w.replace(`<ds:Transform Algorithm="${URI.excC14n}"/>`, `<ds:Transform Algorithm="${URI.excC14n}"/><ds:Transform Algorithm="${URI.c14n}"/>`), 'DSIG_TRANSFORM_CHAIN'],
    ['an unknown digest', (w) => w.replace(`<ds:DigestMethod Algorithm="${URI.sha1}"/>`, `<ds:DigestMethod Algorithm="${URI.sha512}"/>`), 'DSIG_UNKNOWN_ALGORITHM'],
    ['DSA', (w) => w.replace(URI.rsaSha1, 'http://www.w3.org/2000/09/xmldsig#dsa-sha1'), 'DSIG_UNKNOWN_ALGORITHM'],
    ['an unknown CanonicalizationMethod', (w) => w.replace(`<ds:CanonicalizationMethod Algorithm="${URI.excC14n}"/>`, '<ds:CanonicalizationMethod Algorithm="urn:none"/>'), 'DSIG_UNKNOWN_ALGORITHM'],
    ['no SignedInfo', (w) => w.replace(/<ds:SignedInfo>.*<\/ds:SignedInfo>/, ''), 'DSIG_MALFORMED'],
  ];
  for (const [name, edit, code] of cases) {
    it(`Security: ${name} is ${code}`, async () => {
      const doc = envelope();
      await sign(doc, { signatureAlgorithm: URI.rsaSha1, references: [{ target: 'Body-1', digest: URI.sha1 }] });
      const v = await verify(tamper(serializeXml(doc), edit), URI.rsaSha1);
      expect(v.ok).toBe(false);
      expect(codes(v, 'fail')).toContain(code);
      // Reference-level refusals leave no reference passing; SignedInfo-level ones fail the signature.
      if (!['DSA', 'an unknown CanonicalizationMethod'].includes(name)) expect(codes(v)).not.toContain('DSIG_REFERENCE_OK');
      expect(codes(v)).not.toContain('DSIG_SIGNATURE_VALID');
    });
  }
});
