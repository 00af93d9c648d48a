// Byte encodings: Base64 and Base16 (RFC 4648 §4 and §8, as XML Schema base64Binary and hexBinary
// use them) and UTF-8 (RFC 3629), plus byte-array helpers. Pure JS, so browser and Node decode
// exactly alike; decoding is strict because a lenient decoder hides the very tampering the
// inspector exists to show.

import { DecodingError } from '../report/errors.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const HEX_DIGITS = '0123456789abcdef';
const PAD = 0x3d; // '='

/** Sextet value of each ASCII code, -1 where the character is not in the alphabet. */
const SEXTET: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

/** XML whitespace (XML 1.0 production S), which base64Binary and hexBinary content may carry. */
function isXmlSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** Names a character so that invisible ones still show up in a message. */
function describeChar(text: string, at: number): string {
  const cp = text.codePointAt(at) ?? 0;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return cp > 0x20 && cp !== 0x7f ? `'${String.fromCodePoint(cp)}' (${hex})` : hex;
}

function base64Error(what: string, found: string): DecodingError {
  return new DecodingError('BASE64_INVALID', `Expected ${what} to be base64 (RFC 4648 §4); found ${found}`);
}

/** Encodes bytes as padded base64 with no line breaks. */
export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const full = bytes.length - (bytes.length % 3);
  for (let i = 0; i < full; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    parts.push(ALPHABET[v >> 18]! + ALPHABET[(v >> 12) & 63]! + ALPHABET[(v >> 6) & 63]! + ALPHABET[v & 63]!);
  }
  if (bytes.length - full === 1) {
    const v = bytes[full]! << 16;
    parts.push(ALPHABET[v >> 18]! + ALPHABET[(v >> 12) & 63]! + '==');
  } else if (bytes.length - full === 2) {
    const v = (bytes[full]! << 16) | (bytes[full + 1]! << 8);
    parts.push(ALPHABET[v >> 18]! + ALPHABET[(v >> 12) & 63]! + ALPHABET[(v >> 6) & 63]! + '=');
  }
  return parts.join('');
}

interface Sextets {
  values: Uint8Array;
  count: number;
  padding: number;
  /** Offset in the text of the last data character (for the padding-bits message). */
  lastAt: number;
}

/** Collects the 6-bit values of `text`, skipping whitespace and rejecting anything out of place. */
function collectSextets(text: string, what: string): Sextets {
  const values = new Uint8Array(text.length);
  let count = 0;
  let padding = 0;
  let lastAt = -1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isXmlSpace(code)) continue;
    if (code === PAD) {
      padding++;
      continue;
    }
    const value = code < 128 ? SEXTET[code]! : -1;
    if (value < 0) throw base64Error(what, `${describeChar(text, i)} at offset ${i}`);
    if (padding > 0) throw base64Error(what, `data ${describeChar(text, i)} after '=' padding at offset ${i}`);
    values[count++] = value;
    lastAt = i;
  }
  return { values, count, padding, lastAt };
}

/** Rejects a wrong length, too much padding, and non-zero bits under the padding (XSD canonical form). */
function checkShape(text: string, s: Sextets, what: string): void {
  const total = s.count + s.padding;
  if (total % 4 !== 0) {
    throw base64Error(what, `${total} characters (whitespace ignored), which is not a multiple of 4`);
  }
  if (s.padding > 2) throw base64Error(what, `${s.padding} '=' padding characters (at most 2 allowed)`);
  const unusedBits = s.padding === 1 ? 0x03 : s.padding === 2 ? 0x0f : 0;
  if (s.count > 0 && (s.values[s.count - 1]! & unusedBits) !== 0) {
    throw base64Error(what, `non-zero padding bits in ${describeChar(text, s.lastAt)} at offset ${s.lastAt}`);
  }
}

/**
 * Decodes base64 strictly: XML whitespace is ignored; any other character outside the alphabet,
 * misplaced or excess '=' padding, a length that is not a multiple of 4, or non-zero padding bits
 * throw DecodingError `BASE64_INVALID` naming `what` and the offending character and offset.
 */
export function fromBase64(text: string, what = 'value'): Uint8Array {
  const s = collectSextets(text, what);
  checkShape(text, s, what);
  const out = new Uint8Array((s.count * 3) >> 2);
  let o = 0;
  for (let i = 0; i < s.count; i += 4) {
    const v = (s.values[i]! << 18) | (s.values[i + 1]! << 12) | ((s.values[i + 2] ?? 0) << 6) | (s.values[i + 3] ?? 0);
    out[o++] = v >> 16;
    if (o < out.length) out[o++] = (v >> 8) & 0xff;
    if (o < out.length) out[o++] = v & 0xff;
  }
  return out;
}

/** True when `fromBase64(text)` would succeed. */
export function isBase64(text: string): boolean {
  try {
    fromBase64(text);
    return true;
  } catch (error) {
    if (error instanceof DecodingError) return false;
    throw error;
  }
}

/** Encodes bytes as lowercase hex. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += HEX_DIGITS[b >> 4]! + HEX_DIGITS[b & 15]!;
  return out;
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/** Decodes hex (either case; XML whitespace ignored); anything else throws DecodingError `HEX_INVALID`. */
export function fromHex(text: string, what = 'value'): Uint8Array {
  const nibbles: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isXmlSpace(code)) continue;
    const value = hexValue(code);
    if (value < 0) {
      throw new DecodingError('HEX_INVALID', `Expected ${what} to be hex; found ${describeChar(text, i)} at offset ${i}`);
    }
    nibbles.push(value);
  }
  if (nibbles.length % 2 !== 0) {
    throw new DecodingError('HEX_INVALID', `Expected ${what} to be hex with an even number of digits; found ${nibbles.length}`);
  }
  const out = new Uint8Array(nibbles.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = (nibbles[2 * i]! << 4) | nibbles[2 * i + 1]!;
  return out;
}

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lossyDecoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** UTF-8 bytes of `text` (lone surrogates become U+FFFD, as WHATWG encoders do). */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Decodes UTF-8 strictly; malformed input throws DecodingError `UTF8_INVALID`. A BOM is kept. */
export function fromUtf8(bytes: Uint8Array, what = 'value'): string {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    throw new DecodingError('UTF8_INVALID', `Expected ${what} to be UTF-8; found a malformed byte sequence`);
  }
}

/** Decodes UTF-8, replacing malformed sequences with U+FFFD (for showing arbitrary bytes). */
export function fromUtf8Lossy(bytes: Uint8Array): string {
  return lossyDecoder.decode(bytes);
}

/** The concatenation of `parts`, as a new array. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Byte equality without an early exit: the loop always runs over the longer length, so the time
 * taken does not reveal where two MACs or digests first differ.
 */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  const n = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < n; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}
