// P_SHA1 (RFC 2246 §5 P_hash with HMAC-SHA1) written out on node:crypto: an oracle independent of
// the engine's WebCrypto port, shared by the tests (and the e2e specs) that recompute derived keys,
// computed proof keys and P_SHA1 outputs.

import { createHmac } from 'node:crypto';

/** Bytes offset … offset+length of P_SHA1(secret, seed), on node:crypto. */
export function pSha1(secret: Buffer, seed: Buffer, length: number, offset = 0): Buffer {
  const out: Buffer[] = [];
  let a = seed;
  while (Buffer.concat(out).length < offset + length) {
    a = createHmac('sha1', secret).update(a).digest();
    out.push(createHmac('sha1', secret).update(Buffer.concat([a, seed])).digest());
  }
  return Buffer.concat(out).subarray(offset, offset + length);
}
