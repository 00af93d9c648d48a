// WS-SecureConversation interop with Apache WSS4J 1.6.19 (DESIGN.md §5, docs/interop.md §4):
//  1. DerivedKeyToken derivation: wsbench's deriveKey vs WSS4J's P_SHA1 (AlgoFactory) and
//     DerivedKeyToken.deriveKey over a table of labels, nonces, offsets, generations and lengths,
//     and the mono vector of VECTORS.md in both.
//  2. WSS4J → wsbench: WSSecSecurityContextToken + WSSecDKSign (+ WSSecDKEncrypt) messages, SC 2005/02
//     and 1.3, the DKTs naming the SCT by wsu:Id or by Identifier, inspected by inspectMessage with the
//     SCT secret keyed by Identifier; a wrong or missing secret is refused with a named check.
//  3. wsbench → WSS4J: secureWithDerivedKeys messages processed by WSSecurityEngine whose
//     CallbackHandler supplies the SCT secret by Identifier; a tampered copy is refused.
//  4. The SCT element: WSS4J 1.6 has no RST/RSTR builder, so WSS4J's SecurityContextToken placed in
//     an RSTR/SCT is read by wsbench's readRstr/readSct, and wsbench's buildSct is read by WSS4J's class.

import type { Element } from '@xmldom/xmldom';
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectMessage } from '../../src/engine/facade/inspect.ts';
import type { Inspection } from '../../src/engine/facade/inspect_types.ts';
import { deriveKey } from '../../src/engine/sc/derive.ts';
import { buildSct, newSctIdentifier, readSct, readSctReference, sctReference, type ScVersionId, type Sct } from '../../src/engine/sc/sct.ts';
import type { TrustVersionId } from '../../src/engine/trust/rst.ts';
import { buildRstr, readRstr } from '../../src/engine/trust/rstr.ts';
import { build } from '../../src/engine/xml/dom.ts';
import { NS, SC_VERSIONS, URI } from '../../src/engine/xml/names.ts';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { serializeXml } from '../../src/engine/xml/serialize.ts';
import { missingPeers } from './available.ts';
import { runJavaPeerBatch } from './java_peer.ts';
import { PEER_SEED, peerRandom } from './peer_inputs.ts';
import {
  asDk, asSct, asSctRead, asScMessage, asScVerify, dkRequest, sctBuildRequest, sctReadRequest, scSignRequest, scVerifyRequest,
  type DkCase, type ScSignOptions, type Wss4jDk, type Wss4jScMessage, type Wss4jScVerify, type Wss4jSct, type Wss4jSctRead,
} from './sc_wss4j.ts';
import { SC_BODY_TEXT, tamperText, wsbenchScMessage, type WsbenchScMessage, type WsbenchScOptions } from './sc_wsbench.ts';

const skipJava = missingPeers('java', 'wss4j');
const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');

// ------------------------------------------------------------------------------------------------
// 1. Key derivation: wsbench's deriveKey vs WSS4J's P_SHA1 and DerivedKeyToken.deriveKey.

const MONO = {
  secret: Buffer.from('eX2EeE969RCv/5Lx8OIGLHtJrSD5PzVzO3tTy9JxU58=', 'base64'),
  nonce: new Uint8Array(256),
  key: '50UfLeg58TbfADujVeafUAS8typGX9LvqLOXezK/eJY=',
};

const rDk = peerRandom('sc-dk');
const LABELS: Array<string | undefined> = [undefined, 'WS-SecureConversation', 'custom label', 'r\u00e9seau-\u4e2d\u6587-\u{1F511}'];
const dkCases: DkCase[] = [];
for (const [i, label] of LABELS.entries()) {
  for (const nonceLen of [16, 32]) {
    for (const offset of [0, 32, 64]) {
      const length = [16, 24, 32, 64][dkCases.length % 4]!; // every label meets every length
      dkCases.push({ secret: rDk.bytes(i % 2 === 0 ? 16 : 32), nonce: rDk.bytes(nonceLen), length, offset, ...(label !== undefined ? { label } : {}) });
    }
  }
}
for (const [generation, length] of [[1, 16], [2, 32], [3, 24], [1, 64]] as const) {
  dkCases.push({ secret: rDk.bytes(32), nonce: rDk.bytes(16), length, generation });
}
dkCases.push({ secret: rDk.bytes(16), nonce: rDk.bytes(16), length: 32, version: '1.3' }); // 1.3 algorithm URI
dkCases.push({ secret: rDk.bytes(24), nonce: rDk.bytes(16), length: 20 }); // no Offset element at all

