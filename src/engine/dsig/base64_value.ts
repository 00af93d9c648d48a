// ds:DigestValue (XMLDSig §4.3.3.6) and ds:SignatureValue (XMLDSig §4.2): base64Binary content.
// Read strictly: only character data may be inside (a comment or element splitting the value is how
// some parsers were fooled into reading half of it), and only XML whitespace may separate the base64
// characters (the base64Binary whiteSpace facet is "collapse", so space, TAB, CR and LF, nothing else).

import type { Element } from '@xmldom/xmldom';
import { fromBase64 } from '../crypto/encoding.ts';
import { DecodingError } from '../report/errors.ts';
import { CDATA_SECTION_NODE, TEXT_NODE } from '../xml/dom.ts';

export type Base64Value = { ok: true; bytes: Uint8Array; text: string } | { ok: false; text: string; message: string };

const NODE_KIND: Record<number, string> = { 1: 'an element', 7: 'a processing instruction', 8: 'a comment' };

/** The text of el if it holds only character data, else a description of the first other child. */
function characterData(el: Element): { text: string; intruder?: string } {
  const parts: string[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === TEXT_NODE || c.nodeType === CDATA_SECTION_NODE) {
      parts.push(c.nodeValue ?? '');
      continue;
    }
    const kind = NODE_KIND[c.nodeType] ?? `a node of type ${c.nodeType}`;
    const shown = c.nodeType === 8 ? `<!--${c.nodeValue ?? ''}-->` : `<${c.nodeName}>`;
    return { text: parts.join(''), intruder: `${kind} ${shown}` };
  }
  return { text: parts.join('') };
}

/** Decodes the base64Binary content of a DigestValue or SignatureValue element. */
export function readBase64Value(el: Element): Base64Value {
  const name = el.localName ?? el.nodeName;
  const { text, intruder } = characterData(el);
  if (intruder) {
    return { ok: false, text, message: `expected only base64 text inside ${name} but found ${intruder}` };
  }
  if (text.trim() === '') return { ok: false, text, message: `expected a base64 value inside ${name} but found none` };
  try {
    return { ok: true, bytes: fromBase64(text, name), text };
  } catch (e) {
    if (!(e instanceof DecodingError)) throw e;
    return { ok: false, text, message: e.message };
  }
}
