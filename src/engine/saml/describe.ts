// What an assertion says about how it must be presented (WSS SAML Token Profile 1.1 §3.5): its
// subject, its confirmation method and the kind of proof key its holder-of-key ds:KeyInfo carries —
// an xenc:EncryptedKey (a symmetric key for the relying service) or a certificate / RSAKeyValue (an
// asymmetric key the presenter holds the private half of). Read without judging validity: the
// requester uses it to know what it was issued, tests to check the issued kind.

import type { Element } from '@xmldom/xmldom';
import { fromBase64 } from '../crypto/encoding.ts';
import { certInfoFromDer, type CertInfo } from '../crypto/x509.ts';
import { firstChildNS, textOf } from '../xml/dom.ts';
import { NS } from '../xml/names.ts';
import { readAssertion } from './assertion.ts';
import { checkSubject } from './subject_confirmation.ts';
import type { ConfirmationMethod, SamlVersionName } from './versions.ts';

export interface AssertionSummary {
  version: SamlVersionName;
  id: string | null;
  issuer: string | null;
  subject?: string;
  confirmation?: ConfirmationMethod;
  proofKey: 'none' | 'symmetric' | 'asymmetric';
  /** The certificate of an asymmetric proof key, when the KeyInfo carries one. */
  proofCert?: CertInfo;
}

/** The subject, confirmation method and proof-key kind of a SAML 1.1/2.0 assertion; null when it is none. */
export function describeAssertion(el: Element): AssertionSummary | null {
  const { parts } = readAssertion(el);
  if (!parts) return null;
  const s = checkSubject(parts, { now: 0, skewSeconds: 0 });
  const out: AssertionSummary = { version: parts.v.version, id: parts.id, issuer: parts.issuer, proofKey: 'none' };
  if (s.subject !== undefined) out.subject = s.subject;
  if (s.confirmation) out.confirmation = s.confirmation;
  const ki = s.keyInfo;
  if (!ki) return out;
  if (firstChildNS(ki, NS.xenc, 'EncryptedKey')) return { ...out, proofKey: 'symmetric' };
  const certEl = firstChildNS(firstChildNS(ki, NS.ds, 'X509Data') ?? ki, NS.ds, 'X509Certificate');
  if (certEl) {
    try {
      return { ...out, proofKey: 'asymmetric', proofCert: certInfoFromDer(fromBase64(textOf(certEl), 'the ds:X509Certificate')) };
    } catch {
      return { ...out, proofKey: 'asymmetric' }; // an unreadable certificate is validateAssertion's failure to report
    }
  }
  return firstChildNS(firstChildNS(ki, NS.ds, 'KeyValue') ?? ki, NS.ds, 'RSAKeyValue') ? { ...out, proofKey: 'asymmetric' } : out;
}
