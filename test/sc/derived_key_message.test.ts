// WS-SC messages protected with derived keys: the SCT element, secureWithDerivedKeys on the sending
// side and the SCT/DKT processors on the receiving side. Every derived key is recomputed here with
// an independent P_SHA1 written on node:crypto; bad input is a failed check naming what was
// expected and what was found.
import type { Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/engine/crypto/random.ts';
import { buildSct, readSct, sctReference } from '../../src/engine/sc/sct.ts';
import type { ScSession } from '../../src/engine/sc/session.ts';
import { buildEnvelope, readEnvelope } from '../../src/engine/soap/envelope.ts';
import { processSecurity, type InboundContext } from '../../src/engine/wss/inbound.ts';
import { derivationsOf, derivedKeyProtectionChecks } from '../../src/engine/wss/sc_inbound.ts';
import { secureWithDerivedKeys, type DerivedKeyOutbound } from '../../src/engine/wss/sc_outbound.ts';
import { newDocument } from '../../src/engine/xml/build.ts';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { serializeXml } from '../../src/engine/xml/serialize.ts';
import { inspectMessage } from '../../src/engine/facade/inspect.ts';
import type { Check } from '../../src/engine/report/index.ts';
import { pSha1 } from '../crypto/node_psha1.ts';

const ID = 'urn:uuid:4b0f6a1e-2a8c-4d5e-9f00-1c2d3e4f5a6b';
const SECRET = Buffer.from('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff', 'hex');
const NOW = Date.UTC(2026, 0, 1, 12);
const MODEL = { spVersion: '1.3' as const, binding: null, supporting: [], wss: '1.1' as const };

async function securedMessage(o: Partial<DerivedKeyOutbound> = {}) {
  const doc = buildEnvelope({ version: '1.1', headers: [], body: [{ ns: 'urn:wsbench:echo', name: 'e:Echo', xmlns: { e: 'urn:wsbench:echo' }, children: [{ ns: 'urn:wsbench:echo', name: 'e:Text', text: 'secret payload' }] }] });
  const r = await secureWithDerivedKeys(doc, { version: '1.3', sct: { identifier: ID, secret: SECRET }, includeSct: true, encryptBody: true, random: seededRandom(7), now: NOW, soap: '1.1', ...o });
  return { wire: serializeXml(doc), ...r };
}

async function receive(wire: string, ctx: Partial<InboundContext> = {}, encryptBody = true) {
  const { parts } = readEnvelope(parseXml(wire));
  const sec = await processSecurity(parts!, MODEL, { users: {}, now: NOW + 1000, freshnessSeconds: 300, skewSeconds: 60, nonceCache: [], transport: 'http', ...ctx });
  const checks: Check[] = [...sec.checks, ...derivedKeyProtectionChecks(sec, parts!, { encryptBody })];
  return { checks, sec, parts: parts!, fails: checks.filter((c) => c.status === 'fail') };
}

const session = (over: Partial<ScSession> = {}): ScSession => ({
  version: '1.3', identifier: ID, instance: '1', secretB64: SECRET.toString('base64'), entropy: 'both', keySize: 256,
  created: new Date(NOW - 60_000).toISOString(), expires: new Date(NOW + 3_600_000).toISOString(), status: 'active', superseded: [], claims: [], keys: [], ...over,
});

describe('wsc:SecurityContextToken', () => {
  for (const version of ['2005/02', '1.3'] as const) {
    it(`builds and reads WS-SC ${version} with Identifier${version === '1.3' ? ' and Instance' : ''}`, () => {
      const el = newDocument(buildSct({ version, identifier: ID, id: 'sct-1', ...(version === '1.3' ? { instance: '2' } : {}) })).documentElement as Element;
      expect(readSct(el)).toEqual({ sct: { version, identifier: ID, id: 'sct-1', ...(version === '1.3' ? { instance: '2' } : {}) }, checks: [] });
    });
  }
  it('refuses a relative Identifier and a missing one, naming what it found', () => {
    const rel = newDocument(buildSct({ version: '1.3', identifier: 'abc' })).documentElement as Element;
    expect(readSct(rel).checks[0]).toMatchObject({ code: 'SC_SCT_IDENTIFIER_NOT_ABSOLUTE', message: expect.stringContaining('"abc"') });
    const none = parseXml('<wsc:SecurityContextToken xmlns:wsc="http://schemas.xmlsoap.org/ws/2005/02/sc"/>').documentElement as Element;
    expect(readSct(none).checks[0]).toMatchObject({ code: 'SC_SCT_NO_IDENTIFIER', message: expect.stringContaining('found none') });
  });
  it('references: attached by #wsu:Id, unattached by Identifier with the 1.3 wsc:Instance attribute', () => {
    const a = serializeXml(newDocument(sctReference({ version: '1.3', identifier: ID, id: 'sct-1', instance: '3' }, 'attached')));
    const u = serializeXml(newDocument(sctReference({ version: '1.3', identifier: ID, id: 'sct-1', instance: '3' }, 'unattached')));
    expect(a).toContain('URI="#sct-1" ValueType="http://docs.oasis-open.org/ws-sx/ws-secureconversation/200512/sct"');
    expect(u).toContain(`URI="${ID}" ValueType="http://docs.oasis-open.org/ws-sx/ws-secureconversation/200512/sct"`);
    expect(u).toContain('wsc:Instance="3"');
  });
});

describe('secureWithDerivedKeys → processSecurity', () => {
  it('signs with one derived key and encrypts with another; the receiver recomputes both from the secret and the DKT metadata', async () => {
    const m = await securedMessage();
    expect(m.wire).not.toContain('secret payload');
    expect(m.derived.map((d) => d.usage)).toEqual(['signature', 'encryption']);
    const r = await receive(m.wire, { sctSecrets: { [ID]: SECRET.toString('base64') } });
    expect(r.fails).toEqual([]);
    expect(r.checks.map((c) => c.code)).toEqual(expect.arrayContaining(['SC_SCT', 'SC_DKT_DERIVED', 'DSIG_SIGNATURE_VALID', 'WSS_DECRYPTED', 'SC_DERIVED_KEY_PROTECTION']));
    const got = derivationsOf(r.checks);
    expect(got).toHaveLength(2);
    for (const d of got) {
      const sent = m.derived.find((x) => x.dktId === d.dktId)!;
      const seed = Buffer.concat([Buffer.from('WS-SecureConversationWS-SecureConversation'), Buffer.from(d.nonceB64, 'base64')]);
      expect(d).toMatchObject({ usage: sent.usage, keyB64: sent.keyB64, sctIdentifier: ID });
      expect(d.keyB64).toBe(pSha1(SECRET, seed, d.length).toString('base64'));
    }
    expect(r.sec.signatures[0]!.verification.ok).toBe(true);
  });

  it('DKT details carry every input and output (secret source, label, nonce, offset, length, seed, key in hex and base64)', async () => {
    const m = await securedMessage({ encryptBody: false });
    const r = await receive(m.wire, { sctSecrets: { [ID]: SECRET.toString('base64') } }, false);
    const d = r.checks.find((c) => c.code === 'SC_DKT_DERIVED')!.details!;
    expect(Object.keys(d)).toEqual(expect.arrayContaining(['secretSource', 'label', 'nonceB64', 'nonceHex', 'offset', 'length', 'seedHex', 'seedB64', 'keyHex', 'keyB64', 'usage', 'sctIdentifier']));
    expect(d['usage']).toBe('signature');
    expect(d['length']).toBe(24);
    expect(Buffer.from(String(d['seedHex']), 'hex').toString('base64')).toBe(d['seedB64']);
  });

  it('an unattached reference (SCT not in the message) with Generation and a custom Label resolves by Identifier', async () => {
    const m = await securedMessage({ includeSct: false, generation: 2, label: 'client-label' });
    expect(m.wire).not.toContain('SecurityContextToken');
    expect(m.wire).toContain(`URI="${ID}"`);
    const r = await receive(m.wire, { sctSecrets: { [ID]: SECRET.toString('base64') } });
    expect(r.fails).toEqual([]);
    const d = derivationsOf(r.checks).find((x) => x.usage === 'signature')!;
    const seed = Buffer.concat([Buffer.from('client-label'), Buffer.from(d.nonceB64, 'base64')]);
    expect(d).toMatchObject({ generation: 2, label: 'client-label' });
    expect(d.keyB64).toBe(pSha1(SECRET, seed, 72).subarray(48).toString('base64'));
  });

  it('the inspector decrypts and verifies given { secrets: { [identifier]: b64 } }', async () => {
    const m = await securedMessage();
    const ins = await inspectMessage(m.wire, { secrets: { [ID]: SECRET.toString('base64') } }, { now: NOW });
    expect(ins.report.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(ins.decrypted).toContain('secret payload');
  });
});

describe('Security: derived-key messages refuse bad input with a check naming expected and found', () => {
  const ok = { sctSecrets: { [ID]: SECRET.toString('base64') } };
  const cases: Array<[string, (w: string) => string, string, string]> = [
    ['a DKT whose Nonce is missing', (w) => w.replace(/<wsc:Nonce>[^<]*<\/wsc:Nonce>/, ''), 'DKT_NONCE_MISSING', 'found none'],
    ['a DKT whose Nonce is not base64', (w) => w.replace(/(<wsc:Nonce>)[^<]*/, '$1not*base64!'), 'DKT_NONCE_NOT_BASE64', "found '*'"],
    ['a Length beyond what P_SHA1 is asked for', (w) => w.replace(/<wsc:Length>24</, '<wsc:Length>2000000<'), 'DKT_BAD_LENGTH', 'Length 2000000'],
    ['an Offset and a Generation together', (w) => w.replace('<wsc:Offset>0</wsc:Offset>', '<wsc:Generation>1</wsc:Generation><wsc:Offset>0</wsc:Offset>'), 'DKT_OFFSET_AND_GENERATION', 'found both'],
    ['an SCT reference to an unknown wsu:Id', (w) => w.replace(/URI="#(SCT-[0-9a-f]+)"/, 'URI="#SCT-nowhere"'), 'SC_SCT_REFERENCE_UNRESOLVED', 'no element with that Id'],
  ];
  for (const [name, edit, code, found] of cases) {
    it(`Security: ${name} → ${code}`, async () => {
      const m = await securedMessage();
      const edited = edit(m.wire);
      expect(edited).not.toBe(m.wire);
      const r = await receive(edited, ok);
      const f = r.fails.find((c) => c.code === code);
      expect(f, JSON.stringify(r.fails.map((c) => c.code))).toBeDefined();
      expect(f!.message).toContain(found);
    });
  }

  it('Security: a message signed with a key derived from the wrong secret → SC_DERIVED_KEY_MISMATCH', async () => {
    const m = await securedMessage({ sct: { identifier: ID, secret: Buffer.alloc(32, 9) }, encryptBody: false });
    const r = await receive(m.wire, ok, false);
    expect(r.fails.map((c) => c.code)).toEqual(expect.arrayContaining(['DSIG_SIGNATURE_INVALID', 'SC_DERIVED_KEY_MISMATCH']));
    expect(r.fails.find((c) => c.code === 'SC_DERIVED_KEY_MISMATCH')!.message).toContain(`context ${ID}`);
  });

  it('Security: a context the receiver never established → SC_SCT_UNKNOWN', async () => {
    const m = await securedMessage();
    const r = await receive(m.wire, { scSessions: [session({ identifier: 'urn:uuid:00000000-0000-4000-8000-000000000000' })] });
    expect(r.fails[0]).toMatchObject({ code: 'SC_SCT_UNKNOWN', message: expect.stringContaining(`found ${ID}`) });
  });

  it('Security: an expired context → SC_SCT_EXPIRED', async () => {
    const m = await securedMessage();
    const r = await receive(m.wire, { scSessions: [session({ expires: new Date(NOW - 1000).toISOString() })] });
    expect(r.fails[0]).toMatchObject({ code: 'SC_SCT_EXPIRED', message: expect.stringContaining('expired at') });
  });

  it('Security: a cancelled context → SC_SCT_CANCELLED', async () => {
    const m = await securedMessage();
    const r = await receive(m.wire, { scSessions: [session({ status: 'cancelled' })] });
    expect(r.fails[0]!.code).toBe('SC_SCT_CANCELLED');
  });

  it('Security: an instance an Amend replaced → SC_SCT_AMENDED_AWAY', async () => {
    const m = await securedMessage({ sct: { identifier: ID, instance: '1', secret: SECRET } });
    const r = await receive(m.wire, { scSessions: [session({ instance: '2', secretB64: Buffer.alloc(32, 1).toString('base64'), superseded: [{ instance: '1', secretB64: SECRET.toString('base64'), by: 'amend', at: new Date(NOW).toISOString() }] })] });
    expect(r.fails[0]).toMatchObject({ code: 'SC_SCT_AMENDED_AWAY', message: expect.stringContaining('expected instance 2') });
  });

  it('an active session verifies and decrypts', async () => {
    const m = await securedMessage({ sct: { identifier: ID, instance: '1', secret: SECRET } });
    const r = await receive(m.wire, { scSessions: [session()] });
    expect(r.fails).toEqual([]);
    expect(r.checks.map((c) => c.code)).toContain('SC_SCT_ACTIVE');
  });
});
