// What a wsse:SecurityTokenReference can lead to (WSS 1.1 §7, X.509 Token Profile 1.1 §3.2, SAML
// Token Profile 1.1 §3.4): a BinarySecurityToken's certificate, a known certificate, an
// xenc:EncryptedKey's unwrapped key (by EncryptedKeySHA1), a SAML assertion's holder-of-key key, or
// a secret the caller registered under a token's Id or identifier (SCT, DerivedKeyToken, UT).

import type { Document, Element } from '@xmldom/xmldom';
import type { Check } from '../report/index.ts';
import { fromBase64, toBase64 } from '../crypto/encoding.ts';
import { rsaPublicKeyFromNumbers, type ResolvedKey } from '../crypto/keys.ts';
import { sha1Sync } from '../crypto/sha1_sync.ts';
import { certInfoFromDer, type CertInfo } from '../crypto/x509.ts';
import { attr, childElements, firstChildNS, textOf } from '../xml/dom.ts';
import { idOf } from '../xml/ids.ts';
import { NS } from '../xml/names.ts';
import { where } from '../xml/path.ts';
import { readBinarySecurityToken } from './binary_security_token.ts';

export const STR_SPEC = 'WSS 1.1 §7';

/** What resolveStr may look in, besides the message itself. */
export interface StrContext {
  doc: Document;
  /** Certificates known out of band (the recipient's store, a pasted PEM). */
  knownCerts: CertInfo[];
  /** Unwrapped keys by EncryptedKeySHA1 (base64 SHA-1 of the EncryptedKey's CipherValue octets). */
  encryptedKeys?: Map<string, Uint8Array>;
  /** Secrets by token Id (without '#') or identifier URI (SCT wsc:Identifier, SAML assertion ID). */
  secrets?: Map<string, Uint8Array>;
}

export interface StrResult {
  key: ResolvedKey | null;
  checks: Check[];
}

export function strFail(code: string, message: string, el: Element, specRef = STR_SPEC, details?: Record<string, unknown>): Check {
  return { code, status: 'fail', message, specRef, ...where(el), ...(details ? { details } : {}) };
}

export function strWarn(code: string, message: string, el: Element, specRef: string): Check {
  return { code, status: 'warn', message, specRef, ...where(el) };
}

/** The successful outcome: the key plus an STR_RESOLVED check whose message is the key's source. */
export function resolvedTo(key: ResolvedKey, el: Element, checks: Check[] = []): StrResult {
  const details: Record<string, unknown> = { kind: key.kind, source: key.source };
  if (key.kind === 'rsa-public' && key.cert) Object.assign(details, { subject: key.cert.subject, thumbprintSha1: key.cert.thumbprintSha1 });
  const ok: Check = { code: 'STR_RESOLVED', status: 'pass', message: `Key found: ${key.source}`, specRef: STR_SPEC, ...where(el), details };
  return { key, checks: [...checks, ok] };
}

export function unresolved(message: string, el: Element, details: Record<string, unknown>, checks: Check[] = [], code = 'STR_UNRESOLVED'): StrResult {
  return { key: null, checks: [...checks, strFail(code, message, el, STR_SPEC, details)] };
}

export function certKey(cert: CertInfo, source: string): ResolvedKey {
  return { kind: 'rsa-public', spki: cert.spki, cert, source };
}

