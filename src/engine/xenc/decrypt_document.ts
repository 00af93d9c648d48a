// XML Encryption 1.0 §4.2 over a whole message, in the order WSS 1.1 §9.4 processes it: first each
// xenc:EncryptedKey with a ReferenceList (its key decrypts the data it names), then each standalone
// xenc:ReferenceList, then any EncryptedData left (its key found through its own KeyInfo). Repeated
// while decryption reveals new EncryptedData (super-encryption), up to a fixed depth.

import type { Document, Element } from '@xmldom/xmldom';
import type { Check } from '../report/check.ts';
import { firstChildNS } from '../xml/dom.ts';
import { NS } from '../xml/names.ts';
import { decryptData } from './decrypt.ts';
import type { KeyChainStep, KeyInfoResolver } from './decrypt_key.ts';
import { decryptEncryptedKey } from './decrypt_key.ts';
import { decryptEncryptedData, type EncryptedKeyCache } from './key_info.ts';
import { dataKeyLengthFor } from './key_length.ts';
import { keyLengthOf } from '../crypto/cipher.ts';
import { resolveReferenceList } from './reference_list.ts';

/** Rounds of "decrypt what is there, look again": enough for any real super-encryption. */
const MAX_ROUNDS = 8;

export interface DocumentDecryption {
  checks: Check[];
  chain: KeyChainStep[];
  /** How many EncryptedData were decrypted. */
  decrypted: number;
}

interface Run {
  doc: Document;
  resolve: KeyInfoResolver;
  cache: EncryptedKeyCache;
  tried: Set<Element>;
  /** Standalone ReferenceLists already followed (each once, not once per round). */
  lists: Set<Element>;
  out: DocumentDecryption;
}

function elements(doc: Document, local: string): Element[] {
  const list = doc.getElementsByTagNameNS(NS.xenc, local);
  const out: Element[] = [];
  for (let i = 0; i < list.length; i++) out.push(list.item(i)!);
  return out;
}

function attached(doc: Document, el: Element): boolean {
  for (let n: Element | Document | null = el; n; n = n.parentNode as Element | Document | null) if (n === doc) return true;
  return false;
}

async function decryptWithKey(run: Run, ed: Element, key: Uint8Array): Promise<void> {
  if (run.tried.has(ed) || !attached(run.doc, ed)) return;
  run.tried.add(ed);
  const result = await decryptData(ed, key);
  run.out.checks.push(...result.checks);
  if (result.checks.some((c) => c.code === 'XENC_DECRYPTED')) run.out.decrypted++;
}

/** Phase 1: EncryptedKeys with a ReferenceList. */
async function viaEncryptedKeys(run: Run): Promise<void> {
  for (const ek of elements(run.doc, 'EncryptedKey')) {
    const list = firstChildNS(ek, NS.xenc, 'ReferenceList');
    if (!list || run.cache.has(ek) || !attached(run.doc, ek)) continue;
    const expectedKeyLength = dataKeyLengthFor(ek, keyLengthOf);
    const result = await decryptEncryptedKey(ek, run.resolve, expectedKeyLength === undefined ? {} : { expectedKeyLength });
    run.cache.set(ek, result);
    run.out.checks.push(...result.checks);
    run.out.chain.push(...result.chain);
    const refs = resolveReferenceList(run.doc, list);
    run.out.checks.push(...refs.checks);
    for (const r of refs.references) {
      if (!r.encryptedData) continue;
      if (result.key) await decryptWithKey(run, r.encryptedData, result.key);
      else run.tried.add(r.encryptedData); // its key failed above; no second failure for the data
    }
  }
}

/** Phases 2 and 3: EncryptedData named by standalone ReferenceLists, then all the rest. */
async function viaKeyInfo(run: Run): Promise<void> {
  const named: Element[] = [];
  for (const list of elements(run.doc, 'ReferenceList')) {
    if ((list.parentNode as Element | null)?.localName === 'EncryptedKey' || run.lists.has(list)) continue;
    run.lists.add(list);
    const refs = resolveReferenceList(run.doc, list);
    run.out.checks.push(...refs.checks);
    for (const r of refs.references) if (r.encryptedData) named.push(r.encryptedData);
  }
  for (const ed of [...named, ...elements(run.doc, 'EncryptedData')]) {
    if (run.tried.has(ed) || !attached(run.doc, ed)) continue;
    run.tried.add(ed);
    const result = await decryptEncryptedData(ed, run.resolve, run.cache);
    run.out.checks.push(...result.checks);
    run.out.chain.push(...result.chain.filter((s) => !run.out.chain.includes(s)));
    if (result.checks.some((c) => c.code === 'XENC_DECRYPTED')) run.out.decrypted++;
  }
}

/** Decrypts everything in `doc` that the resolver has keys for; the DOM is changed in place. */
export async function decryptDocument(doc: Document, resolve: KeyInfoResolver): Promise<DocumentDecryption> {
  const run: Run = { doc, resolve, cache: new Map(), tried: new Set(), lists: new Set(), out: { checks: [], chain: [], decrypted: 0 } };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const before = run.tried.size;
    await viaEncryptedKeys(run);
    await viaKeyInfo(run);
    if (run.tried.size === before) break;
  }
  return run.out;
}
