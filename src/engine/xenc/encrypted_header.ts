// WSS 1.1 §9.3 Encrypted Header: a whole SOAP header block is encrypted (Type Element) and the
// resulting xenc:EncryptedData wrapped in a wsse11:EncryptedHeader that carries copies of the
// block's SOAP processing attributes (S11 mustUnderstand/actor, S12 mustUnderstand/role/relay), so
// intermediaries still see them, and optionally a wsu:Id. Decryption puts the header block back in
// the EncryptedHeader's place (decrypt.ts); this module also checks the copies agree.

import type { Document, Element } from '@xmldom/xmldom';
import type { Check } from '../report/check.ts';
import { UsageError } from '../report/errors.ts';
import { build, type ElSpec } from '../xml/dom.ts';
import { NS } from '../xml/names.ts';
import { xencCheck } from './checks.ts';
import { encryptElement, type EncryptOptions } from './encrypted_data.ts';
import { XENC_CODES, XENC_SPEC } from './spec.ts';

/** SOAP attributes a header block's EncryptedHeader must repeat (SOAP 1.1 §4.2, SOAP 1.2 Part 1 §5.2). */
const COPIED = ['mustUnderstand', 'actor', 'role', 'relay'];
const SOAP_NAMESPACES: readonly string[] = [NS.soap11, NS.soap12];

export interface EncryptHeaderOptions extends Omit<EncryptOptions, 'type'> {
  /** wsu:Id for the wsse11:EncryptedHeader itself (the EncryptedData gets `id`). */
  headerId?: string;
}

/** The SOAP processing attributes of a header block, as [namespace, qualified name, value]. */
function soapAttributes(header: Element): Array<[string, string, string]> {
  const out: Array<[string, string, string]> = [];
  for (let i = 0; i < header.attributes.length; i++) {
    const a = header.attributes.item(i)!;
    if (a.namespaceURI && SOAP_NAMESPACES.includes(a.namespaceURI) && COPIED.includes(a.localName ?? '')) {
      out.push([a.namespaceURI, a.name, a.value]);
    }
  }
  return out;
}

export function isEncryptedHeader(el: Element | null): boolean {
  return !!el && el.namespaceURI === NS.wsse11 && el.localName === 'EncryptedHeader';
}

/**
 * Encrypts a SOAP header block (a child of soap:Header) and replaces it with a
 * wsse11:EncryptedHeader holding the EncryptedData; returns the EncryptedHeader.
 */
export async function encryptHeader(doc: Document, header: Element, opts: EncryptHeaderOptions): Promise<Element> {
  const parent = header.parentNode as Element | null;
  if (!parent || parent.localName !== 'Header' || !SOAP_NAMESPACES.includes(parent.namespaceURI ?? '')) {
    throw new UsageError('XENC_BAD_TARGET', `expected a SOAP header block (a child of soap:Header) to encrypt as an EncryptedHeader, found <${header.tagName}> under ${parent ? `<${parent.tagName}>` : 'no parent'}`);
  }
  const attrs = soapAttributes(header);
  const ed = await encryptElement(doc, header, { ...opts, type: 'Element' });
  const spec: ElSpec = {
    ns: NS.wsse11,
    name: 'wsse11:EncryptedHeader',
    xmlns: { wsse11: NS.wsse11 },
    nsAttrs: [...(opts.headerId ? [[NS.wsu, 'wsu:Id', opts.headerId] as [string, string, string]] : []), ...attrs],
  };
  const eh = build(doc, spec, parent);
  parent.insertBefore(eh, ed);
  eh.appendChild(ed);
  return eh;
}

function attributeMap(el: Element): Map<string, string> {
  return new Map(soapAttributes(el).map(([ns, qname, value]) => [`{${ns}}${qname.slice(qname.indexOf(':') + 1)}`, value]));
}

/** Warns when the EncryptedHeader's SOAP attributes differ from the decrypted header block's. */
export function checkHeaderAttributes(eh: Element, header: Element): Check[] {
  const outer = attributeMap(eh);
  const inner = attributeMap(header);
  const keys = [...new Set([...outer.keys(), ...inner.keys()])];
  const differing = keys.filter((k) => outer.get(k) !== inner.get(k));
  if (differing.length === 0) return [];
  const show = (m: Map<string, string>, k: string): string => m.get(k) ?? '(absent)';
  const list = differing.map((k) => `${k.slice(k.indexOf('}') + 1)}: ${show(outer, k)} outside vs ${show(inner, k)} inside`).join('; ');
  return [xencCheck(XENC_CODES.headerAttributes, 'warn', `expected the EncryptedHeader to repeat the header block's SOAP attributes, found ${list}`, XENC_SPEC.encryptedHeader, header)];
}
