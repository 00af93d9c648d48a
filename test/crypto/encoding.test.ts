// Base64 / Base16 / UTF-8 helpers (RFC 4648, RFC 3629): strict decoding errors (code and message),
// and agreement with Node's Buffer as an independent oracle.

import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import {
  bytesEqual, concatBytes, fromBase64, fromHex, fromUtf8, fromUtf8Lossy, isBase64, toBase64, toHex, utf8,
} from '../../src/engine/crypto/index.ts';
import { DecodingError } from '../../src/engine/report/errors.ts';

function decodeError(fn: () => unknown): DecodingError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DecodingError);
    return error as DecodingError;
  }
  throw new Error('expected a DecodingError, nothing was thrown');
}

describe('toBase64 / fromBase64', () => {
  it('agrees with Buffer for every length from 0 to 70 in both directions', () => {
    for (let n = 0; n <= 70; n++) {
      const data = new Uint8Array(randomBytes(n));
      const b64 = Buffer.from(data).toString('base64');
      expect(toBase64(data)).toBe(b64);
      expect(bytesEqual(fromBase64(b64), data)).toBe(true);
    }
  });

  it('ignores XML whitespace anywhere, as in wrapped base64Binary content', () => {
    expect(toHex(fromBase64(' Zm9v\r\n YmFy\t'))).toBe(toHex(utf8('foobar')));
    expect(toHex(fromBase64('Zg =\n='))).toBe('66');
  });

  it('rejects a character outside the alphabet, naming what, the character and its offset', () => {
    const e = decodeError(() => fromBase64('Zm9-YmFy', 'wsse:Nonce'));
    expect(e.code).toBe('BASE64_INVALID');
    expect(e.message).toBe("Expected wsse:Nonce to be base64 (RFC 4648 §4); found '-' (U+002D) at offset 3");
  });

  it('rejects the URL-safe alphabet and non-ASCII characters', () => {
    expect(decodeError(() => fromBase64('ab_c')).message).toContain("'_' (U+005F) at offset 2");
    expect(decodeError(() => fromBase64('abcé')).message).toContain("'é' (U+00E9) at offset 3");
  });

  it('shows invisible characters by code point', () => {
    const e = decodeError(() => fromBase64('Zm9v\u0000', 'secret'));
    expect(e.message).toBe('Expected secret to be base64 (RFC 4648 §4); found U+0000 at offset 4');
  });

  it('rejects a length that is not a multiple of 4 (missing padding)', () => {
    const e = decodeError(() => fromBase64('Zm8', 'BinarySecret'));
    expect(e.code).toBe('BASE64_INVALID');
    expect(e.message).toBe(
      'Expected BinarySecret to be base64 (RFC 4648 §4); found 3 characters (whitespace ignored), which is not a multiple of 4',
    );
  });

  it('rejects too much padding', () => {
    const e = decodeError(() => fromBase64('Z==='));
    expect(e.message).toBe("Expected value to be base64 (RFC 4648 §4); found 3 '=' padding characters (at most 2 allowed)");
  });

  it('rejects non-zero bits under the padding (non-canonical encodings)', () => {
    const e = decodeError(() => fromBase64('Zh=='));
    expect(e.code).toBe('BASE64_INVALID');
    expect(e.message).toBe("Expected value to be base64 (RFC 4648 §4); found non-zero padding bits in 'h' (U+0068) at offset 1");
    expect(() => fromBase64('Zm9=')).toThrow(/non-zero padding bits in '9'/);
  });

  it('Security: data smuggled after the padding is rejected, not silently dropped', () => {
    expect(toHex(fromBase64('Zm8='))).toBe('666f'); // baseline
    const e = decodeError(() => fromBase64('Zm8=Zm8=', 'wsse:Nonce'));
    expect(e.code).toBe('BASE64_INVALID');
    expect(e.message).toBe("Expected wsse:Nonce to be base64 (RFC 4648 §4); found data 'Z' (U+005A) after '=' padding at offset 4");
  });

  it('isBase64 answers without throwing', () => {
    expect(isBase64('Zm9vYmFy')).toBe(true);
    expect(isBase64('')).toBe(true);
    expect(isBase64('Zm9vYmF')).toBe(false);
    expect(isBase64('Zm9v!')).toBe(false);
  });
});

describe('toHex / fromHex', () => {
  it('round-trips either case and ignores whitespace', () => {
    expect(toHex(Uint8Array.of(0, 0xab, 0xff))).toBe('00abff');
    expect(toHex(fromHex('00 AB\nfF'))).toBe('00abff');
  });

  it('rejects a non-hex character with code HEX_INVALID', () => {
    const e = decodeError(() => fromHex('00zz', 'thumbprint'));
    expect(e.code).toBe('HEX_INVALID');
    expect(e.message).toBe("Expected thumbprint to be hex; found 'z' (U+007A) at offset 2");
  });

  it('rejects an odd number of digits', () => {
    const e = decodeError(() => fromHex('abc'));
    expect(e.code).toBe('HEX_INVALID');
    expect(e.message).toBe('Expected value to be hex with an even number of digits; found 3');
  });
});

describe('UTF-8', () => {
  it('encodes like Buffer, including non-BMP characters', () => {
    const text = 'pässwörd ✓ 𝄞';
    expect(toHex(utf8(text))).toBe(Buffer.from(text, 'utf8').toString('hex'));
    expect(fromUtf8(utf8(text))).toBe(text);
  });

  it('rejects malformed UTF-8 strictly, or replaces it when asked to be lossy', () => {
    const bad = Uint8Array.of(0x61, 0xc3, 0x28);
    const e = decodeError(() => fromUtf8(bad, 'plaintext'));
    expect(e.code).toBe('UTF8_INVALID');
    expect(e.message).toBe('Expected plaintext to be UTF-8; found a malformed byte sequence');
    expect(fromUtf8Lossy(bad)).toBe('a\uFFFD(');
  });
});

describe('concatBytes / bytesEqual', () => {
  it('concatenates in order into a new array', () => {
    const a = Uint8Array.of(1, 2);
    const joined = concatBytes(a, new Uint8Array(0), Uint8Array.of(3));
    expect([...joined]).toEqual([1, 2, 3]);
    joined[0] = 9;
    expect(a[0]).toBe(1);
  });

  it('compares by content and length', () => {
    expect(bytesEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 3))).toBe(true);
    expect(bytesEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 4))).toBe(false);
    expect(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2, 0))).toBe(false);
    expect(bytesEqual(Uint8Array.of(0), new Uint8Array(0))).toBe(false);
    expect(bytesEqual(new Uint8Array(0), new Uint8Array(0))).toBe(true);
  });
});
