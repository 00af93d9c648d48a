// The demo PKI (issue 3 point 5): one CA and an RSA-2048 certificate with private key for each
// actor kind — client, STS, service, and the two WS-AtomicTransaction transaction managers, whose
// subject CN is their FQDN with a matching dNSName (seed 002, R1111). SHA-256 signatures, SKI and
// AKI extensions, ten years from a fixed date. The committed fixtures (scripts/make-pki.ts) and the
// UI's "generate a fresh PKI" button share this code and the DemoPkiFile JSON shape.

import { DecodingError } from '../report/errors.ts';
import { toHex } from './encoding.ts';
import { generateRsaKeyPair, importPrivateKeyPem, keysMatch, privateKeyToPem, type RsaPrivateKey } from './keys.ts';
import { systemRandom, type RandomSource } from './random.ts';
import { createCertificate, parseCertificate, type CertInfo } from './x509.ts';

export type DemoActorName = 'ca' | 'client' | 'sts' | 'service' | 'itm' | 'ptm';

export interface DemoActorSpec {
  name: DemoActorName;
  subject: string;
  role: string;
  isCA: boolean;
  dnsNames: string[];
}

export const DEMO_ACTORS: readonly DemoActorSpec[] = [
  { name: 'ca', subject: 'CN=wsbench Demo CA', role: 'certification authority that issues every demo certificate', isCA: true, dnsNames: [] },
  { name: 'client', subject: 'CN=client.wsbench.example', role: 'client (initiator, requestor)', isCA: false, dnsNames: [] },
  { name: 'sts', subject: 'CN=sts.wsbench.example', role: 'Security Token Service', isCA: false, dnsNames: [] },
  { name: 'service', subject: 'CN=service.wsbench.example', role: 'service (recipient)', isCA: false, dnsNames: [] },
  { name: 'itm', subject: 'CN=itm.wsbench.example', role: 'initiator transaction manager (WS-AT, R1111: subject is its FQDN)', isCA: false, dnsNames: ['itm.wsbench.example'] },
  { name: 'ptm', subject: 'CN=ptm.wsbench.example', role: 'participant transaction manager (WS-AT, R1111: subject is its FQDN)', isCA: false, dnsNames: ['ptm.wsbench.example'] },
];

/** Fixed validity so scenario clocks and fixtures agree: 2025-01-01 for ten years. */
export const DEMO_NOT_BEFORE = '2025-01-01T00:00:00Z';
export const DEMO_NOT_AFTER = '2035-01-01T00:00:00Z';

export interface DemoIdentity {
  name: DemoActorName;
  role: string;
  cert: CertInfo;
  key: RsaPrivateKey;
  /** PKCS#8 PEM of `key`. */
  keyPem: string;
}

export type DemoPki = Record<DemoActorName, DemoIdentity>;

/** One identity as stored in pki.json: PEMs plus the fields people look up. */
export interface DemoPkiFileEntry {
  role: string;
  subject: string;
  issuer: string;
  serialHex: string;
  serialDecimal: string;
  ski: string;
  thumbprintSha1: string;
  dnsNames: string[];
  certPem: string;
  keyPem: string;
}

/** The JSON shape of test/fixtures/pki/pki.json and src/engine/actors/demo_pki.json. */
export interface DemoPkiFile {
  version: number;
  description: string;
  notBefore: string;
  notAfter: string;
  identities: Record<DemoActorName, DemoPkiFileEntry>;
}

/** A positive 16-byte serial (RFC 5280 §4.1.2.2: at most 20 octets, positive). */
function randomSerial(random: RandomSource): string {
  const b = random.bytes(16);
  b[0] = (b[0]! & 0x3f) | 0x40;
  return toHex(b);
}

export interface DemoPkiOptions {
  notBefore?: string;
  notAfter?: string;
  /** RSA modulus size; 2048 unless a test wants speed. */
  bits?: number;
}

/**
 * Generates the whole demo PKI. `random` supplies the serial numbers; the RSA keys come from
 * WebCrypto, which cannot be seeded, so two runs never give the same keys.
 */