const describeDk = (c: DkCase): string =>
  `label=${c.label ?? '(default)'} nonce=${c.nonce.length}B ${c.generation !== undefined ? `generation=${c.generation}` : `offset=${c.offset ?? '-'}`} length=${c.length}`;

describe.skipIf(skipJava)(`WS-SC derived keys: wsbench vs Apache WSS4J 1.6 (seed ${PEER_SEED})`, () => {
  let answers: Wss4jDk[] = [];
  let mono: Wss4jDk;

  beforeAll(() => {
    const out = runJavaPeerBatch([...dkCases.map(dkRequest), dkRequest({ secret: MONO.secret, nonce: MONO.nonce, length: 32 })]).map(asDk);
    answers = out.slice(0, dkCases.length);
    mono = out[out.length - 1]!;
  });

  it(`deriveKey equals WSS4J's P_SHA1 (AlgoFactory) over label ‖ nonce: ${dkCases.length} cases, default and custom labels, 16/32-byte nonces, offsets 0/32/64, generations, lengths 16..64`, async () => {
    expect(answers).toHaveLength(dkCases.length);
    for (const [i, c] of dkCases.entries()) {
      const ours = await deriveKey({ secret: c.secret, nonce: c.nonce, length: c.length, ...(c.label !== undefined ? { label: c.label } : {}), ...(c.offset !== undefined ? { offset: c.offset } : {}), ...(c.generation !== undefined ? { generation: c.generation } : {}) });
      const theirs = answers[i]!;
      expect(b64(ours.seed), describeDk(c)).toBe(theirs.seed);
      expect(ours.offset, describeDk(c)).toBe(theirs.offset);
      expect(ours.key).toHaveLength(c.length);
      expect(b64(ours.key), describeDk(c)).toBe(theirs.key);
    }
  });

  it('the mono DerivedKeyToken vector of VECTORS.md holds in WSS4J (P_SHA1 and DerivedKeyToken.deriveKey) and in wsbench', async () => {
    expect(mono.key).toBe(MONO.key);
    expect(mono.tokenKey).toBe(MONO.key);
    const ours = await deriveKey({ secret: MONO.secret, nonce: MONO.nonce, length: 32 });
    expect(b64(ours.key)).toBe(MONO.key);
  });

  it('WSS4J\'s DerivedKeyToken.deriveKey honours wsc:Offset and wsc:Label like wsbench', () => {
    for (const [i, c] of dkCases.entries()) {
      if (c.generation !== undefined) continue;
      expect(answers[i]!.tokenKey, describeDk(c)).toBe(answers[i]!.key);
    }
  });

  it('WSS4J 1.6\'s DerivedKeyToken.deriveKey ignores wsc:Generation (derives at offset 0); wsbench derives at Generation × Length as WS-SC §7 says', async () => {
    const gens = dkCases.map((c, i) => [c, answers[i]!] as const).filter(([c]) => c.generation !== undefined);
    expect(gens.length).toBeGreaterThan(0);
    for (const [c, theirs] of gens) {
      expect(theirs.tokenGeneration).toBe(c.generation);
      expect(theirs.tokenOffset).toBe(0);
      const atZero = await deriveKey({ secret: c.secret, nonce: c.nonce, length: c.length, offset: 0 });
      expect(theirs.tokenKey, describeDk(c)).toBe(b64(atZero.key));
      expect(theirs.tokenKey, describeDk(c)).not.toBe(theirs.key);
    }
  });
});

// ------------------------------------------------------------------------------------------------
// 2. WSS4J → wsbench: WSSecSecurityContextToken + WSSecDKSign (+ WSSecDKEncrypt), inspected with the
//    SCT secret keyed by Identifier.

interface InCase {
  name: string;
  o: Omit<ScSignOptions, 'identifier' | 'secret'>;
}

