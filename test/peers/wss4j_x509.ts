// X.509 signing and encryption through the Java peer (test/peers/java/WssPeer.java, commands
// x509-secure and x509-verify): Apache WSS4J 1.6's WSSecSignature / WSSecEncrypt builders and its
// WSSecurityEngine, with keys from the demo PKI (test/fixtures/pki/) put into an in-memory Merlin.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Inspection, KeyMaterial } from '../../src/engine/index.ts';
import { JavaPeerError, type JavaPeerRequest } from './java_peer.ts';

const PKI = fileURLToPath(new URL('../fixtures/pki/', import.meta.url));

/** Paths of the demo PKI files the Java peer reads. */
export const PKI_FILES = {
  caCert: join(PKI, 'ca.cert.pem'),
  clientKey: join(PKI, 'client.key.pem'),
  clientCert: join(PKI, 'client.cert.pem'),
  serviceKey: join(PKI, 'service.key.pem'),
  serviceCert: join(PKI, 'service.cert.pem'),
  stsKey: join(PKI, 'sts.key.pem'),
  stsCert: join(PKI, 'sts.cert.pem'),
} as const;

export type Wss4jSig = 'rsa-sha1' | 'rsa-sha256';
export type Wss4jDigest = 'sha1' | 'sha256';
export type Wss4jEnc = 'aes128-cbc' | 'aes192-cbc' | 'aes256-cbc' | 'tripledes-cbc' | 'aes128-gcm' | 'aes192-gcm' | 'aes256-gcm';
export type Wss4jKeyWrap = 'rsa-oaep-mgf1p' | 'rsa-1_5';
export type Wss4jKeyId = 'direct' | 'thumbprint' | 'ski' | 'issuer-serial';
export type Wss4jOrder = 'sign-encrypt' | 'encrypt-sign';

/** The algorithm URIs behind the peer's short names. */
export const WSS4J_URI = {
  'rsa-sha1': 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
  'rsa-sha256': 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  sha1: 'http://www.w3.org/2000/09/xmldsig#sha1',
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  'aes128-cbc': 'http://www.w3.org/2001/04/xmlenc#aes128-cbc',
  'aes192-cbc': 'http://www.w3.org/2001/04/xmlenc#aes192-cbc',
  'aes256-cbc': 'http://www.w3.org/2001/04/xmlenc#aes256-cbc',
  'tripledes-cbc': 'http://www.w3.org/2001/04/xmlenc#tripledes-cbc',
  'aes128-gcm': 'http://www.w3.org/2009/xmlenc11#aes128-gcm',
  'aes192-gcm': 'http://www.w3.org/2009/xmlenc11#aes192-gcm',
  'aes256-gcm': 'http://www.w3.org/2009/xmlenc11#aes256-gcm',
  'rsa-oaep-mgf1p': 'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p',
  'rsa-1_5': 'http://www.w3.org/2001/04/xmlenc#rsa-1_5',
} as const;

export interface Wss4jSecureOptions {
  /** The SOAP envelope to secure; WSS4J's built-in one ("hello from wss4j") when absent. */
  envelope?: string;
  soap12?: boolean;
  /** Signer (default: client) and recipient (default: service). */
  keyPem?: string;
  certPem?: string;
  recipientCertPem?: string;
  sig?: Wss4jSig;
  digest?: Wss4jDigest;
  enc?: Wss4jEnc;
  keywrap?: Wss4jKeyWrap;
  /** How the EncryptedKey names the recipient's certificate. */
  keyId?: Wss4jKeyId;
  /** How the Signature names the signer's certificate (default: a BST, direct reference). */
  sigKeyId?: Wss4jKeyId;
  order?: Wss4jOrder;
  timestamp?: boolean;
  encryptSignature?: boolean;
  signWsa?: boolean;
  noSign?: boolean;
  noEncrypt?: boolean;
}

