// WS-Trust 1.3 §9.2 UseKey (read in each form, proven against the key that signed the request) and
// §9.3 OnBehalfOf (the subject of a password-less UsernameToken or of a trusted SAML assertion), and
// how the STS's decision 4 uses them; Oracle's sender-vouches KeyType on the wire.
import type { Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { builtinDemoPki } from '../../src/engine/actors/demo_pki.ts';
import { buildRst, readRst } from '../../src/engine/trust/rst.ts';
import { onBehalfOfUsername, readOnBehalfOf } from '../../src/engine/trust/on_behalf_of.ts';
import { stsDecide, type Requester, type StsConfig } from '../../src/engine/trust/sts_decisions.ts';
import { buildUseKey, proveUseKey, readUseKey, type UseKeyForm } from '../../src/engine/trust/use_key.ts';
import { buildX509Token } from '../../src/engine/wss/binary_security_token.ts';
import { buildStr } from '../../src/engine/wss/security_token_reference.ts';
import { newDocument, serializeXml, type ElSpec } from '../../src/engine/xml/index.ts';
import { NS, URI } from '../../src/engine/xml/names.ts';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { issue, NOW } from '../saml/fixtures.ts';

const reparse = (spec: ElSpec) => parseXml(serializeXml(newDocument(spec))).documentElement as Element;
const useKeyOf = (child: ElSpec | Element) => reparse({ ns: NS.trust13, name: 'wst:UseKey', xmlns: { wst: NS.trust13 }, children: [child] });

describe('UseKey', () => {
  for (const form of ['bst', 'x509-data', 'key-value'] as UseKeyForm[]) {
    it(`${form}: names the client's public key, proven by the client's signature, not by another's`, async () => {
      const p = await builtinDemoPki();
      const el = useKeyOf(buildUseKey(form, p.client.cert, 'UseKey-1'));
      const { key, checks } = await readUseKey(el);
      expect(checks.filter((c) => c.status === 'fail')).toEqual([]);
      expect(Buffer.from(key!.spki).equals(Buffer.from(p.client.cert.spki))).toBe(true);
      expect(key!.cert?.subject).toBe(form === 'key-value' ? undefined : p.client.cert.subject);
      const client = { key: { kind: 'rsa-public' as const, spki: p.client.cert.spki, cert: p.client.cert, source: 'BST' } };
      const itm = { key: { kind: 'rsa-public' as const, spki: p.itm.cert.spki, cert: p.itm.cert, source: 'BST' } };
      expect(proveUseKey(el, key!, [client]).check.code).toBe('STS_USE_KEY_PROVEN');
      const wrong = proveUseKey(el, key!, [itm]);
      expect(wrong).toMatchObject({ proven: false, check: { code: 'STS_USE_KEY_MISMATCH', status: 'fail' } });
      expect(wrong.check.message).toContain(`found it signed with ${p.itm.cert.subject}`);
      expect(proveUseKey(el, key!, []).check.code).toBe('STS_USE_KEY_NOT_PROVEN');
    });
  }

  it('a SecurityTokenReference to a BinarySecurityToken in the message', async () => {
    const p = await builtinDemoPki();
    const doc = newDocument({
      ns: null, name: 'Envelope', children: [buildX509Token(p.client.cert, 'X509-1'),
        { ns: NS.trust13, name: 'wst:UseKey', xmlns: { wst: NS.trust13 }, attrs: { Sig: 'SIG-1' }, children: [buildStr({ kind: 'reference', uri: '#X509-1', valueType: URI.x509v3 })] }],
    });
    const el = parseXml(serializeXml(doc)).getElementsByTagNameNS(NS.trust13, 'UseKey')[0] as Element;
    const { key } = await readUseKey(el);
    expect(key?.cert?.subject).toBe(p.client.cert.subject);
    // /@Sig names the proving signature: another signature with the right key does not count
    const signer = { kind: 'rsa-public' as const, spki: p.client.cert.spki, source: 'BST' };
    expect(proveUseKey(el, key!, [{ id: 'SIG-2', key: signer }]).check.code).toBe('STS_USE_KEY_NOT_PROVEN');
    expect(proveUseKey(el, key!, [{ id: 'SIG-1', key: signer }]).proven).toBe(true);
  });

  it('an empty or foreign UseKey is a failed check, not a crash', async () => {
    expect((await readUseKey(reparse({ ns: NS.trust13, name: 'wst:UseKey', xmlns: { wst: NS.trust13 } }))).checks[0]).toMatchObject({ code: 'STS_USE_KEY_UNREADABLE', status: 'fail' });
    const junk = await readUseKey(useKeyOf({ ns: NS.ds, name: 'ds:KeyInfo', xmlns: { ds: NS.ds }, children: [{ ns: NS.ds, name: 'ds:X509Data', children: [{ ns: NS.ds, name: 'ds:X509Certificate', text: 'bm90IGEgY2VydA==' }] }] }));
    expect(junk.key).toBeNull();
    expect(junk.checks.at(-1)).toMatchObject({ code: 'STS_USE_KEY_UNREADABLE', status: 'fail' });
  });
});

describe('OnBehalfOf', () => {
  const oboOf = (child: ElSpec | Element) => reparse({ ns: NS.trust13, name: 'wst:OnBehalfOf', xmlns: { wst: NS.trust13 }, children: [child] });

  it('a password-less UsernameToken names its user', async () => {
    const r = await readOnBehalfOf(oboOf(onBehalfOfUsername('bob', 'OBO-1')), { trustedIssuers: [], now: NOW });
    expect(r.subject).toBe('bob');
    expect(r.checks[0]).toMatchObject({ code: 'STS_ON_BEHALF_OF', status: 'pass' });
  });

  it('a SAML assertion counts only when a trusted issuer signed it', async () => {
    const p = await builtinDemoPki();
    const assertion = parseXml(await issue('2.0', 'bearer')).documentElement as Element;
    expect((await readOnBehalfOf(oboOf(assertion), { trustedIssuers: [p.sts.cert], now: NOW })).subject).toBe('alice');
    const untrusted = await readOnBehalfOf(oboOf(assertion), { trustedIssuers: [p.itm.cert], now: NOW });
    expect(untrusted.subject).toBeUndefined();
    expect(untrusted.checks.map((c) => c.code)).toContain('STS_ON_BEHALF_OF_UNREADABLE');
  });

  it('any other token is refused by name', async () => {
    const p = await builtinDemoPki();
    const r = await readOnBehalfOf(oboOf(buildX509Token(p.client.cert, 'X')), { trustedIssuers: [], now: NOW });
    expect(r.checks[0]!.message).toContain('found {http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd}BinarySecurityToken');
  });
});

describe('decision 4 with Oracle\'s sender-vouches KeyType and UseKey', () => {
  const config: StsConfig = {
    supportedTokenTypes: [URI.samlV20TokenType], authorizedRequesters: ['*'], serviceProviders: [], lifetimeSeconds: 3600,
    signatureAlgorithm: 'rsa-sha1', keySizes: { min: 128, max: 512, default: 256 },
  };
  const x509: Requester = { authenticated: true, kind: 'x509', identity: 'CN=client.wsbench.example', binding: 'asymmetric' };
  const rst = (over: Partial<Parameters<typeof buildRst>[0]>, keyTypeUri?: string) => {
    const spec = buildRst({ version: '1.3', requestType: 'issue', tokenType: URI.samlV20TokenType, ...over });
    if (keyTypeUri) spec.children = [...(spec.children ?? []), { ns: NS.trust13, name: 'wst:KeyType', text: keyTypeUri }];
    return readRst(reparse(spec)).rst!;
  };

  it('the Oracle KeyType is written and read as sender-vouches, and needs OnBehalfOf', () => {
    const spec = buildRst({ version: 'feb2005', requestType: 'issue', keyType: 'sender-vouches' });
    expect(serializeXml(newDocument(spec))).toContain(`<wst:KeyType>${URI.oracleSenderVouchesKeyType}</wst:KeyType>`);
    expect(stsDecide(rst({ keyType: 'sender-vouches' }), x509, config).checks.at(-1)).toMatchObject({ code: 'STS_SENDER_VOUCHES_WITHOUT_SUBJECT', status: 'fail' });
    expect(stsDecide(rst({ keyType: 'sender-vouches', onBehalfOf: onBehalfOfUsername('bob', 'O') }), x509, config).issuance).toMatchObject({ confirmation: 'sender-vouches', proofKey: 'none' });
  });

  it('a KeyType it does not know is refused, not taken for sender-vouches', () => {
    const d = stsDecide(rst({}, 'urn:example:keytype'), x509, config);
    expect(d.fault?.subcode).toBe('wst:BadRequest');
    expect(d.checks.at(-1)).toMatchObject({ code: 'STS_KEY_TYPE_UNSUPPORTED' });
    expect(d.checks.at(-1)!.message).toContain('found urn:example:keytype');
  });

  it('a UseKey key goes into the token only when proven', async () => {
    const p = await builtinDemoPki();
    const r = rst({ keyType: 'public', useKey: buildUseKey('bst', p.client.cert, 'U') });
    const failed = { proven: false, check: { code: 'STS_USE_KEY_MISMATCH', status: 'fail' as const, specRef: 'x', path: '', message: 'mismatch' } };
    expect(stsDecide(r, x509, config, { useKey: failed }).checks.at(-1)!.code).toBe('STS_USE_KEY_MISMATCH');
    expect(stsDecide(r, x509, config).checks.at(-1)!.code).toBe('STS_USE_KEY_NOT_PROVEN');
    const proven = { proven: true, check: { ...failed.check, code: 'STS_USE_KEY_PROVEN', status: 'pass' as const } };
    expect(stsDecide(r, x509, config, { useKey: proven }).issuance).toMatchObject({ confirmation: 'holder-of-key', proofKey: 'asymmetric', keySource: 'use-key' });
  });
});
