import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveKey } from '../../src/engine/sc/derive.ts';
import { fromBase64, toBase64 } from '../../src/engine/crypto/encoding.ts';

// P_SHA1 written out with node:crypto as an independent oracle.
function pSha1(secret: Buffer, seed: Buffer, n: number): Buffer {
  const out: Buffer[] = [];
  let a = seed;
  while (Buffer.concat(out).length < n) {
    a = createHmac('sha1', secret).update(a).digest();
    out.push(createHmac('sha1', secret).update(Buffer.concat([a, seed])).digest());
  }
  return Buffer.concat(out).subarray(0, n);
}

describe('WS-SC DerivedKeyToken derivation', () => {
  it('matches VECTORS.md #1 (mono InMemorySymmetricSecurityKeyTest): default label, 256 zero nonce bytes', async () => {
    const d = await deriveKey({ secret: fromBase64('eX2EeE969RCv/5Lx8OIGLHtJrSD5PzVzO3tTy9JxU58='), nonce: new Uint8Array(256), length: 32 });
    expect(toBase64(d.key)).toBe('50UfLeg58TbfADujVeafUAS8typGX9LvqLOXezK/eJY=');
  });

  it('Generation n means Offset n × Length', async () => {
    const secret = Buffer.from('0123456789abcdef0123456789abcdef');
    const nonce = Buffer.from('nonce-nonce-1234');
    const d = await deriveKey({ secret, nonce, generation: 2, length: 24 });
    const seed = Buffer.concat([Buffer.from('WS-SecureConversationWS-SecureConversation'), nonce]);
    expect(Buffer.from(d.key).toString('hex')).toBe(pSha1(secret, seed, 72).subarray(48).toString('hex'));
    expect(d.offset).toBe(48);
  });

  it('refuses Offset and Generation together, naming both', async () => {
    await expect(deriveKey({ secret: new Uint8Array(16), nonce: new Uint8Array(16), offset: 0, generation: 1 }))
      .rejects.toMatchObject({ code: 'DKT_OFFSET_AND_GENERATION', message: expect.stringContaining('Offset 0, Generation 1') });
  });
});
