// The wsbench command: results on stdout, diagnostics on stderr, exit 0 / 1 / 2 (DESIGN.md §4).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const TSX = join(process.cwd(), 'node_modules/.bin/tsx');
const wsbench = (...args: string[]) => spawnSync(TSX, ['src/cli/main.ts', ...args], { encoding: 'utf8' });

describe('wsbench command line', () => {
  it('scenarios lists ids, each followed by its variants', () => {
    const r = wsbench('scenarios');
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('usernametoken');
    expect(lines).toContain('  password-digest');
    expect(lines).toContain('  replay');
  });

  it('run --out writes a file per step, trace.json and keys.json, and exits 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsbench-'));
    const r = wsbench('run', 'usernametoken', '--variant', 'replay', '--out', dir, '--seed', '5');
    expect(r.status).toBe(0);
    const files = readdirSync(dir).sort();
    expect(files).toEqual([
      '01-client-service-echo-usernametoken.xml', '02-service-client-echoresponse.xml',
      '03-client-service-replay-of-message-1.xml', '04-service-client-fault.xml', 'keys.json', 'trace.json',
    ]);
    const trace = JSON.parse(readFileSync(join(dir, 'trace.json'), 'utf8'));
    expect(trace.steps.map((s: { outcome: string }) => s.outcome)).toEqual(['as-expected', 'as-expected', 'as-expected', 'as-expected']);
    expect(trace.steps[2].report.checks.find((c: { status: string }) => c.status === 'fail').code).toBe('UT_REPLAYED_NONCE');
    // keys.json lets anyone recompute the digest from the message independently
    const keys = JSON.parse(readFileSync(join(dir, 'keys.json'), 'utf8'));
    const ut = Object.values(keys)[0] as { nonce: string; created: string; password: string; digest: string };
    const recomputed = createHash('sha1').update(Buffer.concat([Buffer.from(ut.nonce, 'base64'), Buffer.from(ut.created), Buffer.from(ut.password)])).digest('base64');
    expect(recomputed).toBe(ut.digest);
    expect(readFileSync(join(dir, files[0]!), 'utf8')).toContain(ut.digest);
  });

  it('psha1, ut-digest and ut-key print base64 on stdout only', () => {
    const d = wsbench('ut-digest', '--nonce', '2FW1CIo2ZUOJmSjVRcJZlQ==', '--created', '2019-02-12T12:34:12.110Z', '--password', 'vM3s1hKVMy6zBOn');
    expect(d.status).toBe(0);
    expect(d.stdout).toBe('wM9xjA92wCw+QcQI1urjZ6B8+LQ=\n'); // VECTORS.md #3 (node-soap tests)
    const p = wsbench('psha1', '--secret', 'iyO21lrrmRDm9cUMC6RZRqAJ16JuRrRLOM7fGR3QHFw=', '--seed', 'zyWv2YzpTqni7xMbZe4EE5EAdtNYZAcrAe5DU5qcZ5M=', '--length', '16');
    expect(p.stdout).toBe('ixTqFuS9mii2fkv1/z3BbQ==\n'); // VECTORS.md #2 (Azure AD IdentityModel)
    const k = wsbench('ut-key', '--password', 'secret', '--salt', 'AQIDBAUGBwgJCgsMDQ4PEA==', '--iterations', '1000');
    let key = createHash('sha1').update(Buffer.concat([Buffer.from('secret'), Buffer.from('AQIDBAUGBwgJCgsMDQ4PEA==', 'base64')])).digest();
    for (let i = 1; i < 1000; i++) key = createHash('sha1').update(key).digest();
    expect(k.stdout).toBe(key.toString('base64') + '\n');
  });

  it('c14n prints the exclusive canonical form of the element with an Id', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsbench-'));
    execFileSync(TSX, ['src/cli/main.ts', 'run', 'usernametoken', '--variant', 'password-digest', '--out', dir]);
    const file = join(dir, '01-client-service-echo-usernametoken.xml');
    const id = /wsu:Id="([^"]+)"/.exec(readFileSync(file, 'utf8'))![1]!;
    const r = wsbench('c14n', file, '--id', id);
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('<wsse:UsernameToken xmlns:wsse=')).toBe(true);
    expect(r.stdout).toContain(`wsu:Id="${id}"`);
  });

  it('exits 2 with a message on stderr for bad usage and unusable input', () => {
    const unknown = wsbench('run', 'nonesuch');
    expect(unknown.status).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('UNKNOWN_SCENARIO');
    const badB64 = wsbench('psha1', '--secret', '***', '--seed', 'AA==', '--length', '4');
    expect(badB64.status).toBe(2);
    expect(badB64.stderr).toContain('BASE64_INVALID');
    const typo = wsbench('run', 'usernametoken', '--varaint', 'x');
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('--varaint');
  });

  it('ut-verify exits 0 for an accepted message and 1, with the failed check, for a tampered one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsbench-'));
    execFileSync(TSX, ['src/cli/main.ts', 'run', 'usernametoken', '--variant', 'password-digest', '--out', dir]);
    const file = join(dir, '01-client-service-echo-usernametoken.xml');
    const ok = wsbench('ut-verify', file, '--user', 'alice', '--password', 'alice-Secret-1', '--now', '2026-01-01T00:00:02Z');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('accepted');
    const bad = wsbench('ut-verify', file, '--user', 'alice', '--password', 'wrong', '--now', '2026-01-01T00:00:02Z', '--json');
    expect(bad.status).toBe(1);
    const report = JSON.parse(bad.stdout);
    expect(report.accepted).toBe(false);
    expect(report.checks.find((c: { status: string }) => c.status === 'fail').code).toBe('UT_DIGEST_MISMATCH');
  });
});

