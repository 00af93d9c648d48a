// Regenerates the demo PKI fixtures (issue 3 point 5): `npx tsx scripts/make-pki.ts`.
// Writes test/fixtures/pki/ — a PEM certificate and PKCS#8 key per identity, pki.json (all PEMs,
// also copied to src/engine/actors/demo_pki.json for the engine), index.json — and, made with the
// system's OpenSSL, the key in other encodings, PKCS#12 files (OpenSSL 3 default and -legacy) and
// OpenSSL's own view of every certificate, which the tests compare the engine against.
// Serial numbers come from a fixed seed; RSA keys from WebCrypto, so every run gives new keys.

import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_ACTORS, demoPkiToFile, generateDemoPki } from '../src/engine/crypto/demo_pki.ts';
import { seededRandom } from '../src/engine/crypto/random.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'test/fixtures/pki');
const ENGINE_COPY = join(ROOT, 'src/engine/actors/demo_pki.json');
/** Password of every encrypted fixture; the UTF-8 one exercises PBES2's UTF-8 password octets. */
const PASSWORD = 'wsbench-demo';
const UTF8_PASSWORD = 'wsbench-démo-ключ';

/** Runs openssl; returns what it printed (stdout, then stderr, where `pkcs12 -info` writes). */
function openssl(args: string[], cwd = OUT): string {
  const run = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  if (run.error || run.status !== 0) {
    throw new Error(`openssl ${args.join(' ')} failed: ${run.error?.message ?? run.stderr}`);
  }
  return run.stdout + run.stderr;
}

function write(name: string, text: string): void {
  writeFileSync(join(OUT, name), text);
}

/** Other encodings of the client key and its PKCS#12 bundles. */
function keyVariants(): void {
  openssl(['rsa', '-in', 'client.key.pem', '-traditional', '-out', 'client.key.pkcs1.pem']);
  openssl(['rsa', '-in', 'client.key.pem', '-traditional', '-aes128', '-passout', `pass:${PASSWORD}`, '-out', 'client.key.pkcs1-encrypted.pem']);
  openssl(['pkcs8', '-topk8', '-in', 'client.key.pem', '-v2', 'aes-256-cbc', '-passout', `pass:${PASSWORD}`, '-out', 'client.key.encrypted.pem']);
  const bundle = ['pkcs12', '-export', '-in', 'client.cert.pem', '-inkey', 'client.key.pem', '-certfile', 'ca.cert.pem', '-name', 'client'];
  openssl([...bundle, '-passout', `pass:${PASSWORD}`, '-out', 'client.p12']);
  openssl([...bundle, '-legacy', '-passout', `pass:${PASSWORD}`, '-out', 'client.legacy.p12']);
  openssl([...bundle, '-passout', `pass:${UTF8_PASSWORD}`, '-out', 'client.utf8-password.p12']);
  openssl([...bundle, '-legacy', '-passout', `pass:${UTF8_PASSWORD}`, '-out', 'client.utf8-password.legacy.p12']);
  openssl(['pkcs12', '-export', '-nokeys', '-in', 'ca.cert.pem', '-passout', `pass:${PASSWORD}`, '-out', 'ca-only.p12']);
  openssl(['crl2pkcs7', '-nocrl', '-certfile', 'client.cert.pem', '-certfile', 'ca.cert.pem', '-outform', 'DER', '-out', 'client-chain.p7b']);
}

/** A certificate without the SKI extension, and OpenSSL's own SKI (method 1) for the same key. */
function noSkiCertificate(): void {
  const req = ['req', '-x509', '-new', '-key', 'client.key.pem', '-days', '3650', '-set_serial', '4096'];
  openssl([...req, '-subj', '/CN=noski.wsbench.example', '-addext', 'subjectKeyIdentifier=none', '-addext', 'authorityKeyIdentifier=none', '-out', 'noski.cert.pem']);
  openssl([...req, '-subj', '/CN=hash.wsbench.example', '-addext', 'subjectKeyIdentifier=hash', '-out', 'hash-ski.tmp.pem']);
  write('openssl/client-key.ski-hash.txt', openssl(['x509', '-in', 'hash-ski.tmp.pem', '-noout', '-ext', 'subjectKeyIdentifier']));
  rmSync(join(OUT, 'hash-ski.tmp.pem'));
}

