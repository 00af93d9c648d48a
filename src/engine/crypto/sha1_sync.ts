// SHA-1 (FIPS 180-4 §6.1), synchronous and in pure JS. UT 1.1 §4 key derivation hashes a 20-byte
// value 1000+ times in a row; one WebCrypto call per round costs ~0.1 ms of promise overhead each,
// so the iteration runs here instead (30× faster, and a hostile Iteration cannot stall the UI for
// minutes). Verified against WebCrypto and node:crypto in test/crypto/sha1_sync.test.ts.

const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));

function padded(data: Uint8Array): Uint8Array {
  const len = Math.ceil((data.length + 9) / 64) * 64;
  const out = new Uint8Array(len);
  out.set(data);
  out[data.length] = 0x80;
  const view = new DataView(out.buffer);
  view.setUint32(len - 8, Math.floor((data.length * 8) / 2 ** 32));
  view.setUint32(len - 4, (data.length * 8) >>> 0);
  return out;
}

function block(h: Uint32Array, view: DataView, offset: number, w: Uint32Array): void {
  for (let t = 0; t < 16; t++) w[t] = view.getUint32(offset + t * 4);
  for (let t = 16; t < 80; t++) w[t] = rotl((w[t - 3] as number) ^ (w[t - 8] as number) ^ (w[t - 14] as number) ^ (w[t - 16] as number), 1);
  let [a, b, c, d, e] = [h[0] as number, h[1] as number, h[2] as number, h[3] as number, h[4] as number];
  for (let t = 0; t < 80; t++) {
    const f = t < 20 ? (b & c) | (~b & d) : t < 40 ? b ^ c ^ d : t < 60 ? (b & c) | (b & d) | (c & d) : b ^ c ^ d;
    const k = t < 20 ? 0x5a827999 : t < 40 ? 0x6ed9eba1 : t < 60 ? 0x8f1bbcdc : 0xca62c1d6;
    const tmp = (rotl(a, 5) + f + e + k + (w[t] as number)) >>> 0;
    e = d; d = c; c = rotl(b, 30) >>> 0; b = a; a = tmp;
  }
  h[0] = ((h[0] as number) + a) >>> 0; h[1] = ((h[1] as number) + b) >>> 0; h[2] = ((h[2] as number) + c) >>> 0;
  h[3] = ((h[3] as number) + d) >>> 0; h[4] = ((h[4] as number) + e) >>> 0;
}

/** SHA-1 of `data`, synchronously. */
export function sha1Sync(data: Uint8Array): Uint8Array {
  const h = new Uint32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]);
  const p = padded(data);
  const view = new DataView(p.buffer);
  const w = new Uint32Array(80);
  for (let off = 0; off < p.length; off += 64) block(h, view, off, w);
  const out = new Uint8Array(20);
  const ov = new DataView(out.buffer);
  for (let i = 0; i < 5; i++) ov.setUint32(i * 4, h[i] as number);
  return out;
}
