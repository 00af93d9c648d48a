// WS-AT mixed binding with xmlsec1 (libxmlsec1 + OpenSSL), wsbench → xmlsec1 (seed 002 R1232): every
// Register of a `wsat` run — App1's (Completion), the PTM's and App2's (Durable2PC) — carries a
// supporting HMAC-SHA1 signature over the wsu:Timestamp made with the SCT's secret STx, and
// `xmlsec1 --verify --hmackey` verifies it given STx from the run's keys.json. Refusals: a random
// key, the other transaction manager's STx, a changed Timestamp, and the wrong-key variant's Register
// (signed with a key that is not STx — which xmlsec1 verifies only under that other key).
//
// xmlsec1 cannot follow the WSS SecurityTokenReference to the SCT; it skips the KeyInfo child it does
// not know and uses the one key it was given, which is exactly the check R1232 asks of the ITM/PTM.

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectSecrets, runToEnd, startRun, type Json, type RunState } from '../../src/engine/index.ts';
import { NS } from '../../src/engine/xml/names.ts';
import { missingPeers } from './available.ts';

const skip = missingPeers('xmlsec1');

interface Run { ok: boolean; out: string; err: string }

function verify(wire: string, key: Uint8Array): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'wsbench-wsat-xmlsec1-'));
  writeFileSync(join(dir, 'k.bin'), key);
  writeFileSync(join(dir, 'in.xml'), wire);
  const args = ['--verify', '--hmackey', join(dir, 'k.bin'), '--id-attr:Id', `${NS.wsu}:Timestamp`, join(dir, 'in.xml')];
  return new Promise((done) => {
    execFile('xmlsec1', args, { encoding: 'utf8', timeout: 30000 }, (error, out, err) => {
      rmSync(dir, { recursive: true, force: true });
      done({ ok: error === null, out, err });
    });
  });
}

const bytes = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));
const sctOf = (wire: string) => /<wsc:Identifier>([^<]+)<\/wsc:Identifier>/.exec(wire)?.[1] ?? '';

function stx(keys: Record<string, Json>, identifier: string): Uint8Array {
  const entry = keys[`STx ${identifier}`] as { secretB64?: string } | undefined;
  if (!entry?.secretB64) throw new Error(`keys.json has no STx for ${identifier}`);
  return bytes(entry.secretB64);
}

const registers = (s: RunState) => s.steps.filter((x) => /^Registration: Register \(/.test(x.label));

describe.skipIf(skip)('xmlsec1 verifies the SCT-signed Registers of the WS-AT mixed binding with STx from keys.json (R1232)', () => {
  for (const v of ['1.0', '1.1']) {
    it(`WS-AT ${v}: Registers 3, 7 and 10 verify with their STx and no other key`, async () => {
      const done = await runToEnd(await startRun('wsat', `${v}-mixed-commit`, { seed: 11 }));
      const keys = collectSecrets(done);
      const regs = registers(done);
      expect(regs.map((r) => r.n)).toEqual([3, 7, 10]);
      const all = Object.keys(keys).filter((k) => k.startsWith('STx ')).map((k) => k.slice(4));
      expect(all.length).toBe(2);
      for (const r of regs) {
        const sct = sctOf(r.delivered!);
        const other = all.find((x) => x !== sct)!;
        const [ok, random, otherTm, tampered] = await Promise.all([
          verify(r.delivered!, stx(keys, sct)),
          verify(r.delivered!, new Uint8Array(32).fill(7)),
          verify(r.delivered!, stx(keys, other)),
          verify(r.delivered!.replace(/(<wsu:Created>[^<]*)\d\d\dZ</, '$1999Z<'), stx(keys, sct)),
        ]);
        expect(ok.ok, `message ${r.n}: ${ok.err}`).toBe(true);
        expect(ok.err).toContain('SignedInfo References (ok/all): 1/1');
        expect(random.ok).toBe(false);
        expect(random.err).toMatch(/data do not match|FAIL/);
        expect(otherTm.ok).toBe(false);
        expect(tampered.ok).toBe(false);
        expect(tampered.err).toContain('SignedInfo References (ok/all): 0/1');
      }
    });
  }

  it('the wrong-key variant\'s Register fails under STx — as the ITM refused it — and verifies only under the key it was signed with', async () => {
    const done = await runToEnd(await startRun('wsat', '1.1-mixed-wrong-key', { seed: 11 }));
    const keys = collectSecrets(done);
    const seven = done.steps.find((s) => s.n === 7)!;
    expect(seven.outcome).toBe('as-expected');
    expect(seven.report!.checks.filter((c) => c.status === 'fail').map((c) => c.code)).toEqual(expect.arrayContaining(['DSIG_SIGNATURE_INVALID', 'WSAT_REGISTER_NOT_AUTHENTICATED']));
    const wrongName = Object.keys(keys).find((k) => k.startsWith('wrong key'))!;
    const [underStx, underWrong] = await Promise.all([
      verify(seven.delivered!, stx(keys, sctOf(seven.delivered!))),
      verify(seven.delivered!, bytes((keys[wrongName] as { secretB64: string }).secretB64)),
    ]);
    expect(underStx.ok).toBe(false);
    expect(underWrong.ok, underWrong.err).toBe(true);
  });
});
