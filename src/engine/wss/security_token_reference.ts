// WSS: SOAP Message Security 1.1 §7 wsse:SecurityTokenReference and X.509 Token Profile 1.1 §3.2:
// every reference form — Direct Reference (wsse:Reference URI/ValueType), Key Identifier
// (X509SubjectKeyIdentifier, ThumbprintSHA1, EncryptedKeySHA1, SAML 1.1 AssertionID / SAML 2.0 ID),
// ds:X509Data/ds:X509IssuerSerial and Embedded — built as ElSpec, and resolved to a key with checks
// (BSP 1.1 R3027, R3054–R3071, R5206–R5409, R6604) that say what was looked for and what exists.

import type { Element } from '@xmldom/xmldom';
import type { Check } from '../report/index.ts';
import { dnEquals, parseDn } from '../crypto/dn.ts';
import { bytesEqual, fromBase64, toBase64 } from '../crypto/encoding.ts';
import { certInfoFromDer, type CertInfo } from '../crypto/x509.ts';
import { attr, childElements, firstChildNS, isElement, textOf, type ElSpec } from '../xml/dom.ts';
import { collectIds } from '../xml/ids.ts';
import { NS, URI } from '../xml/names.ts';
import {
  STR_SPEC, certCandidates, certKey, fromSamlAssertion, fromTokenElement, resolvedTo, strFail, strWarn, unresolved,
  type StrContext, type StrResult,
} from './str_key_sources.ts';

export type { StrContext, StrResult } from './str_key_sources.ts';
export { encryptedKeySha1OfElement } from './str_key_sources.ts';

/** One STR form; `id` becomes wsu:Id, `tokenType` wsse11:TokenType (defaults per BSP R3069, R6611, R6617). */
export type StrSpec = (
  | { kind: 'reference'; uri: string; valueType?: string }
  | { kind: 'ski'; cert: CertInfo }
  | { kind: 'thumbprint'; cert: CertInfo }
  | { kind: 'encryptedKeySha1'; sha1: Uint8Array | string }
  | { kind: 'samlAssertionId'; assertionId: string; samlVersion: '1.1' | '2.0' }
  | { kind: 'issuerSerial'; cert: CertInfo }
  | { kind: 'embedded'; token: ElSpec | Element }
) & { id?: string; tokenType?: string };

const el = (name: string, rest: Omit<ElSpec, 'ns' | 'name'> = {}, ns: string = NS.wsse): ElSpec => ({ ns, name, ...rest });

function keyIdentifier(valueType: string, value: string, base64: boolean): ElSpec {
  return el('wsse:KeyIdentifier', { attrs: base64 ? { EncodingType: URI.base64Binary, ValueType: valueType } : { ValueType: valueType }, text: value });
}

function strChild(spec: StrSpec): ElSpec | Element {
  switch (spec.kind) {
    case 'reference':
      return el('wsse:Reference', { attrs: spec.valueType ? { URI: spec.uri, ValueType: spec.valueType } : { URI: spec.uri } });
    case 'ski':
      return keyIdentifier(URI.x509Ski, spec.cert.ski, true);
    case 'thumbprint':
      return keyIdentifier(URI.thumbprintSha1, spec.cert.thumbprintSha1, true);
    case 'encryptedKeySha1':
      return keyIdentifier(URI.encryptedKeySha1, typeof spec.sha1 === 'string' ? spec.sha1 : toBase64(spec.sha1), true);
    case 'samlAssertionId':
      return keyIdentifier(spec.samlVersion === '1.1' ? URI.samlAssertionIdValueType : URI.samlIdValueType, spec.assertionId, false);
    case 'issuerSerial':
      return el('ds:X509Data', { children: [el('ds:X509IssuerSerial', { children: [
        el('ds:X509IssuerName', { text: spec.cert.issuer }, NS.ds),
        el('ds:X509SerialNumber', { text: spec.cert.serialDecimal }, NS.ds),
      ] }, NS.ds)] }, NS.ds);
    case 'embedded':
      return el('wsse:Embedded', { children: [spec.token] });
  }
}

