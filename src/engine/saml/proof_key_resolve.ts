// The holder-of-key proof key as the relying party recovers it (WSS SAML Token Profile 1.1 §3.5.1,
// SAML 2.0 Core §2.4.1.3): from the SubjectConfirmation's ds:KeyInfo, a symmetric key is unwrapped
// from its xenc:EncryptedKey (XML Encryption 1.0 §4.2) with the service's private key, after
// checking the EncryptedKey names the service's certificate (the ThumbprintSHA1/SKI/IssuerSerial
// SecurityTokenReference of seed 004); an asymmetric key is the certificate in ds:X509Data or the
// ds:KeyValue/RSAKeyValue. The key returned is what the presenter must prove possession of.

import type { Element } from '@xmldom/xmldom';
import { fromBase64 } from '../crypto/encoding.ts';
import { rsaPublicKeyFromNumbers, type ResolvedKey, type RsaPrivateKey } from '../crypto/keys.ts';
import { certInfoFromDer, type CertInfo } from '../crypto/x509.ts';
import type { Check } from '../report/check.ts';
import { resolveStr } from '../wss/security_token_reference.ts';
import { decryptEncryptedKey, type ResolvedKeyForKeyInfo } from '../xenc/decrypt_key.ts';
import { childElements, childrenNS, firstChildNS, textOf } from '../xml/dom.ts';
import { NS } from '../xml/names.ts';
import { SAML_CODES as C, samlCheck } from './checks.ts';
import type { SamlVersion } from './versions.ts';

/** The relying service's own key pair: what a symmetric proof key is wrapped for. */
export interface ServiceKey { key: RsaPrivateKey; cert: CertInfo }

type Found = { key: ResolvedKey | null; checks: Check[] };

/** Maps the EncryptedKey's KeyInfo to the service's private key when it names the service's certificate. */
async function serviceKeyFor(keyInfo: Element | null, ek: Element, v: SamlVersion, sk: ServiceKey): Promise<ResolvedKeyForKeyInfo> {
  const own = `the private key of ${sk.cert.subject}`;
  if (!keyInfo) return { key: sk.key, source: `${own} (the EncryptedKey names no key-encryption key)`, checks: [] };
  const str = firstChildNS(keyInfo, NS.wsse, 'SecurityTokenReference');
  if (!str) {
    const found = childElements(keyInfo).map((k) => k.nodeName).join(', ') || 'nothing';
    const warn = samlCheck(C.keyInfoIgnored, 'warn', v.spec.keyInfo, keyInfo, `expected a SecurityTokenReference naming the service certificate in the EncryptedKey's KeyInfo but found ${found}; trying the service key`);
    return { key: sk.key, source: own, checks: [warn] };
  }
  // A parsed element always has its document; the STR's Reference forms look Ids up in it.
  const r = await resolveStr(str, { doc: ek.ownerDocument!, knownCerts: [sk.cert] });
  if (r.key?.kind === 'rsa-public' && r.key.cert?.thumbprintSha1 === sk.cert.thumbprintSha1) {
    return { key: sk.key, source: `${own} (${r.key.source})`, checks: r.checks };
  }
  const named = r.key?.kind === 'rsa-public' && r.key.cert ? r.key.cert.subject : 'another key';
  const fail = samlCheck(C.proofKeyNotForService, 'fail', v.spec.keyInfo, str,
    `expected the proof key to be wrapped for the service certificate ${sk.cert.subject} (SHA-1 thumbprint ${sk.cert.thumbprintSha1}) but the EncryptedKey names ${named}`);
  return { key: null, source: 'no key: the EncryptedKey is for someone else', checks: [...r.checks, fail] };
}

