// The pieces of seed 002's transaction-manager bindings, each on its own: t:IssuedTokens (R1222,
// R1223) in both WS-Trust versions, the simulated TLS check (R1111) against the demo PKI's FQDN
// certificates, and the Register's Timestamp signed with STx and the check that it authenticates
// the registrant (R1232) — each with the refusal that names its requirement.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Document } from '@xmldom/xmldom';
import {
  buildCoorMessage, buildIssuedTokens, certificateNames, checkTlsConnection, findIssuedTokensHeader, processTxSecurity, protocolUri,
  readIssuedTokens, registerAuthenticationChecks, signTimestampWithIssuedToken, txSecurityHeader, type IssuedToken, type TxVersionId,
} from '../../src/engine/coor/index.ts';
import { DEMO_PKI_FILE } from '../../src/engine/actors/demo_pki.ts';
import { parseCertificate } from '../../src/engine/crypto/x509.ts';
import { readEnvelope } from '../../src/engine/soap/envelope.ts';
import { canonicalize } from '../../src/engine/xml/c14n.ts';
import { build, newDocument } from '../../src/engine/xml/dom.ts';
import { NS, URI } from '../../src/engine/xml/names.ts';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { serializeXml } from '../../src/engine/xml/serialize.ts';

const pki = DEMO_PKI_FILE.identities;
const T0 = Date.UTC(2026, 0, 1);
const STX = Buffer.alloc(32, 0x5a).toString('base64');
const token = (over: Partial<IssuedToken> = {}): IssuedToken => ({ identifier: 'urn:uuid:0b8f4b8e-1111-4c2d-9a37-5e1f2c3d4e5f', secretB64: STX, appliesTo: 'http://fabrikam123.com/CCi', created: T0, expires: T0 + 3600_000, keySize: 256, ...over });
const fails = (checks: { status: string; code: string }[]) => checks.filter((c) => c.status === 'fail').map((c) => c.code);
const TRUST = { '1.0': NS.trust2005, '1.1': NS.trust13 } as const;

function headerOf(spec: ReturnType<typeof buildIssuedTokens>) {
  const doc = newDocument({ ns: NS.soap11, name: 'soap:Header', xmlns: { soap: NS.soap11 } });
  doc.documentElement!.appendChild(build(doc, spec, doc.documentElement!));
  return parseXml(serializeXml(doc)).documentElement!;
}

