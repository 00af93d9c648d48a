// XML Encryption 1.0 §4.2 step 2 for an EncryptedData: its key comes from its ds:KeyInfo — an
// xenc:EncryptedKey inside it (§3.5.1), a same-document reference to one (ds:RetrievalMethod
// §3.5.2, or a wsse:SecurityTokenReference/wsse:Reference as WSS 1.1 §9 uses), or whatever the
// caller's resolver makes of it (a KeyName, an EncryptedKeySHA1 reference, a derived key).

import type { Element } from '@xmldom/xmldom';
import { keyLengthOf } from '../crypto/cipher.ts';
import { attr, firstChildNS, isElement } from '../xml/dom.ts';
import { findById } from '../xml/ids.ts';
import { NS } from '../xml/names.ts';
import { where } from '../xml/path.ts';
import { xencCheck } from './checks.ts';
import { decryptData, type DecryptResult } from './decrypt.ts';
import { decryptEncryptedKey, type EncryptedKeyResult, type KeyChainStep, type KeyInfoResolver } from './decrypt_key.ts';
import { XENC_CODES, XENC_SPEC } from './spec.ts';

/** Unwrapped EncryptedKeys, so that one key serving several EncryptedData is unwrapped once. */
export type EncryptedKeyCache = Map<Element, EncryptedKeyResult>;

function isEncryptedKey(el: Element | null): el is Element {
  return !!el && el.namespaceURI === NS.xenc && el.localName === 'EncryptedKey';
}

/** The EncryptedKey a KeyInfo holds or points at by a same-document `URI="#id"`. */
export function encryptedKeyOf(keyInfo: Element): Element | null {
  const inline = firstChildNS(keyInfo, NS.xenc, 'EncryptedKey');
  if (inline) return inline;
  const stack: Element[] = [keyInfo];
  while (stack.length > 0) {
    const el = stack.pop()!;
    const uri = attr(el, 'URI');
    if (uri?.startsWith('#') && el.ownerDocument) {
      const target = findById(el.ownerDocument, uri);
      if (isEncryptedKey(target)) return target;
    }
    for (let c = el.firstChild; c; c = c.nextSibling) if (isElement(c)) stack.push(c);
  }
  return null;
}

function dataKeyLength(ed: Element): number | undefined {
  const method = firstChildNS(ed, NS.xenc, 'EncryptionMethod');
  try {
    return keyLengthOf(method ? attr(method, 'Algorithm') ?? '' : '');
  } catch {
    return undefined;
  }
}

/** The data key of `ed` with its checks and chain, from its KeyInfo. */
async function dataKey(ed: Element, resolve: KeyInfoResolver, cache: EncryptedKeyCache): Promise<EncryptedKeyResult> {
  const keyInfo = firstChildNS(ed, NS.ds, 'KeyInfo');
  const ek = keyInfo ? encryptedKeyOf(keyInfo) : null;
  if (ek) {
    const cached = cache.get(ek);
    if (cached) return { key: cached.key, checks: [], chain: cached.chain };
    const expectedKeyLength = dataKeyLength(ed);
    const result = await decryptEncryptedKey(ek, resolve, expectedKeyLength === undefined ? {} : { expectedKeyLength });
    cache.set(ek, result);
    return result;
  }
  const resolved = await resolve(keyInfo);
  const what = `key of the EncryptedData at ${where(ed).path}`;
  if (resolved.key instanceof Uint8Array) {
    const step: KeyChainStep = { what, algorithm: attr(firstChildNS(ed, NS.xenc, 'EncryptionMethod') ?? ed, 'Algorithm') ?? '', keySource: resolved.source };
    return { key: resolved.key, checks: resolved.checks, chain: [step] };
  }
  const found = resolved.key ? 'an RSA private key, which cannot decrypt data directly' : `none (${resolved.source})`;
  const fail = xencCheck(XENC_CODES.keyUnresolved, 'fail', `expected a symmetric ${what} from its KeyInfo, found ${found}`, XENC_SPEC.encryptedData, keyInfo ?? ed);
  return { key: null, checks: [...resolved.checks, fail], chain: [] };
}

/** Finds the key of an EncryptedData through its KeyInfo and decrypts it in place. */
export async function decryptEncryptedData(
  ed: Element,
  resolve: KeyInfoResolver,
  cache: EncryptedKeyCache = new Map(),
): Promise<DecryptResult & { chain: KeyChainStep[] }> {
  const key = await dataKey(ed, resolve, cache);
  if (!key.key) return { replaced: [], plaintext: '', checks: key.checks, chain: key.chain };
  const result = await decryptData(ed, key.key);
  return { ...result, checks: [...key.checks, ...result.checks], chain: key.chain };
}
