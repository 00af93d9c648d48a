// Random but reproducible inputs for the peer tests. The seed comes from WSBENCH_PEER_SEED when set
// (to replay a failure) and is otherwise fresh per run; tests put it in their names so a failing
// run can be repeated exactly.

import { randomBytes } from 'node:crypto';
import { seededRandom, type RandomSource } from '../../src/engine/crypto/random.ts';

export const PEER_SEED: string = process.env.WSBENCH_PEER_SEED ?? randomBytes(6).toString('hex');

export function peerRandom(label: string): RandomSource {
  return seededRandom(`${PEER_SEED}/${label}`);
}

/** An integer in [lo, hi] drawn from `r`. */
export function randInt(r: RandomSource, lo: number, hi: number): number {
  const b = r.bytes(4);
  const n = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
  return lo + (n % (hi - lo + 1));
}

/**
 * Passwords that stress encoding: ASCII, Latin-1 range, NFC vs NFD forms of the same text (must NOT
 * be normalised), CJK, astral-plane emoji, XML-special characters, whitespace, and the empty string.
 */
export const TRICKY_PASSWORDS: readonly string[] = [
  'secret',
  'p\u00e4ssw\u00f6rd',
  'cafe\u0301',
  'caf\u00e9',
  '\u5bc6\u7801\u30d1\u30b9\u30ef\u30fc\u30c9',
  'key-\u{1F511}-\u{1D11E}',
  `<a&b>"'\u00a0`,
  '  leading and trailing  ',
  '',
];

/** A random password: printable ASCII mixed with a few non-ASCII code points. */
export function randomPassword(r: RandomSource): string {
  const pool = ['\u00df', '\u00e9', '\u0416', '\u4e2d', '\u{1F600}', '\u20ac', '\u0301'];
  const len = randInt(r, 1, 24);
  let s = '';
  for (let i = 0; i < len; i++) {
    s += randInt(r, 0, 4) === 0 ? pool[randInt(r, 0, pool.length - 1)]! : String.fromCharCode(randInt(r, 0x21, 0x7e));
  }
  return s;
}

/** A random xsd:dateTime in whole seconds (what every peer can express), UTC with `Z` or `+00:00`. */
export function randomCreated(r: RandomSource, zulu = true): string {
  const ms = Date.UTC(2000, 0, 1) + randInt(r, 0, 40 * 365 * 86400) * 1000;
  const iso = new Date(ms).toISOString().replace('.000Z', 'Z');
  return zulu ? iso : iso.replace('Z', '+00:00');
}

export interface DigestInput {
  nonce: Uint8Array;
  created: string;
  password: string;
}

/** `count` random (nonce, created, password) triples plus one per tricky password. */
export function digestInputs(label: string, count: number): DigestInput[] {
  const r = peerRandom(label);
  const out: DigestInput[] = [];
  for (let i = 0; i < count; i++) {
    out.push({ nonce: r.bytes(randInt(r, 1, 32)), created: randomCreated(r, i % 4 !== 3), password: randomPassword(r) });
  }
  for (const password of TRICKY_PASSWORDS) {
    out.push({ nonce: r.bytes(16), created: randomCreated(r), password });
  }
  return out;
}
