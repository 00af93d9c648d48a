// WS-Trust 1.3 §9.2 / Feb2005 §10.3 wst:UseKey: the requester names the public key the issued token
// should be bound to — a wsse:BinarySecurityToken with its certificate, a ds:KeyInfo (X509Data or
// KeyValue/RSAKeyValue) or a wsse:SecurityTokenReference to a token in the message. The STS proves
// it before binding a token to it: the request must be signed with that very key (§9.2 /@Sig names
// the signature; without it, any verified signature over the request body will do).

import type { Element } from '@xmldom/xmldom';
import { bytesEqual, fromBase64, toBase64 } from '../crypto/encoding.ts';
import { rsaPublicKeyFromNumbers, rsaPublicNumbers, type ResolvedKey } from '../crypto/keys.ts';
import { certInfoFromDer, type CertInfo } from '../crypto/x509.ts';
import type { Check } from '../report/index.ts';
import { readBinarySecurityToken, buildX509Token } from '../wss/binary_security_token.ts';
import { isStr, resolveStr } from '../wss/security_token_reference.ts';
import { attr, childElements, firstChildNS, textOf, type ElSpec } from '../xml/dom.ts';
import { NS } from '../xml/names.ts';
import { where } from '../xml/path.ts';

const SPEC = 'WS-Trust 1.3 §9.2 UseKey';

/** How the requester writes its key into wst:UseKey. */
export type UseKeyForm = 'bst' | 'x509-data' | 'key-value';

const ds = (local: string, rest: Omit<ElSpec, 'ns' | 'name'> = {}): ElSpec => ({ ns: NS.ds, name: `ds:${local}`, ...rest });

/** The child of wst:UseKey carrying `cert`'s key in the given form. */
export function buildUseKey(form: UseKeyForm, cert: CertInfo, id: string): ElSpec {
  if (form === 'bst') return { ...buildX509Token(cert, id), xmlns: { wsse: NS.wsse, wsu: NS.wsu } };
  if (form === 'x509-data') return ds('KeyInfo', { xmlns: { ds: NS.ds }, children: [ds('X509Data', { children: [ds('X509Certificate', { text: toBase64(cert.der) })] })] });
  const { modulus, exponent } = rsaPublicNumbers(cert.spki);
  return ds('KeyInfo', { xmlns: { ds: NS.ds }, children: [ds('KeyValue', { children: [ds('RSAKeyValue', { children: [ds('Modulus', { text: toBase64(modulus) }), ds('Exponent', { text: toBase64(exponent) })] })] })] });
}

export interface UseKeyRead {
  /** The public key named, with its certificate when one was given. */
  key: (ResolvedKey & { kind: 'rsa-public' }) | null;
  checks: Check[];
}

const fail = (code: string, el: Element, message: string): UseKeyRead => ({ key: null, checks: [{ code, status: 'fail', specRef: SPEC, ...where(el), message }] });

function certKey(cert: CertInfo, source: string): ResolvedKey & { kind: 'rsa-public' } {
  return { kind: 'rsa-public', spki: cert.spki, cert, source };
}

function fromKeyInfo(ki: Element): UseKeyRead | null {
  const certEl = firstChildNS(firstChildNS(ki, NS.ds, 'X509Data') ?? ki, NS.ds, 'X509Certificate');
  if (certEl) {
    const cert = certInfoFromDer(fromBase64(textOf(certEl), 'the ds:X509Certificate'));
    return { key: certKey(cert, `certificate ${cert.subject} in wst:UseKey/ds:KeyInfo`), checks: [] };
  }
  const rsa = firstChildNS(firstChildNS(ki, NS.ds, 'KeyValue') ?? ki, NS.ds, 'RSAKeyValue');
  const modulus = rsa ? firstChildNS(rsa, NS.ds, 'Modulus') : null;
  const exponent = rsa ? firstChildNS(rsa, NS.ds, 'Exponent') : null;
  if (!modulus || !exponent) return null;
  const pub = rsaPublicKeyFromNumbers(fromBase64(textOf(modulus), 'the ds:Modulus'), fromBase64(textOf(exponent), 'the ds:Exponent'));
  return { key: { kind: 'rsa-public', spki: pub.spki, source: 'ds:RSAKeyValue in wst:UseKey' }, checks: [] };
}

