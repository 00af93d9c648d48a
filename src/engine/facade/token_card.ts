// Seeing an issued token (issue 4): a SAML assertion as a card of plain data (WSS SAML Token Profile
// 1.1; SAML 1.1 Core §2.3–2.4, SAML 2.0 Core §2.3–2.7), the chain of its symmetric proof key through
// a run — entropy → P_SHA1 (WS-Trust 1.3 §4.4.4 ComputedKey) → proof key → xenc:EncryptedKey for the
// service → the signature made with it — recomputed here, and the STS's four decisions of seed 004
// as a checklist read from a report. Wire strings and plain data in, plain JSON out.

import type { Document, Element } from '@xmldom/xmldom';
import { bytesEqual, fromBase64, toBase64, toHex } from '../crypto/encoding.ts';
import { pemToDer } from '../crypto/pem.ts';
import { psha1 } from '../crypto/psha1.ts';
import { certInfoFromDer, type CertInfo } from '../crypto/x509.ts';
import { referencedElements, verifySignature } from '../dsig/index.ts';
import type { Check, CheckStatus, Report } from '../report/index.ts';
import type { StepRecord } from '../runner/types.ts';
import { readAssertion } from '../saml/assertion.ts';
import { SAML_VERSIONS, samlVersionOfNs, type ConfirmationMethod, type SamlVersion, type SamlVersionName } from '../saml/versions.ts';
import type { Json } from '../scenarios/types.ts';
import { readRst, type ParsedRst } from '../trust/rst.ts';
import { readRstr, type ParsedRstr } from '../trust/rstr.ts';
import { attr, childElements, childrenNS, firstChildNS, isElement, textOf } from '../xml/dom.ts';
import { NS, URI } from '../xml/names.ts';
import { tryParseXml } from '../xml/parse.ts';
import { nodePath } from '../xml/path.ts';

/** Bytes as the UI shows them. */
export interface ShownBytes { base64: string; hex: string; length: number }

export interface CertSummary { subject: string; issuer: string; thumbprintSha1: string; notAfter: string }

/** The holder-of-key xenc:EncryptedKey: the proof key wrapped for the service's certificate. */
export interface EncryptedProofKey {
  path: string;
  algorithm: string;
  /** The OAEP DigestMethod, when stated. */
  digest: string | null;
  /** How the EncryptedKey names the certificate it is wrapped for, and whose that is when known. */
  recipient: { reference: 'ThumbprintSHA1' | 'SubjectKeyIdentifier' | 'IssuerSerial' | 'other' | 'none'; value: string; subject: string | null };
  cipherValue: string;
}

export type ProofKeyCard =
  | { kind: 'none'; travels: string }
  | { kind: 'symmetric'; travels: string; encryptedKey: EncryptedProofKey | null }
  | { kind: 'asymmetric'; travels: string; certificate: CertSummary | null };

export interface TokenCard {
  version: SamlVersionName;
  tokenType: string;
  /** Where the assertion is in the text it was read from. */
  path: string;
  id: string | null;
  issuer: string | null;
  issueInstant: string | null;
  subject: { name: string | null; format: string | null };
  confirmation: { method: ConfirmationMethod | null; uri: string | null };
  conditions: { notBefore: string | null; notOnOrAfter: string | null; audiences: string[] } | null;
  /** Attribute name (SAML 1.1: namespace/name) → values. */
  attributes: Record<string, string[]>;
  authn: { method: string | null; instant: string | null } | null;
  signature: { algorithm: string | null; digest: string | null; c14n: string | null; reference: string | null; signer: CertSummary | null } | null;
  proofKey: ProofKeyCard;
}

export interface DescribeOptions {
  /** PEM certificates to name the EncryptedKey's recipient by (e.g. the run's actors' certificates). */
  certificates?: string[];
}

const shown = (b: Uint8Array): ShownBytes => ({ base64: toBase64(b), hex: toHex(b), length: b.length });
const algOf = (el: Element | null): string | null => (el ? attr(el, 'Algorithm') : null);
const summary = (c: CertInfo): CertSummary => ({ subject: c.subject, issuer: c.issuer, thumbprintSha1: c.thumbprintSha1, notAfter: c.notAfter });