describe('t:IssuedTokens (WS-Trust 1.3 §4.5; seed 002 R1222, R1223)', () => {
  for (const v of ['1.0', '1.1'] as const) {
    it(`${v}: round-trips the SCT, STx, AppliesTo and Lifetime in WS-Trust ${v === '1.0' ? 'Feb2005' : '1.3'}`, () => {
      const h = headerOf(buildIssuedTokens(v, [token()]));
      const it = findIssuedTokensHeader(Array.from(h.childNodes).filter((n) => n.nodeType === 1) as never);
      expect(it?.namespaceURI).toBe(TRUST[v]);
      const r = readIssuedTokens(it!, v);
      expect(fails(r.checks)).toEqual([]);
      expect(r.tokens).toEqual([token()]);
      expect(serializeXml(it!)).toContain(`Type="${TRUST[v]}/SymmetricKey"`);
      expect(serializeXml(it!)).toContain(`<wst:TokenType>${NS.sc2005}/sct</wst:TokenType>`);
    });
  }

  it('refuses the other WS-Trust version, a missing proof token, a missing SCT and a missing AppliesTo', () => {
    const h = headerOf(buildIssuedTokens('1.1', [token()]));
    expect(fails(readIssuedTokens(h.firstChild as never, '1.0').checks)).toEqual(['WSAT_ISSUED_TOKENS_VERSION']);
    const text = serializeXml(h);
    const read = (t: string) => readIssuedTokens(parseXml(t).documentElement!.firstChild as never, '1.1');
    expect(fails(read(text.replace(/<wst:RequestedProofToken>[\s\S]*<\/wst:RequestedProofToken>/, '')).checks)).toEqual(['WSAT_ISSUED_TOKEN_NO_SECRET']);
    expect(fails(read(text.replace(/<wst:RequestedSecurityToken>[\s\S]*<\/wst:RequestedSecurityToken>/, '')).checks)).toEqual(['WSAT_ISSUED_TOKEN_NOT_SCT']);
    expect(fails(read(text.replace(/<wsp:AppliesTo>[^<]*<\/wsp:AppliesTo>/, '')).checks)).toEqual(['WSAT_ISSUED_TOKEN_APPLIES_TO_MISSING']);
    expect(read(text.replace(/<wsp:AppliesTo>[^<]*<\/wsp:AppliesTo>/, '')).tokens).toEqual([]);
  });

  it('accepts AppliesTo as an EndpointReference too', () => {
    const text = serializeXml(headerOf(buildIssuedTokens('1.1', [token()])))
      .replace(/<wsp:AppliesTo>([^<]*)<\/wsp:AppliesTo>/, `<wsp:AppliesTo><wsa:EndpointReference xmlns:wsa="${NS.wsa2005}"><wsa:Address>$1</wsa:Address></wsa:EndpointReference></wsp:AppliesTo>`);
    expect(readIssuedTokens(parseXml(text).documentElement!.firstChild as never, '1.1').tokens[0]?.appliesTo).toBe('http://fabrikam123.com/CCi');
  });
});

describe('simulated TLS between transaction managers (R1111)', () => {
  const conn = (clientCert: string, clientFqdn: string, transport: 'https' | 'http' = 'https') => checkTlsConnection({
    transport, client: { fqdn: clientFqdn, certPem: clientCert }, server: { fqdn: 'itm.wsbench.example', certPem: pki.itm.certPem }, caPem: pki.ca.certPem, now: T0,
  });

  it('the demo PKI names the transaction managers by FQDN (subject CN and dNSName)', async () => {
    expect(certificateNames(await parseCertificate(pki.ptm.certPem))).toEqual(['ptm.wsbench.example', 'ptm.wsbench.example']);
  });

  it('passes mutual authentication with certificates named by their machines', async () => {
    const checks = await conn(pki.ptm.certPem, 'ptm.wsbench.example');
    expect(fails(checks)).toEqual([]);
    expect(checks.filter((c) => c.code === 'WSAT_TLS_SUBJECT_FQDN').length).toBe(2);
    expect(checks.at(-1)).toMatchObject({ code: 'WSAT_TLS_MUTUAL', specRef: 'WS-AT interop R1111' });
  });

  it('refuses a certificate whose subject is another machine, and plain HTTP', async () => {
    const wrong = await conn(pki.service.certPem, 'ptm.wsbench.example');
    expect(wrong.find((c) => c.status === 'fail')).toMatchObject({ code: 'WSAT_TLS_FQDN_MISMATCH', specRef: 'WS-AT interop R1111', message: expect.stringContaining('found CN=service.wsbench.example') });
    expect(fails(await conn(pki.ptm.certPem, 'ptm.wsbench.example', 'http'))).toEqual(['WSAT_HTTPS_REQUIRED']);
  });

  it('refuses a certificate no trusted CA issued', async () => {
    const checks = await checkTlsConnection({ transport: 'https', client: { fqdn: 'ptm.wsbench.example', certPem: pki.ptm.certPem }, server: { fqdn: 'itm.wsbench.example', certPem: pki.itm.certPem }, caPem: pki.itm.certPem, now: T0 });
    expect(fails(checks)).toContain('X509_ISSUER_UNKNOWN');
  });
});

