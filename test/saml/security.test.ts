// Security: what a relying party must refuse in an assertion — tampered content under the issuer's
// signature, moved and wrapped signatures, the wrong audience, an expired or not-yet-valid token,
// an untrusted signer, a proof key wrapped for someone else — each refused with its stable code,
// a message naming what was expected and found, and the path of the offending node.

import type { Document, Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { attr, childElements, firstChildNS } from '../../src/engine/xml/dom.ts';
import { NS, URI } from '../../src/engine/xml/names.ts';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { serializeXml } from '../../src/engine/xml/serialize.ts';
import { validateAssertion } from '../../src/engine/saml/validate.ts';
import { AUDIENCE, ISSUED, NOT_ON_OR_AFTER, VERSIONS, check, codes, find, issue, pki, signWire, unsigned } from './fixtures.ts';

const docOf = (wire: string): Document => parseXml(wire);
const rootOf = (doc: Document): Element => doc.documentElement as Element;
const nsOf = (version: string): string => (version === '1.1' ? NS.saml11 : NS.saml2);

/** Edits the signed wire text through the DOM (as an editor in the middle would). */
function edit(wire: string, fn: (a: Element, doc: Document) => void): string {
  const doc = docOf(wire);
  fn(rootOf(doc), doc);
  return serializeXml(doc);
}

describe('Security: tampering under the issuer signature', () => {
  for (const version of VERSIONS) {
    it(`Security: SAML ${version} baseline is accepted, a changed NameID is refused (SAML_SIGNATURE_INVALID, DSIG_DIGEST_MISMATCH)`, async () => {
      const wire = await issue(version, 'hok-symmetric');
      expect((await check(wire)).accepted).toBe(true);
      const r = await check(wire.replace(/>alice</g, '>mallory<'));
      expect(r.accepted).toBe(false);
      expect(r.subject).toBe('mallory');
      expect(codes(r)).toEqual(expect.arrayContaining(['DSIG_DIGEST_MISMATCH', 'SAML_SIGNATURE_INVALID']));
      expect(r.issuer).toBeUndefined();
      expect(find(r, 'SAML_SIGNATURE_INVALID').message).toContain('DSIG_DIGEST_MISMATCH');
    });

    it(`Security: SAML ${version} with a later NotOnOrAfter is refused`, async () => {
      const wire = edit(await issue(version, 'bearer'), (a) => firstChildNS(a, nsOf(version), 'Conditions')!.setAttribute('NotOnOrAfter', '2030-01-01T00:00:00Z'));
      const r = await check(wire);
      expect(codes(r)).toEqual(expect.arrayContaining(['DSIG_DIGEST_MISMATCH', 'SAML_SIGNATURE_INVALID']));
      expect(find(r, 'SAML_VALIDITY_PERIOD').message).toContain('2030-01-01T00:00:00Z');
    });

    it(`Security: SAML ${version} with a moved signature is refused (SAML_SIGNATURE_MISPLACED)`, async () => {
      const wire = edit(await issue(version, 'bearer'), (a) => {
        const sig = firstChildNS(a, NS.ds, 'Signature')!;
        a.removeChild(sig);
        if (version === '1.1') a.insertBefore(sig, a.firstChild);
        else a.appendChild(sig);
      });
      const r = await check(wire);
      expect(codes(r)).toEqual(['SAML_SIGNATURE_MISPLACED', 'SAML_SIGNATURE_INVALID']);
      const c = find(r, 'SAML_SIGNATURE_MISPLACED');
      expect(c.message).toContain(version === '1.1' ? 'expected ds:Signature as the last child of the assertion' : 'expected ds:Signature as the child right after saml:Issuer');
      expect(c.path).toBe('Assertion/Signature');
      expect(c.line).toBeGreaterThan(0);
    });

    it(`Security: SAML ${version} with its signature moved out of the assertion is refused (SAML_SIGNATURE_MISSING)`, async () => {
      const wire = await issue(version, 'bearer');
      const doc = docOf(`<w:Wrap xmlns:w="urn:example:wrap">${wire}</w:Wrap>`);
      const a = childElements(rootOf(doc))[0]!;
      const sig = firstChildNS(a, NS.ds, 'Signature')!;
      a.removeChild(sig);
      rootOf(doc).appendChild(sig);
      const p = await pki();
      const r = await validateAssertion(a, { trustedIssuers: [p.sts.cert], audience: AUDIENCE, now: ISSUED + 1000 });
      expect(codes(r)).toEqual(['SAML_SIGNATURE_MISSING']);
      expect(find(r, 'SAML_SIGNATURE_MISSING').message).toContain('a signature referring to it is at Wrap/Signature, outside the assertion');
    });

    it(`Security: SAML ${version} signature wrapping (a second assertion with the same Id takes the signature) is refused`, async () => {
      const wire = await issue(version, 'bearer');
      const doc = docOf(`<w:Wrap xmlns:w="urn:example:wrap">${wire}</w:Wrap>`);
      const original = childElements(rootOf(doc))[0]!;
      const evil = original.cloneNode(true) as Element;
      const evilNames = evil.getElementsByTagNameNS(nsOf(version), version === '1.1' ? 'NameIdentifier' : 'NameID');
      for (let i = 0; i < evilNames.length; i++) evilNames.item(i)!.textContent = 'admin';
      original.removeChild(firstChildNS(original, NS.ds, 'Signature')!);
      rootOf(doc).appendChild(evil);
      const p = await pki();
      const r = await validateAssertion(evil, { trustedIssuers: [p.sts.cert], audience: AUDIENCE, now: ISSUED + 1000 });
      expect(r.subject).toBe('admin');
      expect(r.accepted).toBe(false);
      expect(codes(r)).toEqual(expect.arrayContaining(['DSIG_DUPLICATE_ID', 'SAML_SIGNATURE_REFERENCE', 'SAML_SIGNATURE_INVALID']));
      expect(find(r, 'SAML_SIGNATURE_REFERENCE').message).toContain('its reference resolves elsewhere');
    });

    it(`Security: SAML ${version} without a signature is refused (SAML_SIGNATURE_MISSING)`, async () => {
      const r = await check(serializeXml(await unsigned(version, 'bearer')));
      expect(codes(r)).toEqual(['SAML_SIGNATURE_MISSING']);
      expect(find(r, 'SAML_SIGNATURE_MISSING').message).toBe("expected the issuer's enveloped ds:Signature inside the assertion but found none");
    });
  }
});

describe('Security: audience, lifetime and issuer trust', () => {
  for (const version of VERSIONS) {
    it(`Security: SAML ${version} for another audience is refused (SAML_AUDIENCE_MISMATCH names both)`, async () => {
      const r = await check(await issue(version, 'bearer'), { audience: 'https://evil.example/' });
      expect(codes(r)).toEqual(['SAML_AUDIENCE_MISMATCH']);
      const c = find(r, 'SAML_AUDIENCE_MISMATCH');
      expect(c.message).toBe(`expected audience https://evil.example/ but found ${AUDIENCE} in ${version === '1.1' ? 'AudienceRestrictionCondition' : 'AudienceRestriction'}`);
      expect(c.details).toEqual({ expected: 'https://evil.example/', found: [AUDIENCE] });
      expect(c.path).toBe(`Assertion/Conditions/${version === '1.1' ? 'AudienceRestrictionCondition' : 'AudienceRestriction'}`);
      expect(c.specRef).toContain(version === '1.1' ? 'SAML 1.1 Core §2.3.2.1.2' : 'SAML 2.0 Core §2.5.1.4');
    });

    it(`Security: SAML ${version} past NotOnOrAfter (beyond the skew) is refused (SAML_EXPIRED); inside the skew it is accepted`, async () => {
      const wire = await issue(version, 'hok-symmetric');
      const expired = await check(wire, { now: NOT_ON_OR_AFTER + 301_000 });
      expect(codes(expired)).toContain('SAML_EXPIRED');
      const c = find(expired, 'SAML_EXPIRED');
      expect(c.message).toBe('expected now 2026-03-01T11:05:01Z with 300 s clock skew to be before NotOnOrAfter 2026-03-01T11:00:00Z but it is not: the assertion has expired');
      expect(c.path).toBe('Assertion/Conditions/@NotOnOrAfter');
      if (version === '2.0') expect(codes(expired)).toContain('SAML_CONFIRMATION_EXPIRED');
      expect((await check(wire, { now: NOT_ON_OR_AFTER + 299_000 })).accepted).toBe(true);
      expect(codes(await check(wire, { now: NOT_ON_OR_AFTER, skewSeconds: 0 }))).toContain('SAML_EXPIRED');
    });

    it(`Security: SAML ${version} before NotBefore is refused (SAML_NOT_YET_VALID)`, async () => {
      const r = await check(await issue(version, 'bearer'), { now: ISSUED - 600_000 });
      expect(codes(r)).toEqual(['SAML_NOT_YET_VALID']);
      expect(find(r, 'SAML_NOT_YET_VALID').message).toContain('to be at or after NotBefore 2026-03-01T10:00:00Z but it is earlier');
      expect(codes(r, 'warn')).toContain('SAML_ISSUED_IN_FUTURE');
    });

    it(`Security: SAML ${version} signed by an untrusted key is refused (SAML_ISSUER_UNTRUSTED)`, async () => {
      const p = await pki();
      const other = await check(await issue(version, 'bearer'), { trustedIssuers: [p.service.cert] });
      expect(codes(other)).toEqual(['SAML_ISSUER_UNTRUSTED', 'SAML_SIGNATURE_INVALID']);
      expect(find(other, 'SAML_ISSUER_UNTRUSTED').message).toContain(`but found ${p.sts.cert.subject} (SHA-1 thumbprint ${p.sts.cert.thumbprintSha1})`);
      const byClient = await check(await issue(version, 'bearer', {}, { key: p.client.key, cert: p.client.cert }));
      expect(codes(byClient)).toEqual(['SAML_ISSUER_UNTRUSTED', 'SAML_SIGNATURE_INVALID']);
      expect(codes(byClient, 'pass')).toContain('DSIG_SIGNATURE_VALID');
      expect(byClient.issuer).toBeUndefined();
    });

    it(`Security: SAML ${version} signed by another key but claiming the STS certificate is refused`, async () => {
      const p = await pki();
      const r = await check(await issue(version, 'bearer', {}, { key: p.client.key, cert: p.sts.cert }));
      expect(codes(r)).toEqual(['DSIG_SIGNATURE_INVALID', 'SAML_SIGNATURE_INVALID']);
    });

    it(`Security: SAML ${version} symmetric proof key wrapped for another service is not unwrapped (SAML_PROOF_KEY_NOT_FOR_SERVICE)`, async () => {
      const p = await pki();
      const r = await check(await issue(version, 'hok-symmetric'), { serviceKey: { key: p.client.key, cert: p.client.cert } });
      expect(r.proofKey).toBeUndefined();
      expect(codes(r)).toEqual(expect.arrayContaining(['SAML_PROOF_KEY_NOT_FOR_SERVICE', 'SAML_PROOF_KEY_UNRESOLVED']));
      expect(find(r, 'SAML_PROOF_KEY_NOT_FOR_SERVICE').message).toContain(`expected the proof key to be wrapped for the service certificate ${p.client.cert.subject}`);
      const none = await check(await issue(version, 'hok-symmetric'), { serviceKey: undefined });
      expect(none.accepted).toBe(true);
      expect(codes(none, 'warn')).toEqual(['SAML_PROOF_KEY_NOT_UNWRAPPED']);
    });
  }
});

describe('Security: malformed assertions signed as they are', () => {
  /** Edits the unsigned assertion, then signs it, so only the edit is under test. */
  async function signedAfter(version: '1.1' | '2.0', kind: Parameters<typeof unsigned>[1], fn: (a: Element) => void): Promise<string> {
    const doc = await unsigned(version, kind);
    fn(rootOf(doc));
    return signWire(doc);
  }

  it('Security: a SAML 1.1 confirmation method in a SAML 2.0 assertion is refused (SAML_CONFIRMATION_UNKNOWN)', async () => {
    const wire = await signedAfter('2.0', 'bearer', (a) => a.getElementsByTagNameNS(NS.saml2, 'SubjectConfirmation').item(0)!.setAttribute('Method', URI.saml1Bearer));
    const r = await check(wire);
    expect(codes(r)).toEqual(['SAML_CONFIRMATION_UNKNOWN']);
    expect(r.confirmation).toBeUndefined();
    expect(find(r, 'SAML_CONFIRMATION_UNKNOWN').message).toContain(`but found '${URI.saml1Bearer}' (a SAML 1.1 URI in a SAML 2.0 assertion)`);
  });

  it('Security: holder-of-key without a KeyInfo is refused (SAML_PROOF_KEY_MISSING)', async () => {
    for (const version of VERSIONS) {
      const wire = await signedAfter(version, 'hok-cert', (a) => {
        const kis = a.getElementsByTagNameNS(NS.ds, 'KeyInfo');
        for (let i = kis.length - 1; i >= 0; i--) kis.item(i)!.parentNode!.removeChild(kis.item(i)!);
      });
      const r = await check(wire);
      expect(codes(r)).toEqual(['SAML_PROOF_KEY_MISSING']);
      expect(r.proofKey).toBeUndefined();
    }
  });

  it('Security: a condition wsbench cannot evaluate makes the assertion Indeterminate (SAML_CONDITION_UNKNOWN)', async () => {
    const wire = await signedAfter('2.0', 'bearer', (a) => {
      const cond = firstChildNS(a, NS.saml2, 'Conditions')!;
      cond.appendChild(a.ownerDocument!.createElementNS(NS.saml2, 'saml2:ProxyRestriction'));
    });
    expect(codes(await check(wire))).toEqual(['SAML_CONDITION_UNKNOWN']);
  });

  it('Security: SAML 1.1 statements about different subjects are refused (SAML_SUBJECT_INCONSISTENT)', async () => {
    const wire = await signedAfter('1.1', 'bearer', (a) => { a.getElementsByTagNameNS(NS.saml11, 'NameIdentifier').item(1)!.textContent = 'bob'; });
    const r = await check(wire);
    expect(codes(r)).toEqual(['SAML_SUBJECT_INCONSISTENT']);
    expect(find(r, 'SAML_SUBJECT_INCONSISTENT').message).toBe('expected every subject statement to name the same subject but found alice, bob');
  });

  it('Security: an assertion without Conditions is accepted with warnings', async () => {
    const wire = await signedAfter('2.0', 'bearer', (a) => { a.removeChild(firstChildNS(a, NS.saml2, 'Conditions')!); });
    const r = await check(wire);
    expect(r.accepted).toBe(true);
    expect(codes(r, 'warn')).toEqual(['SAML_NO_CONDITIONS', 'SAML_NO_AUDIENCE_RESTRICTION']);
  });

  it('Security: a SAML 1.0 assertion and a non-assertion are refused by version detection', async () => {
    const wire = edit(await issue('1.1', 'bearer'), (a) => a.setAttribute('MinorVersion', '0'));
    const r = await check(wire);
    expect(r.checks.map((c) => c.code)).toEqual(['SAML_VERSION_UNSUPPORTED']);
    expect(r.checks[0]!.message).toBe(`expected MajorVersion 1 and MinorVersion 1 in the ${NS.saml11} namespace but found MajorVersion 1, MinorVersion 0`);
    const p = await pki();
    const other = await validateAssertion(rootOf(docOf('<x:Token xmlns:x="urn:x"/>')), { trustedIssuers: [p.sts.cert], now: ISSUED });
    expect(other.checks.map((c) => [c.code, c.path])).toEqual([['SAML_NOT_AN_ASSERTION', 'Token']]);
    expect(attr(rootOf(docOf(wire)), 'MinorVersion')).toBe('0');
  });
});