describe('wsbench verify and decrypt (the inspector headless)', () => {
  const P = 'test/fixtures/pki';
  function x509Message(): string {
    const dir = mkdtempSync(join(tmpdir(), 'wsbench-'));
    execFileSync(TSX, ['src/cli/main.ts', 'run', 'x509-mutual', '--variant', 'basic256sha256-sign-encrypt', '--out', dir]);
    return join(dir, '01-client-service-echo-signed-encrypted.xml');
  }

  it('verify exits 0 with the service key and 1, naming the failed reference, after tampering', () => {
    const file = x509Message();
    const ok = wsbench('verify', file, '--cert', `${P}/ca.cert.pem`, '--key', `${P}/service.key.pem`, '--key-cert', `${P}/service.cert.pem`, '--now', '2026-01-01T00:00:02Z', '--json');
    expect(ok.status).toBe(0);
    const report = JSON.parse(ok.stdout);
    expect(report.checks.some((c: { code: string }) => c.code === 'DSIG_SIGNATURE_VALID')).toBe(true);
    const tampered = join(tmpdir(), `tampered-${process.pid}.xml`);
    writeFileSync(tampered, readFileSync(file, 'utf8').replace('http://service.wsbench.example/echo', 'http://evil.example/'));
    const bad = wsbench('verify', tampered, '--key', `${P}/service.key.pem`, '--key-cert', `${P}/service.cert.pem`, '--now', '2026-01-01T00:00:02Z');
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/DSIG_DIGEST_MISMATCH .*Envelope\/Header\/To/);
  });

  it('decrypt prints the decrypted document with the service key alone, and exits 1 with the client key', () => {
    const file = x509Message();
    const ok = wsbench('decrypt', file, '--key', `${P}/service.key.pem`, '--now', '2026-01-01T00:00:02Z');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('<e:Text>Hello from wsbench</e:Text>');
    const wrong = wsbench('decrypt', file, '--key', `${P}/client.key.pem`, '--now', '2026-01-01T00:00:02Z');
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/XENC_/);
  });
});

describe('wsbench sts-matrix and the STS scenarios', () => {
  it('sts-matrix prints the 28 rows of seed 001 table 3-3, every one agreeing, and --json the same as data', () => {
    const r = wsbench('sts-matrix');
    expect(r.status).toBe(0);
    const rows = r.stdout.trimEnd().split('\n').filter((l) => /^\s*\d+ +(asymmetric|transport) /.test(l));
    expect(rows).toHaveLength(28);
    expect(rows.every((l) => l.endsWith('agree'))).toBe(true);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('28 of 28 rows agree with seed 001 table 3-3');
    expect(rows[19]).toMatch(/^20 +asymmetric username asymmetric +no +yes +seed: error +engine: refused STS_USE_KEY_NOT_PROVEN/);
    const j = JSON.parse(wsbench('sts-matrix', '--json').stdout);
    expect(j.rows).toHaveLength(28);
    expect(j.disagree).toBe(0);
    expect(j.rows[8]).toMatchObject({ row: 9, variant: 'row-9', engine: { confirmation: 'holder-of-key', proofKey: 'asymmetric', keySource: 'use-key' }, agrees: true });
  });

  it('run opensso-sts --variant row-5 runs the issuance to the signed response, keys.json holding every key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsbench-'));
    const r = wsbench('run', 'opensso-sts', '--variant', 'row-5', '--out', dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/04 service -> client EchoResponse \(signed\): accepted; expected accept: as-expected/);
    const keys = JSON.parse(readFileSync(join(dir, 'keys.json'), 'utf8'));
    expect(Object.keys(keys)).toEqual(expect.arrayContaining(['client certificate and key', 'sts certificate and key', 'service certificate and key', 'issued proofKey', 'RST dataKey']));
    const saml11 = wsbench('run', 'opensso-sts', '--variant', 'row-12', '--saml', '1.1', '--trust', 'feb2005');
    expect(saml11.status).toBe(0);
    expect(saml11.stdout).toContain('rejected (STS_SENDER_VOUCHES_WITHOUT_SUBJECT); expected reject STS_SENDER_VOUCHES_WITHOUT_SUBJECT: as-expected');
  });

  it('run sts-issue is sts-issuance', () => {
    const r = wsbench('run', 'sts-issue', '--variant', 'saml11-bearer-trust13');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^01 client -> sts RST Issue: accepted/);
  });
});
