// Reading test/fixtures/pki (written by scripts/make-pki.ts) and OpenSSL's recorded views of it.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PKI_DIR = fileURLToPath(new URL('../fixtures/pki/', import.meta.url));
export const NAMES = ['ca', 'client', 'sts', 'service', 'itm', 'ptm'] as const;
export const LEAVES = NAMES.filter((n) => n !== 'ca');

export function fixtureText(name: string): string {
  return readFileSync(join(PKI_DIR, name), 'utf8');
}

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(PKI_DIR, name)));
}

export interface OpensslX509View {
  serial: string;
  subject: string;
  issuer: string;
  /** The SHA-1 fingerprint as base64 of its bytes. */
  sha1Base64: string;
  /** The SKI extension as base64 of its bytes, when printed. */
  skiBase64?: string;
  subjectAltNames: string[];
  ca: boolean;
}

/** Colon-separated hex (OpenSSL's fingerprint and extension style) to base64. */
export function colonHexToBase64(text: string): string {
  return Buffer.from(text.trim().replace(/:/g, ''), 'hex').toString('base64');
}

/** Parses `openssl x509 -noout -serial -subject -issuer -fingerprint -sha1 -nameopt RFC2253 -ext …` output. */
export function parseOpensslX509(text: string): OpensslX509View {
  const line = (prefix: string): string => {
    const l = text.split('\n').find((x) => x.startsWith(prefix));
    if (l === undefined) throw new Error(`no "${prefix}" line in openssl output`);
    return l.slice(prefix.length).trim();
  };
  const after = (heading: string): string | undefined => {
    const lines = text.split('\n');
    const i = lines.findIndex((l) => l.startsWith(heading));
    return i < 0 ? undefined : lines[i + 1]?.trim();
  };
  const ski = after('X509v3 Subject Key Identifier');
  const san = after('X509v3 Subject Alternative Name');
  const view: OpensslX509View = {
    serial: line('serial='),
    subject: line('subject='),
    issuer: line('issuer='),
    sha1Base64: colonHexToBase64(line('sha1 Fingerprint=')),
    subjectAltNames: san ? san.split(',').map((s) => s.trim()) : [],
    ca: after('X509v3 Basic Constraints') === 'CA:TRUE',
  };
  if (ski) view.skiBase64 = colonHexToBase64(ski);
  return view;
}
