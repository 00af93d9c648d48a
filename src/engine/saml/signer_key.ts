// The issuer's verification key, from the ds:KeyInfo of the assertion's signature (SAML 2.0 Core
// §5.4.5; SAML 1.1 Core §5.4.5): a certificate in ds:X509Data (the form seed 004's STS and
// samlsign write), an X509SKI or X509IssuerSerial naming one of the trusted issuers, or a bare
// ds:KeyValue/RSAKeyValue. With no KeyInfo, the only trusted issuer is tried. Whether the key is
// trusted is decided afterwards (issuer_signature.ts); this only finds it.

import type { Element } from '@xmldom/xmldom';
import { dnEquals, parseDn } from '../crypto/dn.ts';
import { fromBase64 } from '../crypto/encoding.ts';
import { rsaPublicKeyFromNumbers, type ResolvedKey } from '../crypto/keys.ts';
import { certInfoFromDer, type CertInfo } from '../crypto/x509.ts';
import type { Check } from '../report/check.ts';
import { childElements, childrenNS, firstChildNS, textOf } from '../xml/dom.ts';
import { NS } from '../xml/names.ts';
import { SAML_CODES as C, samlCheck } from './checks.ts';
import type { SamlVersion } from './versions.ts';

type Found = { key: ResolvedKey | null; checks: Check[] };

const certKey = (cert: CertInfo, source: string): ResolvedKey => ({ kind: 'rsa-public', spki: cert.spki, cert, source });

/** The certificates of every ds:X509Data/ds:X509Certificate, or a failed check for one that does not parse. */
function carriedCerts(keyInfo: Element, v: SamlVersion, checks: Check[]): CertInfo[] {
  const out: CertInfo[] = [];
  for (const data of childrenNS(keyInfo, NS.ds, 'X509Data')) {
    for (const el of childrenNS(data, NS.ds, 'X509Certificate')) {
      try {
        out.push(certInfoFromDer(fromBase64(textOf(el), 'the ds:X509Certificate')));
      } catch (e) {
        checks.push(samlCheck(C.signerUnknown, 'fail', v.spec.signature, el, `expected a DER X.509 certificate in ds:X509Certificate but found ${e instanceof Error ? e.message : String(e)}`));
      }
    }
  }
  return out;
}

function issuerSerialMatches(is: Element, cert: CertInfo): boolean {
  const name = firstChildNS(is, NS.ds, 'X509IssuerName');
  const number = firstChildNS(is, NS.ds, 'X509SerialNumber');
  if (!name || !number || textOf(number).trim() !== cert.serialDecimal) return false;
  try {
    return dnEquals(parseDn(textOf(name).trim()), parseDn(cert.issuer));
  } catch {
    return false; // an unparsable X509IssuerName names no trusted issuer
  }
}

/** A trusted issuer named by ds:X509SKI or ds:X509IssuerSerial. */
function namedTrusted(keyInfo: Element, trusted: CertInfo[]): { cert: CertInfo; how: string } | null {
  for (const data of childrenNS(keyInfo, NS.ds, 'X509Data')) {
    const ski = firstChildNS(data, NS.ds, 'X509SKI');
    const skiHit = ski ? trusted.find((t) => t.ski === textOf(ski).trim()) : undefined;
    if (skiHit) return { cert: skiHit, how: 'ds:X509SKI' };
    const serial = firstChildNS(data, NS.ds, 'X509IssuerSerial');
    const serialHit = serial ? trusted.find((t) => issuerSerialMatches(serial, t)) : undefined;
    if (serialHit) return { cert: serialHit, how: 'ds:X509IssuerSerial' };
  }
  return null;
}

function keyValue(keyInfo: Element): ResolvedKey | null {
  const rsa = firstChildNS(firstChildNS(keyInfo, NS.ds, 'KeyValue') ?? keyInfo, NS.ds, 'RSAKeyValue');
  const modulus = rsa ? firstChildNS(rsa, NS.ds, 'Modulus') : null;
  const exponent = rsa ? firstChildNS(rsa, NS.ds, 'Exponent') : null;
  if (!modulus || !exponent) return null;
  const pub = rsaPublicKeyFromNumbers(fromBase64(textOf(modulus), 'the ds:Modulus'), fromBase64(textOf(exponent), 'the ds:Exponent'));
  return { kind: 'rsa-public', spki: pub.spki, source: 'ds:RSAKeyValue in the signature KeyInfo' };
}

function withoutKeyInfo(sig: Element, trusted: CertInfo[], v: SamlVersion): Found {
  const only = trusted.length === 1 ? trusted[0] : undefined;
  if (only) {
    const note = samlCheck(C.signerAssumed, 'info', v.spec.signature, sig, `the signature has no ds:KeyInfo; verifying with the only trusted issuer, ${only.subject}`);
    return { key: certKey(only, `trusted issuer ${only.subject} (the signature names no key)`), checks: [note] };
  }
  return { key: null, checks: [samlCheck(C.signerUnknown, 'fail', v.spec.signature, sig, `expected a ds:KeyInfo naming the signer, or exactly one trusted issuer, but found no KeyInfo and ${trusted.length} trusted issuers`)] };
}

/** The key that should verify the assertion's signature, with checks on how it was found. */
export function signerKey(keyInfo: Element | null, sig: Element, trusted: CertInfo[], v: SamlVersion): Found {
  if (!keyInfo) return withoutKeyInfo(sig, trusted, v);
  const checks: Check[] = [];
  const certs = carriedCerts(keyInfo, v, checks);
  const cert = certs.find((c) => trusted.some((t) => t.thumbprintSha1 === c.thumbprintSha1)) ?? certs[0];
  if (cert) return { key: certKey(cert, `certificate ${cert.subject} in the signature's ds:X509Data`), checks };
  const named = namedTrusted(keyInfo, trusted);
  if (named) return { key: certKey(named.cert, `trusted issuer ${named.cert.subject} named by ${named.how}`), checks };
  try {
    const key = keyValue(keyInfo);
    if (key) return { key, checks };
  } catch (e) {
    checks.push(samlCheck(C.signerUnknown, 'fail', v.spec.signature, keyInfo, `expected a usable ds:RSAKeyValue but found ${e instanceof Error ? e.message : String(e)}`));
    return { key: null, checks };
  }
  const kids = childElements(keyInfo).map((k) => k.nodeName).join(', ') || 'an empty KeyInfo';
  checks.push(samlCheck(C.signerUnknown, 'fail', v.spec.signature, keyInfo,
    `expected ds:X509Data (a certificate, or the SKI/IssuerSerial of a trusted issuer) or ds:KeyValue in the signature's KeyInfo but found ${kids}`));
  return { key: null, checks };
}

