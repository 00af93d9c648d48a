// UsernameToken 1.1 §4 key derivation and WS-SecureConversation P_SHA1, cross-checked against
// Apache WSS4J 1.6 (UsernameToken.generateDerivedKey / generateSalt, conversation.dkalgo.P_SHA1).

import { beforeAll, describe, expect, it } from 'vitest';
import { psha1 } from '../../src/engine/crypto/psha1.ts';
import { deriveUsernameTokenKey, makeUtSalt, UT_MIN_ITERATIONS } from '../../src/engine/wss/ut_key_derivation.ts';
import { missingPeers } from './available.ts';
import { field, runJavaPeerBatch, type JavaPeerRequest } from './java_peer.ts';
import { PEER_SEED, peerRandom, randInt, TRICKY_PASSWORDS } from './peer_inputs.ts';

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const r = peerRandom('ut-key');

interface KeyCase {
  password: string | Uint8Array;
  salt: Uint8Array;
  iterations: number;
}

const keyCases: KeyCase[] = [];
for (const iterations of [1000, 1001, 5000]) {
  for (const usage of ['signature', 'encryption'] as const) {
    keyCases.push({ password: TRICKY_PASSWORDS[randInt(r, 0, TRICKY_PASSWORDS.length - 1)]!, salt: makeUtSalt(r, usage), iterations });
  }
}
keyCases.push({ password: 'short', salt: r.bytes(16), iterations: 1 }); // one hash, no iteration
keyCases.push({ password: 'p\u00e4ss-\u{1F511}', salt: r.bytes(16), iterations: 2 });
keyCases.push({ password: r.bytes(23), salt: makeUtSalt(r, 'signature'), iterations: 1000 }); // raw, non-UTF-8 bytes
keyCases.push({ password: '', salt: makeUtSalt(r, 'encryption'), iterations: 1000 });

interface PsCase {
  secret: Uint8Array;
  seed: Uint8Array;
  length: number;
  offset: number;
}

const label = new TextEncoder().encode('WS-SecureConversationWS-SecureConversation');
const psCases: PsCase[] = [
  { secret: r.bytes(16), seed: new Uint8Array([...label, ...r.bytes(16)]), length: 16, offset: 0 },
  { secret: r.bytes(32), seed: new Uint8Array([...label, ...r.bytes(16), ...r.bytes(16)]), length: 24, offset: 0 },
  { secret: r.bytes(20), seed: r.bytes(32), length: 32, offset: 16 },
  { secret: r.bytes(24), seed: r.bytes(40), length: 48, offset: 32 },
  { secret: r.bytes(100), seed: r.bytes(7), length: 32, offset: 5 }, // secret longer than the HMAC block
  { secret: r.bytes(1), seed: r.bytes(64), length: 16, offset: 19 }, // output straddles P_SHA1 blocks
  { secret: r.bytes(32), seed: r.bytes(32), length: 48, offset: 0 },
];

const keyArgs = (k: KeyCase): string[] =>
  typeof k.password === 'string'
    ? ['ut-key', k.password, b64(k.salt), String(k.iterations)]
    : ['ut-key', b64(k.password), b64(k.salt), String(k.iterations), '--password-b64'];

describe.skipIf(missingPeers('java', 'wss4j'))(`UT key derivation and P_SHA1 vs Apache WSS4J (seed ${PEER_SEED})`, () => {
  let utKeys: string[] = [];
  let psKeys: string[] = [];
  let salt: Record<string, unknown> = {};

  beforeAll(() => {
    const requests: JavaPeerRequest[] = [
      ...keyCases.map((k) => ({ args: keyArgs(k) })),
      ...psCases.map((p) => ({ args: ['psha1', b64(p.secret), b64(p.seed), String(p.length), String(p.offset)] })),
      { args: ['ut-salt'] },
    ];
    const answers = runJavaPeerBatch(requests);
    utKeys = answers.slice(0, keyCases.length).map((a) => field(a, 'key'));
    psKeys = answers.slice(keyCases.length, keyCases.length + psCases.length).map((a) => field(a, 'key'));
    salt = answers[answers.length - 1] as Record<string, unknown>;
  });

  it(`deriveUsernameTokenKey equals UsernameToken.generateDerivedKey (${keyCases.length} cases, iterations 1..5000)`, async () => {
    expect(utKeys).toHaveLength(keyCases.length);
    for (const [i, k] of keyCases.entries()) {
      const ours = await deriveUsernameTokenKey(k.password, k.salt, k.iterations);
      expect(ours).toHaveLength(20);
      expect(b64(ours), `password=${JSON.stringify(typeof k.password === 'string' ? k.password : b64(k.password))} salt=${b64(k.salt)} it=${k.iterations}`).toBe(
        utKeys[i],
      );
    }
  });

  it('distinct iteration counts give distinct keys (1000 vs 1001 differ by one more hash)', () => {
    const byIt = new Map<number, string>();
    for (const [i, k] of keyCases.entries()) byIt.set(k.iterations, utKeys[i]!);
    expect(new Set(utKeys).size).toBe(utKeys.length);
    expect(byIt.get(1000)).not.toBe(byIt.get(1001));
  });

  it('makeUtSalt uses WSS4J 1.6’s salt convention: 16 bytes, flag 0x01 (MAC) / 0x02 (encryption) in byte 0', () => {
    const rr = peerRandom('salt');
    const mac = makeUtSalt(rr, 'signature');
    const enc = makeUtSalt(rr, 'encryption');
    expect(mac).toHaveLength(salt.macLength as number);
    expect(enc).toHaveLength(salt.encLength as number);
    expect(mac[0]).toBe(salt.macFirstByte);
    expect(enc[0]).toBe(salt.encFirstByte);
    expect(Buffer.from(String(salt.macSalt), 'base64')[0]).toBe(mac[0]);
    expect(UT_MIN_ITERATIONS).toBe(salt.defaultIterations);
  });

  it(`psha1 equals WSS4J P_SHA1.createKey (${psCases.length} cases, lengths 16/24/32/48, offsets 0..32)`, async () => {
    expect(psKeys).toHaveLength(psCases.length);
    for (const [i, p] of psCases.entries()) {
      const ours = await psha1(p.secret, p.seed, p.length, p.offset);
      expect(ours).toHaveLength(p.length);
      expect(b64(ours), `secret=${b64(p.secret)} seed=${b64(p.seed)} len=${p.length} off=${p.offset}`).toBe(psKeys[i]);
    }
  });

  it('psha1 with an offset is the tail of a longer derivation (offset is honoured, not ignored)', async () => {
    const p = psCases[2]!;
    const long = await psha1(p.secret, p.seed, p.offset + p.length, 0);
    expect(b64(long.subarray(p.offset))).toBe(psKeys[2]);
    expect(b64(await psha1(p.secret, p.seed, p.length, 0))).not.toBe(psKeys[2]);
  });
});
