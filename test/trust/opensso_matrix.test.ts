// Seed 001, table 3-3: the engine's issuance rules reproduce all 28 rows of the OpenSSO STS token
// generation matrix. The expected outputs are the seed's own words (test/fixtures), mapped to
// (confirmation, proof key) by reading the Korean phrases — the rules never see the table.
import { describe, expect, it } from 'vitest';
import matrix from '../fixtures/opensso_matrix_3_3.json' with { type: 'json' };
import { decideIssuance, type IssuanceRequest } from '../../src/engine/trust/issuance_rules.ts';

type Row = (typeof matrix.rows)[number];

function request(row: Row): IssuanceRequest {
  const keyType = ({ Bearer: 'bearer', 대칭: 'symmetric', 비대칭: 'asymmetric', 아니요: null } as Record<string, IssuanceRequest['keyType']>)[row.keyType];
  return {
    binding: row.binding === '비대칭' ? 'asymmetric' : 'transport',
    clientToken: row.clientToken === 'X509' ? 'x509' : 'username',
    keyType: keyType === undefined ? 'sender-vouches' : keyType,
    onBehalfOf: row.onBehalfOf === '예',
    useKey: row.useKey !== '아니요',
  };
}

function expected(output: string): { ok: false } | { ok: true; confirmation: string; proofKey: string } {
  if (output === '오류') return { ok: false };
  const confirmation = output.includes('Bearer') ? 'bearer' : output.includes('sender-vouches') ? 'sender-vouches' : 'holder-of-key';
  const proofKey = output.includes('증명 키 없음') ? 'none' : output.includes('비대칭') ? 'asymmetric' : 'symmetric';
  return { ok: true, confirmation, proofKey };
}

describe('OpenSSO STS token matrix (seed 001, table 3-3)', () => {
  it('has the 28 rows of the seed', () => expect(matrix.rows.map((r) => r.row)).toEqual(Array.from({ length: 28 }, (_, i) => i + 1)));
  for (const row of matrix.rows) {
    it(`row ${row.row}: ${row.binding} / ${row.clientToken} / ${row.keyType} / OnBehalfOf ${row.onBehalfOf} / UseKey ${row.useKey} → ${row.output}`, () => {
      const d = decideIssuance(request(row));
      const want = expected(row.output);
      expect(d.ok).toBe(want.ok);
      if (want.ok) expect({ confirmation: d.confirmation, proofKey: d.proofKey }).toEqual({ confirmation: want.confirmation, proofKey: want.proofKey });
      else expect(d.code).toMatch(/^STS_/);
      expect(d.reasons.length).toBeGreaterThan(0);
    });
  }
});