function defaultTokenType(spec: StrSpec): string | undefined {
  if (spec.kind === 'encryptedKeySha1') return URI.encryptedKeyTokenType;
  if (spec.kind === 'samlAssertionId') return spec.samlVersion === '1.1' ? URI.samlV11TokenType : URI.samlV20TokenType;
  return undefined;
}

/** A wsse:SecurityTokenReference of the given form. */
export function buildStr(spec: StrSpec): ElSpec {
  const nsAttrs: Array<[string, string, string]> = [];
  if (spec.id) nsAttrs.push([NS.wsu, 'wsu:Id', spec.id]);
  const tokenType = spec.tokenType ?? defaultTokenType(spec);
  if (tokenType) nsAttrs.push([NS.wsse11, 'wsse11:TokenType', tokenType]);
  return { ns: NS.wsse, name: 'wsse:SecurityTokenReference', nsAttrs, children: [strChild(spec)] };
}

/** Direct reference to a token in the message by wsu:Id (X.509: ValueType #X509v3, BSP R5218). */
export const strReference = (uri: string, valueType?: string): ElSpec => buildStr(valueType ? { kind: 'reference', uri, valueType } : { kind: 'reference', uri });

const FORM_CHILDREN: ReadonlyArray<readonly [string, string]> = [
  [NS.wsse, 'Reference'], [NS.wsse, 'KeyIdentifier'], [NS.wsse, 'Embedded'], [NS.ds, 'X509Data'], [NS.ds, 'KeyName'],
];

function isForm(c: Element): boolean {
  return FORM_CHILDREN.some(([ns, local]) => c.namespaceURI === ns && c.localName === local);
}

/**
 * Resolves a SecurityTokenReference to the key it names, with checks. Never throws for bad
 * input: an unresolvable reference is a failed check (STR_UNRESOLVED and friends) naming what
 * was looked for and what exists; `key` is then null.
 */
export async function resolveStr(str: Element, ctx: StrContext): Promise<StrResult> {
  if (str.namespaceURI !== NS.wsse || str.localName !== 'SecurityTokenReference') {
    return unresolved(`Expected a wsse:SecurityTokenReference; found {${str.namespaceURI ?? ''}}${str.localName}`, str, {}, [], 'STR_NOT_AN_STR');
  }
  const forms = childElements(str).filter(isForm);
  const checks: Check[] = [];
  if (forms.length !== 1) {
    checks.push(strFail('STR_REFERENCE_COUNT', `Expected exactly one token reference (Reference, KeyIdentifier, Embedded or X509Data); found ${forms.length}`, str, 'BSP 1.1 R3061'));
  }
  const form = forms[0];
  if (!form) return { key: null, checks };
  const result = await resolveForm(form, ctx);
  return { key: result.key, checks: [...checks, ...result.checks] };
}

async function resolveForm(form: Element, ctx: StrContext): Promise<StrResult> {
  switch (form.localName) {
    case 'Reference': return resolveReference(form, ctx);
    case 'KeyIdentifier': return resolveKeyIdentifier(form, ctx);
    case 'Embedded': return resolveEmbedded(form, ctx);
    case 'X509Data': return resolveX509Data(form, ctx);
    default:
      return unresolved('Expected a Reference, KeyIdentifier, Embedded or X509Data; found ds:KeyName, which an STR must not use', form, {}, [], 'STR_KEY_NAME');
  }
}

function checkReferenceValueType(ref: Element, target: Element): Check[] {
  const valueType = attr(ref, 'ValueType');
  const isBst = target.namespaceURI === NS.wsse && target.localName === 'BinarySecurityToken';
  if (!isBst) return [];
  const tokenType = attr(target, 'ValueType');
  if (valueType === null) return [strWarn('STR_VALUE_TYPE_MISSING', `Expected ValueType ${tokenType ?? URI.x509v3} on the Reference to a BinarySecurityToken; found none`, ref, 'BSP 1.1 R3059')];
  if (valueType !== tokenType) {
    return [strFail('STR_VALUE_TYPE_MISMATCH', `Expected the Reference ValueType to be the token's, ${tokenType ?? '(none)'}; found ${valueType}`, ref, 'BSP 1.1 R3058')];
  }
  return [];
}

