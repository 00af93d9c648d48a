// WS-SecureConversation 1.3 §2 (2005/02 §3) wsc:SecurityContextToken: a wsc:Identifier (an
// absolute URI, here a urn:uuid) naming the shared secret, and in 1.3 an optional wsc:Instance
// naming one key of a context that was re-keyed. References to it (WS-SC 1.3 §8) are direct
// wsse:References with ValueType …/sct: "#<wsu:Id>" when the SCT is in the message (attached),
// its Identifier otherwise (unattached, with the wsc:Instance attribute for a specific key) —
// as WSS4J 1.6 (WSSecDerivedKeyBase) and WCF write them.

import type { Document, Element } from '@xmldom/xmldom';
import { uuidV4, type RandomSource } from '../crypto/random.ts';
import type { Check } from '../report/index.ts';
import { attr, childElements, firstChildNS, textOf, type ElSpec } from '../xml/dom.ts';
import { collectIds } from '../xml/ids.ts';
import { NS, SC_VERSIONS } from '../xml/names.ts';
import { where } from '../xml/path.ts';

export type ScVersionId = '2005/02' | '1.3';

export interface Sct {
  version: ScVersionId;
  identifier: string;
  instance?: string;
  /** wsu:Id, so that a reference inside the message can point at it. */
  id?: string;
}

const SPEC = 'WS-SC 1.3 §2';

/** A fresh context identifier: an absolute urn:uuid URI (WS-SC 1.3 §2; WS-AT B2003 asks for absolute ones). */
export function newSctIdentifier(random: RandomSource): string {
  return `urn:uuid:${uuidV4(random)}`;
}

export function buildSct(s: Sct): ElSpec {
  const ns = SC_VERSIONS[s.version].ns;
  return {
    ns, name: 'wsc:SecurityContextToken', xmlns: { wsc: ns },
    ...(s.id ? { nsAttrs: [[NS.wsu, 'wsu:Id', s.id]] as Array<[string, string, string]> } : {}),
    children: [
      { ns, name: 'wsc:Identifier', text: s.identifier },
      s.instance !== undefined ? { ns, name: 'wsc:Instance', text: s.instance } : null,
    ],
  };
}

const fail = (code: string, message: string, el: Element): Check => ({ code, status: 'fail', specRef: SPEC, ...where(el), message });

function versionOf(el: Element): ScVersionId | null {
  return (Object.values(SC_VERSIONS).find((v) => v.ns === el.namespaceURI)?.version) ?? null;
}

export function isSct(el: Element): boolean {
  return el.localName === 'SecurityContextToken' && versionOf(el) !== null;
}

/** Reads a SecurityContextToken of either version; a missing or relative Identifier is a failed check. */
export function readSct(el: Element): { sct: Sct | null; checks: Check[] } {
  const version = versionOf(el);
  if (!version || el.localName !== 'SecurityContextToken') {
    return { sct: null, checks: [fail('SC_NOT_SCT', `expected wsc:SecurityContextToken (WS-SC 2005/02 or 1.3), found {${el.namespaceURI ?? ''}}${el.localName}`, el)] };
  }
  const ns = SC_VERSIONS[version].ns;
  const idEl = firstChildNS(el, ns, 'Identifier');
  const identifier = idEl ? textOf(idEl).trim() : '';
  if (!idEl || identifier === '') return { sct: null, checks: [fail('SC_SCT_NO_IDENTIFIER', 'expected a wsc:Identifier naming the context, found none', el)] };
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(identifier)) {
    return { sct: null, checks: [fail('SC_SCT_IDENTIFIER_NOT_ABSOLUTE', `expected wsc:Identifier to be an absolute URI (e.g. urn:uuid:…), found "${identifier}"`, idEl)] };
  }
  const instEl = firstChildNS(el, ns, 'Instance');
  const id = attr(el, 'Id', NS.wsu);
  const sct: Sct = { version, identifier, ...(instEl ? { instance: textOf(instEl).trim() } : {}), ...(id ? { id } : {}) };
  return { sct, checks: [] };
}

/** The STR an SCT is referred to by: attached ("#wsu:Id") or unattached (the Identifier). */
export function sctReference(s: Sct, form: 'attached' | 'unattached'): ElSpec {
  const v = SC_VERSIONS[s.version];
  const attached = form === 'attached' && s.id;
  const withInstance = !attached && s.version === '1.3' && s.instance !== undefined;
  return {
    ns: NS.wsse, name: 'wsse:SecurityTokenReference', xmlns: { wsse: NS.wsse },
    children: [{
      ns: NS.wsse, name: 'wsse:Reference', attrs: { URI: attached ? `#${s.id}` : s.identifier, ValueType: v.sctTokenType },
      ...(withInstance ? { nsAttrs: [[v.ns, 'wsc:Instance', s.instance as string]] as Array<[string, string, string]> } : {}),
    }],
  };
}

/** Where an STR leads when it names an SCT: the Identifier and Instance, and the SCT element when in the message. */
export interface SctRef {
  identifier: string;
  instance?: string;
  element?: Element;
  /** 'attached': a "#id" reference to an SCT in the message; 'unattached': by Identifier. */
  form: 'attached' | 'unattached';
}

/**
 * Reads a SecurityTokenReference as a reference to an SCT. Returns `ref: null` (and no check) when
 * the STR names something else; a "#id" naming no element, or an unreadable SCT, is a failed check.
 */
export function readSctReference(str: Element, doc: Document): { ref: SctRef | null; checks: Check[] } {
  const ref = firstChildNS(str, NS.wsse, 'Reference');
  const uri = ref ? attr(ref, 'URI') ?? '' : '';
  if (!ref || uri === '') return { ref: null, checks: [] };
  const valueType = attr(ref, 'ValueType');
  const isSctType = Object.values(SC_VERSIONS).some((v) => v.sctTokenType === valueType);
  const instance = Object.values(SC_VERSIONS).map((v) => attr(ref, 'Instance', v.ns)).find((x) => x !== null) ?? undefined;
  if (!uri.startsWith('#')) {
    return isSctType || !valueType ? { ref: { identifier: uri, form: 'unattached', ...(instance ? { instance } : {}) }, checks: [] } : { ref: null, checks: [] };
  }
  const targets = collectIds(doc).get(uri.slice(1)) ?? [];
  const target = targets[0];
  if (!target || !isSct(target)) {
    if (!isSctType) return { ref: null, checks: [] };
    const found = target ? `{${target.namespaceURI ?? ''}}${target.localName}` : 'no element with that Id';
    return { ref: null, checks: [{ code: 'SC_SCT_REFERENCE_UNRESOLVED', status: 'fail', specRef: 'WS-SC 1.3 §8', ...where(ref), message: `expected Reference URI "${uri}" (ValueType …/sct) to name a wsc:SecurityContextToken in the message, found ${found}` }] };
  }
  const { sct, checks } = readSct(target);
  if (!sct) return { ref: null, checks };
  return { ref: { identifier: sct.identifier, element: target, form: 'attached', ...(instance ?? sct.instance ? { instance: instance ?? sct.instance } : {}) }, checks };
}

/** The SCT elements directly under a parent (e.g. RequestedSecurityToken). */
export function sctChildren(parent: Element): Element[] {
  return childElements(parent).filter(isSct);
}
