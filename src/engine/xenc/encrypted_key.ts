// XML Encryption 1.0 §3.5.1 The EncryptedKey Element: a data key encrypted for the recipient with
// a key transport (rsa-oaep-mgf1p §5.4.2, rsa-1_5 §5.4.1) or key wrap (kw-aes* §5.6.3) algorithm,
// with an optional ReferenceList (§3.6) naming the EncryptedData it decrypts — the form WSS 1.1
// §9.2 puts in the wsse:Security header. Also EncryptedKeySHA1 (WSS 1.1 §7.7, Encrypted Key
// reference): base64 SHA-1 of the wrapped key octets, by which later messages name this key.

import type { Element } from '@xmldom/xmldom';
import { wrapKey } from '../crypto/cipher.ts';
import { sha1 } from '../crypto/digest.ts';
import { fromBase64, toBase64 } from '../crypto/encoding.ts';
import type { RsaPublicKey } from '../crypto/keys.ts';
import type { RandomSource } from '../crypto/random.ts';
import { attr, firstChildNS, textOf, type ElSpec } from '../xml/dom.ts';
import { NS, URI } from '../xml/names.ts';
import { cipherValueBytes } from './encrypted_data.ts';
import { keyInfoSpec } from './key_info_spec.ts';
import { dataReferenceSpecs } from './reference_list.ts';

export interface EncryptedKeyOptions {
  /** rsa-oaep-mgf1p, rsa-1_5 or kw-aes128/192/256. */
  algorithm: string;
  /** The recipient's RSA public key, or the AES key-encryption key for kw-aes*. */
  kek: RsaPublicKey | Uint8Array;
  /** The data key to transport. */
  key: Uint8Array;
  keyInfo?: ElSpec;
  /** Ids of the EncryptedData this key decrypts (an xenc:ReferenceList inside the EncryptedKey). */
  referenceList?: string[];
  id: string;
  random: RandomSource;
  /** RSA-OAEP OAEPparams, written as xenc:OAEPparams. */
  oaepParams?: Uint8Array;
}

function methodSpec(algorithm: string, oaepParams?: Uint8Array): ElSpec {
  const oaep = algorithm === URI.rsaOaepMgf1p;
  return {
    ns: NS.xenc,
    name: 'xenc:EncryptionMethod',
    attrs: { Algorithm: algorithm },
    children: [
      oaep && oaepParams && oaepParams.length > 0 && { ns: NS.xenc, name: 'xenc:OAEPparams', text: toBase64(oaepParams) },
      oaep && { ns: NS.ds, name: 'ds:DigestMethod', xmlns: { ds: NS.ds }, attrs: { Algorithm: URI.sha1 } },
    ],
  };
}

/** Wraps `key` and returns the xenc:EncryptedKey with its CipherValue (and ReferenceList, if any). */
export async function buildEncryptedKey(opts: EncryptedKeyOptions): Promise<ElSpec> {
  const wrapped = await wrapKey(opts.algorithm, opts.kek, opts.key, opts.random, { oaepParams: opts.oaepParams });
  const refs = opts.referenceList ?? [];
  return {
    ns: NS.xenc,
    name: 'xenc:EncryptedKey',
    xmlns: { xenc: NS.xenc },
    attrs: { Id: opts.id },
    children: [
      methodSpec(opts.algorithm, opts.oaepParams),
      opts.keyInfo && keyInfoSpec(opts.keyInfo),
      { ns: NS.xenc, name: 'xenc:CipherData', children: [{ ns: NS.xenc, name: 'xenc:CipherValue', text: toBase64(wrapped) }] },
      refs.length > 0 && { ns: NS.xenc, name: 'xenc:ReferenceList', children: dataReferenceSpecs(refs) },
    ],
  };
}

/** EncryptedKeySHA1 of the wrapped key octets: base64 of their SHA-1. */
export async function encryptedKeySha1(wrapped: Uint8Array): Promise<string> {
  return toBase64(await sha1(wrapped));
}

function cipherValueOfSpec(spec: ElSpec): string | null {
  if (spec.name.endsWith('CipherValue')) return spec.text ?? '';
  for (const c of spec.children ?? []) {
    if (!c || typeof (c as Partial<Element>).nodeType === 'number') continue;
    const found = cipherValueOfSpec(c as ElSpec);
    if (found !== null) return found;
  }
  return null;
}

/** EncryptedKeySHA1 of an EncryptedKey, given as a DOM element or as the spec buildEncryptedKey made. */
export async function encryptedKeySha1Of(ek: Element | ElSpec): Promise<string> {
  if (typeof (ek as Partial<Element>).nodeType === 'number') {
    const cd = firstChildNS(ek as Element, NS.xenc, 'CipherData');
    const cv = cd ? firstChildNS(cd, NS.xenc, 'CipherValue') : null;
    return encryptedKeySha1(cv ? cipherValueBytes(cv) : new Uint8Array(0));
  }
  return encryptedKeySha1(fromBase64(cipherValueOfSpec(ek as ElSpec) ?? '', 'the CipherValue'));
}

/** The RSA-OAEP parameters an EncryptionMethod states: OAEPparams and the DigestMethod URI. */
export function oaepParamsOf(method: Element | null): { oaepParams?: Uint8Array; digest: string } {
  const params = method ? firstChildNS(method, NS.xenc, 'OAEPparams') : null;
  const digest = method ? firstChildNS(method, NS.ds, 'DigestMethod') : null;
  const out: { oaepParams?: Uint8Array; digest: string } = { digest: (digest && attr(digest, 'Algorithm')) ?? URI.sha1 };
  if (params) out.oaepParams = fromBase64(textOf(params), 'the OAEPparams');
  return out;
}