const certCache = new Map<string, CertInfo | null>();
function certOf(pem: string): CertInfo | null {
  if (!certCache.has(pem)) {
    try {
      certCache.set(pem, certInfoFromDer(pemToDer(pem).der));
    } catch {
      certCache.set(pem, null); // not a certificate: it names nothing
    }
  }
  return certCache.get(pem) ?? null;
}

/** The first element in document order that `match` accepts (iterative: no recursion limit). */
function firstElement(root: Element, match: (el: Element) => boolean): Element | null {
  const stack: Element[] = [root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (match(el)) return el;
    stack.push(...childElements(el).reverse());
  }
  return null;
}

const isAssertion = (el: Element): boolean => el.localName === 'Assertion' && samlVersionOfNs(el.namespaceURI) !== null;

/** The Subject (1.1: of the first subject statement) and its first SubjectConfirmation. */
function subjectParts(el: Element, v: SamlVersion): { subject: Element | null; sc: Element | null } {
  const subject = v.version === '2.0'
    ? firstChildNS(el, v.ns, 'Subject')
    : childElements(el).map((s) => (s.namespaceURI === v.ns ? firstChildNS(s, v.ns, 'Subject') : null)).find((s) => s) ?? null;
  return { subject, sc: subject ? firstChildNS(subject, v.ns, 'SubjectConfirmation') : null };
}

function confirmationOf(sc: Element | null, v: SamlVersion): { method: ConfirmationMethod | null; uri: string | null; keyInfo: Element | null } {
  if (!sc) return { method: null, uri: null, keyInfo: null };
  const m = v.version === '1.1' ? firstChildNS(sc, v.ns, 'ConfirmationMethod') : null;
  const uri = v.version === '1.1' ? (m ? textOf(m).trim() : null) : attr(sc, 'Method');
  const data = v.version === '2.0' ? firstChildNS(sc, v.ns, 'SubjectConfirmationData') : sc;
  const hit = Object.entries(v.confirmation).find(([, u]) => u === uri);
  return { method: hit ? (hit[0] as ConfirmationMethod) : null, uri, keyInfo: data ? firstChildNS(data, NS.ds, 'KeyInfo') : null };
}

function conditionsOf(el: Element, v: SamlVersion): TokenCard['conditions'] {
  const c = firstChildNS(el, v.ns, 'Conditions');
  if (!c) return null;
  const audiences = [...c.getElementsByTagNameNS(v.ns, 'Audience')].map((a) => textOf(a).trim());
  return { notBefore: attr(c, 'NotBefore'), notOnOrAfter: attr(c, 'NotOnOrAfter'), audiences };
}

function attributesOf(el: Element, v: SamlVersion): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const st of childrenNS(el, v.ns, 'AttributeStatement')) {
    for (const a of childrenNS(st, v.ns, 'Attribute')) {
      const ns = v.version === '1.1' ? attr(a, 'AttributeNamespace') : null;
      const local = (v.version === '1.1' ? attr(a, 'AttributeName') : attr(a, 'Name')) ?? '(unnamed)';
      const name = ns ? `${ns}/${local}` : local;
      out[name] = [...(out[name] ?? []), ...childrenNS(a, v.ns, 'AttributeValue').map((x) => textOf(x).trim())];
    }
  }
  return out;
}

function authnOf(el: Element, v: SamlVersion): TokenCard['authn'] {
  if (v.version === '1.1') {
    const s = firstChildNS(el, v.ns, 'AuthenticationStatement');
    return s ? { method: attr(s, 'AuthenticationMethod'), instant: attr(s, 'AuthenticationInstant') } : null;
  }
  const s = firstChildNS(el, v.ns, 'AuthnStatement');
  if (!s) return null;
  const ref = s.getElementsByTagNameNS(v.ns, 'AuthnContextClassRef')[0];
  return { method: ref ? textOf(ref).trim() : null, instant: attr(s, 'AuthnInstant') };
}

function x509Of(keyInfo: Element | null): CertInfo | null {
  const certEl = keyInfo?.getElementsByTagNameNS(NS.ds, 'X509Certificate')[0];
  if (!certEl) return null;
  try {
    return certInfoFromDer(fromBase64(textOf(certEl).trim(), 'ds:X509Certificate'));
  } catch {
    return null; // an unreadable certificate names no signer; validation reports why
  }
}

