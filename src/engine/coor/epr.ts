// WS-Addressing endpoint references (WS-Addressing 2004/08 §2, WS-Addressing 1.0 Core §2) with
// wsa:ReferenceParameters, and their copies as SOAP header blocks (WS-Addressing 2004/08 §2.3,
// WS-Addressing 1.0 SOAP Binding §2.3). WCF correlates Register and 2PC messages with them
// (seed 002 B1131, B1241), so the coordination layer reads and checks them here.

import type { Element } from '@xmldom/xmldom';
import { attr, childElements, firstChildNS, textOf, type ElSpec } from '../xml/dom.ts';
import { NS } from '../xml/names.ts';
import { where } from '../xml/path.ts';
import { WSA, type WsaVersion } from '../wsa/headers.ts';
import type { Check } from '../report/index.ts';

/** One reference parameter: an element with text content (`name` is the qualified name to write). */
export interface RefParam {
  ns: string;
  name: string;
  value: string;
}

/** An endpoint reference as plain data. */
export interface Epr {
  address: string;
  referenceParameters: RefParam[];
}

function localOf(qname: string): string {
  const i = qname.indexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
}

function prefixOf(qname: string): string {
  const i = qname.indexOf(':');
  return i < 0 ? '' : qname.slice(0, i);
}

function refParamSpec(p: RefParam, extraAttrs: Array<[string, string, string]> = []): ElSpec {
  const prefix = prefixOf(p.name);
  return { ns: p.ns, name: p.name, xmlns: { [prefix]: p.ns }, nsAttrs: extraAttrs, text: p.value };
}

/** Builds an EPR element (e.g. wscoor:RegistrationService) of the given WS-Addressing version. */
export function buildEpr(wsa: WsaVersion, el: { ns: string; name: string }, epr: Epr): ElSpec {
  const a = WSA[wsa].ns;
  const params: ElSpec | null = epr.referenceParameters.length > 0
    ? { ns: a, name: 'wsa:ReferenceParameters', children: epr.referenceParameters.map((p) => refParamSpec(p)) }
    : null;
  return { ns: el.ns, name: el.name, children: [{ ns: a, name: 'wsa:Address', xmlns: { wsa: a }, text: epr.address }, params] };
}

export interface ReadEpr {
  epr: Epr | null;
  /** The WS-Addressing version the EPR's children are in, when recognised. */
  wsa: WsaVersion | null;
  checks: Check[];
}

/** Reads an EPR element; an Address in neither WS-Addressing namespace is a failed check. */
export function readEpr(el: Element, specRef: string): ReadEpr {
  const wsa = (['2004/08', '2005/08'] as const).find((v) => firstChildNS(el, WSA[v].ns, 'Address')) ?? null;
  if (!wsa) {
    return { epr: null, wsa: null, checks: [{ code: 'COOR_EPR_ADDRESS_MISSING', status: 'fail', specRef, ...where(el), message: `expected a wsa:Address (WS-Addressing 2004/08 or 2005/08) in ${el.localName}, found none` }] };
  }
  const address = textOf(firstChildNS(el, WSA[wsa].ns, 'Address') as Element).trim();
  const params = firstChildNS(el, WSA[wsa].ns, 'ReferenceParameters');
  const referenceParameters = params ? childElements(params).map(readRefParam) : [];
  return { epr: { address, referenceParameters }, wsa, checks: [] };
}

function readRefParam(e: Element): RefParam {
  return { ns: e.namespaceURI ?? '', name: e.tagName, value: textOf(e).trim() };
}

/**
 * Checks that an EPR carries wsa:ReferenceParameters, which WCF needs to correlate the messages
 * later sent to it (B1131, B1241). `status` is 'fail' where the seed requires them.
 */
export function checkReferenceParameters(el: Element, epr: Epr, requirement: string, status: 'fail' | 'warn'): Check {
  const ok = epr.referenceParameters.length > 0;
  return ok
    ? { code: 'COOR_REFERENCE_PARAMETERS', status: 'pass', specRef: requirement, ...where(el), message: `${el.localName} carries ${epr.referenceParameters.length} wsa:ReferenceParameters for correlation` }
    : { code: 'COOR_REFERENCE_PARAMETERS_MISSING', status, specRef: requirement, ...where(el), message: `expected wsa:ReferenceParameters in ${el.localName} to correlate later messages (${requirement}), found only wsa:Address ${epr.address}` };
}

/**
 * The reference parameters of the EPR a message is sent to, as header blocks. WS-Addressing 1.0
 * marks each with wsa:IsReferenceParameter="true"; the 2004/08 submission has no marker.
 */
export function referenceParameterHeaders(wsa: WsaVersion, params: RefParam[]): ElSpec[] {
  const a = WSA[wsa].ns;
  const marker: Array<[string, string, string]> = wsa === '2005/08' ? [[a, 'wsa:IsReferenceParameter', 'true']] : [];
  return params.map((p) => refParamSpec(p, marker));
}

export interface FoundRefParam {
  value: string;
  element: Element;
}

/**
 * Finds the header block that carries the reference parameter {ns}local. Correlation fails with a
 * check naming the requirement when it is absent (B1131 / B1241), and a 2005/08 copy without
 * wsa:IsReferenceParameter="true" gets a warning (WS-Addressing 1.0 SOAP Binding §2.3).
 */
export function findReferenceParameter(
  headerBlocks: Element[], wsa: WsaVersion, param: { ns: string; name: string }, requirement: string, context: string,
): { found: FoundRefParam | null; checks: Check[] } {
  const local = localOf(param.name);
  const el = headerBlocks.find((h) => h.namespaceURI === param.ns && h.localName === local) ?? null;
  if (!el) {
    return { found: null, checks: [{ code: 'COOR_CORRELATION_MISSING', status: 'fail', specRef: requirement, path: 'Envelope/Header', message: `expected the reference parameter {${param.ns}}${local} as a header block to correlate ${context} (${requirement}), found none` }] };
  }
  const value = textOf(el).trim();
  const checks: Check[] = [{ code: 'COOR_CORRELATION', status: 'pass', specRef: requirement, ...where(el), message: `${context} correlated by reference parameter ${local} = ${value}` }];
  if (wsa === '2005/08' && attr(el, 'IsReferenceParameter', NS.wsa2005) !== 'true') {
    checks.push({ code: 'WSA_IS_REFERENCE_PARAMETER_MISSING', status: 'warn', specRef: 'WS-Addressing 1.0 SOAP Binding §2.3', ...where(el), message: `expected wsa:IsReferenceParameter="true" on the copied reference parameter ${local}, found ${attr(el, 'IsReferenceParameter', NS.wsa2005) ?? 'none'}` });
  }
  return { found: { value, element: el }, checks };
}