const inCases: InCase[] = [];
for (const version of ['2005/02', '1.3'] as const) {
  for (const [ref, noSct] of [['id', false], ['identifier', true], ['identifier', false]] as const) {
    for (const [encrypt, order] of [[false, 'sign-encrypt'], [true, 'sign-encrypt'], [true, 'encrypt-sign']] as const) {
      const refName = ref === 'id' ? 'DKT → #SCT-Id' : noSct ? 'DKT → Identifier, no SCT' : 'DKT → Identifier, SCT in header';
      inCases.push({ name: `SC ${version} / ${refName} / ${encrypt ? order : 'sign'}`, o: { version, sctRef: ref, noSct, timestamp: true, encrypt, order } });
    }
  }
}
inCases.push(
  { name: 'SC 1.3 / hmac-sha256, 32-byte key / aes256-cbc', o: { version: '1.3', sctRef: 'id', timestamp: true, encrypt: true, hmac: 'hmac-sha256', sigKeyLength: 32, enc: 'aes256-cbc' } },
  { name: 'SC 2005/02 / tripledes-cbc', o: { version: '2005/02', sctRef: 'id', timestamp: true, encrypt: true, enc: 'tripledes-cbc' } },
  { name: 'SC 2005/02 / STR Reference without ValueType (WSS4J\'s own test style)', o: { version: '2005/02', sctRef: 'identifier', noSct: true, timestamp: true, encrypt: true, valueType: 'none' } },
  { name: 'SC 1.3 / SOAP 1.2', o: { version: '1.3', sctRef: 'id', timestamp: true, encrypt: true, soap12: true } },
  { name: 'SC 2005/02 / encrypt only (WSSecDKEncrypt)', o: { version: '2005/02', sctRef: 'id', timestamp: true, encrypt: true, sign: false } },
);

const WSS4J_TEXT = 'hello from wss4j';
const fails = (i: Inspection): string[] => i.report.checks.filter((c) => c.status === 'fail').map((c) => c.code);
const derivedOf = (i: Inspection) =>
  new Map(i.report.checks.filter((c) => c.code === 'SC_DKT_DERIVED').map((c) => [String(c.details?.['dktId']), c.details as Record<string, unknown>]));

