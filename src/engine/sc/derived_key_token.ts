// WS-SecureConversation 1.3 §7 (2005/02 §7) wsc:DerivedKeyToken: a SecurityTokenReference to the
// token whose secret is the source, Properties, Generation or Offset, Length, Label and Nonce.
// Reading gives the derivation inputs or failed checks naming what was expected and found.

import type { Element } from '@xmldom/xmldom';
import { fromBase64, toBase64 } from '../crypto/encoding.ts';
import type { Check } from '../report/index.ts';
import { firstChildNS, textOf, type ElSpec } from '../xml/dom.ts';
import { NS, SC_VERSIONS, type ScVersion } from '../xml/names.ts';
import { where } from '../xml/path.ts';
import { PSHA1_MAX_BYTES } from '../crypto/psha1.ts';
import { DEFAULT_DKT_LABEL, DEFAULT_DKT_LENGTH, type DerivationInput } from './derive.ts';

export interface DktSpec {
  version: ScVersion['version'];
  id: string;
  /** The SecurityTokenReference to the source token (an SCT by its Identifier, an EncryptedKey, …). */
  reference: ElSpec;
  nonce: Uint8Array;
  label?: string;
  offset?: number;
  generation?: number;
  length?: number;
}

export function buildDerivedKeyToken(s: DktSpec): ElSpec {
  const ns = SC_VERSIONS[s.version].ns;
  const el = (name: string, text: string): ElSpec => ({ ns, name: `wsc:${name}`, text });
  return {
    ns, name: 'wsc:DerivedKeyToken', xmlns: { wsc: ns }, nsAttrs: [[NS.wsu, 'wsu:Id', s.id]],
    attrs: { Algorithm: SC_VERSIONS[s.version].psha1 },
    children: [
      s.reference,
      s.generation !== undefined ? el('Generation', String(s.generation)) : null,
      s.offset !== undefined ? el('Offset', String(s.offset)) : null,
      el('Length', String(s.length ?? DEFAULT_DKT_LENGTH)),
      s.label !== undefined ? el('Label', s.label) : null,
      el('Nonce', toBase64(s.nonce)),
    ],
  };
}

export interface ParsedDkt {
  version: ScVersion['version'];
  id: string;
  reference: Element | null;
  input: Omit<DerivationInput, 'secret'>;
}

const fail = (code: string, message: string, el: Element): Check => ({ code, status: 'fail', specRef: 'WS-SC 1.3 §7', ...where(el), message });

function count(el: Element, ns: string, local: string, checks: Check[]): number | undefined {
  const c = firstChildNS(el, ns, local);
  if (!c) return undefined;
  const t = textOf(c).trim();
  if (/^\d+$/.test(t)) return Number(t);
  checks.push(fail('DKT_BAD_NUMBER', `expected a non-negative integer in wsc:${local}, found "${t}"`, c));
  return undefined;
}

/** Reads a DerivedKeyToken of either version into derivation inputs (the secret comes from its STR). */
export function readDerivedKeyToken(el: Element): { dkt: ParsedDkt | null; checks: Check[] } {
  const v = Object.values(SC_VERSIONS).find((x) => x.ns === el.namespaceURI);
  if (!v || el.localName !== 'DerivedKeyToken') return { dkt: null, checks: [fail('DKT_NOT_DKT', `expected wsc:DerivedKeyToken (WS-SC 2005/02 or 1.3), found {${el.namespaceURI ?? ''}}${el.localName}`, el)] };
  const checks: Check[] = [];
  const alg = el.getAttribute('Algorithm');
  if (alg && alg !== v.psha1) checks.push(fail('DKT_UNKNOWN_ALGORITHM', `expected Algorithm ${v.psha1} (or none), found ${alg}`, el));
  const offset = count(el, v.ns, 'Offset', checks);
  const generation = count(el, v.ns, 'Generation', checks);
  const length = count(el, v.ns, 'Length', checks) ?? DEFAULT_DKT_LENGTH;
  if (offset !== undefined && generation !== undefined) checks.push(fail('DKT_OFFSET_AND_GENERATION', `expected either Offset or Generation, found both (Offset ${offset}, Generation ${generation})`, el));
  const start = (generation !== undefined ? generation * length : offset ?? 0);
  if (length === 0 || start + length > PSHA1_MAX_BYTES) checks.push(fail('DKT_BAD_LENGTH', `expected a Length from 1 with Offset + Length at most ${PSHA1_MAX_BYTES} bytes, found Length ${length} at offset ${start}`, el));
  const nonceEl = firstChildNS(el, v.ns, 'Nonce');
  let nonce: Uint8Array | undefined;
  if (!nonceEl) checks.push(fail('DKT_NONCE_MISSING', 'expected a wsc:Nonce (the seed of the derivation), found none', el));
  else {
    try {
      nonce = fromBase64(textOf(nonceEl).trim(), 'wsc:Nonce');
    } catch (e) {
      checks.push(fail('DKT_NONCE_NOT_BASE64', (e as Error).message, nonceEl));
    }
  }
  const labelEl = firstChildNS(el, v.ns, 'Label');
  const reference = firstChildNS(el, NS.wsse, 'SecurityTokenReference');
  if (!reference) checks.push(fail('DKT_NO_REFERENCE', 'expected a wsse:SecurityTokenReference to the source token, found none', el));
  if (checks.length > 0 || !nonce) return { dkt: null, checks };
  const input: ParsedDkt['input'] = { nonce, label: labelEl ? textOf(labelEl) : DEFAULT_DKT_LABEL, length, ...(generation !== undefined ? { generation } : { offset: offset ?? 0 }) };
  return { dkt: { version: v.version, id: el.getAttributeNS(NS.wsu, 'Id') ?? '', reference, input }, checks };
}
