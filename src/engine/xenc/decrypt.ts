// XML Encryption 1.0 §4.2 Decryption, for an xenc:EncryptedData (§3.4) whose key is known: read
// EncryptionMethod and CipherValue, decrypt (cipher.ts), parse the UTF-8 plaintext in the
// EncryptedData's namespace context (plaintext.ts) and put the nodes in its place — or, inside a
// wsse11:EncryptedHeader (WSS 1.1 §9.3), in the EncryptedHeader's place. Every outcome is a check.

import type { Element, Node } from '@xmldom/xmldom';
import { algorithmName, decryptBytes } from '../crypto/cipher.ts';
import type { Check } from '../report/check.ts';
import { URI } from '../xml/names.ts';
import { where } from '../xml/path.ts';
import { failureFromError, legacyWarning, xencCheck } from './checks.ts';
import { cipherValueBytes, readEncryptedType, type EncryptedTypeParts } from './encrypted_data.ts';
import { checkHeaderAttributes, isEncryptedHeader } from './encrypted_header.ts';
import { parseInContext, plaintextText, shapeOf } from './plaintext.ts';
import { XENC_CODES, XENC_SPEC } from './spec.ts';

export interface DecryptResult {
  /** The nodes now in the document where the EncryptedData (or EncryptedHeader) was. */
  replaced: Node[];
  /** The decrypted text ('' when decryption failed). */
  plaintext: string;
  checks: Check[];
}

const FAILED = (checks: Check[]): DecryptResult => ({ replaced: [], plaintext: '', checks });

function label(ed: Element, parts: EncryptedTypeParts): string {
  return `EncryptedData${parts.id ? ` '${parts.id}'` : ''} at ${where(ed).path}`;
}

/** Structural checks before any cryptography: a method, a CipherValue. */
function structureFailure(ed: Element, parts: EncryptedTypeParts): Check | null {
  if (!parts.algorithm) {
    return xencCheck(XENC_CODES.unknownAlgorithm, 'fail', `${label(ed, parts)}: expected an xenc:EncryptionMethod with an Algorithm, found none`, XENC_SPEC.encryptionMethod, parts.method ?? ed);
  }
  if (!parts.cipherValue) {
    const found = parts.cipherReference ? 'an xenc:CipherReference, which wsbench does not dereference' : 'no CipherData/CipherValue';
    return xencCheck(XENC_CODES.malformed, 'fail', `${label(ed, parts)}: expected xenc:CipherData/xenc:CipherValue, found ${found}`, XENC_SPEC.cipherData, ed);
  }
  return null;
}

/** Replaces `place` with `nodes` and returns them. */
function replace(place: Element, nodes: Node[]): Node[] {
  const parent = place.parentNode!;
  for (const n of nodes) parent.insertBefore(n, place);
  parent.removeChild(place);
  return nodes;
}

/** Shape checks on the plaintext for Type Element (exactly one element) — warnings, not failures. */
function shapeChecks(ed: Element, parts: EncryptedTypeParts, nodes: Node[]): Check[] {
  if (parts.type !== URI.xencElement) return [];
  const shape = shapeOf(nodes);
  if (shape.elements === 1 && !shape.text) return [];
  return [xencCheck(XENC_CODES.malformed, 'warn', `${label(ed, parts)}: expected Type Element to decrypt to exactly one element, found ${shape.elements} element(s)${shape.text ? ' and text' : ''}`, XENC_SPEC.encryptedType, ed)];
}

function isXmlType(type: string | null): boolean {
  return type === null || type === URI.xencElement || type === URI.xencContent;
}

function typeName(type: string | null): string {
  return type === URI.xencElement ? 'Element' : type === URI.xencContent ? 'Content' : type ?? 'none';
}

/** Decrypts the CipherValue and, for XML types, parses it in `place`'s context. Throws on failure. */
async function decryptToNodes(parts: EncryptedTypeParts, key: Uint8Array, place: Element): Promise<{ text: string; nodes: Node[] }> {
  const octets = await decryptBytes(parts.algorithm!, key, cipherValueBytes(parts.cipherValue!));
  const text = plaintextText(octets);
  return { text, nodes: isXmlType(parts.type) ? parseInContext(text, place) : [] };
}

/**
 * Decrypts an EncryptedData with `key` and replaces it (or its EncryptedHeader) in the DOM by the
 * decrypted nodes. A non-XML Type (a MIME type) is decrypted but left in place. Failures are
 * checks; the document is left untouched when decryption fails.
 */
export async function decryptData(ed: Element, key: Uint8Array): Promise<DecryptResult> {
  const parts = readEncryptedType(ed);
  const broken = structureFailure(ed, parts);
  if (broken) return FAILED([broken]);
  const algorithm = parts.algorithm!;
  const name = label(ed, parts);
  const checks = legacyWarning(algorithm, ed, name);
  const wrapper = ed.parentNode as Element | null;
  const place = isEncryptedHeader(wrapper) ? wrapper! : ed;
  const position = where(ed);
  let result: { text: string; nodes: Node[] };
  try {
    result = await decryptToNodes(parts, key, place);
  } catch (error) {
    return FAILED([...checks, failureFromError(error, ed, XENC_SPEC.decrypt, `${name} with ${algorithmName(algorithm)}`)]);
  }
  const replaced = isXmlType(parts.type) ? replace(place, result.nodes) : [];
  checks.push({
    code: XENC_CODES.decrypted, status: 'pass', specRef: XENC_SPEC.decrypt, ...position,
    message: `decrypted ${name} (${algorithmName(algorithm)}, Type ${typeName(parts.type)}) into ${isXmlType(parts.type) ? `${replaced.length} node(s)` : `${result.text.length} characters left out of the document`}`,
    details: { algorithm, type: parts.type, id: parts.id, plaintextLength: result.text.length },
  });
  checks.push(...shapeChecks(ed, parts, result.nodes));
  const header = place !== ed ? result.nodes.find((n): n is Element => n.nodeType === 1) : undefined;
  if (header) checks.push(...checkHeaderAttributes(place, header));
  return { replaced, plaintext: result.text, checks };
}