/** A request for `x509-secure`. */
export function x509SecureRequest(o: Wss4jSecureOptions): JavaPeerRequest {
  const args = ['x509-secure', o.envelope === undefined ? 'default' : '-'];
  args.push('--key', o.keyPem ?? PKI_FILES.clientKey, '--cert', o.certPem ?? PKI_FILES.clientCert);
  args.push('--recipient', o.recipientCertPem ?? PKI_FILES.serviceCert);
  if (o.sig) args.push('--sig', o.sig);
  if (o.digest) args.push('--digest', o.digest);
  if (o.enc) args.push('--enc', o.enc);
  if (o.keywrap) args.push('--keywrap', o.keywrap);
  if (o.keyId) args.push('--key-id', o.keyId);
  if (o.sigKeyId) args.push('--sig-key-id', o.sigKeyId);
  if (o.order) args.push('--order', o.order);
  if (o.timestamp) args.push('--timestamp');
  if (o.encryptSignature) args.push('--encrypt-signature');
  if (o.signWsa) args.push('--sign-wsa');
  if (o.noSign) args.push('--no-sign');
  if (o.noEncrypt) args.push('--no-encrypt');
  if (o.soap12) args.push('--soap12');
  return o.envelope === undefined ? { args } : { args, stdin: o.envelope };
}

export interface Wss4jSecured {
  xml: string;
  signed: string[];
  signatureId: string | null;
  bstId: string | null;
  encryptedKeyId: string | null;
  algorithms: { signature: string | null; digest: string | null; data: string | null; keyTransport: string | null };
  order: Wss4jOrder;
}

export function asSecured(v: unknown): Wss4jSecured {
  if (!v || typeof v !== 'object' || typeof (v as { xml?: unknown }).xml !== 'string') {
    throw new JavaPeerError(`unexpected x509-secure answer: ${JSON.stringify(v)}`);
  }
  return v as Wss4jSecured;
}

export interface Wss4jX509VerifyOptions {
  /** The receiver's key and certificate (decryption); default: the service's. */
  keyPem?: string;
  certPem?: string;
  /** Trust anchors; default: the demo CA. An empty list trusts nothing. */
  trust?: string[];
  noBsp?: boolean;
  actor?: string;
}

/** A request for `x509-verify` of `xml`. */
export function x509VerifyRequest(xml: string, o: Wss4jX509VerifyOptions = {}): JavaPeerRequest {
  const args = ['x509-verify', '-', '--key', o.keyPem ?? PKI_FILES.serviceKey, '--cert', o.certPem ?? PKI_FILES.serviceCert];
  const trust = o.trust ?? [PKI_FILES.caCert];
  if (trust.length > 2) throw new Error('x509-verify takes at most two trust anchors (--ca, --trust)');
  if (trust[0]) args.push('--ca', trust[0]);
  if (trust[1]) args.push('--trust', trust[1]);
  if (o.noBsp) args.push('--no-bsp');
  if (o.actor) args.push('--actor', o.actor);
  return { args, stdin: xml };
}

export interface Wss4jX509Verdict {
  ok: boolean;
  /** Actions in processing order: Timestamp, Encrypt, BinarySecurityToken, Signature, … */
  actions: string[];
  /** Clark names `{ns}local` of what the signatures covered. */
  signedElements: string[];
  /** Clark names of what was decrypted; `#content` marks Type Content. */
  decryptedElements: string[];
  signatureMethods: string[];
  digestMethods: string[];
  keyTransports: string[];
  dataAlgorithms: string[];
  signerSubject: string | null;
  /** The soap:Body after WSS4J's processing (decrypted in place). */
  decryptedBody: string | null;
  document: string;
  error?: string;
  errorCode?: string;
}

export function asX509Verdict(v: unknown): Wss4jX509Verdict {
  if (!v || typeof v !== 'object' || typeof (v as { ok?: unknown }).ok !== 'boolean') {
    throw new JavaPeerError(`unexpected x509-verify answer: ${JSON.stringify(v)}`);
  }
  return v as Wss4jX509Verdict;
}

/** `{ns}local` of an element name. */
export const clark = (ns: string, local: string): string => `{${ns}}${local}`;

