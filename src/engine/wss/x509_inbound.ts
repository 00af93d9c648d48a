// WSS 1.1 §9 and X.509 Token Profile 1.1 on the receiving side: BinarySecurityTokens, EncryptedKeys
// (unwrapped with the receiver's private key, found through the KeyInfo's STR), ReferenceLists
// (their EncryptedData decrypted in place, so later header elements see plaintext), and WSS 1.1
// §8.5 SignatureConfirmation. Each decryption leaves a WSS_DECRYPTED check with its key chain.

import type { Element } from '@xmldom/xmldom';
import type { RsaPrivateKey } from '../crypto/keys.ts';
import type { CertInfo } from '../crypto/x509.ts';
import type { Check } from '../report/index.ts';
import { attr, childElements, firstChildNS, textOf } from '../xml/dom.ts';
import { NS } from '../xml/names.ts';
import { where } from '../xml/path.ts';
import {
  decryptData, decryptEncryptedData, decryptEncryptedKey, encryptedKeySha1Of, resolveReferenceList,
  type KeyChainStep, type KeyInfoResolver, type ResolvedKeyForKeyInfo,
} from '../xenc/index.ts';
import { readBinarySecurityToken } from './binary_security_token.ts';
import { isStr, resolveStr } from './security_token_reference.ts';
import type { TokenStore } from './signature_processing.ts';

/** The receiver's own identity, to unwrap keys encrypted for it. */
export interface ReceiverIdentity {
  privateKey: RsaPrivateKey;
  /** Without it, the key is only tried when guessing (the inspector given a lone key). */
  certificate?: CertInfo;
}

export interface DecryptionState {
  identity?: ReceiverIdentity;
  /** Inspector only: try the keys given when a KeyInfo names none of them (never for a service). */
  guessKeys?: boolean;
  /** Elements whose content (Content type) or self (Element type) arrived encrypted. */
  decryptedTargets: Element[];
  /** Signature values this receiver sent, for SignatureConfirmation (WSS 1.1 §8.5). */
  expectedConfirmations?: string[];
  /** EncryptedData already tried (decrypted or not), so a later pass does not report it again. */
  attempted?: Element[];
}

/** Resolves a KeyInfo to the receiver's private key (EncryptedKey) or a stored secret (EncryptedData). */
export function keyInfoResolver(doc: Element['ownerDocument'], store: TokenStore, identity?: ReceiverIdentity, guess = false): KeyInfoResolver {
  const fallback = guess ? guessKey : (_s: TokenStore, _i: ReceiverIdentity | undefined, why: string, checks: Check[]): ResolvedKeyForKeyInfo => ({ key: null, source: why, checks });
  return async (keyInfo): Promise<ResolvedKeyForKeyInfo> => {
    const str = keyInfo ? childElements(keyInfo).find((c) => isStr(c)) : undefined;
    if (!str || !doc) return fallback(store, identity, 'no wsse:SecurityTokenReference in the KeyInfo', []);
    const knownCerts = identity?.certificate ? [identity.certificate, ...store.knownCerts] : store.knownCerts;
    const r = await resolveStr(str, { doc, knownCerts, encryptedKeys: store.encryptedKeys, secrets: store.secrets });
    if (r.key?.kind === 'secret') return { key: r.key.bytes, source: r.key.source, checks: r.checks };
    if (r.key?.kind === 'rsa-public' && identity?.certificate && r.key.cert?.thumbprintSha1 === identity.certificate.thumbprintSha1) {
      return { key: identity.privateKey, source: `the receiver's private key for ${identity.certificate.subject} (${r.key.source})`, checks: r.checks };
    }
    const why = r.key ? `the KeyInfo names ${r.key.cert?.subject ?? 'a key'} — not a key this receiver holds` : 'the KeyInfo could not be resolved';
    return r.key ? { key: null, source: why, checks: r.checks } : fallback(store, identity, why, r.checks);
  };
}

/**
 * When the KeyInfo leads nowhere, a key the user gave without naming it (a lone private key, or a
 * secret registered as '*') is tried, as xmlsec1 tries its keys — with a warning saying so.
 */
function guessKey(store: TokenStore, identity: ReceiverIdentity | undefined, why: string, checks: Check[]): ResolvedKeyForKeyInfo {
  const any = store.secrets.get('*');
  const warn = (what: string): Check => ({ code: 'WSS_KEY_GUESSED', status: 'warn', specRef: 'XML Encryption §3.5.1', path: '', message: `${why}; trying ${what}` });
  if (any) return { key: any, source: 'the secret given for any token (*)', checks: [...checks.map(soften), warn('the secret given for any token')] };
  if (identity) return { key: identity.privateKey, source: `the private key given${identity.certificate ? ` (${identity.certificate.subject})` : ''}`, checks: [...checks.map(soften), warn('the private key given')] };
  return { key: null, source: why, checks };
}

/** A lookup failure that a fallback key then covers is a warning, not a failure. */
function soften(c: Check): Check {
  return c.status === 'fail' ? { ...c, status: 'warn' } : c;
}

