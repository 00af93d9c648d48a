// ASN.1 DER (ITU-T X.690 §§8, 10): a minimal reader and writer for the few structures wsbench
// handles itself — PKCS#1/PKCS#8 RSA keys (RFC 8017 App. A.1, RFC 5208 §5), SubjectPublicKeyInfo
// (RFC 5280 §4.1.2.7), Names (RFC 5280 §4.1.2.4) and PKIPath (WSS X.509 Token Profile §3.1).
// Certificates themselves are parsed by @peculiar/x509; this is only the glue around them.

import { DecodingError } from '../report/errors.ts';

export const TAG = {
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utf8String: 0x0c,
  printableString: 0x13,
  t61String: 0x14,
  ia5String: 0x16,
  universalString: 0x1c,
  bmpString: 0x1e,
  sequence: 0x30,
  set: 0x31,
} as const;

/** One decoded TLV: `content` is the value octets, `raw` the whole encoding (tag and length too). */
export interface DerNode {
  tag: number;
  content: Uint8Array;
  raw: Uint8Array;
  /** Children of a constructed encoding (bit 6 of the tag set); empty for primitives. */
  children: DerNode[];
}

const MAX_DEPTH = 32;

function derError(what: string, found: string): DecodingError {
  return new DecodingError('DER_INVALID', `Expected ${what} to be DER (X.690); found ${found}`);
}

/** Reads the length octets at `at`; returns [length, octets used]. Indefinite lengths are not DER. */
function readLength(bytes: Uint8Array, at: number, what: string): [number, number] {
  const first = bytes[at];
  if (first === undefined) throw derError(what, `the data cut off at offset ${at} (no length)`);
  if (first < 0x80) return [first, 1];
  const count = first & 0x7f;
  if (count === 0) throw derError(what, `an indefinite length at offset ${at}`);
  if (count > 4) throw derError(what, `a ${count}-octet length at offset ${at}`);
  let length = 0;
  for (let i = 1; i <= count; i++) {
    const b = bytes[at + i];
    if (b === undefined) throw derError(what, `the data cut off inside a length at offset ${at}`);
    length = length * 256 + b;
  }
  return [length, 1 + count];
}

function readNode(bytes: Uint8Array, at: number, depth: number, what: string): DerNode {
  if (depth > MAX_DEPTH) throw derError(what, `nesting deeper than ${MAX_DEPTH}`);
  const tag = bytes[at];
  if (tag === undefined) throw derError(what, `the data cut off at offset ${at}`);
  if ((tag & 0x1f) === 0x1f) throw derError(what, `a multi-octet tag at offset ${at}`);
  const [length, lengthOctets] = readLength(bytes, at + 1, what);
  const start = at + 1 + lengthOctets;
  const end = start + length;
  if (end > bytes.length) throw derError(what, `a length of ${length} at offset ${at} running past the end (${bytes.length} bytes)`);
  const content = bytes.subarray(start, end);
  const children: DerNode[] = [];
  if (tag & 0x20) {
    for (let p = 0; p < content.length; ) {
      const child = readNode(content, p, depth + 1, what);
      children.push(child);
      p += child.raw.length;
    }
  }
  return { tag, content, raw: bytes.subarray(at, end), children };
}

/** Decodes exactly one DER value filling `bytes`; trailing data or malformed encodings throw DER_INVALID. */
export function decodeDer(bytes: Uint8Array, what = 'the data'): DerNode {
  const node = readNode(bytes, 0, 0, what);
  if (node.raw.length !== bytes.length) {
    throw derError(what, `${bytes.length - node.raw.length} bytes after the end of the outer value`);
  }
  return node;
}

/** The child at `index` with tag `tag`, or a DER_INVALID error naming `what` it should have been. */
export function child(node: DerNode, index: number, tag: number, what: string): DerNode {
  const c = node.children[index];
  if (!c) throw derError(what, `no element at position ${index + 1}`);
  if (c.tag !== tag) {
    throw derError(what, `tag 0x${c.tag.toString(16)} at position ${index + 1}, expected 0x${tag.toString(16)}`);
  }
  return c;
}

/** Dotted-decimal form of an OBJECT IDENTIFIER's content octets (X.690 §8.19). */
export function oidToString(content: Uint8Array): string {
  const arcs: bigint[] = [];
  let value = 0n;
  for (const b of content) {
    value = (value << 7n) | BigInt(b & 0x7f);
    if ((b & 0x80) === 0) {
      arcs.push(value);
      value = 0n;
    }
  }
  if (arcs.length === 0) return '';
  const first = arcs[0]!;
  const head = first < 40n ? [0n, first] : first < 80n ? [1n, first - 40n] : [2n, first - 80n];
  return [...head, ...arcs.slice(1)].map(String).join('.');
}

function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const octets: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) octets.unshift(n & 0xff);
  return Uint8Array.of(0x80 | octets.length, ...octets);
}

/** One TLV with the given tag around the concatenated `parts`. */
export function derEncode(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const length = parts.reduce((n, p) => n + p.length, 0);
  const header = encodeLength(length);
  const out = new Uint8Array(1 + header.length + length);
  out[0] = tag;
  out.set(header, 1);
  let at = 1 + header.length;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** OBJECT IDENTIFIER from dotted-decimal text. */
export function derOid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map((a) => BigInt(a));
  if (arcs.length < 2) throw new DecodingError('DER_INVALID', `Expected an OID with at least two arcs; found '${dotted}'`);
  const values = [arcs[0]! * 40n + arcs[1]!, ...arcs.slice(2)];
  const octets: number[] = [];
  for (const v of values) {
    const group: number[] = [Number(v & 0x7fn)];
    for (let rest = v >> 7n; rest > 0n; rest >>= 7n) group.unshift(Number(rest & 0x7fn) | 0x80);
    octets.push(...group);
  }
  return derEncode(TAG.oid, Uint8Array.from(octets));
}

/** The value bytes of a non-negative INTEGER content with its sign octet (if any) removed. */
export function unsignedInteger(content: Uint8Array): Uint8Array {
  let at = 0;
  while (at < content.length - 1 && content[at] === 0) at++;
  return content.subarray(at);
}
