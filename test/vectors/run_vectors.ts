// The known-answer vector suite (DESIGN.md §5 "Vectors as data"): every test/vectors/*.json entry,
// dispatched on its `kind` and computed with the engine's public functions only. No node: imports,
// and the JSON is imported statically, so the same runner works in vitest and bundled into the
// browser self-test page.

import { computedKeyPsha1 } from '../../src/engine/trust/computed_key.ts';
import {
  bytesEqual,
  chacha20Block,
  chacha20Xor,
  fromBase64,
  fromHex,
  psha1,
  sha1,
  sha256,
  sha256Sync,
  hmac,
  toBase64,
  toHex,
  utf8,
} from '../../src/engine/crypto/index.ts';
import { passwordDigest } from '../../src/engine/wss/password_digest.ts';
import { deriveUsernameTokenKey } from '../../src/engine/wss/ut_key_derivation.ts';
import base64File from './base64.json';
import chacha20File from './chacha20.json';
import hmacFile from './hmac.json';
import psha1File from './psha1.json';
import shaFile from './sha.json';
import usernameTokenFile from './username_token.json';

export interface VectorResult {
  file: string;
  name: string;
  ok: boolean;
  expected: string;
  got: string;
  kind: string;
  source: string;
}

/** One vector as stored: name, kind, source, and kind-specific fields. */
export interface Vector {
  name: string;
  kind: string;
  source: string;
  [field: string]: unknown;
}

interface VectorFile {
  description: string;
  vectors: Vector[];
}

export const VECTOR_FILES: ReadonlyArray<{ file: string; data: VectorFile }> = [
  { file: 'base64.json', data: base64File as VectorFile },
  { file: 'sha.json', data: shaFile as VectorFile },
  { file: 'hmac.json', data: hmacFile as VectorFile },
  { file: 'psha1.json', data: psha1File as VectorFile },
  { file: 'chacha20.json', data: chacha20File as VectorFile },
  { file: 'username_token.json', data: usernameTokenFile as VectorFile },
];

interface Outcome {
  ok: boolean;
  expected: string;
  got: string;
}

/** A malformed vector file is a bug in the data, reported as a failing vector. */
class VectorDataError extends Error {}

function field(v: Vector, name: string): unknown {
  if (!(name in v)) throw new VectorDataError(`vector has no '${name}' field`);
  return v[name];
}

function str(v: Vector, name: string): string {
  const value = field(v, name);
  if (typeof value !== 'string') throw new VectorDataError(`'${name}' should be a string`);
  return value;
}

function num(v: Vector, name: string): number {
  const value = field(v, name);
  if (typeof value !== 'number') throw new VectorDataError(`'${name}' should be a number`);
  return value;
}

/** Decodes a byte field: {hex}, {base64}, {utf8}, {fill, count}, or an array of those concatenated. */
function decodeBytes(spec: unknown, name: string): Uint8Array {
  if (Array.isArray(spec)) {
    const parts = spec.map((part: unknown) => decodeBytes(part, name));
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
    return out;
  }
  const s = (spec ?? {}) as Record<string, unknown>;
  if (typeof s.hex === 'string') return fromHex(s.hex, `${name}.hex`);
  if (typeof s.base64 === 'string') return fromBase64(s.base64, `${name}.base64`);
  if (typeof s.utf8 === 'string') return utf8(s.utf8);
  if (typeof s.fill === 'string' && typeof s.count === 'number') {
    return new Uint8Array(s.count).fill(fromHex(s.fill, `${name}.fill`)[0] ?? 0);
  }
  throw new VectorDataError(`'${name}' is not a byte field ({hex}, {base64}, {utf8} or {fill, count})`);
}

function bytes(v: Vector, name: string): Uint8Array {
  return decodeBytes(field(v, name), name);
}

/** Compares computed bytes with `expected`, shown in the encoding the vector wrote them in. */
function compareBytes(v: Vector, got: Uint8Array): Outcome {
  const spec = field(v, 'expected') as Record<string, unknown>;
  const expected = bytes(v, 'expected');
  const show = typeof spec.base64 === 'string' ? toBase64 : toHex;
  return { ok: bytesEqual(expected, got), expected: show(expected), got: show(got) };
}

async function runSha(v: Vector): Promise<Outcome> {
  const hash = str(v, 'hash');
  const data = bytes(v, 'data');
  if (hash === 'SHA-1') return compareBytes(v, await sha1(data));
  if (hash !== 'SHA-256') throw new VectorDataError(`unknown hash '${hash}'`);
  const outcome = compareBytes(v, await sha256(data));
  const sync = toHex(sha256Sync(data));
  if (sync === outcome.got) return outcome;
  return { ok: false, expected: outcome.expected, got: `${outcome.got} (pure-JS sha256Sync: ${sync})` };
}