/** Certificates to match KeyIdentifiers and IssuerSerial against: known ones, then every BST in the message. */
export function certCandidates(ctx: StrContext): Array<{ cert: CertInfo; origin: string }> {
  const out = ctx.knownCerts.map((cert) => ({ cert, origin: 'known certificates' }));
  const tokens = ctx.doc.getElementsByTagNameNS(NS.wsse, 'BinarySecurityToken');
  for (let i = 0; i < tokens.length; i++) {
    const bst = tokens.item(i)!;
    const { cert } = readBinarySecurityToken(bst);
    const id = attr(bst, 'Id', NS.wsu);
    if (cert) out.push({ cert, origin: `BinarySecurityToken${id ? ` #${id}` : ''}` });
  }
  return out;
}

/** EncryptedKeySHA1 (WSS 1.1 §7.3): base64 SHA-1 of the octets of the EncryptedKey's CipherValue. */
export function encryptedKeySha1OfElement(ek: Element): string | null {
  const cipherData = firstChildNS(ek, NS.xenc, 'CipherData');
  const cipherValue = cipherData ? firstChildNS(cipherData, NS.xenc, 'CipherValue') : null;
  if (!cipherValue) return null;
  try {
    return toBase64(sha1Sync(fromBase64(textOf(cipherValue), 'the CipherValue')));
  } catch {
    return null; // a CipherValue that is not base64 has no SHA-1 to match; xenc reports it
  }
}

function secretFor(ctx: StrContext, names: Array<string | null>): { name: string; bytes: Uint8Array } | null {
  for (const name of names) {
    const bytes = name ? ctx.secrets?.get(name) : undefined;
    if (name && bytes) return { name, bytes };
  }
  return null;
}

function isAssertion(el: Element): boolean {
  return el.localName === 'Assertion' && (el.namespaceURI === NS.saml11 || el.namespaceURI === NS.saml2);
}

function fromEncryptedKey(ek: Element, via: string, ctx: StrContext): StrResult {
  const sha1 = encryptedKeySha1OfElement(ek);
  const bytes = sha1 ? ctx.encryptedKeys?.get(sha1) : undefined;
  const id = idOf(ek);
  if (bytes) return resolvedTo({ kind: 'secret', bytes, source: `key of EncryptedKey${id ? ` #${id}` : ''} ${via}` }, ek);
  const secret = secretFor(ctx, [id]);
  if (secret) return resolvedTo({ kind: 'secret', bytes: secret.bytes, source: `key of EncryptedKey #${secret.name} ${via}` }, ek);
  const known = [...(ctx.encryptedKeys?.keys() ?? [])];
  const message = `Expected the unwrapped key of EncryptedKey${id ? ` #${id}` : ''} (EncryptedKeySHA1 ${sha1 ?? 'unknown'}); `
    + `found it not unwrapped yet (known EncryptedKeySHA1 values: ${known.join(', ') || 'none'})`;
  return unresolved(message, ek, { encryptedKeySha1: sha1, known });
}

/** The key in a ds:KeyInfo of a SAML SubjectConfirmation: a certificate, an RSAKeyValue or an EncryptedKey. */
function fromKeyInfo(keyInfo: Element, owner: string, ctx: StrContext): StrResult | null {
  const x509Data = firstChildNS(keyInfo, NS.ds, 'X509Data');
  const certEl = x509Data ? firstChildNS(x509Data, NS.ds, 'X509Certificate') : null;
  if (certEl) {
    const cert = certInfoFromDer(fromBase64(textOf(certEl), 'the ds:X509Certificate'));
    return resolvedTo(certKey(cert, `certificate ${cert.subject} in the holder-of-key KeyInfo of ${owner}`), keyInfo);
  }
  const rsa = firstChildNS(firstChildNS(keyInfo, NS.ds, 'KeyValue') ?? keyInfo, NS.ds, 'RSAKeyValue');
  const modulus = rsa ? firstChildNS(rsa, NS.ds, 'Modulus') : null;
  const exponent = rsa ? firstChildNS(rsa, NS.ds, 'Exponent') : null;
  if (modulus && exponent) {
    const pub = rsaPublicKeyFromNumbers(fromBase64(textOf(modulus), 'the ds:Modulus'), fromBase64(textOf(exponent), 'the ds:Exponent'));
    return resolvedTo({ kind: 'rsa-public', spki: pub.spki, source: `RSAKeyValue in the holder-of-key KeyInfo of ${owner}` }, keyInfo);
  }
  const ek = firstChildNS(keyInfo, NS.xenc, 'EncryptedKey');
  return ek ? fromEncryptedKey(ek, `in the holder-of-key KeyInfo of ${owner}`, ctx) : null;
}

function* descendants(el: Element): Generator<Element> {
  for (const c of childElements(el)) {
    yield c;
    yield* descendants(c);
  }
}

/** The proof key of a SAML 1.1/2.0 assertion: a registered secret, else its SubjectConfirmation KeyInfo. */
export function fromSamlAssertion(assertion: Element, via: string, ctx: StrContext): StrResult {
  const id = assertion.namespaceURI === NS.saml11 ? attr(assertion, 'AssertionID') : attr(assertion, 'ID');
  const owner = `SAML assertion ${id ?? '(no id)'}`;
  const secret = secretFor(ctx, [id]);
  if (secret) return resolvedTo({ kind: 'secret', bytes: secret.bytes, source: `proof key of ${owner} ${via}` }, assertion);
  for (const el of descendants(assertion)) {
    if (el.localName !== 'SubjectConfirmation') continue;
    const keyInfo = [...descendants(el)].find((d) => d.namespaceURI === NS.ds && d.localName === 'KeyInfo');
    if (!keyInfo) continue;
    try {
      const found = fromKeyInfo(keyInfo, `${owner} ${via}`, ctx);
      if (found) return found;
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      return unresolved(`Expected a readable key in the holder-of-key KeyInfo of ${owner}; found ${why}`, keyInfo, {}, [], 'STR_TOKEN_UNUSABLE');
    }
  }
  return unresolved(`Expected a proof key for ${owner}: a secret registered under its id or a holder-of-key ds:KeyInfo in its SubjectConfirmation; found neither`,
    assertion, { assertionId: id, knownSecrets: [...(ctx.secrets?.keys() ?? [])] });
}

/** The key a referenced (or embedded) token element stands for. */
export function fromTokenElement(target: Element, via: string, ctx: StrContext): StrResult {
  const id = idOf(target);
  const name = `${target.localName}${id ? ` #${id}` : ''}`;
  if (target.namespaceURI === NS.wsse && target.localName === 'BinarySecurityToken') {
    const { cert, checks } = readBinarySecurityToken(target);
    if (!cert) return unresolved(`Expected a certificate in ${name}; found none usable`, target, {}, checks, 'STR_TOKEN_UNUSABLE');
    return resolvedTo(certKey(cert, `BinarySecurityToken${id ? ` #${id}` : ''} ${via}`), target, checks);
  }
  if (target.namespaceURI === NS.wsse && target.localName === 'SecurityTokenReference') {
    return unresolved(`Expected a security token; found another SecurityTokenReference${id ? ` #${id}` : ''}, which an STR must not reference`, target, {}, [], 'STR_REFERENCES_STR');
  }
  if (target.namespaceURI === NS.xenc && target.localName === 'EncryptedKey') return fromEncryptedKey(target, via, ctx);
  if (isAssertion(target)) return fromSamlAssertion(target, via, ctx);
  const identifier = [...descendants(target)].find((d) => d.localName === 'Identifier');
  const secret = secretFor(ctx, [id, identifier ? textOf(identifier).trim() : null]);
  if (secret) return resolvedTo({ kind: 'secret', bytes: secret.bytes, source: `secret of ${target.localName} ${secret.name} ${via}` }, target);
  return unresolved(`Expected a key for ${name}; found no secret registered under ${id ? `"${id}"` : 'its identifier'} (known secrets: ${[...(ctx.secrets?.keys() ?? [])].join(', ') || 'none'})`,
    target, { element: target.localName, id, knownSecrets: [...(ctx.secrets?.keys() ?? [])] });
}
