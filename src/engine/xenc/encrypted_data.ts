// XML Encryption 1.0 §3.4 The EncryptedData Element, built by §4.1 (Encryption) steps 3–5: the
// element or its content is serialized (plaintext.ts), encrypted with the block algorithm, and
// replaced by an xenc:EncryptedData carrying EncryptionMethod, the optional ds:KeyInfo and the
// CipherValue. Also the reader that decryption and the inspector share.

import type { Document, Element } from '@xmldom/xmldom';
import { encryptBytes } from '../crypto/cipher.ts';
import { fromBase64, toBase64, utf8 } from '../crypto/encoding.ts';
import type { RandomSource } from '../crypto/random.ts';
import { UsageError } from '../report/errors.ts';
import { attr, build, firstChildNS, textOf, type ElSpec } from '../xml/dom.ts';
import { NS, URI } from '../xml/names.ts';
import { keyInfoSpec } from './key_info_spec.ts';
import { serializeContent, serializeElement } from './plaintext.ts';

export type EncryptionType = 'Element' | 'Content';

export interface EncryptOptions {
  type: EncryptionType;
  /** Block encryption algorithm URI (aes128-cbc … aes256-gcm, tripledes-cbc). */
  algorithm: string;
  /** The symmetric data key, of the algorithm's length. */
  key: Uint8Array;
  random: RandomSource;
  /** The Id of the EncryptedData (what a DataReference points at). */
  id: string;
  /** ds:KeyInfo, or something to put in one (an STR, an EncryptedKey, a KeyName). */
  keyInfo?: ElSpec;
}

/** The xenc:EncryptedData element (§3.4) with the given CipherValue. */
export function encryptedDataSpec(opts: { id: string; type: string; algorithm: string; cipherValue: string; keyInfo?: ElSpec }): ElSpec {
  return {
    ns: NS.xenc,
    name: 'xenc:EncryptedData',
    xmlns: { xenc: NS.xenc },
    attrs: { Id: opts.id, Type: opts.type },
    children: [
      { ns: NS.xenc, name: 'xenc:EncryptionMethod', attrs: { Algorithm: opts.algorithm } },
      opts.keyInfo && keyInfoSpec(opts.keyInfo),
      { ns: NS.xenc, name: 'xenc:CipherData', children: [{ ns: NS.xenc, name: 'xenc:CipherValue', text: opts.cipherValue }] },
    ],
  };
}

function typeUri(type: EncryptionType): string {
  return type === 'Element' ? URI.xencElement : URI.xencContent;
}

/**
 * Encrypts `target` (Type Element: the element itself; Content: its children) in place and returns
 * the xenc:EncryptedData that now stands where the plaintext was.
 */
export async function encryptElement(doc: Document, target: Element, opts: EncryptOptions): Promise<Element> {
  const parent = target.parentNode;
  if (opts.type === 'Element' && !parent) {
    throw new UsageError('XENC_BAD_TARGET', `expected an element inside a document to encrypt as Type Element, found a detached <${target.tagName}>`);
  }
  const plaintext = opts.type === 'Element' ? serializeElement(target) : serializeContent(target);
  const cipher = await encryptBytes(opts.algorithm, opts.key, utf8(plaintext), opts.random);
  const spec = encryptedDataSpec({ id: opts.id, type: typeUri(opts.type), algorithm: opts.algorithm, cipherValue: toBase64(cipher), keyInfo: opts.keyInfo });
  const context = opts.type === 'Content' ? target : parent?.nodeType === 1 ? (parent as Element) : undefined;
  const ed = build(doc, spec, context);
  if (opts.type === 'Element') {
    parent!.replaceChild(ed, target);
  } else {
    while (target.firstChild) target.removeChild(target.firstChild);
    target.appendChild(ed);
  }
  return ed;
}

/** What an EncryptedData or EncryptedKey says (§3.1 EncryptedType), before any decryption. */
export interface EncryptedTypeParts {
  id: string | null;
  type: string | null;
  algorithm: string | null;
  method: Element | null;
  keyInfo: Element | null;
  cipherValue: Element | null;
  cipherReference: Element | null;
}

/** Reads the EncryptedType children of an EncryptedData or EncryptedKey. */
export function readEncryptedType(el: Element): EncryptedTypeParts {
  const method = firstChildNS(el, NS.xenc, 'EncryptionMethod');
  const cipherData = firstChildNS(el, NS.xenc, 'CipherData');
  return {
    id: attr(el, 'Id'),
    type: attr(el, 'Type'),
    algorithm: method ? attr(method, 'Algorithm') : null,
    method,
    keyInfo: firstChildNS(el, NS.ds, 'KeyInfo'),
    cipherValue: cipherData ? firstChildNS(cipherData, NS.xenc, 'CipherValue') : null,
    cipherReference: cipherData ? firstChildNS(cipherData, NS.xenc, 'CipherReference') : null,
  };
}

/** The CipherValue octets (DecodingError BASE64_INVALID when not base64). */
export function cipherValueBytes(cipherValue: Element): Uint8Array {
  return fromBase64(textOf(cipherValue), 'the CipherValue');
}