async function unwrapProofKey(ek: Element, v: SamlVersion, sk: ServiceKey | undefined): Promise<Found> {
  if (!sk) {
    return { key: null, checks: [samlCheck(C.proofKeyNotUnwrapped, 'warn', v.spec.keyInfo, ek, 'expected the service key pair to unwrap the symmetric proof key but none was given; the proof key stays encrypted')] };
  }
  const r = await decryptEncryptedKey(ek, (ki) => serviceKeyFor(ki, ek, v, sk));
  if (!r.key) {
    return { key: null, checks: [...r.checks, samlCheck(C.proofKeyUnresolved, 'fail', v.spec.keyInfo, ek, `expected to unwrap the symmetric proof key with ${sk.cert.subject}'s private key but could not`)] };
  }
  const source = `symmetric proof key unwrapped from the holder-of-key EncryptedKey with the private key of ${sk.cert.subject}`;
  const pass = samlCheck(C.proofKey, 'pass', v.spec.keyInfo, ek, `${r.key.length * 8}-bit ${source}`, { kind: 'symmetric', bits: r.key.length * 8 });
  return { key: { kind: 'secret', bytes: r.key, source }, checks: [...r.checks, pass] };
}

/** An asymmetric proof key: ds:X509Data/X509Certificate or ds:KeyValue/RSAKeyValue; null when neither is there. */
function publicProofKey(keyInfo: Element, v: SamlVersion): Found | null {
  const data = firstChildNS(keyInfo, NS.ds, 'X509Data');
  const certEl = data ? firstChildNS(data, NS.ds, 'X509Certificate') : null;
  if (certEl) {
    const cert = certInfoFromDer(fromBase64(textOf(certEl), 'the ds:X509Certificate'));
    const key: ResolvedKey = { kind: 'rsa-public', spki: cert.spki, cert, source: `certificate ${cert.subject} in the holder-of-key KeyInfo` };
    return { key, checks: [samlCheck(C.proofKey, 'pass', v.spec.keyInfo, certEl, `asymmetric proof key: ${key.source}`, { kind: 'asymmetric', subject: cert.subject, thumbprintSha1: cert.thumbprintSha1 })] };
  }
  const rsa = firstChildNS(firstChildNS(keyInfo, NS.ds, 'KeyValue') ?? keyInfo, NS.ds, 'RSAKeyValue');
  const modulus = rsa ? firstChildNS(rsa, NS.ds, 'Modulus') : null;
  const exponent = rsa ? firstChildNS(rsa, NS.ds, 'Exponent') : null;
  if (!rsa || !modulus || !exponent) return null;
  const pub = rsaPublicKeyFromNumbers(fromBase64(textOf(modulus), 'the ds:Modulus'), fromBase64(textOf(exponent), 'the ds:Exponent'));
  const key: ResolvedKey = { kind: 'rsa-public', spki: pub.spki, source: 'ds:RSAKeyValue in the holder-of-key KeyInfo' };
  return { key, checks: [samlCheck(C.proofKey, 'pass', v.spec.keyInfo, rsa, `asymmetric proof key: ${key.source}`, { kind: 'asymmetric' })] };
}

/** The proof key a holder-of-key ds:KeyInfo carries, with checks. */
export async function resolveProofKey(keyInfo: Element, v: SamlVersion, sk?: ServiceKey): Promise<Found> {
  const ek = childrenNS(keyInfo, NS.xenc, 'EncryptedKey')[0];
  if (ek) return unwrapProofKey(ek, v, sk);
  try {
    const found = publicProofKey(keyInfo, v);
    if (found) return found;
  } catch (e) {
    return { key: null, checks: [samlCheck(C.proofKeyUnresolved, 'fail', v.spec.keyInfo, keyInfo, `expected a readable proof key in the holder-of-key KeyInfo but found ${e instanceof Error ? e.message : String(e)}`)] };
  }
  const kids = childElements(keyInfo).map((k) => k.nodeName).join(', ') || 'an empty KeyInfo';
  return { key: null, checks: [samlCheck(C.proofKeyUnresolved, 'fail', v.spec.keyInfo, keyInfo,
    `expected xenc:EncryptedKey, ds:X509Data/X509Certificate or ds:KeyValue/RSAKeyValue in the holder-of-key KeyInfo but found ${kids}`)] };
}