/** OpenSSL's own reading of each certificate, the chain and the PKCS#12 algorithms. */
function opensslViews(): void {
  mkdirSync(join(OUT, 'openssl'), { recursive: true });
  for (const { name } of DEMO_ACTORS) {
    const text = openssl(['x509', '-in', `${name}.cert.pem`, '-noout', '-serial', '-subject', '-issuer', '-fingerprint', '-sha1',
      '-nameopt', 'RFC2253', '-ext', 'subjectKeyIdentifier,subjectAltName,basicConstraints']);
    write(`openssl/${name}.x509.txt`, text);
  }
  const leaves = DEMO_ACTORS.filter((a) => !a.isCA).map((a) => `${a.name}.cert.pem`);
  write('openssl/verify.txt', openssl(['verify', '-CAfile', 'ca.cert.pem', ...leaves]));
  for (const [file, extra] of [['client.p12', []], ['client.legacy.p12', ['-legacy']]] as const) {
    write(`openssl/${file}.info.txt`, openssl(['pkcs12', '-in', file, '-info', '-noout', '-passin', `pass:${PASSWORD}`, ...extra]));
  }
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const pki = await generateDemoPki(seededRandom('wsbench demo PKI v1'));
  const file = demoPkiToFile(pki);
  const index: Record<string, unknown> = {};
  for (const { name } of DEMO_ACTORS) {
    const id = file.identities[name];
    write(`${name}.cert.pem`, id.certPem);
    write(`${name}.key.pem`, id.keyPem);
    index[name] = {
      files: { cert: `${name}.cert.pem`, key: `${name}.key.pem` },
      subject: id.subject, issuer: id.issuer, serialHex: id.serialHex, serialDecimal: id.serialDecimal,
      ski: id.ski, thumbprintSha1: id.thumbprintSha1, dnsNames: id.dnsNames,
    };
  }
  index.extras = {
    password: PASSWORD, utf8Password: UTF8_PASSWORD,
    'client.key.pkcs1.pem': 'client key as PKCS#1 "RSA PRIVATE KEY"',
    'client.key.pkcs1-encrypted.pem': 'client key as PKCS#1, AES-128-CBC (Proc-Type: 4,ENCRYPTED)',
    'client.key.encrypted.pem': 'client key as PKCS#8 "ENCRYPTED PRIVATE KEY" (PBES2, AES-256-CBC)',
    'client.p12': 'client key, cert and CA cert, OpenSSL 3 defaults (PBES2/PBKDF2/AES-256-CBC, HMAC-SHA256 MAC)',
    'client.legacy.p12': 'the same with -legacy (3DES key bag, RC2-40 cert bag, HMAC-SHA1 MAC)',
    'client.utf8-password.p12': 'OpenSSL 3 defaults with the non-ASCII utf8Password',
    'client.utf8-password.legacy.p12': '-legacy with the non-ASCII utf8Password',
    'ca-only.p12': 'a PKCS#12 with the CA certificate and no key',
    'client-chain.p7b': 'PKCS#7 (DER) bundle of the client and CA certificates',
    'noski.cert.pem': 'self-signed certificate for the client key without a SubjectKeyIdentifier extension',
    'openssl/client-key.ski-hash.txt': "OpenSSL's subjectKeyIdentifier=hash (RFC 5280 method 1) for the client key",
  };
  const json = `${JSON.stringify(file, null, 2)}\n`;
  write('pki.json', json);
  writeFileSync(ENGINE_COPY, json);
  write('index.json', `${JSON.stringify(index, null, 2)}\n`);
  keyVariants();
  noSkiCertificate();
  opensslViews();
  process.stdout.write(`wrote ${OUT} and ${ENGINE_COPY}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