function signatureOf(el: Element): TokenCard['signature'] {
  const sig = firstChildNS(el, NS.ds, 'Signature');
  if (!sig) return null;
  const si = firstChildNS(sig, NS.ds, 'SignedInfo');
  const ref = si ? firstChildNS(si, NS.ds, 'Reference') : null;
  const signer = x509Of(firstChildNS(sig, NS.ds, 'KeyInfo'));
  return {
    algorithm: algOf(si && firstChildNS(si, NS.ds, 'SignatureMethod')), digest: algOf(ref && firstChildNS(ref, NS.ds, 'DigestMethod')),
    c14n: algOf(si && firstChildNS(si, NS.ds, 'CanonicalizationMethod')), reference: ref ? attr(ref, 'URI') : null, signer: signer ? summary(signer) : null,
  };
}

const REFERENCE_KINDS: Record<string, EncryptedProofKey['recipient']['reference']> = { [URI.thumbprintSha1]: 'ThumbprintSHA1', [URI.x509Ski]: 'SubjectKeyIdentifier' };

function recipientOf(ek: Element, certs: CertInfo[]): EncryptedProofKey['recipient'] {
  const ki = firstChildNS(ek, NS.ds, 'KeyInfo');
  const kid = ki?.getElementsByTagNameNS(NS.wsse, 'KeyIdentifier')[0];
  if (kid) {
    const reference = REFERENCE_KINDS[attr(kid, 'ValueType') ?? ''] ?? 'other';
    const value = textOf(kid).trim();
    const hit = certs.find((c) => (reference === 'ThumbprintSHA1' ? c.thumbprintSha1 : c.ski) === value);
    return { reference, value, subject: reference === 'other' ? null : hit?.subject ?? null };
  }
  const serial = ki?.getElementsByTagNameNS(NS.ds, 'X509SerialNumber')[0];
  if (serial) {
    const value = textOf(serial).trim();
    return { reference: 'IssuerSerial', value, subject: certs.find((c) => c.serialDecimal === value)?.subject ?? null };
  }
  return { reference: ki ? 'other' : 'none', value: '', subject: null };
}

function encryptedKeyOf(ek: Element, certs: CertInfo[]): EncryptedProofKey {
  const method = firstChildNS(ek, NS.xenc, 'EncryptionMethod');
  const cv = ek.getElementsByTagNameNS(NS.xenc, 'CipherValue')[0];
  return {
    path: nodePath(ek), algorithm: algOf(method) ?? '', digest: algOf(method && firstChildNS(method, NS.ds, 'DigestMethod')),
    recipient: recipientOf(ek, certs), cipherValue: cv ? textOf(cv).replace(/\s+/g, '') : '',
  };
}

const ALG_WORDS: Record<string, string> = { [URI.rsaOaepMgf1p]: 'RSA-OAEP', [URI.rsaOaep]: 'RSA-OAEP (XML Enc 1.1)', [URI.rsa15]: 'RSA PKCS#1 v1.5' };

function proofKeyOf(method: ConfirmationMethod | null, keyInfo: Element | null, certs: CertInfo[]): ProofKeyCard {
  if (method !== 'holder-of-key' || !keyInfo) {
    return { kind: 'none', travels: method === 'holder-of-key' ? 'holder-of-key without a ds:KeyInfo: no proof key travels' : `no proof key (${method ?? 'unknown'} confirmation)` };
  }
  const ek = firstChildNS(keyInfo, NS.xenc, 'EncryptedKey');
  if (ek) {
    const e = encryptedKeyOf(ek, certs);
    const who = e.recipient.subject ?? (e.recipient.reference === 'none' ? 'an unnamed key' : `the certificate with ${e.recipient.reference} ${e.recipient.value}`);
    const how = [ALG_WORDS[e.algorithm] ?? e.algorithm, e.recipient.subject && e.recipient.reference !== 'none' ? `${e.recipient.reference} ${e.recipient.value}` : ''].filter(Boolean).join(', ');
    return { kind: 'symmetric', travels: `xenc:EncryptedKey for ${who} (${how})`, encryptedKey: e };
  }
  const cert = x509Of(keyInfo);
  if (cert) return { kind: 'asymmetric', travels: `the requester's certificate ${cert.subject} in ds:X509Data`, certificate: summary(cert) };
  if (keyInfo.getElementsByTagNameNS(NS.ds, 'RSAKeyValue')[0]) return { kind: 'asymmetric', travels: "the requester's bare public key in ds:KeyValue/RSAKeyValue", certificate: null };
  return { kind: 'symmetric', travels: `a ds:KeyInfo with ${childElements(keyInfo).map((k) => k.nodeName).join(', ') || 'nothing'}`, encryptedKey: null };
}

