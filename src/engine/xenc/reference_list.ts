// XML Encryption 1.0 §3.6 The ReferenceList Element: xenc:DataReference URIs naming the
// EncryptedData elements that one key decrypts, standalone in a wsse:Security header (WSS 1.1 §9.1)
// or inside an EncryptedKey. Resolution accepts a reference to a wsse11:EncryptedHeader as a
// reference to the EncryptedData inside it (WSS 1.1 §9.3 lets either carry the Id).

import type { Document, Element } from '@xmldom/xmldom';
import type { Check } from '../report/check.ts';
import { attr, childrenNS, firstChildNS, type ElSpec } from '../xml/dom.ts';
import { findById } from '../xml/ids.ts';
import { NS } from '../xml/names.ts';
import { xencCheck } from './checks.ts';
import { XENC_CODES, XENC_SPEC } from './spec.ts';

/** The xenc:DataReference elements for `ids` ('#' added). */
export function dataReferenceSpecs(ids: string[]): ElSpec[] {
  return ids.map((id) => ({ ns: NS.xenc, name: 'xenc:DataReference', attrs: { URI: `#${id.replace(/^#/, '')}` } }));
}

/** A standalone xenc:ReferenceList naming the EncryptedData elements `ids`. */
export function buildReferenceList(ids: string[]): ElSpec {
  return { ns: NS.xenc, name: 'xenc:ReferenceList', xmlns: { xenc: NS.xenc }, children: dataReferenceSpecs(ids) };
}

export interface ResolvedReference {
  reference: Element;
  /** The EncryptedData the reference names, or null when it names none. */
  encryptedData: Element | null;
}

function describe(el: Element): string {
  return `<${el.tagName}>`;
}

/** The EncryptedData a DataReference names, or a failed check saying what it found instead. */
function resolveOne(root: Document, ref: Element): { target: Element | null; check?: Check } {
  const uri = attr(ref, 'URI') ?? '';
  const fail = (found: string): { target: null; check: Check } => ({
    target: null,
    check: xencCheck(XENC_CODES.dataReferenceNotFound, 'fail', `expected DataReference URI '${uri}' to name an xenc:EncryptedData in this message, found ${found}`, XENC_SPEC.referenceList, ref, { uri }),
  });
  if (!uri.startsWith('#') || uri.length < 2) return fail(uri === '' ? 'no URI' : 'a reference outside the message');
  const el = findById(root, uri);
  if (!el) return fail(`no element with Id '${uri.slice(1)}'`);
  if (el.namespaceURI === NS.xenc && el.localName === 'EncryptedData') return { target: el };
  if (el.namespaceURI === NS.wsse11 && el.localName === 'EncryptedHeader') {
    const inner = firstChildNS(el, NS.xenc, 'EncryptedData');
    if (inner) return { target: inner };
  }
  return fail(`${describe(el)}${el.namespaceURI === NS.xenc ? '' : ' (plaintext, or the Id of another element)'}`);
}

/** Resolves every DataReference of a ReferenceList (or of an EncryptedKey's ReferenceList). */
export function resolveReferenceList(root: Document, list: Element): { references: ResolvedReference[]; checks: Check[] } {
  const references: ResolvedReference[] = [];
  const checks: Check[] = [];
  for (const ref of childrenNS(list, NS.xenc, 'DataReference')) {
    const { target, check } = resolveOne(root, ref);
    references.push({ reference: ref, encryptedData: target });
    if (check) checks.push(check);
  }
  return { references, checks };
}