function decryptedCheck(ed: Element, at: ReturnType<typeof where>, target: Element | null, plaintext: string, chain: KeyChainStep[]): Check {
  const algorithm = attr(firstChildNS(ed, NS.xenc, 'EncryptionMethod') ?? ed, 'Algorithm') ?? '';
  const path = target ? where(target).path : at.path;
  return {
    code: 'WSS_DECRYPTED', status: 'info', specRef: 'WSS 1.1 §9.4', ...at,
    message: `decrypted ${attr(ed, 'Type')?.endsWith('#Content') ? 'the content of' : ''} ${path} (${algorithm.split('#').pop()})`.replace('  ', ' '),
    details: { target: path, id: attr(ed, 'Id') ?? '', algorithm, chain: chain.map((c) => ({ ...c })), plaintext },
  };
}

/** Decrypts one EncryptedData with a known key (or through its KeyInfo); records the target. */
export async function decryptOne(ed: Element, key: Uint8Array | null, resolve: KeyInfoResolver, state: DecryptionState, chain: KeyChainStep[]): Promise<Check[]> {
  const parent = ed.parentNode as Element | null;
  const at = where(ed);
  const content = attr(ed, 'Type')?.endsWith('#Content') ?? false;
  (state.attempted ??= []).push(ed);
  const r = key ? { ...(await decryptData(ed, key)), chain } : await decryptEncryptedData(ed, resolve);
  if (r.replaced.length === 0) return r.checks;
  const target = content ? parent : (r.replaced.find((n) => n.nodeType === 1) as Element | undefined) ?? null;
  if (target) state.decryptedTargets.push(target);
  return [...r.checks, decryptedCheck(ed, at, target, r.plaintext, r.chain)];
}

/** xenc:EncryptedKey in the Security header: unwrap, remember, decrypt its ReferenceList. */
export async function processEncryptedKey(ek: Element, store: TokenStore, state: DecryptionState): Promise<Check[]> {
  const resolve = keyInfoResolver(ek.ownerDocument, store, state.identity, state.guessKeys);
  const r = await decryptEncryptedKey(ek, resolve);
  const checks = [...r.checks];
  if (!r.key) return checks;
  const id = attr(ek, 'Id');
  if (id) store.secrets.set(id, r.key);
  store.encryptedKeys.set(await encryptedKeySha1Of(ek), r.key);
  const list = firstChildNS(ek, NS.xenc, 'ReferenceList');
  if (list && ek.ownerDocument) {
    const refs = resolveReferenceList(ek.ownerDocument, list);
    checks.push(...refs.checks);
    for (const ref of refs.references) if (ref.encryptedData) checks.push(...(await decryptOne(ref.encryptedData, r.key, resolve, state, r.chain)));
  }
  return checks;
}

/** A standalone xenc:ReferenceList: each EncryptedData finds its key through its own KeyInfo. */
export async function processReferenceList(list: Element, store: TokenStore, state: DecryptionState): Promise<Check[]> {
  if (!list.ownerDocument) return [];
  const resolve = keyInfoResolver(list.ownerDocument, store, state.identity, state.guessKeys);
  const refs = resolveReferenceList(list.ownerDocument, list);
  const checks = [...refs.checks];
  for (const ref of refs.references) if (ref.encryptedData) checks.push(...(await decryptOne(ref.encryptedData, null, resolve, state, [])));
  return checks;
}

/** wsse:BinarySecurityToken: parse the certificate (used later through STR references). */
export function processBinarySecurityToken(el: Element): { checks: Check[]; cert?: CertInfo } {
  const r = readBinarySecurityToken(el);
  const checks = [...r.checks];
  if (r.cert) checks.push({ code: 'WSS_X509_TOKEN', status: 'pass', specRef: 'X.509 Token Profile 1.1 §3.1', ...where(el), message: `X.509 certificate ${r.cert.subject}, issued by ${r.cert.issuer}, valid ${r.cert.notBefore} – ${r.cert.notAfter}` });
  return r.cert ? { checks, cert: r.cert } : { checks };
}

/** wsse11:SignatureConfirmation: its Value must be one this receiver's request carried. */
export function processSignatureConfirmation(el: Element, state: DecryptionState): Check[] {
  const value = attr(el, 'Value');
  const spec = 'WSS 1.1 §8.5';
  if (!state.expectedConfirmations) return [{ code: 'WSS_SIGNATURE_CONFIRMATION', status: 'info', specRef: spec, ...where(el), message: `SignatureConfirmation ${value ?? '(no Value)'} (this receiver sent no request to confirm)` }];
  if (value && state.expectedConfirmations.includes(value)) return [{ code: 'WSS_SIGNATURE_CONFIRMATION', status: 'pass', specRef: spec, ...where(el), message: 'SignatureConfirmation echoes the SignatureValue of our request' }];
  return [{ code: 'WSS_SIGNATURE_CONFIRMATION_MISMATCH', status: 'fail', specRef: spec, ...where(el), message: `expected SignatureConfirmation Value ${state.expectedConfirmations.join(' or ')}, found ${value ?? 'none'}` }];
}

/** The SignatureValue text of a ds:Signature (for SignatureConfirmation). */
export function signatureValueOf(sig: Element): string {
  const v = firstChildNS(sig, NS.ds, 'SignatureValue');
  return v ? textOf(v).replace(/\s+/g, '') : '';
}