function cardOf(el: Element, certs: CertInfo[]): TokenCard | null {
  const { parts } = readAssertion(el);
  if (!parts) return null;
  const v = parts.v;
  const { subject, sc } = subjectParts(el, v);
  const nameEl = subject ? firstChildNS(subject, v.ns, v.version === '1.1' ? 'NameIdentifier' : 'NameID') : null;
  const c = confirmationOf(sc, v);
  return {
    version: v.version, tokenType: SAML_VERSIONS[v.version].tokenType, path: nodePath(el), id: parts.id, issuer: parts.issuer, issueInstant: attr(el, 'IssueInstant'),
    subject: { name: nameEl ? textOf(nameEl).trim() : null, format: nameEl ? attr(nameEl, 'Format') : null },
    confirmation: { method: c.method, uri: c.uri }, conditions: conditionsOf(el, v), attributes: attributesOf(el, v), authn: authnOf(el, v),
    signature: signatureOf(el), proofKey: proofKeyOf(c.method, c.keyInfo, certs),
  };
}

/** The first SAML 1.1 or 2.0 assertion in `xml` (a whole message or the assertion) as a card; null when it holds none or is not XML. */
export function describeSamlToken(xml: string, opts: DescribeOptions = {}): TokenCard | null {
  const parsed = tryParseXml(xml);
  const root = parsed.ok ? parsed.doc.documentElement : null;
  const el = root ? firstElement(root, isAssertion) : null;
  const certs = (opts.certificates ?? []).map(certOf).filter((c): c is CertInfo => c !== null);
  return el ? cardOf(el, certs) : null;
}

