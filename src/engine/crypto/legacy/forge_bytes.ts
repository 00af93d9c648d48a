// node-forge speaks "binary strings" (one char per octet) and ByteBuffers; the engine speaks
// Uint8Array. These converters are the only place the two meet, and node-forge is imported only
// from this folder, which cipher.ts loads lazily (dynamic import) when a message needs it.

import forge from 'node-forge';

/** Uint8Array -> forge binary string. */
export function toBinary(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    out += String.fromCharCode(...bytes.subarray(i, Math.min(i + 8192, bytes.length)));
  }
  return out;
}

/** forge binary string -> Uint8Array. */
export function fromBinary(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

/** A forge ByteBuffer holding `bytes`. */
export function toBuffer(bytes: Uint8Array): forge.util.ByteStringBuffer {
  return forge.util.createBuffer(toBinary(bytes), 'raw');
}

/**
 * forge's BlockCipher.finish accepts a padding function (its "deprecated padding API"), which
 * @types/node-forge leaves out. XML Encryption pads and unpads itself (cipher.ts), so the cipher
 * must do neither: this pad function leaves the data alone.
 */
type FinishWithPad = (pad: (blockSize: number, buffer: unknown, decrypt: boolean) => boolean) => boolean;

/** Runs `cipher` over whole blocks with forge's own padding switched off; false when forge reports failure. */
export function runWithoutPadding(cipher: forge.cipher.BlockCipher, data: Uint8Array): Uint8Array | null {
  cipher.update(toBuffer(data));
  const finish = cipher.finish as unknown as FinishWithPad;
  if (!finish.call(cipher, () => true)) return null;
  return fromBinary(cipher.output.getBytes());
}
