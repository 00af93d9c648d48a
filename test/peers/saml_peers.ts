// Harnesses for the SAML assertion peers: `samlsign` (opensaml-tools: OpenSAML 3 / xmltooling /
// Santuario C++) and `xmlsec1` (libxmlsec1 + OpenSSL), each run on a temporary file with the demo
// PKI's PEM files.
//
// samlsign finds the assertion's Id through OpenSAML's object model (unmarshalling the SAML 1.1 or
// 2.0 Assertion registers AssertionID/ID), so it needs no schema to verify. Its -V option also
// validates against the SAML schemas; that needs the Debian packages opensaml-schemas and
// xmltooling-schemas and OPENSAML_SCHEMAS naming their catalogs, colon-separated (samlsign reads no
// XMLTOOLING_SCHEMAS, so the xmltooling catalog, with the ds and xenc schemas, goes in the same list).
// xmlsec1 knows no SAML, so the Id attribute is registered with --id-attr.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NS } from '../../src/engine/xml/names.ts';
import { REQUIRE_PEERS } from './available.ts';

export const PKI_DIR = fileURLToPath(new URL('../fixtures/pki', import.meta.url));
export const pem = (name: 'ca' | 'client' | 'sts' | 'service', kind: 'cert' | 'key'): string => join(PKI_DIR, `${name}.${kind}.pem`);

const CATALOGS = ['/usr/share/xml/xmltooling/catalog.xml', '/usr/share/xml/opensaml/saml20-catalog.xml', '/usr/share/xml/opensaml/saml11-catalog.xml'];

/** Why samlsign -V cannot run here (null when it can); throws under REQUIRE_PEERS=1. */
export function missingSamlSchemas(): string | null {
  const missing = CATALOGS.filter((c) => !existsSync(c));
  if (missing.length === 0) return null;
  const reason = `SAML schemas not installed (${missing.join(', ')}): apt-get install opensaml-schemas xmltooling-schemas`;
  if (REQUIRE_PEERS) throw new Error(`REQUIRE_PEERS=1 but ${reason}`);
  console.warn(`[skip] ${reason}`);
  return reason;
}

export interface PeerRun { ok: boolean; out: string; err: string }

function run(cmd: string, args: (dir: string) => string[], input: string, env: Record<string, string> = {}): PeerRun {
  const dir = mkdtempSync(join(tmpdir(), 'wsbench-saml-'));
  try {
    writeFileSync(join(dir, 'in.xml'), input);
    const r = spawnSync(cmd, args(join(dir, 'in.xml')), { encoding: 'utf8', timeout: 30000, env: { ...process.env, ...env } });
    return { ok: r.status === 0, out: r.stdout ?? '', err: `${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `samlsign -c cert -f file [-V]`: verify the root assertion's signature with one certificate. */
export function samlsignVerify(xml: string, cert: string, opts: { validate?: boolean } = {}): PeerRun {
  const env: Record<string, string> = opts.validate ? { OPENSAML_SCHEMAS: CATALOGS.join(':') } : {};
  return run('samlsign', (file) => ['-c', cert, '-f', file, ...(opts.validate ? ['-V'] : [])], xml, env);
}

/** `samlsign -s -k key -c cert -f file [-alg …] [-dig …]`: the signed assertion, or a thrown error. */
export function samlsignSign(xml: string, who: 'sts' | 'client', opts: { alg?: string; dig?: string } = {}): string {
  const extra = [...(opts.alg ? ['-alg', opts.alg] : []), ...(opts.dig ? ['-dig', opts.dig] : [])];
  const r = run('samlsign', (file) => ['-s', '-k', pem(who, 'key'), '-c', pem(who, 'cert'), '-f', file, ...extra], xml);
  if (!r.ok) throw new Error(`samlsign -s failed: ${r.err}`);
  return r.out;
}

/** The --id-attr option that tells xmlsec1 the Id attribute of each SAML version's Assertion. */
export function xmlsec1IdAttr(version: '1.1' | '2.0'): string[] {
  return version === '1.1' ? ['--id-attr:AssertionID', `${NS.saml11}:Assertion`] : ['--id-attr:ID', `${NS.saml2}:Assertion`];
}

/**
 * `xmlsec1 --verify`: with `trusted` the key comes from the certificate in ds:KeyInfo, verified
 * against that CA; with `cert` it is that certificate's key.
 */
export function xmlsec1VerifySaml(xml: string, version: '1.1' | '2.0', key: { trusted: string } | { cert: string }): PeerRun {
  const keyArgs = 'trusted' in key ? ['--trusted-pem', key.trusted] : ['--pubkey-cert-pem', key.cert];
  return run('xmlsec1', (file) => ['--verify', ...xmlsec1IdAttr(version), ...keyArgs, file], xml);
}
