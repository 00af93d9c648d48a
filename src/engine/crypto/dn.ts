// Distinguished names: X.509 Name (RFC 5280 §4.1.2.4) to and from the RFC 4514 string form that
// XML Signature's ds:X509IssuerName uses (XMLDSig §4.4.4 points to RFC 2253, which RFC 4514
// replaces): most specific RDN first, ',' between RDNs, '+' inside a multi-valued RDN. Also the
// comparison a receiver needs, since senders differ in spacing, case and RDN order.

import { DecodingError } from '../report/errors.ts';
import { TAG, child, decodeDer, derEncode, derOid, oidToString, type DerNode } from './der.ts';
import { fromHex, fromUtf8Lossy, toHex, utf8 } from './encoding.ts';

/** One attribute of an RDN: type as short name when known (CN, O, …) else dotted OID. */
export interface DnAttribute {
  type: string;
  value: string;
  /** True when `value` is "#" + the hex of the DER value (RFC 4514 §2.4: a type with no string form). */
  berHex?: boolean;
}
/** RDNs in RFC 4514 order (most specific first). */
export type Dn = DnAttribute[][];

/** RFC 4514 §3 short names, plus emailAddress as OpenSSL prints it. */
const SHORT_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN', '2.5.4.7': 'L', '2.5.4.8': 'ST', '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.6': 'C',
  '2.5.4.9': 'STREET', '0.9.2342.19200300.100.1.25': 'DC', '0.9.2342.19200300.100.1.1': 'UID',
  '2.5.4.5': 'serialNumber', '1.2.840.113549.1.9.1': 'emailAddress',
};
const OIDS: Record<string, string> = Object.fromEntries(
  Object.entries(SHORT_NAMES).map(([oid, name]) => [name.toUpperCase(), oid]),
);
Object.assign(OIDS, { E: '1.2.840.113549.1.9.1', EMAIL: '1.2.840.113549.1.9.1', S: '2.5.4.8' });

function decodeValue(node: DerNode): string | null {
  switch (node.tag) {
    case TAG.utf8String:
    case TAG.printableString:
    case TAG.ia5String:
      return fromUtf8Lossy(node.content);
    case TAG.t61String:
      return String.fromCharCode(...node.content);
    case TAG.bmpString: {
      let s = '';
      for (let i = 0; i + 1 < node.content.length; i += 2) s += String.fromCharCode((node.content[i]! << 8) | node.content[i + 1]!);
      return s;
    }
    default:
      return null;
  }
}

/** Decodes a DER Name (SEQUENCE OF SET OF AttributeTypeAndValue) into RFC 4514 order. */
export function dnFromDer(der: Uint8Array | DerNode): Dn {
  const name = der instanceof Uint8Array ? decodeDer(der, 'the X.509 Name') : der;
  const rdns: Dn = name.children.map((set) =>
    set.children.map((atv) => {
      const oid = oidToString(child(atv, 0, TAG.oid, 'the attribute type of a Name').content);
      const value = atv.children[1];
      if (!value) throw new DecodingError('DER_INVALID', `Expected a value for attribute ${oid} in a Name; found none`);
      const text = decodeValue(value);
      const type = SHORT_NAMES[oid] ?? oid;
      return text === null ? { type, value: `#${toHex(value.raw)}`, berHex: true } : { type, value: text };
    }),
  );
  return rdns.reverse();
}

