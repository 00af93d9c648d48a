// Runs the known-answer vector suite (test/vectors/*.json) in Node: one test per vector, with the
// expected and computed values in the failure message. The e2e self-test page runs the same suite
// in Chromium.

import { describe, expect, it } from 'vitest';
import { runVector, runVectorSuite, VECTOR_FILES, type Vector } from './vectors/run_vectors.ts';

const results = await runVectorSuite();

describe('vector suite', () => {
  it('covers every file and every kind the runner knows', () => {
    const files = new Set(results.map((r) => r.file));
    expect([...files].sort()).toEqual(VECTOR_FILES.map((f) => f.file).sort());
    const kinds = new Set(results.map((r) => r.kind));
    for (const kind of ['base64', 'base16', 'sha', 'hmac', 'psha1', 'ck-psha1', 'chacha20', 'ut-digest', 'ut-key']) {
      expect(kinds.has(kind), `no vector of kind ${kind}`).toBe(true);
    }
  });

  it('names a source for every vector', () => {
    for (const r of results) expect(r.source.length, `${r.file}: ${r.name}`).toBeGreaterThan(5);
  });

  it('reports a wrong expected value as a failure, not a pass', async () => {
    const tampered: Vector = {
      name: 'tampered', kind: 'hmac', source: 'this test', hash: 'SHA-1',
      key: { utf8: 'Jefe' }, data: { utf8: 'what do ya want for nothing?' },
      expected: { hex: 'effcdf6ae5eb2fa2d27416d5f184df9c259a7c78' },
    };
    const r = await runVector('inline', tampered);
    expect(r.ok).toBe(false);
    expect(r.got).toBe('effcdf6ae5eb2fa2d27416d5f184df9c259a7c79');
  });

  it('reports an unknown kind and bad data as failures', async () => {
    const unknown = await runVector('inline', { name: 'x', kind: 'nope', source: 'this test' });
    expect(unknown).toMatchObject({ ok: false, got: "unknown kind 'nope'" });
    const bad = await runVector('inline', { name: 'y', kind: 'sha', source: 'this test', hash: 'SHA-1' });
    expect(bad).toMatchObject({ ok: false, got: "bad vector data: vector has no 'data' field" });
  });
});

for (const { file } of VECTOR_FILES) {
  describe(file, () => {
    for (const r of results.filter((x) => x.file === file)) {
      it(r.name, () => {
        expect(r.ok, `${r.source}\nexpected ${r.expected}\n     got ${r.got}`).toBe(true);
      });
    }
  });
}