describe('Register signed with STx over the Timestamp (R1232)', () => {
  async function register(v: TxVersionId, key: Buffer, signWith = token()): Promise<Document> {
    const doc = buildCoorMessage(v, { kind: 'Register', register: { protocolIdentifier: protocolUri(v, 'Durable2PC'), participantProtocolService: { address: 'https://ptm.wsbench.example/p', referenceParameters: [] } } },
      { to: { address: 'https://itm.wsbench.example/r', referenceParameters: [] }, messageId: 'urn:uuid:ed418b86-a75e-4aea-9d4e-a5d0cb5c088e', replyTo: 'https://ptm.wsbench.example/reply', headers: [txSecurityHeader(T0)] });
    await signTimestampWithIssuedToken(doc, v, { identifier: signWith.identifier, secret: new Uint8Array(key) });
    return parseXml(serializeXml(doc));
  }

  async function check(doc: Document, secrets: Record<string, string>, expected = { identifier: token().identifier, context: token().appliesTo }) {
    const parts = readEnvelope(doc).parts!;
    const sec = await processTxSecurity(parts, { transport: 'https', now: T0 + 1000, sctSecrets: secrets });
    return registerAuthenticationChecks(sec, parts, expected);
  }

  for (const v of ['1.0', '1.1'] as const) {
    it(`${v}: Timestamp _0, the SCT, an HMAC-SHA1 signature over #_0 that an independent HMAC confirms; authenticated`, async () => {
      const doc = await register(v, Buffer.from(STX, 'base64'));
      const sec = doc.getElementsByTagNameNS(NS.wsse, 'Security')[0]!;
      expect(Array.from(sec.childNodes).filter((n) => n.nodeType === 1).map((n) => (n as { localName: string }).localName)).toEqual(['Timestamp', 'SecurityContextToken', 'Signature']);
      const si = doc.getElementsByTagNameNS(NS.ds, 'SignedInfo')[0]!;
      const mac = createHmac('sha1', Buffer.from(STX, 'base64')).update(canonicalize(si, URI.excC14n)).digest('base64');
      expect(doc.getElementsByTagNameNS(NS.ds, 'SignatureValue')[0]!.textContent).toBe(mac);
      const checks = await check(doc, { [token().identifier]: STX });
      expect(checks).toEqual([expect.objectContaining({ code: 'WSAT_REGISTER_AUTHENTICATED', status: 'pass', specRef: 'WS-AT interop R1232' })]);
    });
  }

  it('refuses a signature with another key, with another transaction\'s token, and a Register with no signature', async () => {
    const wrong = await check(await register('1.1', Buffer.alloc(32, 1)), { [token().identifier]: STX });
    expect(wrong[0]).toMatchObject({ code: 'WSAT_REGISTER_NOT_AUTHENTICATED', status: 'fail', specRef: 'WS-AT interop R1232' });
    const other = token({ identifier: 'urn:uuid:99999999-1111-4c2d-9a37-5e1f2c3d4e5f' });
    const otherTx = await check(await register('1.1', Buffer.from(STX, 'base64'), other), { [token().identifier]: STX, [other.identifier]: STX });
    expect(otherTx[0]).toMatchObject({ code: 'WSAT_REGISTER_WRONG_TOKEN', status: 'fail' });
    const bare = parseXml(serializeXml(buildCoorMessage('1.1', { kind: 'Register', register: { protocolIdentifier: protocolUri('1.1', 'Completion'), participantProtocolService: { address: 'https://a/b', referenceParameters: [] } } }, { to: { address: 'https://itm/r', referenceParameters: [] }, headers: [txSecurityHeader(T0)] })));
    expect((await check(bare, { [token().identifier]: STX }))[0]).toMatchObject({ code: 'WSAT_REGISTER_NOT_AUTHENTICATED', message: expect.stringContaining('found no ds:Signature') });
    expect((await check(bare, {}, null as never))[0]).toMatchObject({ code: 'WSAT_REGISTER_NOT_AUTHENTICATED' });
  });
});