function resolveReference(ref: Element, ctx: StrContext): StrResult {
  const uri = attr(ref, 'URI');
  if (uri === null || uri === '') return unresolved('Expected a URI attribute on wsse:Reference; found none', ref, {}, [], 'STR_REFERENCE_NO_URI');
  if (!uri.startsWith('#')) {
    const bytes = ctx.secrets?.get(uri);
    if (bytes) return resolvedTo({ kind: 'secret', bytes, source: `secret registered for ${uri} (reference to a token outside the message)` }, ref);
    const known = [...(ctx.secrets?.keys() ?? [])];
    return unresolved(`Expected a token outside the message with identifier ${uri}; found no secret registered for it (known: ${known.join(', ') || 'none'})`, ref, { uri, knownSecrets: known });
  }
  const ids = collectIds(ctx.doc);
  const targets = ids.get(uri.slice(1)) ?? [];
  if (targets.length > 1) {
    return unresolved(`Expected one element with Id "${uri.slice(1)}"; found ${targets.length}, so the reference is ambiguous`, ref, { uri, count: targets.length }, [], 'STR_DUPLICATE_ID');
  }
  const target = targets[0];
  if (!target) {
    const present = [...ids.keys()];
    return unresolved(`Expected an element with Id "${uri.slice(1)}" for Reference URI "${uri}"; found none (Ids in the message: ${present.join(', ') || 'none'})`, ref, { uri, ids: present });
  }
  const typeChecks = checkReferenceValueType(ref, target);
  const result = fromTokenElement(target, 'referenced by URI', ctx);
  return { key: result.key, checks: [...typeChecks, ...result.checks] };
}

/** BSP R3070/R3071 (binary identifiers) and R6604 (SAML identifiers) on EncodingType. */
function encodingChecks(ki: Element, binary: boolean): Check[] {
  const encoding = attr(ki, 'EncodingType');
  if (!binary) {
    return encoding === null ? [] : [strWarn('STR_SAML_ENCODING_TYPE', `Expected no EncodingType on a SAML KeyIdentifier; found ${encoding}`, ki, 'BSP 1.1 R6604')];
  }
  if (encoding === null) return [strWarn('STR_ENCODING_TYPE_MISSING', `Expected EncodingType ${URI.base64Binary}; found none (base64 assumed)`, ki, 'BSP 1.1 R3070')];
  if (encoding !== URI.base64Binary) return [strFail('STR_ENCODING_TYPE', `Expected EncodingType ${URI.base64Binary}; found ${encoding}`, ki, 'BSP 1.1 R3071')];
  return [];
}

function matchCert(ctx: StrContext, what: string, value: string, test: (c: CertInfo) => boolean, ki: Element, checks: Check[]): StrResult {
  const candidates = certCandidates(ctx);
  const hit = candidates.find((c) => test(c.cert));
  if (hit) {
    const note = what === 'X509SubjectKeyIdentifier' && hit.cert.skiSource !== 'extension' ? ' (SKI computed: the certificate has no SKI extension)' : '';
    return resolvedTo(certKey(hit.cert, `certificate ${hit.cert.subject} matched by ${what} ${value} among ${hit.origin}${note}`), ki, checks);
  }
  const available = candidates.map((c) => `${c.cert.subject} (${c.origin})`);
  return unresolved(`Expected a certificate with ${what} ${value}; found none among ${available.length} certificate(s)${available.length ? `: ${available.join('; ')}` : ''}`,
    ki, { lookedFor: { [what]: value }, available }, checks);
}

function samlTarget(ctx: StrContext, id: string, version: '1.1' | '2.0'): Element | null {
  const attrName = version === '1.1' ? 'AssertionID' : 'ID';
  const ns = version === '1.1' ? NS.saml11 : NS.saml2;
  const all = ctx.doc.getElementsByTagNameNS(ns, 'Assertion');
  for (let i = 0; i < all.length; i++) if (attr(all.item(i)!, attrName) === id) return all.item(i);
  return null;
}

