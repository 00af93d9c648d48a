// The SCT binding of WS-Trust (WS-SC 1.3 §3–6): RST/SCT and RSTR/SCT builders and readers for
// both versions, how each entropy mode makes the secret (ComputedKey against VECTORS.md #2), and
// the failed checks for requests and responses that are not what they claim.
import type { Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/engine/crypto/random.ts';
import { readSctRequest, buildSctRequest, scActions, scOperationOf } from '../../src/engine/sc/sct_request.ts';
import { buildSctResponse, issueSecret, readSctResponse, receivedSecret } from '../../src/engine/sc/sct_response.ts';
import { sctReference } from '../../src/engine/sc/sct.ts';
import { newDocument } from '../../src/engine/xml/build.ts';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { serializeXml } from '../../src/engine/xml/serialize.ts';
import type { ElSpec } from '../../src/engine/xml/dom.ts';

const ID = 'urn:uuid:0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const el = (spec: ElSpec, edit: (x: string) => string = (x) => x) => parseXml(edit(serializeXml(newDocument(spec)))).documentElement as Element;
const b64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

describe('RST/SCT and RSTR/SCT', () => {
  it('actions follow the WS-Trust version of the SC version', () => {
    expect(scActions('1.3', 'issue')).toEqual({ request: 'http://docs.oasis-open.org/ws-sx/ws-trust/200512/RST/SCT', response: 'http://docs.oasis-open.org/ws-sx/ws-trust/200512/RSTR/SCT' });
    expect(scActions('2005/02', 'cancel').request).toBe('http://schemas.xmlsoap.org/ws/2005/02/trust/RST/SCT/Cancel');
    expect(scOperationOf('2005/02', 'http://schemas.xmlsoap.org/ws/2005/02/trust/RST/SCT/Amend')).toBe('amend');
    expect(scOperationOf('1.3', 'http://schemas.xmlsoap.org/ws/2005/02/trust/RST/SCT')).toBeNull();
  });

  for (const version of ['2005/02', '1.3'] as const) {
    it(`WS-SC ${version}: an Issue request round-trips with its entropy and KeySize`, () => {
      const entropy = new Uint8Array(32).fill(3);
      const { request, checks } = readSctRequest(el(buildSctRequest({ version, op: 'issue', context: 'urn:ctx', keySize: 256, entropy })), version, 'issue');
      expect(checks).toEqual([]);
      expect(request!.rst).toMatchObject({ context: 'urn:ctx', keySize: 256, requestType: 'issue', tokenType: `${version === '1.3' ? 'http://docs.oasis-open.org/ws-sx/ws-secureconversation/200512' : 'http://schemas.xmlsoap.org/ws/2005/02/sc'}/sct` });
      expect(Buffer.from(request!.rst.entropy!).equals(Buffer.from(entropy))).toBe(true);
    });
  }

  it('Amend carries its claims; Renew and Cancel their target', () => {
    const amend = readSctRequest(el(buildSctRequest({ version: '1.3', op: 'amend', context: 'c', claims: ['role=auditor'] })), '1.3', 'amend');
    expect(amend.request!.claims).toEqual(['role=auditor']);
    const target = sctReference({ version: '1.3', identifier: ID, instance: '2' }, 'unattached');
    const renew = readSctRequest(el(buildSctRequest({ version: '1.3', op: 'renew', context: 'c', target })), '1.3', 'renew');
    expect(renew.checks).toEqual([]);
    expect(serializeXml(renew.request!.rst.target!)).toContain(`URI="${ID}"`);
  });

  const refusals: Array<[string, ElSpec, 'issue' | 'amend' | 'renew', string, string]> = [
    ['a TokenType that is not an SCT', buildSctRequest({ version: '1.3', op: 'issue', context: 'c' }), 'issue', 'SC_RST_TOKEN_TYPE', 'found urn:x'],
    ['a WS-Trust Feb2005 RST under WS-SC 1.3', buildSctRequest({ version: '2005/02', op: 'issue', context: 'c' }), 'issue', 'SC_TRUST_VERSION', 'found WS-Trust Feb2005'],
    ['a Renew without RenewTarget', buildSctRequest({ version: '1.3', op: 'renew', context: 'c' }), 'renew', 'SC_RST_TARGET_MISSING', 'found none'],
    ['an Amend without claims', buildSctRequest({ version: '1.3', op: 'amend', context: 'c' }), 'amend', 'SC_AMEND_NO_CLAIMS', 'found none'],
  ];
  for (const [name, spec, op, code, found] of refusals) {
    it(`refuses ${name} (${code})`, () => {
      const edit = code === 'SC_RST_TOKEN_TYPE' ? (x: string) => x.replace(/(<wst:TokenType>)[^<]*/, '$1urn:x') : undefined;
      const { checks } = readSctRequest(el(spec, edit), '1.3', op);
      expect(checks.find((c) => c.code === code)?.message).toContain(found);
    });
  }

  it('the RSTR carries the SCT, attached and unattached references, the proof and the lifetime; Context must echo', async () => {
    const { source } = await issueSecret('server', undefined, 256, seededRandom(1));
    const spec = buildSctResponse({ version: '1.3', op: 'issue', context: 'urn:ctx', sct: { version: '1.3', identifier: ID, instance: '1', id: 'SCT-1' }, source, lifetime: { created: 0, expires: 3_600_000 } });
    const text = serializeXml(newDocument(spec));
    expect(text).toContain('RequestSecurityTokenResponseCollection');
    expect(text).toContain('URI="#SCT-1"');
    expect(text).toContain(`URI="${ID}"`);
    const ok = readSctResponse(el(spec), '1.3', 'issue', 'urn:ctx');
    expect(ok.checks).toEqual([]);
    expect(ok.response!.sct).toEqual({ version: '1.3', identifier: ID, instance: '1', id: 'SCT-1' });
    expect(ok.response!.rstr.lifetime).toEqual({ created: 0, expires: 3_600_000 });
    expect(readSctResponse(el(spec), '1.3', 'issue', 'urn:other').checks[0]).toMatchObject({ code: 'SC_RSTR_CONTEXT_MISMATCH', message: expect.stringContaining('"urn:other", found "urn:ctx"') });
  });

  it('both entropies: ComputedKey P_SHA1(requestor, issuer) — VECTORS.md #2 (Azure AD IdentityModel WsTrust tests)', async () => {
    const requestor = 'iyO21lrrmRDm9cUMC6RZRqAJ16JuRrRLOM7fGR3QHFw=';
    const issuer = b64('zyWv2YzpTqni7xMbZe4EE5EAdtNYZAcrAe5DU5qcZ5M=');
    const spec = buildSctResponse({ version: '2005/02', op: 'issue', context: 'c', sct: { version: '2005/02', identifier: ID, id: 'S' }, source: { kind: 'both', clientEntropy: b64(requestor), serverEntropy: issuer, keySize: 128 } });
    const { response } = readSctResponse(el(spec), '2005/02', 'issue', 'c');
    const got = await receivedSecret(response!.rstr, requestor, 128);
    expect(got.mode).toBe('both');
    expect(Buffer.from(got.secret!).toString('base64')).toBe('ixTqFuS9mii2fkv1/z3BbQ==');
  });

  it('client entropy only: no proof token, the secret is the requestor\'s entropy; without it the RSTR is unusable', async () => {
    const spec = buildSctResponse({ version: '1.3', op: 'issue', context: 'c', sct: { version: '1.3', identifier: ID, id: 'S' }, source: { kind: 'client', clientEntropy: new Uint8Array(32).fill(5) } });
    expect(serializeXml(newDocument(spec))).not.toContain('RequestedProofToken');
    const { response } = readSctResponse(el(spec), '1.3', 'issue', 'c');
    const mine = Buffer.alloc(32, 5).toString('base64');
    expect(Buffer.from((await receivedSecret(response!.rstr, mine, 256)).secret!).toString('base64')).toBe(mine);
    const none = await receivedSecret(response!.rstr, undefined, 256);
    expect(none.checks[0]).toMatchObject({ code: 'SC_PROOF_KEY_UNUSABLE', message: expect.stringContaining('found no proof token and we sent no entropy') });
  });

  it('Cancel answers RequestedTokenCancelled; an RSTR without it is refused', () => {
    expect(readSctResponse(el(buildSctResponse({ version: '1.3', op: 'cancel', context: 'c' })), '1.3', 'cancel', 'c').checks).toEqual([]);
    const notCancelled = buildSctResponse({ version: '1.3', op: 'renew', context: 'c', sct: { version: '1.3', identifier: ID } });
    expect(readSctResponse(el(notCancelled), '1.3', 'cancel', 'c').checks[0]!.code).toBe('SC_NOT_CANCELLED');
  });
});
