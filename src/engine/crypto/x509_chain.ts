// Certification path validation, the part a workbench needs (RFC 5280 §6.1.3): for each
// certificate up the path, the issuer is found by name, its signature verifies with the issuer's
// key, the certificate is within its validity period, and the issuer is a CA (§4.2.1.9). Every
// certificate in `issuers` is trusted, so a path ends at the first one that signed the last link.

import type { Check } from '../report/index.ts';
import { dnEquals, parseDn } from './dn.ts';
import { ownBytes } from './digest.ts';
import { bytesEqual } from './encoding.ts';
import type { CertInfo } from './x509.ts';
import { x509, x509Crypto } from './x509_lib.ts';

const MAX_PATH = 8;
const SPEC_PATH = 'RFC 5280 §6.1.3';

function check(code: string, status: Check['status'], message: string, specRef: string, details: Record<string, unknown>): Check {
  return { code, status, message, specRef, path: '', details };
}

/** Validity period check at `now`. */
function validityCheck(cert: CertInfo, now: Date): Check {
  const details = { subject: cert.subject, notBefore: cert.notBefore, notAfter: cert.notAfter, now: now.toISOString() };
  const t = now.getTime();
  if (t < Date.parse(cert.notBefore)) {
    return check('X509_NOT_YET_VALID', 'fail', `Expected ${cert.subject} to be valid at ${details.now}; found it valid only from ${cert.notBefore}`, SPEC_PATH, details);
  }
  if (t > Date.parse(cert.notAfter)) {
    return check('X509_EXPIRED', 'fail', `Expected ${cert.subject} to be valid at ${details.now}; found it expired at ${cert.notAfter}`, SPEC_PATH, details);
  }
  return check('X509_VALIDITY', 'pass', `${cert.subject} is valid at ${details.now} (${cert.notBefore} to ${cert.notAfter})`, SPEC_PATH, details);
}

/** True when `issuer`'s key verifies the signature on `cert`. */
async function signedBy(cert: CertInfo, issuer: CertInfo): Promise<boolean> {
  const crypto = await x509Crypto();
  try {
    const subject = new x509.X509Certificate(ownBytes(cert.der));
    const signer = new x509.X509Certificate(ownBytes(issuer.der));
    return await subject.verify({ publicKey: signer.publicKey, signatureOnly: true }, crypto);
  } catch {
    return false; // an unsupported or malformed key or signature is a signature that does not verify
  }
}

function caCheck(issuer: CertInfo, cert: CertInfo): Check {
  const details = { issuer: issuer.subject, subject: cert.subject };
  if (issuer.isCA) return check('X509_ISSUER_IS_CA', 'pass', `${issuer.subject} has BasicConstraints cA=TRUE`, 'RFC 5280 §4.2.1.9', details);
  return check('X509_ISSUER_NOT_CA', 'fail',
    `Expected the issuer of ${cert.subject}, ${issuer.subject}, to be a CA (BasicConstraints cA=TRUE); found no CA flag`, 'RFC 5280 §4.2.1.9', details);
}

/** One step up: the checks for `cert`'s signature, and the issuer that signed it (null when none did). */
async function stepUp(cert: CertInfo, issuers: CertInfo[]): Promise<{ checks: Check[]; issuer: CertInfo | null }> {
  const want = parseDn(cert.issuer);
  const named = issuers.filter((i) => dnEquals(parseDn(i.subject), want));
  const details = { subject: cert.subject, issuer: cert.issuer, available: issuers.map((i) => i.subject) };
  if (named.length === 0) {
    const available = issuers.length ? issuers.map((i) => i.subject).join('; ') : 'none';
    const message = `Expected a trusted certificate for issuer ${cert.issuer} of ${cert.subject}; found only: ${available}`;
    return { checks: [check('X509_ISSUER_UNKNOWN', 'fail', message, SPEC_PATH, details)], issuer: null };
  }
  for (const candidate of named) {
    if (await signedBy(cert, candidate)) {
      const ok = check('X509_SIGNATURE_VALID', 'pass', `The signature on ${cert.subject} verifies with the key of ${candidate.subject}`, SPEC_PATH, details);
      return { checks: [ok, caCheck(candidate, cert)], issuer: candidate };
    }
  }
  const bad = check('X509_SIGNATURE_INVALID', 'fail',
    `Expected the signature on ${cert.subject} to verify with the key of ${cert.issuer}; found it does not (${named.length} certificate(s) with that name tried)`, SPEC_PATH, details);
  return { checks: [bad], issuer: null };
}

/**
 * Validates `cert` up to a certificate in `issuers` (all treated as trusted) at time `now`:
 * checks X509_VALIDITY / X509_NOT_YET_VALID / X509_EXPIRED, X509_SIGNATURE_VALID /
 * X509_SIGNATURE_INVALID, X509_ISSUER_UNKNOWN, X509_ISSUER_IS_CA / X509_ISSUER_NOT_CA,
 * X509_UNTRUSTED (self-signed and not among `issuers`) and a closing X509_CHAIN_VALID.
 * Async because signatures verify through WebCrypto.
 */
export async function verifyCertificateChain(cert: CertInfo, issuers: CertInfo[], now: Date | number): Promise<Check[]> {
  const at = now instanceof Date ? now : new Date(now);
  const checks: Check[] = [];
  const path: string[] = [cert.subject];
  let current = cert;
  let trusted = false;
  for (let depth = 0; depth < MAX_PATH && !trusted; depth++) {
    checks.push(validityCheck(current, at));
    trusted = issuers.some((i) => bytesEqual(i.der, current.der));
    if (trusted) break;
    if (current.selfIssued && depth === 0 && (await signedBy(current, current))) {
      const message = `Expected a certificate issued by a trusted CA; found ${current.subject} self-signed and not among the trusted certificates`;
      checks.push(check('X509_UNTRUSTED', 'fail', message, SPEC_PATH, { subject: current.subject }));
      break;
    }
    const step = await stepUp(current, issuers);
    checks.push(...step.checks);
    if (!step.issuer) break;
    current = step.issuer;
    path.push(current.subject);
  }
  if (!trusted && !checks.some((c) => c.status === 'fail')) {
    checks.push(check('X509_PATH_TOO_LONG', 'fail', `Expected a path of at most ${MAX_PATH} certificates to a trusted one; found ${path.join(' → ')} and no end`, SPEC_PATH, { path }));
  }
  if (!checks.some((c) => c.status === 'fail')) {
    checks.push(check('X509_CHAIN_VALID', 'pass', `Certificate path ${path.join(' → ')} is valid at ${at.toISOString()}`, SPEC_PATH, { path }));
  }
  return checks;
}