function resolveSamlId(ki: Element, ctx: StrContext, version: '1.1' | '2.0', checks: Check[]): StrResult {
  const id = textOf(ki).trim();
  const assertion = samlTarget(ctx, id, version);
  const how = `matched by KeyIdentifier (SAML ${version} ${version === '1.1' ? 'AssertionID' : 'ID'})`;
  if (assertion) {
    const r = fromSamlAssertion(assertion, how, ctx);
    return { key: r.key, checks: [...checks, ...r.checks] };
  }
  const bytes = ctx.secrets?.get(id);
  if (bytes) return resolvedTo({ kind: 'secret', bytes, source: `proof key of SAML assertion ${id} (not in the message) ${how}` }, ki, checks);
  return unresolved(`Expected SAML ${version} assertion ${id} in the message or a secret registered for it; found neither`, ki,
    { assertionId: id, knownSecrets: [...(ctx.secrets?.keys() ?? [])] }, checks);
}

function resolveKeyIdentifier(ki: Element, ctx: StrContext): StrResult {
  const valueType = attr(ki, 'ValueType');
  if (valueType === null) return unresolved('Expected a ValueType attribute on wsse:KeyIdentifier; found none', ki, {}, [], 'STR_KEY_IDENTIFIER_NO_VALUE_TYPE');
  if (valueType === URI.samlAssertionIdValueType) return resolveSamlId(ki, ctx, '1.1', encodingChecks(ki, false));
  if (valueType === URI.samlIdValueType) return resolveSamlId(ki, ctx, '2.0', encodingChecks(ki, false));
  const checks = encodingChecks(ki, true);
  let value: Uint8Array;
  try {
    value = fromBase64(textOf(ki), 'the KeyIdentifier value');
  } catch (e) {
    return unresolved(e instanceof Error ? e.message : String(e), ki, {}, checks, 'STR_BAD_KEY_IDENTIFIER');
  }
  const b64 = toBase64(value);
  if (valueType === URI.x509Ski) return matchCert(ctx, 'X509SubjectKeyIdentifier', b64, (c) => bytesEqual(fromBase64(c.ski), value), ki, checks);
  if (valueType === URI.thumbprintSha1) return matchCert(ctx, 'ThumbprintSHA1', b64, (c) => c.thumbprintSha1 === b64, ki, checks);
  if (valueType === URI.encryptedKeySha1) {
    const bytes = ctx.encryptedKeys?.get(b64);
    if (bytes) return resolvedTo({ kind: 'secret', bytes, source: `key of the EncryptedKey matched by EncryptedKeySHA1 ${b64}` }, ki, checks);
    const known = [...(ctx.encryptedKeys?.keys() ?? [])];
    return unresolved(`Expected an unwrapped EncryptedKey with EncryptedKeySHA1 ${b64}; found ${known.length ? `only ${known.join(', ')}` : 'none'}`, ki, { lookedFor: b64, known }, checks);
  }
  const supported = [URI.x509Ski, URI.thumbprintSha1, URI.encryptedKeySha1, URI.samlAssertionIdValueType, URI.samlIdValueType];
  return unresolved(`Expected a KeyIdentifier ValueType among ${supported.join(', ')}; found ${valueType}`, ki, { valueType }, checks, 'STR_UNSUPPORTED_VALUE_TYPE');
}

function resolveEmbedded(embedded: Element, ctx: StrContext): StrResult {
  const kids = childElements(embedded);
  const token = kids[0];
  if (kids.length !== 1 || !token) {
    return unresolved(`Expected exactly one token inside wsse:Embedded; found ${kids.length} elements`, embedded, {}, [], 'STR_EMBEDDED_COUNT');
  }
  return fromTokenElement(token, 'embedded in the SecurityTokenReference', ctx);
}

