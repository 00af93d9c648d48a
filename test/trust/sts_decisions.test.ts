import { describe, expect, it } from 'vitest';
import type { Element } from '@xmldom/xmldom';
import { newDocument, serializeXml } from '../../src/engine/xml/index.ts';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { NS, URI } from '../../src/engine/xml/names.ts';
import { buildRst, readRst, type RstSpec } from '../../src/engine/trust/rst.ts';
import { stsDecide, type StsConfig, type Requester } from '../../src/engine/trust/sts_decisions.ts';

const config: StsConfig = {
  supportedTokenTypes: [URI.samlV11TokenType, URI.samlV20TokenType], authorizedRequesters: ['alice', 'CN=client.wsbench.example'],
  serviceProviders: [{ appliesTo: 'https://service.example.com/echo', certPem: '' }], lifetimeSeconds: 3600, signatureAlgorithm: 'rsa-sha1',
  keySizes: { min: 128, max: 512, default: 256 },
};
const alice: Requester = { authenticated: true, kind: 'username', identity: 'alice', binding: 'transport' };

function rst(s: Partial<RstSpec>) {
  const spec: RstSpec = { version: '1.3', requestType: 'issue', tokenType: URI.samlV11TokenType, keyType: 'symmetric', keySize: 256, appliesTo: { address: 'https://service.example.com/echo', wsaNs: NS.wsa2005 }, ...s };
  return readRst(parseXml(serializeXml(newDocument(buildRst(spec)))).documentElement as Element).rst!;
}

describe('the STS\'s four decisions (seed 004)', () => {
  it('issues when all four pass, with the key decision explained', () => {
    const d = stsDecide(rst({}), alice, config);
    expect(d.fault).toBeUndefined();
    expect(d.checks.map((c) => c.code)).toEqual(['STS_ISSUE_REQUEST', 'STS_TOKEN_TYPE', 'STS_REQUESTER_AUTHORIZED', 'STS_KEY_DECISION']);
    expect(d.issuance).toMatchObject({ confirmation: 'holder-of-key', proofKey: 'symmetric', keySize: 256, tokenType: URI.samlV11TokenType });
  });
  const cases: Array<[string, Partial<RstSpec>, Requester, string, string]> = [
    ['1: not an issue request', { requestType: 'validate' }, alice, 'STS_NOT_ISSUE_REQUEST', 'wst:InvalidRequest'],
    ['2: unsupported token type', { tokenType: 'urn:example:custom-token' }, alice, 'STS_TOKEN_TYPE_UNSUPPORTED', 'wst:BadRequest'],
    ['3: unauthenticated', {}, { ...alice, authenticated: false }, 'STS_NOT_AUTHENTICATED', 'wst:FailedAuthentication'],
    ['3: not authorized', {}, { ...alice, identity: 'mallory' }, 'STS_NOT_AUTHORIZED', 'wst:RequestFailed'],
    ['4: key size it cannot meet', { keySize: 1024 }, alice, 'STS_KEY_SIZE_UNSUPPORTED', 'wst:UnsupportedAlgorithm'],
    ['4: a public key it cannot bind', { keyType: 'public' }, alice, 'STS_NO_PUBLIC_KEY', 'wst:InvalidRequest'],
    ['4: unknown relying party', { appliesTo: { address: 'https://elsewhere.example/', wsaNs: NS.wsa2005 } }, alice, 'STS_UNKNOWN_APPLIES_TO', 'wst:InvalidScope'],
  ];
  for (const [name, spec, who, code, fault] of cases) {
    it(`decision ${name} → ${code}, ${fault}`, () => {
      const d = stsDecide(rst(spec), who, config);
      expect(d.checks.find((c) => c.status === 'fail')?.code).toBe(code);
      expect(d.fault?.subcode).toBe(fault);
      expect(d.issuance).toBeUndefined();
    });
  }
});
