import { describe, expect, it } from 'vitest';
import { newDocument, serializeXml } from '../../src/engine/xml/index.ts';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { NS, TRUST_VERSIONS, URI } from '../../src/engine/xml/names.ts';
import { buildRst, readRst } from '../../src/engine/trust/rst.ts';
import { buildRstr, readRstr } from '../../src/engine/trust/rstr.ts';
import type { Element } from '@xmldom/xmldom';

const reparse = (spec: Parameters<typeof newDocument>[0]) => parseXml(serializeXml(newDocument(spec))).documentElement as Element;
const entropy = Uint8Array.from({ length: 32 }, (_, i) => i);

describe('WS-Trust RST and RSTR, both versions', () => {
  for (const version of ['feb2005', '1.3'] as const) {
    const v = TRUST_VERSIONS[version];
    it(`${version}: an Issue RST round-trips through the wire`, () => {
      const el = reparse(buildRst({
        version, requestType: 'issue', tokenType: URI.samlV11TokenType, keyType: 'symmetric', keySize: 256, entropy,
        appliesTo: { address: 'https://service.example.com/echo', wsaNs: NS.wsa2005 }, context: 'ctx-1',
      }));
      expect(el.namespaceURI).toBe(v.ns);
      const { rst, checks } = readRst(el);
      expect(checks).toEqual([]);
      expect(rst).toMatchObject({ version, requestType: 'issue', keyType: 'symmetric', keySize: 256, appliesTo: 'https://service.example.com/echo', context: 'ctx-1', tokenType: URI.samlV11TokenType });
      expect(Array.from(rst!.entropy!)).toEqual(Array.from(entropy));
    });

    it(`${version}: an RSTR with a ComputedKey proof and issuer entropy round-trips`, () => {
      const el = reparse(buildRstr({
        version, tokenType: URI.samlV20TokenType, token: { ns: 'urn:t', name: 't:Token', xmlns: { t: 'urn:t' } },
        proofToken: { kind: 'computed-key', algorithm: v.computedKeyPsha1 }, entropy, keySize: 256,
        lifetime: { created: Date.UTC(2026, 0, 1), expires: Date.UTC(2026, 0, 1, 1) }, collection: true,
      }));
      const { rstr, checks } = readRstr(el);
      expect(checks).toEqual([]);
      expect(rstr?.proof).toEqual({ kind: 'computed-key', algorithm: `${v.ns}/CK/PSHA1` });
      expect(rstr?.token?.localName).toBe('Token');
      expect(rstr?.lifetime).toEqual({ created: Date.UTC(2026, 0, 1), expires: Date.UTC(2026, 0, 1, 1) });
      expect(el.localName).toBe(version === '1.3' ? 'RequestSecurityTokenResponseCollection' : 'RequestSecurityTokenResponse');
    });
  }

  it('refuses an unknown RequestType and a bad KeySize with checks naming what was found', () => {
    const el = reparse(buildRst({ version: '1.3', requestType: 'issue', keySize: 256 }));
    const rt = el.getElementsByTagNameNS(NS.trust13, 'RequestType')[0]!;
    rt.textContent = 'http://docs.oasis-open.org/ws-sx/ws-trust/200512/Issuee';
    el.getElementsByTagNameNS(NS.trust13, 'KeySize')[0]!.textContent = 'big';
    const { checks } = readRst(el);
    expect(checks.map((c) => c.code)).toEqual(['WST_REQUEST_TYPE', 'WST_KEY_SIZE']);
    expect(checks[0]!.message).toContain('found http://docs.oasis-open.org/ws-sx/ws-trust/200512/Issuee');
    expect(checks[1]!.message).toContain('found "big"');
  });
});