function resolveIssuerSerial(is: Element, ctx: StrContext): StrResult {
  const nameEl = firstChildNS(is, NS.ds, 'X509IssuerName');
  const serialEl = firstChildNS(is, NS.ds, 'X509SerialNumber');
  const name = nameEl ? textOf(nameEl).trim() : '';
  const serialText = serialEl ? textOf(serialEl).trim() : '';
  let issuer: ReturnType<typeof parseDn>;
  let serial: string;
  try {
    if (!/^-?\d+$/.test(serialText)) throw new Error('not decimal');
    issuer = parseDn(name);
    serial = BigInt(serialText).toString();
  } catch {
    const message = `Expected ds:X509IssuerName as an RFC 4514 name and ds:X509SerialNumber as a decimal integer; found "${name}" and "${serialText}"`;
    return unresolved(message, is, { name, serial: serialText }, [], 'STR_BAD_ISSUER_SERIAL');
  }
  return matchCert(ctx, 'X509IssuerSerial', `(issuer ${name}, serial ${serial})`,
    (c) => c.serialDecimal === serial && dnEquals(parseDn(c.issuer), issuer), is, []);
}

function resolveX509Data(data: Element, ctx: StrContext): StrResult {
  const issuerSerial = firstChildNS(data, NS.ds, 'X509IssuerSerial');
  if (issuerSerial) return resolveIssuerSerial(issuerSerial, ctx);
  const ski = firstChildNS(data, NS.ds, 'X509SKI');
  if (ski) {
    let value: Uint8Array;
    try {
      value = fromBase64(textOf(ski), 'the ds:X509SKI value');
    } catch (e) {
      return unresolved(e instanceof Error ? e.message : String(e), ski, {}, [], 'STR_BAD_KEY_IDENTIFIER');
    }
    return matchCert(ctx, 'X509SKI', toBase64(value), (c) => bytesEqual(fromBase64(c.ski), value), ski, []);
  }
  const certEl = firstChildNS(data, NS.ds, 'X509Certificate');
  if (certEl) {
    try {
      const cert = certInfoFromDer(fromBase64(textOf(certEl), 'the ds:X509Certificate'));
      return resolvedTo(certKey(cert, `certificate ${cert.subject} carried in ds:X509Data`), certEl);
    } catch (e) {
      return unresolved(e instanceof Error ? e.message : String(e), certEl, {}, [], 'STR_TOKEN_UNUSABLE');
    }
  }
  const found = childElements(data).map((c) => c.localName).join(', ') || 'nothing';
  return unresolved(`Expected ds:X509IssuerSerial (or X509SKI, X509Certificate) in ds:X509Data; found ${found}`, data, {}, [], 'STR_UNSUPPORTED_X509DATA');
}

/**
 * The token element an STR points to inside the message (for the STR Dereference Transform, WSS 1.1
 * §8.3): a Reference by '#Id', a SAML KeyIdentifier (AssertionID / ID), or the Embedded token; null
 * when it names nothing in the document.
 */
export function dereferenceStr(str: Element): Element | null {
  const doc = str.ownerDocument;
  const form = childElements(str).find(isForm);
  if (!doc || !form) return null;
  if (form.localName === 'Embedded') return childElements(form)[0] ?? null;
  if (form.localName === 'Reference') {
    const uri = attr(form, 'URI') ?? '';
    const hits = uri.startsWith('#') ? collectIds(doc).get(uri.slice(1)) ?? [] : [];
    return hits.length === 1 ? hits[0]! : null;
  }
  const valueType = form.localName === 'KeyIdentifier' ? attr(form, 'ValueType') : null;
  if (valueType === URI.samlAssertionIdValueType) return samlTarget({ doc, knownCerts: [] }, textOf(form).trim(), '1.1');
  if (valueType === URI.samlIdValueType) return samlTarget({ doc, knownCerts: [] }, textOf(form).trim(), '2.0');
  return null;
}

/** True for a wsse:SecurityTokenReference element. */
export function isStr(node: Element | null | undefined): node is Element {
  return !!node && isElement(node) && node.namespaceURI === NS.wsse && node.localName === 'SecurityTokenReference';
}

export { STR_SPEC };
