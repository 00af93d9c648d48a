// WS-Coordination 1.1 §3.2 / 2004/10 §3.2: the Activation service — wscoor:CreateCoordinationContext
// (Expires, CurrentContext, CoordinationType) and wscoor:CreateCoordinationContextResponse (the new
// CoordinationContext). Seed 002 messages 1–2 and 6, 9 (subordinate activation with CurrentContext).

import type { Element } from '@xmldom/xmldom';
import { firstChildNS, textOf, type ElSpec } from '../xml/dom.ts';
import { where } from '../xml/path.ts';
import type { Check } from '../report/index.ts';
import { buildCoordinationContext, coordinationTypeCheck, readContextContent, readCoordinationContext, type CoordinationContext } from './context.ts';
import { faultFor, type TxFaultKind } from './faults.ts';
import { TX_VERSIONS, versionOfCoorNs, type TxVersionId } from './versions.ts';

export interface CreateCoordinationContext {
  /** Requested lifetime in milliseconds. */
  expires?: number;
  /** The context to create a subordinate (interposed) context for. */
  currentContext?: CoordinationContext;
  coordinationType: string;
}

/** Builds wscoor:CreateCoordinationContext (children in schema order: Expires, CurrentContext, CoordinationType). */
export function buildCreateCoordinationContext(v: TxVersionId, r: CreateCoordinationContext): ElSpec {
  const ns = TX_VERSIONS[v].coor.ns;
  const current = r.currentContext ? { ...buildCoordinationContext(v, r.currentContext), name: 'wscoor:CurrentContext' } : null;
  return {
    ns, name: 'wscoor:CreateCoordinationContext', xmlns: { wscoor: ns },
    children: [
      r.expires !== undefined && { ns, name: 'wscoor:Expires', text: String(r.expires) },
      current,
      { ns, name: 'wscoor:CoordinationType', text: r.coordinationType },
    ],
  };
}

/** Builds wscoor:CreateCoordinationContextResponse around the new context. */
export function buildCreateCoordinationContextResponse(v: TxVersionId, ctx: CoordinationContext): ElSpec {
  const ns = TX_VERSIONS[v].coor.ns;
  return { ns, name: 'wscoor:CreateCoordinationContextResponse', xmlns: { wscoor: ns }, children: [buildCoordinationContext(v, ctx)] };
}

export interface ReadCreateCoordinationContext {
  request: CreateCoordinationContext | null;
  version: TxVersionId | null;
  checks: Check[];
  fault?: TxFaultKind;
}

/** Reads wscoor:CreateCoordinationContext; an unknown CoordinationType means no context can be created. */
export function readCreateCoordinationContext(el: Element): ReadCreateCoordinationContext {
  const v = versionOfCoorNs(el.namespaceURI);
  if (!v || el.localName !== 'CreateCoordinationContext') {
    return { request: null, version: null, checks: [notExpected('CreateCoordinationContext', el)], fault: 'invalidParameters' };
  }
  const tv = TX_VERSIONS[v];
  const checks: Check[] = [];
  let fault: TxFaultKind | undefined;
  const expires = readRequestedExpires(v, el, checks);
  if (checks.some((c) => c.status === 'fail')) fault = faultFor(v, 'badParameters').kind;
  const currentEl = firstChildNS(el, tv.coor.ns, 'CurrentContext');
  let currentContext: CoordinationContext | undefined;
  if (currentEl) {
    const r = readContextContent(v, currentEl);
    checks.push(...r.checks);
    if (r.context) currentContext = r.context;
    if (r.fault) fault ??= r.fault;
  }
  const typeEl = firstChildNS(el, tv.coor.ns, 'CoordinationType');
  const coordinationType = typeEl ? textOf(typeEl).trim() : '';
  if (!typeEl) checks.push({ code: 'COOR_COORDINATION_TYPE_MISSING', status: 'fail', specRef: `${tv.coorSpec} §3.2`, ...where(el), message: 'expected a wscoor:CoordinationType in CreateCoordinationContext, found none' });
  else checks.push(coordinationTypeCheck(v, coordinationType, typeEl));
  if (checks.some((c) => c.status === 'fail' && c.code.startsWith('COOR_COORDINATION_TYPE'))) fault = faultFor(v, 'cannotCreateContext').kind;
  const request: CreateCoordinationContext = { coordinationType, ...(expires !== null ? { expires } : {}), ...(currentContext ? { currentContext } : {}) };
  return fault ? { request, version: v, checks, fault } : { request, version: v, checks };
}

/** Reads wscoor:CreateCoordinationContextResponse and the context inside it. */
export function readCreateCoordinationContextResponse(el: Element): { context: CoordinationContext | null; version: TxVersionId | null; checks: Check[] } {
  const v = versionOfCoorNs(el.namespaceURI);
  if (!v || el.localName !== 'CreateCoordinationContextResponse') return { context: null, version: null, checks: [notExpected('CreateCoordinationContextResponse', el)] };
  const ctxEl = firstChildNS(el, TX_VERSIONS[v].coor.ns, 'CoordinationContext');
  if (!ctxEl) {
    return { context: null, version: v, checks: [{ code: 'COOR_CONTEXT_MISSING', status: 'fail', specRef: `${TX_VERSIONS[v].coorSpec} §3.2`, ...where(el), message: 'expected a wscoor:CoordinationContext in CreateCoordinationContextResponse, found none' }] };
  }
  const r = readCoordinationContext(ctxEl);
  return { context: r.context, version: v, checks: r.checks };
}

function readRequestedExpires(v: TxVersionId, el: Element, checks: Check[]): number | null {
  const expEl = firstChildNS(el, TX_VERSIONS[v].coor.ns, 'Expires');
  if (!expEl) return null;
  const text = textOf(expEl).trim();
  if (/^\d+$/.test(text) && Number(text) <= 4294967295) return Number(text);
  checks.push({ code: 'COOR_EXPIRES_INVALID', status: 'fail', specRef: `${TX_VERSIONS[v].coorSpec} §3.2`, ...where(expEl), message: `expected wscoor:Expires as milliseconds (xs:unsignedInt), found "${text}"` });
  return null;
}

export function notExpected(expected: string, el: Element): Check {
  return { code: 'COOR_UNEXPECTED_ELEMENT', status: 'fail', specRef: 'WS-Coordination 1.1 §3', ...where(el), message: `expected wscoor:${expected} (2004/10 or 2006/06), found {${el.namespaceURI ?? ''}}${el.localName}` };
}
