// Interop with Apache WSS4J 1.6 (Debian libwss4j-java): UsernameToken Salt layout and key
// derivation, PasswordDigest and P_SHA1, on fresh random inputs each run. Skips with a visible
// reason when java or WSS4J is missing (fails instead under REQUIRE_PEERS=1).

import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { psha1, systemRandom, toBase64, toHex } from '../../src/engine/crypto/index.ts';
import { passwordDigest } from '../../src/engine/wss/password_digest.ts';
import { deriveUsernameTokenKey, makeUtSalt } from '../../src/engine/wss/ut_key_derivation.ts';
import { missingPeers } from '../peers/available.ts';

const skip = missingPeers('java', 'wss4j');
const HELPER = fileURLToPath(new URL('./Wss4jUt.java', import.meta.url));
const CLASSPATH = '/usr/share/java/wss4j.jar:/usr/share/java/commons-logging.jar';

const password = randomBytes(12);
const utSalt = makeUtSalt(systemRandom(), 'signature');
const nonce = new Uint8Array(randomBytes(16));
const digestPassword = Buffer.from(`pässwörd-${randomBytes(4).toString('hex')}`, 'utf8');
const created = '2026-01-02T03:04:05.678Z';
const secret = new Uint8Array(randomBytes(32));
const seed = new Uint8Array(randomBytes(80));

/** One JVM start for every command; returns WSS4J's answer per command. */
function askWss4j(): Record<'macSalts' | 'encSalts' | 'key' | 'digest' | 'psha1', string> {
  const commands = [
    'salt mac 5',
    'salt enc 5',
    `derive ${password.toString('hex')} ${toHex(utSalt)} 1000`,
    `digest ${toBase64(nonce)} ${created} ${digestPassword.toString('hex')}`,
    `psha1 ${toHex(secret)} ${toHex(seed)} 27 53`,
  ];
  const out = execFileSync('java', ['-cp', CLASSPATH, HELPER], { input: commands.join('\n'), encoding: 'utf8', timeout: 60_000 });
  const [macSalts = '', encSalts = '', key = '', digest = '', p = ''] = out.trim().split('\n');
  return { macSalts, encSalts, key, digest, psha1: p };
}

describe.skipIf(skip !== null)('WSS4J 1.6 peer', () => {
  let theirs: ReturnType<typeof askWss4j>;
  beforeAll(() => {
    theirs = askWss4j();
  });

  it('UsernameToken.generateSalt puts the usage flag in byte 0, as makeUtSalt does', () => {
    for (const s of theirs.macSalts.split(' ')) expect(s).toMatch(/^01[0-9a-f]{30}$/);
    for (const s of theirs.encSalts.split(' ')) expect(s).toMatch(/^02[0-9a-f]{30}$/);
    expect(theirs.macSalts.split(' ')).toHaveLength(5);
    expect(toHex(makeUtSalt(systemRandom(), 'signature'))).toMatch(/^01[0-9a-f]{30}$/);
    expect(toHex(makeUtSalt(systemRandom(), 'encryption'))).toMatch(/^02[0-9a-f]{30}$/);
  });

  it('UsernameToken.generateDerivedKey gives our derived key (random password and salt, 1000 iterations)', async () => {
    expect(toHex(await deriveUsernameTokenKey(new Uint8Array(password), utSalt, 1000))).toBe(theirs.key);
  });

  it('UsernameToken.doPasswordDigest gives our PasswordDigest (non-ASCII password)', async () => {
    expect(await passwordDigest(nonce, created, digestPassword.toString('utf8'))).toBe(theirs.digest);
  });

  it('P_SHA1.createKey gives our P_SHA1 at a non-zero offset', async () => {
    expect(toHex(await psha1(secret, seed, 53, 27))).toBe(theirs.psha1);
  });
});