describe.skipIf(skipJava)(`wsbench inspects SC messages made by WSS4J (seed ${PEER_SEED})`, () => {
  const rIn = peerRandom('sc-in');
  const inputs = inCases.map(() => ({ identifier: newSctIdentifier(rIn), secret: rIn.bytes(32) }));
  let msgs: Wss4jScMessage[] = [];

  beforeAll(() => {
    msgs = runJavaPeerBatch(inCases.map((c, i) => scSignRequest({ ...c.o, ...inputs[i]! }))).map(asScMessage);
  });

  for (const [i, c] of inCases.entries()) {
    it(`wsbench ${c.o.sign === false ? 'decrypts' : c.o.encrypt ? 'verifies + decrypts' : 'verifies'} WSS4J: ${c.name}`, async () => {
      const m = msgs[i]!;
      const { identifier, secret } = inputs[i]!;
      expect(m.identifier).toBe(identifier);
      expect(m.sctIncluded).toBe(!c.o.noSct);
      const ins = await inspectMessage(m.xml, { secrets: { [identifier]: b64(secret) } });
      expect(fails(ins), JSON.stringify(ins.report.checks.filter((x) => x.status === 'fail'))).toEqual([]);
      const codes = ins.report.checks.map((x) => x.code);
      if (!c.o.noSct) expect(codes).toContain('SC_SCT');
      // Each DerivedKeyToken WSS4J wrote was derived by wsbench to the key WSS4J used, for the use WSS4J made of it.
      const ours = derivedOf(ins);
      expect(ours.size).toBe(m.derived.length);
      for (const d of m.derived) {
        const x = ours.get(d.dktId);
        expect(x, d.dktId).toBeDefined();
        expect(x?.['keyB64'], `${d.usage} key of ${d.dktId}`).toBe(d.key);
        expect(x?.['usage']).toBe(d.usage);
        expect(x?.['nonceB64']).toBe(d.nonce);
        expect(x?.['length']).toBe(d.length);
        expect(x?.['label']).toBe('WS-SecureConversationWS-SecureConversation'); // WSS4J writes no wsc:Label
        expect(x?.['sctIdentifier']).toBe(identifier);
        expect(x?.['sctReference']).toBe(c.o.sctRef === 'id' ? 'attached' : 'unattached');
      }
      if (c.o.sign !== false) {
        const sig = ins.report.checks.find((x) => x.code === 'DSIG_SIGNATURE_VALID');
        expect(sig?.message).toContain(m.algorithms.signature!);
        expect(ins.report.checks.filter((x) => x.code === 'DSIG_REFERENCE_OK')).toHaveLength(2);
      }
      if (c.o.encrypt) {
        expect(codes).toContain('XENC_DECRYPTED');
        expect(m.xml).not.toContain(WSS4J_TEXT);
        expect(ins.decrypted).toContain(WSS4J_TEXT);
      }
    });
  }

  it('wsbench refuses every one of those messages under a wrong secret for the Identifier: DSIG_SIGNATURE_INVALID / XENC_DECRYPT_FAILED, and its derived keys differ from WSS4J\'s', async () => {
    for (const [i, c] of inCases.entries()) {
      const m = msgs[i]!;
      const ins = await inspectMessage(m.xml, { secrets: { [inputs[i]!.identifier]: b64(rIn.bytes(32)) } });
      const f = fails(ins);
      if (c.o.encrypt) expect(f, c.name).toContain('XENC_DECRYPT_FAILED');
      // Each failure is said once: the inspector's second decryption pass does not repeat the walk's verdicts.
      const said = ins.report.checks.filter((x) => x.status === 'fail').map((x) => `${x.code} ${x.path}`);
      expect(said, c.name).toEqual([...new Set(said)]);
      if (c.o.sign !== false) expect(f, c.name).toContain('DSIG_SIGNATURE_INVALID');
      for (const d of m.derived) expect(derivedOf(ins).get(d.dktId)?.['keyB64'], c.name).not.toBe(d.key);
    }
  });

  it('wsbench refuses those messages without any secret for the Identifier: SC_SCT_UNKNOWN first', async () => {
    for (const [i, c] of inCases.entries()) {
      const ins = await inspectMessage(msgs[i]!.xml, {});
      const f = fails(ins);
      expect(f[0], c.name).toBe('SC_SCT_UNKNOWN');
      const unknown = ins.report.checks.filter((x) => x.code === 'SC_SCT_UNKNOWN');
      expect(unknown[0]?.message).toContain(inputs[i]!.identifier);
      // One verdict per context, however many DerivedKeyTokens point at it.
      expect(unknown, c.name).toHaveLength(1);
    }
  });

  it('wsbench refuses a WSS4J message whose signed Body was changed (DSIG_DIGEST_MISMATCH)', async () => {
    const i = inCases.findIndex((c) => !c.o.encrypt);
    const m = msgs[i]!;
    const ins = await inspectMessage(m.xml.replace(WSS4J_TEXT, 'hello from wss4k'), { secrets: { [inputs[i]!.identifier]: b64(inputs[i]!.secret) } });
    expect(fails(ins)).toEqual(['DSIG_DIGEST_MISMATCH']);
  });
});

// ------------------------------------------------------------------------------------------------
// 3. wsbench → WSS4J: secureWithDerivedKeys, processed by WSSecurityEngine with the SCT secret from
//    its CallbackHandler.

interface OutCase {
  name: string;
  o: WsbenchScOptions;
}

const outCases: OutCase[] = [];
for (const version of ['2005/02', '1.3'] as const) {
  for (const includeSct of [true, false]) {
    for (const encryptBody of [true, false]) {
      outCases.push({ name: `SC ${version} / ${includeSct ? 'SCT in header, DKT → #Id' : 'no SCT, DKT → Identifier'} / ${encryptBody ? 'sign + encrypt' : 'sign'}`, o: { version, includeSct, encryptBody } });
    }
  }
}
outCases.push(
  { name: 'SC 1.3 / hmac-sha256, 32-byte signature key / aes128-cbc', o: { version: '1.3', includeSct: true, encryptBody: true, signatureAlgorithm: URI.hmacSha256, signatureKeyLength: 32, encryptionAlgorithm: URI.aes128Cbc } },
  { name: 'SC 2005/02 / tripledes-cbc', o: { version: '2005/02', includeSct: true, encryptBody: true, encryptionAlgorithm: URI.tripledesCbc } },
  { name: 'SC 1.3 / SOAP 1.2', o: { version: '1.3', includeSct: true, encryptBody: true, soap: '1.2' } },
  { name: 'SC 1.3 / unattached reference with wsc:Instance', o: { version: '1.3', includeSct: false, encryptBody: true, instance: 'urn:wsbench:instance:2' } },
  { name: 'SC 2005/02 / custom wsc:Label', o: { version: '2005/02', includeSct: true, encryptBody: true, label: 'wsbench-peer-label' } },
  { name: 'SC 1.3 / wsc:Generation 0 instead of Offset', o: { version: '1.3', includeSct: true, encryptBody: true, generation: 0 } },
);