async function readChild(useKey: Element, child: Element): Promise<UseKeyRead | null> {
  if (child.namespaceURI === NS.wsse && child.localName === 'BinarySecurityToken') {
    const r = readBinarySecurityToken(child);
    return r.cert ? { key: certKey(r.cert, `certificate ${r.cert.subject} in wst:UseKey/wsse:BinarySecurityToken`), checks: r.checks } : { key: null, checks: r.checks };
  }
  if (child.namespaceURI === NS.ds && child.localName === 'KeyInfo') return fromKeyInfo(child);
  if (isStr(child) && useKey.ownerDocument) {
    const r = await resolveStr(child, { doc: useKey.ownerDocument, knownCerts: [] });
    return r.key?.kind === 'rsa-public' ? { key: { ...r.key, source: `${r.key.source} (wst:UseKey)` }, checks: r.checks } : { key: null, checks: r.checks };
  }
  return null;
}

/** The public key a wst:UseKey names, or a failed check saying what was found instead. */
export async function readUseKey(useKey: Element): Promise<UseKeyRead> {
  const child = childElements(useKey)[0];
  if (!child) return fail('STS_USE_KEY_UNREADABLE', useKey, 'expected wst:UseKey to hold a BinarySecurityToken, a ds:KeyInfo or a SecurityTokenReference, found it empty');
  try {
    const r = await readChild(useKey, child);
    if (r?.key) return { key: r.key, checks: [...r.checks, { code: 'STS_USE_KEY', status: 'info', specRef: SPEC, ...where(child), message: `UseKey names ${r.key.source}` }] };
    const found = r ? r.checks.find((c) => c.status === 'fail')?.message ?? 'no usable key' : `{${child.namespaceURI ?? ''}}${child.localName}`;
    return { key: null, checks: [...(r?.checks ?? []), ...fail('STS_USE_KEY_UNREADABLE', child, `expected a public key in wst:UseKey (BinarySecurityToken, ds:X509Data or ds:RSAKeyValue), found ${found}`).checks] };
  } catch (e) {
    return fail('STS_USE_KEY_UNREADABLE', child, `expected a readable public key in wst:UseKey, found ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** A signature the STS verified over the request, with the key it verified under. */
export interface RequestSigner {
  /** The ds:Signature's Id attribute, for /wst:UseKey/@Sig. */
  id?: string;
  key: ResolvedKey;
}

const describe = (k: ResolvedKey): string => (k.kind === 'rsa-public' ? (k.cert ? `${k.cert.subject} (SHA-1 thumbprint ${k.cert.thumbprintSha1})` : 'a bare RSA public key') : 'a symmetric key');

/** Proof of possession of the UseKey key: a signature over the request made with it (WS-Trust 1.3 §9.2). */
export function proveUseKey(useKey: Element, key: ResolvedKey & { kind: 'rsa-public' }, signers: RequestSigner[]): { proven: boolean; check: Check } {
  const sig = attr(useKey, 'Sig');
  const candidates = sig ? signers.filter((s) => s.id === sig) : signers;
  const at = where(useKey);
  const match = candidates.find((s) => s.key.kind === 'rsa-public' && bytesEqual(s.key.spki, key.spki));
  if (match) return { proven: true, check: { code: 'STS_USE_KEY_PROVEN', status: 'pass', specRef: SPEC, ...at, message: `the request was signed with the UseKey key: ${describe(key)}` } };
  if (candidates.length === 0) {
    const what = sig ? `the signature #${sig} that /wst:UseKey/@Sig names` : 'a verified signature over the request';
    return { proven: false, check: { code: 'STS_USE_KEY_NOT_PROVEN', status: 'fail', specRef: SPEC, ...at, message: `expected ${what}, made with the UseKey key ${describe(key)}, found none` } };
  }
  const found = candidates.map((s) => describe(s.key)).join(', ');
  return { proven: false, check: { code: 'STS_USE_KEY_MISMATCH', status: 'fail', specRef: SPEC, ...at, message: `expected the request signed with the UseKey key ${describe(key)}, found it signed with ${found}`, details: { useKey: describe(key), signers: found } } };
}
