// wsbench's side of the WS-SecureConversation peer tests: an application request protected by
// secureWithDerivedKeys (src/engine/wss/sc_outbound.ts) with a fresh SCT, as the peers receive it,
// plus small wire-level edits the tests make (tampering, KeyInfo views).

import type { RandomSource } from '../../src/engine/crypto/random.ts';
import { newSctIdentifier, type ScVersionId } from '../../src/engine/sc/sct.ts';
import { secureWithDerivedKeys, type DerivedKeyOutbound, type DerivedKeysSecured } from '../../src/engine/wss/sc_outbound.ts';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { serializeXml } from '../../src/engine/xml/serialize.ts';
import { NS } from '../../src/engine/xml/names.ts';

/** The Body text every wsbench SC request carries (non-ASCII on purpose: c14n and UTF-8 both matter). */
export const SC_BODY_TEXT = 'h\u00e9llo from wsbench \u4e2d\u6587';

export interface WsbenchScOptions {
  version: ScVersionId;
  includeSct: boolean;
  encryptBody: boolean;
  soap?: '1.1' | '1.2';
  instance?: string;
  signatureAlgorithm?: string;
  encryptionAlgorithm?: string;
  signatureKeyLength?: number;
  label?: string;
  generation?: number;
}

export interface WsbenchScMessage {
  wire: string;
  identifier: string;
  secret: Uint8Array;
  secured: DerivedKeysSecured;
}

function envelope(soap: '1.1' | '1.2'): string {
  const ns = soap === '1.1' ? NS.soap11 : NS.soap12;
  return `<soap:Envelope xmlns:soap="${ns}"><soap:Header/><soap:Body><m:echo xmlns:m="urn:wsbench:peer"><m:text>${SC_BODY_TEXT}</m:text></m:echo></soap:Body></soap:Envelope>`;
}

/** A request secured with keys derived from a fresh SCT (random Identifier and 32-byte secret). */
export async function wsbenchScMessage(o: WsbenchScOptions, random: RandomSource, now = Date.now()): Promise<WsbenchScMessage> {
  const soap = o.soap ?? '1.1';
  const doc = parseXml(envelope(soap));
  const identifier = newSctIdentifier(random);
  const secret = random.bytes(32);
  const opts: DerivedKeyOutbound = {
    version: o.version,
    sct: { identifier, secret, ...(o.instance !== undefined ? { instance: o.instance } : {}) },
    includeSct: o.includeSct, encryptBody: o.encryptBody, random, now, soap,
    ...(o.signatureAlgorithm ? { signatureAlgorithm: o.signatureAlgorithm } : {}),
    ...(o.encryptionAlgorithm ? { encryptionAlgorithm: o.encryptionAlgorithm } : {}),
    ...(o.signatureKeyLength ? { signatureKeyLength: o.signatureKeyLength } : {}),
    ...(o.label !== undefined ? { label: o.label } : {}),
    ...(o.generation !== undefined ? { generation: o.generation } : {}),
  };
  const secured = await secureWithDerivedKeys(doc, opts);
  return { wire: serializeXml(doc), identifier, secret, secured };
}

/**
 * One changed character: in the Body's text ("from wsbench" → "from wsbenck", ASCII, so it survives a
 * peer's re-serialization with character references) or in the first CipherValue.
 */
export function tamperText(wire: string, where: 'CipherValue' | 'text'): string {
  if (where === 'text') {
    if (!wire.includes('from wsbench')) throw new Error('no Body text to tamper with');
    return wire.replace('from wsbench', 'from wsbenck');
  }
  const re = /(<[\w.-]+:CipherValue\b[^>]*>)([^<]{4})/;
  const m = re.exec(wire);
  if (!m) throw new Error('no CipherValue to tamper with');
  const text = m[2]!;
  const c = text[2] === 'A' ? 'B' : 'A';
  return wire.replace(re, `$1${text.slice(0, 2)}${c}${text.slice(3)}`);
}

/** Numeric character references (&#xE9; &#233;) decoded, for peers that write non-ASCII that way. */
export function decodeCharRefs(xml: string): string {
  return xml.replace(/&#x([0-9a-fA-F]+);|&#(\d+);/g, (_, hex: string | undefined, dec: string | undefined) => String.fromCodePoint(hex ? parseInt(hex, 16) : Number(dec)));
}