describe.skipIf(skipJava)(`WSS4J processes SC messages made by wsbench (seed ${PEER_SEED})`, () => {
  const rOut = peerRandom('sc-out');
  const msgs: WsbenchScMessage[] = [];
  let ok: Wss4jScVerify[] = [];
  let tampered: Wss4jScVerify[] = [];
  let wrong: Wss4jScVerify[] = [];
  let unknown: Wss4jScVerify;
  let generation1: { msg: WsbenchScMessage; result: Wss4jScVerify };

  beforeAll(async () => {
    for (const c of outCases) msgs.push(await wsbenchScMessage(c.o, rOut));
    const gen1 = await wsbenchScMessage({ version: '1.3', includeSct: true, encryptBody: false, generation: 1 }, rOut);
    const secrets = (m: WsbenchScMessage) => ({ [m.identifier]: m.secret });
    const requests = [
      ...msgs.map((m) => scVerifyRequest(m.wire, secrets(m))),
      ...msgs.map((m, i) => scVerifyRequest(tamperText(m.wire, outCases[i]!.o.encryptBody ? 'CipherValue' : 'text'), secrets(m))),
      ...msgs.map((m) => scVerifyRequest(m.wire, { [m.identifier]: rOut.bytes(32) })),
      scVerifyRequest(gen1.wire, secrets(gen1)),
      scVerifyRequest(msgs[0]!.wire, { [newSctIdentifier(rOut)]: msgs[0]!.secret }),
    ];
    const out = runJavaPeerBatch(requests).map(asScVerify);
    const n = msgs.length;
    ok = out.slice(0, n);
    tampered = out.slice(n, 2 * n);
    wrong = out.slice(2 * n, 3 * n);
    generation1 = { msg: gen1, result: out[3 * n]! };
    unknown = out[3 * n + 1]!;
  });

  for (const [i, c] of outCases.entries()) {
    it(`WSS4J verifies${c.o.encryptBody ? ' + decrypts' : ''} wsbench: ${c.name}`, () => {
      const m = msgs[i]!;
      const r = ok[i]!;
      expect(r.error ?? null, JSON.stringify(r.callbacks)).toBeNull();
      expect(r.ok).toBe(true);
      // WSS4J asked its CallbackHandler for the context's secret by the SCT's Identifier.
      expect(r.callbacks.length).toBeGreaterThan(0);
      expect(r.callbacks.every((cb) => cb.identifier === m.identifier && cb.answered)).toBe(true);
      expect(r.actions.filter((a) => a === 'DerivedKeyToken')).toHaveLength(c.o.encryptBody ? 2 : 1);
      expect(r.actions.includes('SecurityContextToken')).toBe(c.o.includeSct);
      if (c.o.includeSct) expect(r.sct[0]).toMatchObject({ identifier: m.identifier, secretResolved: true });
      expect(r.signatureMethods).toEqual([c.o.signatureAlgorithm ?? URI.hmacSha1]);
      expect(r.signedElements).toEqual(expect.arrayContaining([`{${NS.wsu}}Timestamp`, `{${c.o.soap === '1.2' ? NS.soap12 : NS.soap11}}Body`]));
      // Every key WSS4J derived (DerivedKeyToken.deriveKey from the DKT and the callback's secret) is wsbench's.
      const theirs = new Map(r.derived.map((d) => [d.dktId, d.key]));
      expect(m.secured.derived).toHaveLength(c.o.encryptBody ? 2 : 1);
      for (const d of m.secured.derived) expect(theirs.get(d.dktId), `${d.usage} key ${d.dktId}`).toBe(d.keyB64);
      // WSS4J 1.6 reads Algorithm only as a wsc-qualified attribute, so it never sees wsbench's
      // (schema-conformant, unqualified) one and assumes the 2005/02 P_SHA1 URI — the same function.
      expect(new Set(r.derived.map((d) => d.algorithm))).toEqual(new Set([`${NS.sc2005}/dk/p_sha1`]));
      if (c.o.encryptBody) {
        expect(r.decryptedElements).toEqual([`{${c.o.soap === '1.2' ? NS.soap12 : NS.soap11}}Body#content`]);
        expect(r.dataAlgorithms).toEqual([c.o.encryptionAlgorithm ?? URI.aes256Cbc]);
        expect(m.wire).not.toContain(SC_BODY_TEXT);
      }
      expect(r.decryptedBody).toContain(SC_BODY_TEXT);
    });
  }

  it('WSS4J refuses every one of those messages with one changed character (Body text, or the Body ciphertext)', () => {
    for (const [i, c] of outCases.entries()) {
      expect(tampered[i]!.ok, c.name).toBe(false);
      expect(tampered[i]!.errorCode, `${c.name}: ${tampered[i]!.error}`).toMatch(/^(FAILED_CHECK|FAILURE|FAILED_SIGNATURE|RUNTIME_EXCEPTION)$/);
    }
  });

  it('WSS4J refuses every one of those messages when its CallbackHandler gives another secret for the Identifier', () => {
    for (const [i, c] of outCases.entries()) {
      expect(wrong[i]!.ok, c.name).toBe(false);
      expect(wrong[i]!.errorCode, `${c.name}: ${wrong[i]!.error}`).toMatch(/^(FAILED_CHECK|FAILURE)$/);
    }
  });

  it('WSS4J refuses a wsbench message when its CallbackHandler knows no secret for the SCT Identifier', () => {
    expect(unknown.ok).toBe(false);
    expect(unknown.callbacks.some((cb) => cb.identifier === msgs[0]!.identifier && !cb.answered)).toBe(true);
    // The SCT processor asks by Identifier, then by the SCT's wsu:Id; unanswered, it gives up.
    expect(outCases[0]!.o.includeSct).toBe(true);
    expect(unknown.callbacks.map((cb) => cb.identifier)).toEqual([msgs[0]!.identifier, msgs[0]!.secured.sctId]);
    expect(unknown.errorCode).toBe('FAILURE');
  });

  it('WSS4J 1.6 refuses a wsbench DKT with wsc:Generation 1: it derives at offset 0 instead of Generation × Length (see the derivation tests)', async () => {
    const { msg, result } = generation1;
    expect(result.ok).toBe(false);
    expect(result.errorCode).toBe('FAILED_CHECK');
    const d = msg.secured.derived[0]!;
    expect(d.generation).toBe(1);
    // The key WSS4J would have used is the offset-0 key, not wsbench's (and the spec's) key at offset Length.
    const atZero = await deriveKey({ secret: msg.secret, nonce: Buffer.from(d.nonceB64, 'base64'), length: d.length, offset: 0 });
    expect(b64(atZero.key)).not.toBe(d.keyB64);
  });
});

