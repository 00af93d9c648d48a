// WSS X.509 Certificate Token Profile 1.1 §3.1: the wsse:BinarySecurityToken carrying an X.509
// certificate (ValueType #X509v3), a certificate path (#X509PKIPathv1) or a PKCS#7 bundle (#PKCS7),
// base64-encoded (EncodingType #Base64Binary), checked against BSP 1.1 R3029–R3033.

import type { Element } from '@xmldom/xmldom';
import type { Check } from '../report/index.ts';
import { DecodingError } from '../report/errors.ts';
import { TAG, decodeDer } from '../crypto/der.ts';
import { fromBase64 } from '../crypto/encoding.ts';
import { certInfoFromDer, type CertInfo } from '../crypto/x509.ts';
import { x509 } from '../crypto/x509_lib.ts';
import { attr, textOf, type ElSpec } from '../xml/dom.ts';
import { NS, URI } from '../xml/names.ts';
import { where } from '../xml/path.ts';

const SPEC = 'WSS X.509 Token Profile 1.1 §3.1';
const X509_VALUE_TYPES: readonly string[] = [URI.x509v3, URI.x509PkiPathV1, URI.x509Pkcs7];

/** A BinarySecurityToken with the certificate's DER, base64, under wsu:Id `id`. */
export function buildX509Token(cert: CertInfo, id: string): ElSpec {
  return {
    ns: NS.wsse,
    name: 'wsse:BinarySecurityToken',
    attrs: { EncodingType: URI.base64Binary, ValueType: URI.x509v3 },
    nsAttrs: [[NS.wsu, 'wsu:Id', id]],
    text: certBase64(cert),
  };
}

function certBase64(cert: CertInfo): string {
  // the PEM body is the base64 DER already; rejoin its lines
  return cert.pem.split('\n').filter((l) => l && !l.startsWith('-----')).join('');
}

function fail(code: string, message: string, specRef: string, el: Element, details?: Record<string, unknown>): Check {
  return { code, status: 'fail', message, specRef, ...where(el), ...(details ? { details } : {}) };
}

/** BSP R3029/R3030: EncodingType present and Base64Binary. */
function encodingChecks(el: Element): Check[] {
  const encoding = attr(el, 'EncodingType');
  if (encoding === null) {
    return [fail('BST_ENCODING_TYPE_MISSING', `Expected an EncodingType attribute of ${URI.base64Binary}; found none`, 'BSP 1.1 R3029', el)];
  }
  if (encoding !== URI.base64Binary) {
    return [fail('BST_ENCODING_TYPE', `Expected EncodingType ${URI.base64Binary}; found ${encoding}`, 'BSP 1.1 R3030', el)];
  }
  return [];
}

/** BSP R3031/R3033: ValueType present and one of the X.509 token profile's. */
function valueTypeCheck(el: Element): Check | null {
  const valueType = attr(el, 'ValueType');
  if (valueType === null) {
    return fail('BST_VALUE_TYPE_MISSING', `Expected a ValueType attribute (${URI.x509v3} for a certificate); found none`, 'BSP 1.1 R3031', el);
  }
  if (!X509_VALUE_TYPES.includes(valueType)) {
    return fail('BST_VALUE_TYPE', `Expected ValueType ${URI.x509v3} (or #X509PKIPathv1, #PKCS7); found ${valueType}`, 'BSP 1.1 R3032/R3033', el);
  }
  return null;
}

/** The certificates the token carries, end-entity first, per its ValueType. */
function certificatesIn(der: Uint8Array, valueType: string): CertInfo[] {
  if (valueType === URI.x509PkiPathV1) {
    // PKIPath: SEQUENCE OF Certificate, issuer first, so the end-entity certificate is last
    const path = decodeDer(der, 'the X509PKIPathv1 token');
    if (path.tag !== TAG.sequence) throw new DecodingError('X509_INVALID', 'Expected a PKIPath SEQUENCE OF Certificate; found another structure');
    return path.children.map((c) => certInfoFromDer(new Uint8Array(c.raw))).reverse();
  }
  if (valueType === URI.x509Pkcs7) {
    const bundle = new x509.X509Certificates(new Uint8Array(der));
    const certs = [...bundle].map((c) => certInfoFromDer(new Uint8Array(c.rawData)));
    const leaf = certs.find((c) => !certs.some((o) => o !== c && o.issuer === c.subject)) ?? certs[0];
    return leaf ? [leaf, ...certs.filter((c) => c !== leaf)] : [];
  }
  return [certInfoFromDer(der)];
}

/**
 * Reads a BinarySecurityToken: BSP checks on EncodingType/ValueType, then the base64 content as a
 * certificate (or path). `cert` is the end-entity certificate; `chain` the others, when any.
 */
export function readBinarySecurityToken(el: Element): { cert?: CertInfo; chain?: CertInfo[]; checks: Check[] } {
  const checks = encodingChecks(el);
  const typeProblem = valueTypeCheck(el);
  if (typeProblem) return { checks: [...checks, typeProblem] };
  const valueType = attr(el, 'ValueType')!;
  let der: Uint8Array;
  try {
    der = fromBase64(textOf(el), 'the BinarySecurityToken content');
  } catch (e) {
    return { checks: [...checks, fail('BST_BAD_BASE64', e instanceof Error ? e.message : String(e), 'WSS 1.1 §6.3', el)] };
  }
  let certs: CertInfo[];
  try {
    certs = certificatesIn(der, valueType);
  } catch (e) {
    const found = e instanceof Error ? e.message : String(e);
    return { checks: [...checks, fail('BST_NOT_A_CERTIFICATE', `Expected the token content to be ${valueType.split('#')[1]} DER; found ${found}`, SPEC, el)] };
  }
  const [cert, ...chain] = certs;
  if (!cert) return { checks: [...checks, fail('BST_NOT_A_CERTIFICATE', 'Expected at least one certificate in the token; found none', SPEC, el)] };
  const id = attr(el, 'Id', NS.wsu);
  checks.push({
    code: 'BST_CERTIFICATE', status: 'pass', specRef: SPEC, ...where(el),
    message: `BinarySecurityToken${id ? ` #${id}` : ''} carries the certificate ${cert.subject} (issuer ${cert.issuer}, serial ${cert.serialHex})`,
    details: { subject: cert.subject, issuer: cert.issuer, serialHex: cert.serialHex, thumbprintSha1: cert.thumbprintSha1, chainLength: chain.length },
  });
  return chain.length ? { cert, chain, checks } : { cert, checks };
}