/** A one-line account of a verdict for assertion messages. */
export function describeVerdict(v: Wss4jX509Verdict): string {
  return v.ok
    ? `ok: ${v.actions.join(', ')}; signed ${v.signedElements.join(' ')}; decrypted ${v.decryptedElements.join(' ')}`
    : `refused: ${v.errorCode ?? ''} ${v.error ?? ''}`;
}

export interface Wss4jCase {
  name: string;
  o: Wss4jSecureOptions;
}

/** BSP 1.1 R5620 lists tripledes-cbc, aes128-cbc and aes256-cbc; WSS4J 1.6 in BSP mode adds the GCM ones. */
export const bspAllowsData = (enc: Wss4jEnc | undefined): boolean => !enc?.startsWith('aes192');

/**
 * What WSS4J's x509-verify needs to accept a message secured with `o`: the signer's certificate in
 * its store when the Signature does not carry it in a BST, and BSP mode off for aes192.
 */
export function verifyOptionsFor(o: Pick<Wss4jSecureOptions, 'enc' | 'sigKeyId'>): Wss4jX509VerifyOptions {
  return {
    ...(o.sigKeyId && o.sigKeyId !== 'direct' ? { trust: [PKI_FILES.caCert, PKI_FILES.clientCert] } : {}),
    ...(bspAllowsData(o.enc) ? {} : { noBsp: true }),
  };
}

const ENCS: Wss4jEnc[] = ['aes128-cbc', 'aes192-cbc', 'aes256-cbc', 'tripledes-cbc', 'aes128-gcm', 'aes192-gcm', 'aes256-gcm'];
const WRAPS: Wss4jKeyWrap[] = ['rsa-oaep-mgf1p', 'rsa-1_5'];
const KEY_IDS: Wss4jKeyId[] = ['issuer-serial', 'thumbprint', 'ski', 'direct'];
const ORDERS: Wss4jOrder[] = ['sign-encrypt', 'encrypt-sign'];
const SIG_DIGESTS: [Wss4jSig, Wss4jDigest][] = [['rsa-sha1', 'sha1'], ['rsa-sha256', 'sha256'], ['rsa-sha1', 'sha256']];

export const caseName = (o: Wss4jSecureOptions): string =>
  [
    o.enc ?? 'aes256-cbc',
    o.keywrap ?? 'rsa-oaep-mgf1p',
    `${o.sig ?? 'rsa-sha1'}+${o.digest ?? 'sha1'}`,
    `EK ${o.keyId ?? 'issuer-serial'}`,
    ...(o.sigKeyId && o.sigKeyId !== 'direct' ? [`sig ${o.sigKeyId}`] : []),
    o.order ?? 'sign-encrypt',
    ...(o.encryptSignature ? ['encrypted Signature'] : []),
    ...(o.soap12 ? ['SOAP 1.2'] : []),
  ].join(' / ');

/**
 * The algorithm combinations WSS4J produces for the peer → wsbench cells: every data algorithm ×
 * key transport, with the signature/digest pair, the EncryptedKey's certificate reference and the
 * order rotating so each reference form meets each order; then the signature's own reference forms,
 * an encrypted Signature and SOAP 1.2.
 */
export function wss4jCases(): Wss4jCase[] {
  const out: Wss4jSecureOptions[] = [];
  let i = 0;
  for (const enc of ENCS) {
    for (const keywrap of WRAPS) {
      const [sig, digest] = SIG_DIGESTS[i % SIG_DIGESTS.length]!;
      out.push({ enc, keywrap, sig, digest, keyId: KEY_IDS[i % 4]!, order: ORDERS[Math.floor(i / 4) % 2]!, timestamp: true });
      i++;
    }
  }
  for (const sigKeyId of ['issuer-serial', 'ski', 'thumbprint'] as const) {
    out.push({ enc: 'aes256-cbc', keywrap: 'rsa-oaep-mgf1p', sig: 'rsa-sha256', digest: 'sha256', sigKeyId, keyId: 'thumbprint', timestamp: true });
  }
  out.push({ enc: 'aes256-gcm', keywrap: 'rsa-oaep-mgf1p', sig: 'rsa-sha256', digest: 'sha256', keyId: 'ski', order: 'sign-encrypt', encryptSignature: true, timestamp: true });
  out.push({ enc: 'aes128-cbc', keywrap: 'rsa-oaep-mgf1p', sig: 'rsa-sha1', digest: 'sha1', keyId: 'issuer-serial', order: 'encrypt-sign', soap12: true, timestamp: true });
  return out.map((o) => ({ name: caseName(o), o }));
}