// ------------------------------------------------------------------------------------------------
// 4. The SCT element across the two: WSS4J 1.6 has no RST/RSTR (issuance) builder — its
//    conversation classes are the SecurityContextToken and DerivedKeyToken elements and the
//    WSSecDK* builders — so its SecurityContextToken goes into a wsbench RSTR/SCT and back.

const TRUST_OF: Record<ScVersionId, TrustVersionId> = { '2005/02': 'feb2005', '1.3': '1.3' };

/** An RSTR/SCT as the token service answers (WS-SC 1.3 §3): the SCT, its references, proof token, lifetime. */
function rstrAround(token: Element, sct: Sct, secret: Uint8Array): string {
  const doc = parseXml('<x/>');
  const spec = buildRstr({
    version: TRUST_OF[sct.version], tokenType: SC_VERSIONS[sct.version].sctTokenType, token,
    attachedReference: sctReference(sct, 'attached'), unattachedReference: sctReference(sct, 'unattached'),
    proofToken: { kind: 'binary-secret', secret }, lifetime: { created: Date.now(), expires: Date.now() + 3600_000 }, collection: sct.version === '1.3',
  });
  return serializeXml(build(doc, spec, doc.documentElement as Element));
}

describe.skipIf(skipJava)(`the SecurityContextToken element: WSS4J's class vs wsbench's buildSct/readSct (seed ${PEER_SEED})`, () => {
  const rSct = peerRandom('sc-sct');
  const given = (['2005/02', '1.3'] as const).map((version) => ({ version, identifier: newSctIdentifier(rSct), id: `sct-${version === '1.3' ? 13 : 2005}` }));
  let built: Wss4jSct[] = [];
  let generated: Wss4jSct[] = [];
  let readBack: Wss4jSctRead[] = [];
  let noIdentifier: Wss4jSctRead;
  const ours: Array<{ sct: Sct; rstr: string }> = [];

  beforeAll(() => {
    for (const [i, g] of given.entries()) {
      const sct: Sct = { ...g, ...(g.version === '1.3' ? { instance: `urn:wsbench:instance:${i}` } : {}) };
      const doc = parseXml('<x/>');
      ours.push({ sct, rstr: rstrAround(build(doc, buildSct(sct), doc.documentElement as Element) as Element, sct, rSct.bytes(32)) });
    }
    const bare = `<wsc:SecurityContextToken xmlns:wsc="${SC_VERSIONS['1.3'].ns}"/>`;
    const out = runJavaPeerBatch([
      ...given.map((g) => sctBuildRequest(g.identifier, g.version, g.id)),
      ...given.map((g) => sctBuildRequest('generate', g.version)),
      ...ours.map((o) => sctReadRequest(o.rstr)),
      sctReadRequest(bare),
    ]);
    const n = given.length;
    built = out.slice(0, n).map(asSct);
    generated = out.slice(n, 2 * n).map(asSct);
    readBack = out.slice(2 * n, 3 * n).map(asSctRead);
    noIdentifier = asSctRead(out[3 * n]);
  });

  for (const [i, version] of (['2005/02', '1.3'] as const).entries()) {
    it(`wsbench reads WSS4J's SecurityContextToken in an RSTR/SCT: SC ${version} (Identifier given, and WSS4J-generated)`, () => {
      for (const w of [built[i]!, generated[i]!]) {
        const sctEl = parseXml(w.xml).documentElement as Element;
        const secret = rSct.bytes(32);
        const asSent = { version, identifier: w.identifier, ...(w.id ? { id: w.id } : {}) } as Sct;
        const wire = rstrAround(sctEl, asSent, secret);
        const { rstr, checks } = readRstr(parseXml(wire).documentElement as Element);
        expect(checks).toEqual([]);
        expect(rstr?.tokenType).toBe(SC_VERSIONS[version].sctTokenType);
        expect(rstr?.proof).toEqual({ kind: 'binary-secret', secret });
        const read = readSct(rstr!.token!);
        expect(read.checks).toEqual([]);
        expect(read.sct).toEqual(asSent);
        // The RSTR's attached reference ("#wsu:Id") leads to WSS4J's element; the unattached one names its Identifier.
        const doc = rstr!.element.ownerDocument!;
        const att = readSctReference(rstr!.attachedReference!, doc);
        expect(att.checks).toEqual([]);
        expect(att.ref).toMatchObject({ identifier: w.identifier, form: 'attached' });
        expect(att.ref?.element).toBe(rstr!.token);
        expect(readSctReference(rstr!.unattachedReference!, doc).ref).toMatchObject({ identifier: w.identifier, form: 'unattached' });
      }
      expect(built[i]!.identifier).toBe(given[i]!.identifier);
      // WSS4J's own Identifiers are "uuid:…" — absolute URIs of the "uuid" scheme, accepted as such.
      expect(generated[i]!.identifier).toMatch(/^uuid:/);
    });

    it(`WSS4J reads wsbench's SecurityContextToken in an RSTR/SCT: SC ${version}`, () => {
      const { sct, rstr } = ours[i]!;
      expect(rstr).toContain(version === '1.3' ? 'RequestSecurityTokenResponseCollection' : 'RequestSecurityTokenResponse');
      expect(readBack[i]).toMatchObject({ ok: true, identifier: sct.identifier, id: sct.id, namespace: SC_VERSIONS[version].ns });
    });
  }

  it('an SCT without wsc:Identifier: WSS4J\'s class accepts it (identifier null), wsbench refuses it with SC_SCT_NO_IDENTIFIER', () => {
    expect(noIdentifier).toMatchObject({ ok: true, identifier: null });
    const el = parseXml(`<wsc:SecurityContextToken xmlns:wsc="${SC_VERSIONS['1.3'].ns}"/>`).documentElement as Element;
    const r = readSct(el);
    expect(r.sct).toBeNull();
    expect(r.checks.map((c) => [c.code, c.status])).toEqual([['SC_SCT_NO_IDENTIFIER', 'fail']]);
    expect(r.checks[0]!.message).toContain('expected a wsc:Identifier');
  });
});