export async function generateDemoPki(random: RandomSource = systemRandom(), options: DemoPkiOptions = {}): Promise<DemoPki> {
  const notBefore = options.notBefore ?? DEMO_NOT_BEFORE;
  const notAfter = options.notAfter ?? DEMO_NOT_AFTER;
  const out: Partial<DemoPki> = {};
  let ca: DemoIdentity | undefined;
  for (const spec of DEMO_ACTORS) {
    const pair = await generateRsaKeyPair(options.bits ?? 2048);
    const cert = await createCertificate({
      subject: spec.subject, publicKey: pair.publicKey, privateKey: pair.privateKey,
      ...(ca ? { issuer: { cert: ca.cert, key: ca.key } } : {}),
      serial: randomSerial(random), notBefore, notAfter, isCA: spec.isCA, dnsNames: spec.dnsNames, hash: 'SHA-256',
    });
    const identity: DemoIdentity = { name: spec.name, role: spec.role, cert, key: pair.privateKey, keyPem: privateKeyToPem(pair.privateKey) };
    if (spec.isCA) ca = identity;
    out[spec.name] = identity;
  }
  return out as DemoPki; // every DEMO_ACTORS name was filled in the loop above
}

/** The JSON form of a demo PKI (PEMs and lookup fields). */
export function demoPkiToFile(pki: DemoPki): DemoPkiFile {
  const identities = {} as Record<DemoActorName, DemoPkiFileEntry>; // filled for every name below
  for (const spec of DEMO_ACTORS) {
    const { cert, keyPem, role } = pki[spec.name];
    identities[spec.name] = {
      role, subject: cert.subject, issuer: cert.issuer, serialHex: cert.serialHex, serialDecimal: cert.serialDecimal,
      ski: cert.ski, thumbprintSha1: cert.thumbprintSha1, dnsNames: cert.subjectAltNames.filter((n) => n.startsWith('DNS:')).map((n) => n.slice(4)),
      certPem: cert.pem, keyPem,
    };
  }
  const ca = pki.ca.cert;
  return { version: 1, description: 'wsbench demo PKI: a CA and one certificate with private key per actor kind', notBefore: ca.notBefore, notAfter: ca.notAfter, identities };
}

function invalidFile(found: string): DecodingError {
  return new DecodingError('DEMO_PKI_INVALID', `Expected a demo PKI file (version 1 with identities ${DEMO_ACTORS.map((a) => a.name).join(', ')}); found ${found}`);
}

function entryOf(file: unknown, name: DemoActorName): DemoPkiFileEntry {
  const identities = (file as { identities?: Record<string, unknown> }).identities;
  const entry = identities?.[name] as Partial<DemoPkiFileEntry> | undefined;
  if (!entry || typeof entry.certPem !== 'string' || typeof entry.keyPem !== 'string') {
    throw invalidFile(`no certPem/keyPem for "${name}"`);
  }
  return entry as DemoPkiFileEntry;
}

/** Reads a DemoPkiFile (e.g. the JSON the fixtures script wrote), checking each key matches its certificate. */
export async function loadDemoPki(file: unknown): Promise<DemoPki> {
  if (typeof file !== 'object' || file === null || (file as { version?: unknown }).version !== 1) {
    throw invalidFile(typeof file === 'object' && file !== null ? `version ${String((file as { version?: unknown }).version)}` : typeof file);
  }
  const out: Partial<DemoPki> = {};
  for (const spec of DEMO_ACTORS) {
    const entry = entryOf(file, spec.name);
    const cert = await parseCertificate(entry.certPem);
    const key = importPrivateKeyPem(entry.keyPem);
    if (!keysMatch(key, { kind: 'rsa-public', spki: cert.spki })) throw invalidFile(`a key for "${spec.name}" that does not match its certificate`);
    out[spec.name] = { name: spec.name, role: entry.role ?? spec.role, cert, key, keyPem: entry.keyPem };
  }
  return out as DemoPki; // every DEMO_ACTORS name was filled in the loop above
}
