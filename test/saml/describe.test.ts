// describeAssertion: what an issued assertion asks of its presenter — subject, confirmation method
// and proof-key kind — read from the assertion as the requester receives it, for both versions.
import type { Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { describeAssertion } from '../../src/engine/saml/index.ts';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { issue, KINDS, pki, VERSIONS, type ConfirmationKind } from './fixtures.ts';

const EXPECTED: Record<ConfirmationKind, { confirmation: string; proofKey: string }> = {
  bearer: { confirmation: 'bearer', proofKey: 'none' },
  'sender-vouches': { confirmation: 'sender-vouches', proofKey: 'none' },
  'hok-symmetric': { confirmation: 'holder-of-key', proofKey: 'symmetric' },
  'hok-cert': { confirmation: 'holder-of-key', proofKey: 'asymmetric' },
  'hok-public-key': { confirmation: 'holder-of-key', proofKey: 'asymmetric' },
};

describe('describeAssertion', () => {
  for (const version of VERSIONS) {
    for (const kind of KINDS) {
      it(`SAML ${version}, ${kind}`, async () => {
        const d = describeAssertion(parseXml(await issue(version, kind)).documentElement as Element)!;
        expect(d).toMatchObject({ version, subject: 'alice', id: '_a7f3c9d2e1b04f6a', ...EXPECTED[kind] });
        expect(d.proofCert?.subject).toBe(kind === 'hok-cert' ? (await pki()).client.cert.subject : undefined);
      });
    }
  }

  it('anything but an assertion is null', () => {
    expect(describeAssertion(parseXml('<x:Assertion xmlns:x="urn:not-saml"/>').documentElement as Element)).toBeNull();
  });
});
