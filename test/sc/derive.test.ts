import { describe, expect, it } from 'vitest';
import { deriveKey } from '../../src/engine/sc/derive.ts';
import { fromBase64, toBase64 } from '../../src/engine/crypto/encoding.ts';
import { pSha1 } from '../crypto/node_psha1.ts';

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

import { readDerivedKeyToken, buildDerivedKeyToken } from '../../src/engine/sc/derived_key_token.ts';
import { newDocument, serializeXml } from '../../src/engine/xml/index.ts';
import { parseXml } from '../../src/engine/xml/parse.ts';
import type { Element } from '@xmldom/xmldom';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const dktElement = (edit: (x: string) => string = (x) => x) => {
  const spec = buildDerivedKeyToken({ version: '1.3', id: 'DK-1', nonce: new Uint8Array(16).fill(7), length: 32, reference: { ns: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd', name: 'wsse:SecurityTokenReference', xmlns: { wsse: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd' } } });
  return parseXml(edit(serializeXml(newDocument(spec)))).documentElement as Element;
};

describe('DerivedKeyToken: bad input is a failed check naming expected and found', () => {
  it('reads a well-formed token', () => {
    const { dkt, checks } = readDerivedKeyToken(dktElement());
    expect(checks).toEqual([]);
    expect(dkt?.input).toMatchObject({ length: 32, offset: 0, label: 'WS-SecureConversationWS-SecureConversation' });
  });
  const cases: Array<[string, (x: string) => string, string, string]> = [
    ['a missing Nonce', (x) => x.replace(/<wsc:Nonce>[^<]*<\/wsc:Nonce>/, ''), 'DKT_NONCE_MISSING', 'found none'],
    ['a Nonce that is not base64', (x) => x.replace(/(<wsc:Nonce>)[^<]*/, '$1%%%'), 'DKT_NONCE_NOT_BASE64', '%'],
    ['Offset and Generation together', (x) => x.replace('<wsc:Length>', '<wsc:Generation>1</wsc:Generation><wsc:Offset>0</wsc:Offset><wsc:Length>'), 'DKT_OFFSET_AND_GENERATION', 'found both'],
    ['a Length beyond P_SHA1', (x) => x.replace('<wsc:Length>32', '<wsc:Length>99999999'), 'DKT_BAD_LENGTH', 'Length 99999999'],
  ];
  for (const [name, edit, code, found] of cases) {
    it(name, () => {
      const { dkt, checks } = readDerivedKeyToken(dktElement(edit));
      expect(dkt).toBeNull();
      expect(checks[0]?.code).toBe(code);
      expect(checks[0]?.message).toContain(found);
    });
  }
  it('the dkt command prints the mono vector (VECTORS.md #1)', () => {
    const r = spawnSync(join(process.cwd(), 'node_modules/.bin/tsx'), ['src/cli/main.ts', 'dkt', '--secret', 'eX2EeE969RCv/5Lx8OIGLHtJrSD5PzVzO3tTy9JxU58=', '--nonce', Buffer.alloc(256).toString('base64'), '--length', '32'], { encoding: 'utf8' });
    expect(r.stdout).toBe('50UfLeg58TbfADujVeafUAS8typGX9LvqLOXezK/eJY=\n');
  });
});