function escapeValue(a: DnAttribute): string {
  if (a.berHex) return a.value;
  let out = a.value.replace(/[\\,+"<>;]/g, (c) => `\\${c}`).replace(/\u0000/g, '\\00');
  if (out.startsWith(' ') || out.startsWith('#')) out = `\\${out}`;
  if (out.endsWith(' ') && !out.endsWith('\\ ')) out = `${out.slice(0, -1)}\\ `;
  return out;
}

/** The RFC 4514 string, as `openssl x509 -nameopt RFC2253` prints it (e.g. "CN=a,O=b,C=US"). */
export function dnToString(dn: Dn): string {
  return dn.map((rdn) => rdn.map((a) => `${a.type}=${escapeValue(a)}`).join('+')).join(',');
}

/** Splits at unescaped `sep` characters outside quotes. */
function splitUnescaped(text: string, seps: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      current += c + text[++i];
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (!quoted && seps.includes(c)) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

function unescapeValue(raw: string): string {
  let v = raw.trim();
  if (v.startsWith('"') && v.endsWith('"') && v.length >= 2) v = v.slice(1, -1);
  return v.replace(/\\([0-9a-fA-F]{2}|.)/g, (_, e: string) => (e.length === 2 ? String.fromCharCode(parseInt(e, 16)) : e));
}

/**
 * Parses an RFC 4514 / RFC 2253 string ("CN=a, O=b, C=US"; ';' accepted as separator, as RFC 1779
 * writers use). Throws DecodingError `DN_INVALID` for an attribute without '='.
 */
export function parseDn(text: string): Dn {
  if (text.trim() === '') return [];
  return splitUnescaped(text, ',;').map((rdn) =>
    splitUnescaped(rdn, '+').map((atv) => {
      const eq = atv.indexOf('=');
      if (eq <= 0) throw new DecodingError('DN_INVALID', `Expected "type=value" in the distinguished name "${text}"; found "${atv.trim()}"`);
      const rawType = atv.slice(0, eq).trim();
      const oid = OIDS[rawType.toUpperCase()] ?? rawType.replace(/^oid\./i, '');
      const type = SHORT_NAMES[oid] ?? rawType;
      const rawValue = atv.slice(eq + 1).trim();
      if (/^#([0-9a-fA-F]{2})+$/.test(rawValue)) return { type, value: rawValue.toLowerCase(), berHex: true };
      return { type, value: unescapeValue(rawValue) };
    }),
  );
}

function typeOid(type: string): string {
  const oid = OIDS[type.toUpperCase()] ?? type.replace(/^oid\./i, '');
  if (!/^\d+(\.\d+)+$/.test(oid)) throw new DecodingError('DN_INVALID', `Expected a known attribute type or a dotted OID in a distinguished name; found "${type}"`);
  return oid;
}

/** DER Name for `dn` (RFC 4514 order in, ASN.1 order out): C as PrintableString, the rest UTF8String. */
export function dnToDer(dn: Dn): Uint8Array {
  const sets = [...dn].reverse().map((rdn) =>
    derEncode(TAG.set, ...rdn.map((a) => {
      const oid = typeOid(a.type);
      if (a.berHex) return derEncode(TAG.sequence, derOid(oid), fromHex(a.value.slice(1), 'a "#hex" name value'));
      const tag = oid === '2.5.4.6' ? TAG.printableString : TAG.utf8String;
      return derEncode(TAG.sequence, derOid(oid), derEncode(tag, utf8(a.value)));
    })),
  );
  return derEncode(TAG.sequence, ...sets);
}

function normalizedRdn(rdn: DnAttribute[]): string {
  return rdn
    .map((a) => `${OIDS[a.type.toUpperCase()] ?? a.type}=${a.value.trim().replace(/\s+/g, ' ').toLowerCase()}`)
    .sort()
    .join('+');
}

/**
 * True when two names are the same up to case, spacing and short-name spelling (RFC 5280 §7.1 in
 * spirit). RDNs are compared in order, and also reversed, since some writers (notably older .NET
 * and Java code) put the RDNs in ASN.1 order instead of RFC 4514 order.
 */
export function dnEquals(a: Dn, b: Dn): boolean {
  if (a.length !== b.length) return false;
  const na = a.map(normalizedRdn);
  const nb = b.map(normalizedRdn);
  const same = (x: string[], y: string[]) => x.every((v, i) => v === y[i]);
  return same(na, nb) || same(na, [...nb].reverse());
}
