// PEM textual encoding (RFC 7468 "Textual Encodings of PKIX, PKCS, and CMS Structures"), plus the
// RFC 1421 §4.6 encapsulated headers (Proc-Type, DEK-Info) OpenSSL still writes for encrypted
// "traditional" keys, so such a key can be recognised and reported instead of misread.

import { DecodingError } from '../report/errors.ts';
import { fromBase64, toBase64 } from './encoding.ts';

export interface PemBlock {
  /** The label between "-----BEGIN " and "-----", e.g. "CERTIFICATE". */
  label: string;
  der: Uint8Array;
  /** RFC 1421 headers before the base64 text (e.g. Proc-Type: 4,ENCRYPTED); usually empty. */
  headers: Record<string, string>;
}

const BLOCK = /-----BEGIN ([^-\r\n]*)-----([\s\S]*?)-----END ([^-\r\n]*)-----/g;
const HEADER_LINE = /^([A-Za-z][A-Za-z0-9-]*):\s*(.*)$/;

function describe(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return 'empty text';
  const head = trimmed.slice(0, 40).replace(/\s+/g, ' ');
  return `text starting "${head}${trimmed.length > 40 ? '…' : ''}"`;
}

/** Splits the RFC 1421 header lines (up to the first blank line) from the base64 body. */
function splitHeaders(body: string): { headers: Record<string, string>; base64: string } {
  const lines = body.split(/\r?\n/);
  const headers: Record<string, string> = {};
  let i = 0;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  if (i >= lines.length || !HEADER_LINE.test(lines[i]!.trim())) return { headers, base64: body };
  for (; i < lines.length && lines[i]!.trim() !== ''; i++) {
    const m = HEADER_LINE.exec(lines[i]!.trim());
    if (!m) break;
    headers[m[1]!] = m[2]!;
  }
  return { headers, base64: lines.slice(i).join('\n') };
}

/**
 * Every PEM block in `text`, in order; text between blocks (OpenSSL's "Bag Attributes" and the
 * like) is ignored. A block whose END label differs from its BEGIN label, or whose body is not
 * base64, throws DecodingError `PEM_INVALID`.
 */
export function splitPemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const m of text.matchAll(BLOCK)) {
    const label = m[1]!.trim();
    const endLabel = m[3]!.trim();
    if (label !== endLabel) {
      throw new DecodingError('PEM_INVALID', `Expected "-----END ${label}-----" to close the PEM block; found "-----END ${endLabel}-----"`);
    }
    const { headers, base64 } = splitHeaders(m[2]!);
    let der: Uint8Array;
    try {
      der = fromBase64(base64, `the body of the PEM block "${label}"`);
    } catch (e) {
      throw new DecodingError('PEM_INVALID', e instanceof Error ? e.message : String(e));
    }
    if (der.length === 0) throw new DecodingError('PEM_INVALID', `Expected data in the PEM block "${label}"; found an empty body`);
    blocks.push({ label, der, headers });
  }
  return blocks;
}

function labelsOf(expected: string | string[]): string[] {
  return Array.isArray(expected) ? expected : [expected];
}

/**
 * The first PEM block of `pem` (with `expectedLabel`: the first block carrying one of those labels).
 * No block at all → DecodingError `PEM_INVALID`; blocks but none with an expected label →
 * `PEM_WRONG_LABEL` naming the labels found.
 */
export function pemToDer(pem: string, expectedLabel?: string | string[]): { label: string; der: Uint8Array } {
  const blocks = splitPemBlocks(pem);
  const wanted = expectedLabel === undefined ? undefined : labelsOf(expectedLabel);
  const quoted = wanted?.map((l) => `"-----BEGIN ${l}-----"`).join(' or ') ?? 'a "-----BEGIN …-----" line';
  if (blocks.length === 0) {
    throw new DecodingError('PEM_INVALID', `Expected PEM text (RFC 7468) with ${quoted}; found ${describe(pem)}`);
  }
  const block = wanted ? blocks.find((b) => wanted.includes(b.label)) : blocks[0];
  if (!block) {
    const found = blocks.map((b) => `"${b.label}"`).join(', ');
    throw new DecodingError('PEM_WRONG_LABEL', `Expected a PEM block labelled ${wanted!.map((l) => `"${l}"`).join(' or ')}; found ${found}`);
  }
  return { label: block.label, der: block.der };
}

/** PEM text for `der` under `label`: base64 in 64-character lines (RFC 7468 §2), ending in a newline. */
export function derToPem(der: Uint8Array, label: string): string {
  const b64 = toBase64(der);
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
