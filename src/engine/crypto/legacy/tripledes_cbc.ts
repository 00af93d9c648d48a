// XML Encryption 1.0 §5.2.1 Triple DES (tripledes-cbc): DES-EDE3 in CBC mode, 192-bit key, 64-bit
// block. WebCrypto has no DES at all, so node-forge runs it, identically in the browser and in Node.
// Only the raw CBC transform lives here; the IV, XML Encryption padding and length checks are
// cipher.ts's, shared with AES-CBC.

import forge from 'node-forge';
import { CryptoError } from '../../report/errors.ts';
import { runWithoutPadding, toBinary, toBuffer } from './forge_bytes.ts';

export const DES_EDE3_KEY_BYTES = 24;
export const DES_BLOCK_BYTES = 8;

/** DES-EDE3-CBC over whole 8-byte blocks, no padding. */
export function desEde3CbcRaw(key: Uint8Array, iv: Uint8Array, data: Uint8Array, direction: 'encrypt' | 'decrypt'): Uint8Array {
  const make = direction === 'encrypt' ? forge.cipher.createCipher : forge.cipher.createDecipher;
  const cipher = make('3DES-CBC', toBuffer(key));
  cipher.start({ iv: toBinary(iv) });
  const out = runWithoutPadding(cipher, data);
  if (!out || out.length !== data.length) {
    throw new CryptoError('XENC_DECRYPT_FAILED', `expected DES-EDE3-CBC to ${direction} ${data.length} bytes, found forge returned ${out?.length ?? 'nothing'}`);
  }
  return out;
}
