// UsernameToken PasswordDigest (UT 1.1 §3.1): wsbench's passwordDigest against three independent
// implementations on the same random inputs — Apache WSS4J 1.6 UsernameToken.doPasswordDigest,
// zeep's UsernameToken (python3-zeep) and node-soap's passwordDigest.

import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { passwordDigest } from '../../src/engine/wss/password_digest.ts';
import { missingPeers } from './available.ts';
import { field, runJavaPeerBatch } from './java_peer.ts';
import { nodeSoapPasswordDigest } from './node_soap_peer.ts';
import { digestInputs, PEER_SEED, type DigestInput } from './peer_inputs.ts';
import { zeepDigests } from './zeep_peer.ts';

const inputs: DigestInput[] = digestInputs('ut-digest', 12);
const show = (x: DigestInput) => `nonce=${Buffer.from(x.nonce).toString('base64')} created=${x.created} password=${JSON.stringify(x.password)}`;

describe(`UsernameToken PasswordDigest: wsbench vs node-soap (seed ${PEER_SEED})`, () => {
  it(`agrees on ${inputs.length} random and tricky inputs`, async () => {
    expect(inputs.length).toBeGreaterThanOrEqual(10);
    for (const x of inputs) {
      expect(await passwordDigest(x.nonce, x.created, x.password), show(x)).toBe(
        nodeSoapPasswordDigest(x.nonce, x.created, x.password),
      );
    }
  });

  it('takes the password as raw bytes the same as its UTF-8 text, and does not normalise it', async () => {
    const x = inputs[0]!;
    for (const pw of ['cafe\u0301', 'caf\u00e9']) {
      expect(await passwordDigest(x.nonce, x.created, new TextEncoder().encode(pw))).toBe(
        nodeSoapPasswordDigest(x.nonce, x.created, pw),
      );
    }
    // NFD and NFC spell the same word with different bytes; their digests must differ.
    expect(await passwordDigest(x.nonce, x.created, 'cafe\u0301')).not.toBe(await passwordDigest(x.nonce, x.created, 'caf\u00e9'));
  });

  it('changes when any input changes (the comparison is not vacuous)', async () => {
    const x = inputs[1]!;
    const base = await passwordDigest(x.nonce, x.created, x.password);
    const nonce2 = Uint8Array.from(x.nonce);
    nonce2[0] = nonce2[0]! ^ 1;
    expect(await passwordDigest(nonce2, x.created, x.password)).not.toBe(base);
    expect(await passwordDigest(x.nonce, x.created.replace(/\d(?=Z|\+)/, (d) => String((Number(d) + 1) % 10)), x.password)).not.toBe(base);
    expect(await passwordDigest(x.nonce, x.created, `${x.password}!`)).not.toBe(base);
    // And it is SHA-1 sized: 20 bytes, 28 base64 characters.
    expect(Buffer.from(base, 'base64')).toHaveLength(20);
    expect(base).toBe(
      createHash('sha1').update(Buffer.concat([x.nonce, Buffer.from(x.created), Buffer.from(x.password)])).digest('base64'),
    );
  });
});

describe.skipIf(missingPeers('java', 'wss4j'))(`UsernameToken PasswordDigest: wsbench vs Apache WSS4J (seed ${PEER_SEED})`, () => {
  let wss4j: string[] = [];
  beforeAll(() => {
    wss4j = runJavaPeerBatch(
      inputs.map((x) => ({ args: ['ut-digest', Buffer.from(x.nonce).toString('base64'), x.created, x.password] })),
    ).map((a) => field(a, 'digest'));
  });

  it(`agrees with UsernameToken.doPasswordDigest on ${inputs.length} inputs`, async () => {
    expect(wss4j).toHaveLength(inputs.length);
    for (const [i, x] of inputs.entries()) {
      expect(await passwordDigest(x.nonce, x.created, x.password), show(x)).toBe(wss4j[i]);
    }
  });
});

describe.skipIf(missingPeers('python3-zeep'))(`UsernameToken PasswordDigest: wsbench vs zeep (seed ${PEER_SEED})`, () => {
  let zeep: string[] = [];
  beforeAll(() => {
    zeep = zeepDigests(inputs);
  });

  it(`agrees with zeep's UsernameToken digest on ${inputs.length} inputs`, async () => {
    expect(zeep).toHaveLength(inputs.length);
    for (const [i, x] of inputs.entries()) {
      expect(await passwordDigest(x.nonce, x.created, x.password), show(x)).toBe(zeep[i]);
    }
  });
});