/** Every PEM certificate in a JSON value (an actor's state), in order, without repeats. */
export function certificatesIn(value: Json | undefined, out: string[] = []): string[] {
  if (typeof value === 'string') {
    for (const m of value.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)) if (!out.includes(m[0])) out.push(m[0]);
  } else if (Array.isArray(value)) value.forEach((x) => certificatesIn(x, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((x) => certificatesIn(x, out));
  return out;
}

// ---------- the proof-key chain ----------

export interface ProofKeyChain {
  assertionId: string;
  keyBits: number;
  /** 'computed': P_SHA1 of both sides' entropy; 'sts-generated': the STS made the key alone. */
  origin: 'computed' | 'sts-generated';
  /** The step that issued the token (its RSTR). */
  issuedAt: number;
  clientEntropy: { step: number; value: ShownBytes } | null;
  stsEntropy: { step: number; value: ShownBytes } | null;
  /** P_SHA1 recomputed here: secret = client entropy, seed = STS entropy (WS-Trust 1.3 §4.4.4). */
  psha1: { algorithm: string; secret: ShownBytes; seed: ShownBytes; lengthBytes: number; output: ShownBytes } | null;
  proofKey: { step: number; how: string; value: ShownBytes; agrees: Array<{ what: string; equal: boolean }> };
  /** `unwrapped`: what the service said when it unwrapped the key (at the signature's step). */
  encryptedForService: (EncryptedProofKey & { step: number; unwrapped: { step: number; code: string; status: CheckStatus; message: string } | null }) | null;
  signature: {
    step: number; path: string; signatureMethod: string; c14n: string; covers: string[];
    /** Verified here with the chain's proof key. */
    verified: boolean;
    /** What the receiver of that step said, when delivered. */
    receiver: { code: string; status: CheckStatus; message: string } | null;
  } | null;
}

/** The step's message as sent, then as its receiver decrypted it (an encrypted RSTR shows its token only there). */
function docsOf(s: StepRecord): Document[] {
  const decrypted = s.report?.checks.find((c) => c.code === 'WSS_DECRYPTED_MESSAGE')?.details?.['document'];
  const texts = [s.delivered ?? s.produced, ...(typeof decrypted === 'string' ? [decrypted] : [])];
  return texts.map((t) => tryParseXml(t)).flatMap((r) => (r.ok ? [r.doc] : []));
}
const bodyChildOf = (doc: Document): Element | null => {
  const body = doc.documentElement ? childElements(doc.documentElement).find((c) => c.localName === 'Body') : undefined;
  return body ? childElements(body)[0] ?? null : null;
};

interface Issuance { step: StepRecord; rstr: ParsedRstr; token: Element; card: TokenCard }

/** The first RSTR carrying a holder-of-key assertion with a symmetric proof key (the given one, when named). */
function findIssuance(steps: StepRecord[], certs: CertInfo[], assertionId?: string): Issuance | null {
  for (const step of steps) {
    for (const doc of docsOf(step)) {
      const body = bodyChildOf(doc);
      const rstr = body && /RequestSecurityTokenResponse/.test(body.localName ?? '') ? readRstr(body).rstr : null;
      const token = rstr?.token && isAssertion(rstr.token) ? rstr.token : null;
      const card = token ? cardOf(token, certs) : null;
      if (rstr && token && card?.proofKey.kind === 'symmetric' && card.id && (!assertionId || card.id === assertionId)) return { step, rstr, token, card };
    }
  }
  return null;
}

/** The RST the issuing step answers (the last one before it), when it is an Issue: the client's entropy and KeySize. */
function findRequest(steps: StepRecord[], before: number): { step: StepRecord; rst: ParsedRst } | null {
  for (const step of steps.slice(0, before).reverse()) {
    const rst = docsOf(step).map(bodyChildOf).map((b) => (b?.localName === 'RequestSecurityToken' ? readRst(b).rst : null)).find((r) => r) ?? null;
    if (rst) return (rst.requestType ?? 'issue') === 'issue' ? { step, rst } : null;
  }
  return null;
}

const secretNamed = (step: StepRecord, suffix: string): Uint8Array | null => {
  const hit = Object.entries(step.secrets).find(([k, v]) => k.endsWith(suffix) && typeof v === 'string');
  try {
    return hit ? fromBase64(hit[1] as string, hit[0]) : null;
  } catch {
    return null; // a recorded secret that is no base64 cannot be compared
  }
};

async function proofKeyOfRun(iss: Issuance, req: { step: StepRecord; rst: ParsedRst } | null, chain: Pick<ProofKeyChain, 'keyBits'>) {
  const p = iss.rstr.proof;
  const client = req?.rst.entropy;
  const sts = iss.rstr.entropy;
  if (p?.kind === 'computed-key' && client && sts) {
    const out = await psha1(client, sts, chain.keyBits / 8);
    const calc = { algorithm: p.algorithm, secret: shown(client), seed: shown(sts), lengthBytes: chain.keyBits / 8, output: shown(out) };
    return { key: out, how: 'ComputedKey: P_SHA1(client entropy, STS entropy), cut to KeySize', psha1: calc };
  }
  if (p?.kind === 'binary-secret') return { key: p.secret, how: 'generated by the STS, returned as wst:BinarySecret in RequestedProofToken', psha1: null };
  const recorded = secretNamed(iss.step, 'proofKey');
  return recorded ? { key: recorded, how: `recorded by the issuing step (the RSTR carries ${p?.kind ?? 'no proof token'})`, psha1: null } : null;
}

function agreements(iss: Issuance, key: Uint8Array): ProofKeyChain['proofKey']['agrees'] {
  const out: ProofKeyChain['proofKey']['agrees'] = [];
  const issued = secretNamed(iss.step, 'proofKey');
  if (issued) out.push({ what: `the key the STS issued (recorded at step ${iss.step.n})`, equal: bytesEqual(issued, key) });
  const computed = iss.step.report?.checks.find((c) => c.code === 'WST_COMPUTED_KEY' && typeof c.details?.key === 'string');
  if (computed) out.push({ what: `the key the client computed (WST_COMPUTED_KEY, step ${iss.step.n})`, equal: computed.details?.key === toBase64(key) });
  return out;
}

/** The first later step whose message carries a signature keyed by the assertion (its KeyInfo names the Id). */
function findUse(steps: StepRecord[], after: number, id: string): { step: StepRecord; sig: Element } | null {
  for (const step of steps.slice(after + 1)) {
    const sigs = docsOf(step).flatMap((doc) => [...doc.getElementsByTagNameNS(NS.ds, 'Signature')]);
    const sig = sigs.find((s) => {
      const ki = firstChildNS(s, NS.ds, 'KeyInfo');
      const inAssertion = s.parentNode && isElement(s.parentNode) && isAssertion(s.parentNode);
      return !inAssertion && ki && (textOf(ki).includes(id) || [...ki.getElementsByTagNameNS(NS.wsse, 'Reference')].some((r) => attr(r, 'URI') === `#${id}`));
    });
    if (sig) return { step, sig };
  }
  return null;
}

const checkAt = (report: Report | null, codes: string[], path?: string): Check | null =>
  report?.checks.find((c) => codes.includes(c.code) && (path === undefined || c.path === path)) ?? null;
const said = (c: Check | null) => (c ? { code: c.code, status: c.status, message: c.message } : null);
/** WSS_SIGNATURE is an info check: whether the signature held is in its details. */
const wssSignature = (c: Check | null) => (c ? { code: c.code, status: (c.details?.ok === true ? 'pass' : 'fail') as CheckStatus, message: c.message } : null);

async function signatureUse(steps: StepRecord[], iss: Issuance, key: Uint8Array): Promise<ProofKeyChain['signature']> {
  const use = findUse(steps, steps.indexOf(iss.step), iss.card.id ?? '');
  if (!use) return null;
  const si = firstChildNS(use.sig, NS.ds, 'SignedInfo');
  const path = nodePath(use.sig);
  const v = await verifySignature(use.sig, { resolveKey: async () => ({ key: { kind: 'secret', bytes: key, source: 'the proof key of this chain' }, checks: [] }) });
  const report = use.step.report;
  return {
    step: use.step.n, path, signatureMethod: algOf(si && firstChildNS(si, NS.ds, 'SignatureMethod')) ?? '', c14n: algOf(si && firstChildNS(si, NS.ds, 'CanonicalizationMethod')) ?? '',
    covers: referencedElements(use.sig).map(nodePath), verified: v.ok,
    receiver: said(checkAt(report, ['SAML_PROOF_OF_POSSESSION', 'SAML_NO_PROOF_OF_POSSESSION'])) ?? wssSignature(checkAt(report, ['WSS_SIGNATURE'], path)),
  };
}

/** The run's actors' certificates (any step's state), to name the EncryptedKey's recipient. */
function runCertificates(steps: StepRecord[]): CertInfo[] {
  const pems: string[] = [];
  for (const s of steps) for (const a of Object.values(s.before)) certificatesIn(a, pems);
  return pems.map(certOf).filter((c): c is CertInfo => c !== null);
}

/**
 * The chain of the run's holder-of-key symmetric proof key (the one of `assertionId` when given),
 * recomputed from the steps' wire texts; null when the run issued no such token.
 */
export async function proofKeyChain(steps: StepRecord[], assertionId?: string): Promise<ProofKeyChain | null> {
  const certs = runCertificates(steps);
  const iss = findIssuance(steps, certs, assertionId);
  if (!iss) return null;
  const req = findRequest(steps, steps.indexOf(iss.step));
  const recorded = secretNamed(iss.step, 'proofKey');
  // A KeySize edited into nonsense on the wire falls back to the recorded key's size.
  const usable = (n: number | undefined): n is number => n !== undefined && Number.isInteger(n) && n > 0 && n % 8 === 0 && n <= 4096;
  const keyBits = [iss.rstr.keySize, req?.rst.keySize].find(usable) ?? (recorded ? recorded.length * 8 : 256);
  const got = await proofKeyOfRun(iss, req, { keyBits });
  if (!got) return null;
  const ek = iss.card.proofKey.kind === 'symmetric' ? iss.card.proofKey.encryptedKey : null;
  const sig = await signatureUse(steps, iss, got.key);
  const useStep = sig ? steps.find((s) => s.n === sig.step) ?? null : null;
  const ekPath = ek?.path.slice(ek.path.indexOf('/Assertion/') + 1);
  const unwrapped = useStep?.report?.checks.find((c) => (c.code === 'XENC_KEY_UNWRAPPED' || c.code.startsWith('SAML_PROOF_KEY')) && !!ekPath && c.path.endsWith(ekPath)) ?? null;
  return {
    assertionId: iss.card.id ?? '', keyBits, origin: got.psha1 ? 'computed' : 'sts-generated', issuedAt: iss.step.n,
    clientEntropy: req?.rst.entropy ? { step: req.step.n, value: shown(req.rst.entropy) } : null,
    stsEntropy: iss.rstr.entropy ? { step: iss.step.n, value: shown(iss.rstr.entropy) } : null,
    psha1: got.psha1,
    proofKey: { step: iss.step.n, how: got.how, value: shown(got.key), agrees: agreements(iss, got.key) },
    encryptedForService: ek ? { ...ek, step: iss.step.n, unwrapped: unwrapped && useStep ? { step: useStep.n, ...said(unwrapped)! } : null } : null,
    signature: sig,
  };
}

// ---------- the STS's four decisions (seed 004) ----------

export interface StsDecisionItem {
  n: 1 | 2 | 3 | 4;
  question: string;
  state: 'passed' | 'refused' | 'not-reached';
  code: string | null;
  message: string | null;
  specRef: string | null;
  path: string | null;
}

const DECISIONS: Array<{ n: StsDecisionItem['n']; question: string; codes: string[] }> = [
  { n: 1, question: 'Is this a request to issue a token?', codes: ['STS_ISSUE_REQUEST', 'STS_NOT_ISSUE_REQUEST'] },
  { n: 2, question: 'Does the STS support the requested token type?', codes: ['STS_TOKEN_TYPE', 'STS_TOKEN_TYPE_UNSUPPORTED'] },
  { n: 3, question: 'Is the requester authorized to ask?', codes: ['STS_REQUESTER_AUTHORIZED', 'STS_NOT_AUTHENTICATED', 'STS_NOT_AUTHORIZED'] },
  {
    n: 4, question: "Can the STS meet the requester's key expectations?",
    codes: ['STS_KEY_DECISION', 'STS_KEY_TYPE_UNSUPPORTED', 'STS_KEY_SIZE_UNSUPPORTED', 'STS_UNKNOWN_APPLIES_TO', 'STS_KEY_EXPECTATIONS', 'STS_SENDER_VOUCHES_WITHOUT_SUBJECT', 'STS_ASYMMETRIC_ON_BEHALF_OF', 'STS_USE_KEY_NOT_PROVEN', 'STS_NO_PUBLIC_KEY'],
  },
];

/** The decision a check answers: by its code, or by the "decision N:" its message opens with. */
function decisionOf(c: Check): number | null {
  const byCode = DECISIONS.find((d) => d.codes.includes(c.code))?.n;
  if (byCode && (c.code !== 'STS_NOT_AUTHENTICATED' || c.message.startsWith('decision'))) return byCode;
  const m = /^decision ([1-4]):/.exec(c.message);
  return m && c.code.startsWith('STS_') ? Number(m[1]) : null;
}

/** Seed 004's four decisions as the STS's report shows them, 1–4; null when the report has none (not an issue request the STS decided). */
export function stsDecisionChecklist(report: Report | null): StsDecisionItem[] | null {
  const found = new Map<number, Check>();
  for (const c of report?.checks ?? []) {
    const n = decisionOf(c);
    if (n !== null && !found.has(n)) found.set(n, c);
  }
  if (!found.has(1)) return null;
  return DECISIONS.map(({ n, question }) => {
    const c = found.get(n);
    if (!c) return { n, question, state: 'not-reached', code: null, message: null, specRef: null, path: null };
    return { n, question, state: c.status === 'fail' ? 'refused' : 'passed', code: c.code, message: c.message, specRef: c.specRef, path: c.path };
  });
}