async function runHmac(v: Vector): Promise<Outcome> {
  const hash = str(v, 'hash');
  if (hash !== 'SHA-1' && hash !== 'SHA-256') throw new VectorDataError(`unknown hash '${hash}'`);
  return compareBytes(v, await hmac(hash, bytes(v, 'key'), bytes(v, 'data')));
}

function optionalNum(v: Vector, name: string, fallback: number): number {
  return name in v ? num(v, name) : fallback;
}

async function runPsha1(v: Vector): Promise<Outcome> {
  const got = await psha1(bytes(v, 'secret'), bytes(v, 'seed'), num(v, 'length'), optionalNum(v, 'offset', 0));
  return compareBytes(v, got);
}

/** WS-Trust CK/PSHA1: key = P_SHA1(requestor entropy as secret, issuer entropy as seed). */
async function runComputedKey(v: Vector): Promise<Outcome> {
  const bits = num(v, 'keySizeBits');
  return compareBytes(v, await computedKeyPsha1(bytes(v, 'requestorEntropy'), bytes(v, 'issuerEntropy'), bits));
}

async function runChaCha20(v: Vector): Promise<Outcome> {
  const key = bytes(v, 'key');
  const nonce = bytes(v, 'nonce');
  const counter = num(v, 'counter');
  const op = str(v, 'op');
  if (op === 'block') return compareBytes(v, chacha20Block(key, counter, nonce));
  if (op === 'encrypt') return compareBytes(v, chacha20Xor(key, nonce, counter, bytes(v, 'plaintext')));
  throw new VectorDataError(`unknown chacha20 op '${op}'`);
}

async function runUtDigest(v: Vector): Promise<Outcome> {
  const expected = str(v, 'expected');
  const got = await passwordDigest(fromBase64(str(v, 'nonce'), 'nonce'), str(v, 'created'), str(v, 'password'));
  return { ok: got === expected, expected, got };
}

async function runUtKey(v: Vector): Promise<Outcome> {
  return compareBytes(v, await deriveUsernameTokenKey(str(v, 'password'), bytes(v, 'salt'), num(v, 'iterations')));
}

/** Encodes `data`, then decodes `expected` strictly; both directions must agree. */
function roundTrip(v: Vector, encode: (b: Uint8Array) => string, decode: (t: string) => Uint8Array, canonical: (t: string) => string): Outcome {
  const data = bytes(v, 'data');
  const expected = str(v, 'expected');
  const encoded = encode(data);
  const decoded = decode(expected);
  const ok = encoded === canonical(expected) && bytesEqual(decoded, data);
  const got = bytesEqual(decoded, data) ? encoded : `${encoded} (decoding '${expected}' gave hex ${toHex(decoded)})`;
  return { ok, expected, got };
}

async function runBase64(v: Vector): Promise<Outcome> {
  return roundTrip(v, toBase64, (t) => fromBase64(t, 'expected'), (t) => t);
}

async function runBase16(v: Vector): Promise<Outcome> {
  // The RFC writes Base16 in upper case; toHex emits lower case by design.
  return roundTrip(v, toHex, (t) => fromHex(t, 'expected'), (t) => t.toLowerCase());
}

const HANDLERS: Record<string, (v: Vector) => Promise<Outcome>> = {
  base64: runBase64,
  base16: runBase16,
  sha: runSha,
  hmac: runHmac,
  psha1: runPsha1,
  'ck-psha1': runComputedKey,
  chacha20: runChaCha20,
  'ut-digest': runUtDigest,
  'ut-key': runUtKey,
};

function describeError(error: unknown): string {
  if (error instanceof VectorDataError) return `bad vector data: ${error.message}`;
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return `threw ${typeof code === 'string' ? code : error.name}: ${error.message}`;
  }
  return `threw ${String(error)}`;
}

/** Runs one vector; a thrown error or bad data becomes a failing result, never an exception. */
export async function runVector(file: string, v: Vector): Promise<VectorResult> {
  const base = { file, name: v.name, kind: v.kind, source: v.source };
  const handler = HANDLERS[v.kind];
  if (!handler) return { ...base, ok: false, expected: '', got: `unknown kind '${v.kind}'` };
  if (typeof v.source !== 'string' || v.source.trim() === '') {
    return { ...base, ok: false, expected: '', got: 'bad vector data: no source' };
  }
  try {
    return { ...base, ...(await handler(v)) };
  } catch (error) {
    const expected = typeof v.expected === 'string' ? v.expected : JSON.stringify(v.expected ?? null);
    return { ...base, ok: false, expected, got: describeError(error) };
  }
}

/** Runs every vector of every file, in file order; never throws for a failing vector. */
export async function runVectorSuite(): Promise<VectorResult[]> {
  const results: VectorResult[] = [];
  for (const { file, data } of VECTOR_FILES) {
    for (const v of data.vectors) results.push(await runVector(file, v));
  }
  return results;
}
