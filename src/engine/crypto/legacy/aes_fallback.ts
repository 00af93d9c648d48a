// AES with 192-bit keys where WebCrypto refuses them (Chromium supports only 128- and 256-bit AES
// keys), so that aes192-cbc, aes192-gcm and kw-aes192 messages (XML Encryption 1.0 §5.2.2 and
// §5.6.3, 1.1 §5.2.4) decrypt in every browser exactly as in Node. node-forge runs the cipher;
// the AES Key Wrap of RFC 3394 §2.2 is written out here over forge's AES block function.

import forge from 'node-forge';
import { CryptoError } from '../../report/errors.ts';
import { fromBinary, runWithoutPadding, toBinary, toBuffer } from './forge_bytes.ts';

const KW_IV = new Uint8Array([0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6]);

/** AES-CBC over whole 16-byte blocks, no padding. */
export function aesCbcRaw(key: Uint8Array, iv: Uint8Array, data: Uint8Array, direction: 'encrypt' | 'decrypt'): Uint8Array {
  const make = direction === 'encrypt' ? forge.cipher.createCipher : forge.cipher.createDecipher;
  const cipher = make('AES-CBC', toBuffer(key));
  cipher.start({ iv: toBinary(iv) });
  const out = runWithoutPadding(cipher, data);
  if (!out) throw new CryptoError('XENC_DECRYPT_FAILED', `expected AES-CBC to ${direction} ${data.length} bytes, found forge refused`);
  return out;
}

/** AES-GCM encryption with a 128-bit tag: ciphertext ‖ tag. */
export function aesGcmEncrypt(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Uint8Array {
  const cipher = forge.cipher.createCipher('AES-GCM', toBuffer(key));
  cipher.start({ iv: toBinary(iv), tagLength: 128 });
  cipher.update(toBuffer(plaintext));
  cipher.finish();
  const body = fromBinary(cipher.output.getBytes());
  const tag = fromBinary(cipher.mode.tag.getBytes());
  const out = new Uint8Array(body.length + tag.length);
  out.set(body);
  out.set(tag, body.length);
  return out;
}

/** AES-GCM decryption of ciphertext ‖ 128-bit tag; null when the tag does not verify. */
export function aesGcmDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array | null {
  const decipher = forge.cipher.createDecipher('AES-GCM', toBuffer(key));
  const tag = data.subarray(data.length - 16);
  decipher.start({ iv: toBinary(iv), tagLength: 128, tag: toBuffer(tag) });
  decipher.update(toBuffer(data.subarray(0, data.length - 16)));
  return decipher.finish() ? fromBinary(decipher.output.getBytes()) : null;
}

/** One AES block in ECB (the "AES(K, ·)" of RFC 3394). */
function aesBlock(key: Uint8Array, block: Uint8Array, direction: 'encrypt' | 'decrypt'): Uint8Array {
  const make = direction === 'encrypt' ? forge.cipher.createCipher : forge.cipher.createDecipher;
  const cipher = make('AES-ECB', toBuffer(key));
  cipher.start();
  const out = runWithoutPadding(cipher, block);
  if (!out) throw new CryptoError('XENC_DECRYPT_FAILED', `expected one AES block to ${direction}, found forge refused`);
  return out;
}

/** XORs the 64-bit big-endian counter t into the 8-byte register a (RFC 3394 §2.2.1 "A ^ t"). */
function xorCounter(a: Uint8Array, t: number): void {
  for (let i = 7, v = t; i >= 0 && v > 0; i--, v = Math.floor(v / 256)) a[i]! ^= v & 0xff;
}

/** RFC 3394 §2.2.1 key wrap (index-based form) of `plain` (a multiple of 8 bytes, at least 16). */
export function aesKeyWrap(kek: Uint8Array, plain: Uint8Array): Uint8Array {
  const n = plain.length / 8;
  const a = KW_IV.slice();
  const r = plain.slice();
  for (let j = 0; j <= 5; j++) {
    for (let i = 1; i <= n; i++) {
      const b = aesBlock(kek, Uint8Array.of(...a, ...r.subarray((i - 1) * 8, i * 8)), 'encrypt');
      a.set(b.subarray(0, 8));
      xorCounter(a, n * j + i);
      r.set(b.subarray(8), (i - 1) * 8);
    }
  }
  return Uint8Array.of(...a, ...r);
}

/** RFC 3394 §2.2.2 key unwrap with the §2.2.3 integrity check; null when the check fails. */
export function aesKeyUnwrap(kek: Uint8Array, wrapped: Uint8Array): Uint8Array | null {
  const n = wrapped.length / 8 - 1;
  const a = wrapped.slice(0, 8);
  const r = wrapped.slice(8);
  for (let j = 5; j >= 0; j--) {
    for (let i = n; i >= 1; i--) {
      xorCounter(a, n * j + i);
      const b = aesBlock(kek, Uint8Array.of(...a, ...r.subarray((i - 1) * 8, i * 8)), 'decrypt');
      a.set(b.subarray(0, 8));
      r.set(b.subarray(8), (i - 1) * 8);
    }
  }
  let diff = 0;
  for (let i = 0; i < 8; i++) diff |= a[i]! ^ KW_IV[i]!;
  return diff === 0 ? r : null;
}
