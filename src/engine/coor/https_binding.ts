// Seed 002, "HTTPS transport configuration" of both transaction-manager bindings: X.509 certificates
// establish the transaction managers' identities, client and server authentication are both
// required, and R1111: the certificate presented on the connection has a subject name matching the
// FQDN of the machine it comes from (B1112: DNS resolves that name). wsbench simulates TLS: each
// party's TLS identity (FQDN, certificate, key) is plain data in its state, and the receiver of a
// message checks both ends of the connection it came on — the sender's client certificate against
// the sender's machine, its own server certificate against the host the sender connected to.

import type { Check } from '../report/index.ts';
import { parseDn } from '../crypto/dn.ts';
import { parseCertificate, type CertInfo } from '../crypto/x509.ts';
import { verifyCertificateChain } from '../crypto/x509_chain.ts';

/** A machine's TLS identity (PEM text so it stays plain JSON). */
export interface TlsIdentity {
  fqdn: string;
  certPem: string;
  keyPem: string;
}

export interface TlsConnection {
  transport: 'https' | 'http';
  /** The connecting machine and the certificate it presented (TLS client authentication). */
  client: { fqdn: string; certPem: string };
  /** The host of the address connected to and the certificate the server presented. */
  server: { fqdn: string; certPem: string };
  /** The CA both ends trust. */
  caPem: string;
  now: number;
}

const R1111 = 'WS-AT interop R1111';

/** The subject CN and the dNSName SANs a certificate names its machine by. */
export function certificateNames(cert: CertInfo): string[] {
  let cn: string[] = [];
  try {
    cn = parseDn(cert.subject).flat().filter((a) => a.type === 'CN').map((a) => a.value);
  } catch {
    cn = []; // an unparsable subject names no machine; the FQDN check then fails with the raw subject
  }
  const dns = cert.subjectAltNames.filter((n) => n.startsWith('DNS:')).map((n) => n.slice(4));
  return [...cn, ...dns];
}

/** Host part of an http(s) URL, or the text itself when it is not one. */
export function hostOf(address: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)/i.exec(address);
  return (m?.[1] ?? address).toLowerCase();
}

async function endCheck(role: 'client' | 'server', end: { fqdn: string; certPem: string }, ca: CertInfo, now: number): Promise<Check[]> {
  let cert: CertInfo;
  try {
    cert = await parseCertificate(end.certPem);
  } catch (e) {
    return [{ code: 'WSAT_TLS_CERT_UNREADABLE', status: 'fail', specRef: R1111, path: '', message: `expected the TLS ${role} of ${end.fqdn} to present an X.509 certificate, found one that does not parse: ${(e as Error).message}` }];
  }
  const chain = (await verifyCertificateChain(cert, [ca], now)).map((c) => ({ ...c, message: `TLS ${role} certificate: ${c.message}` }));
  const names = certificateNames(cert);
  const match = names.some((n) => n.toLowerCase() === end.fqdn.toLowerCase());
  const details = { role, fqdn: end.fqdn, subject: cert.subject, names, thumbprintSha1: cert.thumbprintSha1 };
  const name: Check = match
    ? { code: 'WSAT_TLS_SUBJECT_FQDN', status: 'pass', specRef: R1111, path: '', message: `TLS ${role} ${end.fqdn} presented ${cert.subject}, whose name matches its FQDN`, details }
    : { code: 'WSAT_TLS_FQDN_MISMATCH', status: 'fail', specRef: R1111, path: '', message: `expected the TLS ${role} certificate of ${end.fqdn} to name that FQDN (subject CN or dNSName), found ${cert.subject}${names.length ? ` naming ${names.join(', ')}` : ''}`, details };
  return [...chain, name];
}

/** Checks a simulated TLS connection: HTTPS, and both certificates valid, trusted and named by FQDN (R1111). */
export async function checkTlsConnection(c: TlsConnection): Promise<Check[]> {
  if (c.transport !== 'https') {
    return [{ code: 'WSAT_HTTPS_REQUIRED', status: 'fail', specRef: `${R1111} (transaction manager HTTPS binding)`, path: '', message: `expected the transaction-manager message over HTTPS with client and server certificates, found plain ${c.transport.toUpperCase()}` }];
  }
  let ca: CertInfo;
  try {
    ca = await parseCertificate(c.caPem);
  } catch (e) {
    return [{ code: 'WSAT_TLS_CA_UNREADABLE', status: 'fail', specRef: R1111, path: '', message: `expected the trusted CA certificate as PEM, found one that does not parse: ${(e as Error).message}` }];
  }
  const [client, server] = await Promise.all([endCheck('client', c.client, ca, c.now), endCheck('server', c.server, ca, c.now)]);
  const out = [...client, ...server];
  if (!out.some((x) => x.status === 'fail')) {
    out.push({ code: 'WSAT_TLS_MUTUAL', status: 'pass', specRef: R1111, path: '', message: `HTTPS with mutual certificate authentication: ${c.client.fqdn} → ${c.server.fqdn}` });
  }
  return out;
}
