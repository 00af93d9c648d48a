// Seed 001, table 3-3: the engine's issuance rules reproduce all 28 rows of the OpenSSO STS token
// generation matrix. The expected outputs are the seed's own words (src/engine/trust/
// opensso_matrix_3_3.json, transcribed verbatim); the rules never see the table.
import { describe, expect, it } from 'vitest';
import { matrixRows } from '../../src/engine/trust/opensso_matrix.ts';

describe('OpenSSO STS token matrix (seed 001, table 3-3)', () => {
  const rows = matrixRows();
  it('has the 28 rows of the seed', () => expect(rows.map((r) => r.row)).toEqual(Array.from({ length: 28 }, (_, i) => i + 1)));
  for (const r of rows) {
    it(`row ${r.row}: ${r.seed.binding} / ${r.seed.clientToken} / ${r.seed.keyType} / OnBehalfOf ${r.seed.onBehalfOf} / UseKey ${r.seed.useKey} → ${r.seed.output}`, () => {
      expect(r.decision.ok).toBe(r.expected.ok);
      if (r.expected.ok) expect({ confirmation: r.decision.confirmation, proofKey: r.decision.proofKey }).toEqual({ confirmation: r.expected.confirmation, proofKey: r.expected.proofKey });
      else expect(r.decision.code).toMatch(/^STS_/);
      expect(r.agrees).toBe(true);
      expect(r.decision.reasons.length).toBeGreaterThan(0);
    });
  }
});
