// Signing an assertion (SAML 1.1 Core §5, SAML 2.0 Core §5.4): an enveloped XML Signature with one
// Reference to the assertion's AssertionID/ID (§5.4.2), the enveloped-signature and exclusive c14n
// transforms (§5.4.4), exclusive c14n of SignedInfo (§5.4.3) and the issuer's certificate in
// ds:KeyInfo/ds:X509Data (§5.4.5). The signature goes where each schema puts it: the last child of a
// SAML 1.1 Assertion, right after the Issuer of a SAML 2.0 one. Seed 004 signs with RSA-SHA1 and
// SHA-1 digests (SigningCredentials(RsaSha1Signature, Sha1Digest)); RSA-SHA256 is the option.

import type { Document, Element, Node } from '@xmldom/xmldom';
import { toBase64 } from '../crypto/encoding.ts';
import type { RsaPrivateKey } from '../crypto/keys.ts';
import type { CertInfo } from '../crypto/x509.ts';
import { signDocument } from '../dsig/sign.ts';
import { UsageError } from '../report/errors.ts';
import { firstChildNS, type ElSpec } from '../xml/dom.ts';
import { NS, URI } from '../xml/names.ts';
import { nodePath } from '../xml/path.ts';
import { samlVersionOfNs, type SamlVersion } from './versions.ts';

export interface SignAssertionOptions {
  key: RsaPrivateKey;
  /** The issuer's (STS's) certificate, written into ds:KeyInfo. */
  cert: CertInfo;
  /** Default rsa-sha1 (seed 004); rsa-sha256 (or another RSA SignatureMethod) as an option. */
  signatureAlgorithm?: string;
  /** DigestMethod; default sha1 with rsa-sha1, sha256 otherwise. */
  digest?: string;
}

function versionOf(assertion: Element): SamlVersion {
  const v = samlVersionOfNs(assertion.namespaceURI);
  if (!v || assertion.localName !== 'Assertion') {
    throw new UsageError('SAML_NOT_AN_ASSERTION', `expected a SAML 1.1 or 2.0 Assertion to sign but found <${assertion.nodeName}> at ${nodePath(assertion)}`);
  }
  if (firstChildNS(assertion, NS.ds, 'Signature')) {
    throw new UsageError('SAML_ALREADY_SIGNED', `expected an unsigned assertion but found a ds:Signature in ${nodePath(assertion)}`);
  }
  return v;
}

/** The node the signature is inserted before: none (append) for 1.1, the node after Issuer for 2.0. */
function insertionPoint(assertion: Element, v: SamlVersion): Node | null {
  if (v.version === '1.1') return null;
  const issuer = firstChildNS(assertion, v.ns, 'Issuer');
  if (!issuer) throw new UsageError('SAML_MALFORMED', `expected a saml:Issuer in the SAML 2.0 assertion at ${nodePath(assertion)} but found none`);
  return issuer.nextSibling;
}

/** ds:X509Data with the signer's certificate. */
export function x509DataSpec(cert: CertInfo): ElSpec {
  return { ns: NS.ds, name: 'ds:X509Data', children: [{ ns: NS.ds, name: 'ds:X509Certificate', text: toBase64(cert.der) }] };
}

/** Signs `assertion` (already in `doc`) in place; returns the ds:Signature. */
export async function signAssertion(doc: Document, assertion: Element, opts: SignAssertionOptions): Promise<Element> {
  const v = versionOf(assertion);
  const signatureAlgorithm = opts.signatureAlgorithm ?? URI.rsaSha1;
  const digest = opts.digest ?? (signatureAlgorithm === URI.rsaSha1 ? URI.sha1 : URI.sha256);
  return signDocument(doc, {
    references: [{ target: assertion, digest, transforms: [{ algorithm: URI.envelopedSignature }, { algorithm: URI.excC14n }] }],
    signatureAlgorithm,
    c14n: URI.excC14n,
    key: opts.key,
    keyInfo: x509DataSpec(opts.cert),
    parent: assertion,
    insertBefore: insertionPoint(assertion, v),
  });
}