// ------------------------------------------------------------------------------------------------
// The wsbench side, shared by the X.509 interop tests (WSS4J, xmlsec1, zeep, node-soap, xml-crypto).


/** The demo PKI as PEM text. */
export const PEM = {
  ca: readFileSync(PKI_FILES.caCert, 'utf8'),
  clientKey: readFileSync(PKI_FILES.clientKey, 'utf8'),
  clientCert: readFileSync(PKI_FILES.clientCert, 'utf8'),
  serviceKey: readFileSync(PKI_FILES.serviceKey, 'utf8'),
  serviceCert: readFileSync(PKI_FILES.serviceCert, 'utf8'),
  stsKey: readFileSync(PKI_FILES.stsKey, 'utf8'),
  stsCert: readFileSync(PKI_FILES.stsCert, 'utf8'),
} as const;

/** What the service holds: its key and certificate, and the CA (plus the client's certificate when the signature does not carry it). */
export function serviceKeys(withClientCert = false): KeyMaterial {
  return { privateKey: PEM.serviceKey, certificate: PEM.serviceCert, certificates: withClientCert ? [PEM.ca, PEM.clientCert] : [PEM.ca] };
}

interface SignatureDetails {
  signatureAlgorithm?: string;
  references?: { uri: string; path: string; digestAlgorithm: string; ok: boolean }[];
}

/** The facts of an Inspection the interop tests compare with a peer's. */
export interface InspectionSummary {
  accepted: boolean;
  /** `CODE: message` of every failed check. */
  failures: string[];
  codes: string[];
  signatureAlgorithms: string[];
  digestAlgorithms: string[];
  /** Paths of the elements the verified signatures cover (Envelope/Body, …). */
  signedPaths: string[];
  keyTransports: string[];
  dataAlgorithms: string[];
  decrypted: string | null;
}

export function summarize(ins: Inspection): InspectionSummary {
  const checks = ins.report.checks;
  const sigs = checks.filter((c) => c.code === 'WSS_SIGNATURE').map((c) => (c.details ?? {}) as SignatureDetails);
  const refs = sigs.flatMap((s) => s.references ?? []);
  const alg = (code: string): string[] =>
    checks.filter((c) => c.code === code && c.status === 'pass').map((c) => String(c.details?.['algorithm'] ?? ''));
  return {
    accepted: ins.report.accepted,
    failures: checks.filter((c) => c.status === 'fail').map((c) => `${c.code}: ${c.message}`),
    codes: checks.map((c) => c.code),
    signatureAlgorithms: sigs.map((s) => s.signatureAlgorithm ?? ''),
    digestAlgorithms: [...new Set(refs.map((r) => r.digestAlgorithm))],
    signedPaths: refs.filter((r) => r.ok).map((r) => r.path),
    keyTransports: alg('XENC_KEY_UNWRAPPED'),
    dataAlgorithms: alg('XENC_DECRYPTED'),
    decrypted: ins.decrypted,
  };
}

/** The session keys wsbench unwrapped (WSS_DECRYPTED's key chain), base64, for peers that take a raw key. */
export function sessionKeys(ins: Inspection): string[] {
  return ins.report.checks
    .filter((c) => c.code === 'WSS_DECRYPTED')
    .flatMap((c) => ((c.details?.['chain'] ?? []) as { keyBytes?: string }[]).map((l) => l.keyBytes ?? ''))
    .filter((k) => k !== '');
}
