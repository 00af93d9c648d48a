// WS-Coordination 1.1 §3.1 / 2004/10 §3.1: wscoor:CoordinationContext — Identifier, Expires,
// CoordinationType and RegistrationService (an EPR). It travels in CreateCoordinationContext[Response]
// and, as a mustUnderstand SOAP header block, on application messages (R2001). WCF accepts only
// absolute Identifiers (seed 002 B2003).

import type { Element } from '@xmldom/xmldom';
import { attr, firstChildNS, textOf, type ElSpec } from '../xml/dom.ts';
import { where } from '../xml/path.ts';
import { NS } from '../xml/names.ts';
import { SOAP_NS } from '../soap/envelope.ts';
import type { Check } from '../report/index.ts';
import { buildEpr, checkReferenceParameters, readEpr, type Epr } from './epr.ts';
import { faultFor, type TxFaultKind } from './faults.ts';
import { TX_VERSIONS, versionOfCoorNs, versionOfWsatNs, type TxVersionId } from './versions.ts';

export interface CoordinationContext {
  /** Absolute URI naming the activity (B2003). */
  identifier: string;
  /** Lifetime in milliseconds (xs:unsignedInt), measured from when the receiver learned of the context. */
  expires?: number;
  coordinationType: string;
  registrationService: Epr;
}

const MAX_UNSIGNED_INT = 4294967295;

/**
 * Builds wscoor:CoordinationContext; as a header block it carries soap:mustUnderstand="1", and
 * `id` gives it a wsu:Id so an application message can sign it (R2002).
 */
export function buildCoordinationContext(v: TxVersionId, ctx: CoordinationContext, opts: { header?: boolean; id?: string } = {}): ElSpec {
  const tv = TX_VERSIONS[v];
  const ns = tv.coor.ns;
  const soap = SOAP_NS[tv.soap];
  const nsAttrs: Array<[string, string, string]> = [];
  if (opts.id) nsAttrs.push([NS.wsu, 'wsu:Id', opts.id]);
  if (opts.header) nsAttrs.push([soap, 'soap:mustUnderstand', '1']);
  return {
    ns, name: 'wscoor:CoordinationContext', xmlns: { wscoor: ns },
    nsAttrs,
    children: [
      { ns, name: 'wscoor:Identifier', text: ctx.identifier },
      ctx.expires !== undefined && { ns, name: 'wscoor:Expires', text: String(ctx.expires) },
      { ns, name: 'wscoor:CoordinationType', text: ctx.coordinationType },
      buildEpr(tv.wsa, { ns, name: 'wscoor:RegistrationService' }, ctx.registrationService),
    ],
  };
}

export interface ReadContext {
  context: CoordinationContext | null;
  version: TxVersionId | null;
  checks: Check[];
  /** The fault a receiver answers with when a check failed. */
  fault?: TxFaultKind;
}

/** True for an absolute URI (RFC 3986 §4.3: a scheme, then ':'), with no whitespace inside. */
export function isAbsoluteUri(s: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(s);
}

/** Reads a wscoor:CoordinationContext of either version; bad parts become failed checks and a fault. */
export function readCoordinationContext(el: Element): ReadContext {
  const v = versionOfCoorNs(el.namespaceURI);
  if (!v || el.localName !== 'CoordinationContext') {
    return { context: null, version: null, checks: [{ code: 'COOR_NOT_CONTEXT', status: 'fail', specRef: 'WS-Coordination 1.1 §3.1', ...where(el), message: `expected wscoor:CoordinationContext (2004/10 or 2006/06), found {${el.namespaceURI ?? ''}}${el.localName}` }], fault: 'invalidParameters' };
  }
  return readContextContent(v, el);
}

/**
 * Reads the content of a CoordinationContextType element — wscoor:CoordinationContext itself or
 * wscoor:CurrentContext in CreateCoordinationContext — with the same rules (B2003 included).
 */
export function readContextContent(v: TxVersionId, el: Element): ReadContext {
  const checks: Check[] = [];
  const identifier = readIdentifier(v, el, checks);
  const expires = readExpires(v, el, checks);
  const coordinationType = readCoordinationType(v, el, checks);
  const registrationService = readRegistrationService(v, el, checks);
  if (el.parentNode && (el.parentNode as Element).localName === 'Header') checks.push(mustUnderstandCheck(v, el));
  const out: ReadContext = { context: null, version: v, checks };
  if (identifier !== null && coordinationType !== null && registrationService) {
    out.context = { identifier, coordinationType, registrationService, ...(expires !== null ? { expires } : {}) };
  }
  if (checks.some((c) => c.status === 'fail')) out.fault = faultFor(v, 'badParameters').kind;
  return out;
}

function readIdentifier(v: TxVersionId, el: Element, checks: Check[]): string | null {
  const specRef = `${TX_VERSIONS[v].coorSpec} §3.1`;
  const idEl = firstChildNS(el, TX_VERSIONS[v].coor.ns, 'Identifier');
  if (!idEl) {
    checks.push({ code: 'COOR_IDENTIFIER_MISSING', status: 'fail', specRef, ...where(el), message: 'expected a wscoor:Identifier in the CoordinationContext, found none' });
    return null;
  }
  const id = textOf(idEl).trim();
  if (!isAbsoluteUri(id)) {
    checks.push({ code: 'COOR_IDENTIFIER_RELATIVE', status: 'fail', specRef: 'WS-AT interop B2003', ...where(idEl), message: `expected an absolute URI as wscoor:Identifier (WCF rejects relative ones, B2003), found "${id}"` });
    return id;
  }
  checks.push({ code: 'COOR_IDENTIFIER', status: 'pass', specRef: 'WS-AT interop B2003', ...where(idEl), message: `wscoor:Identifier ${id} is an absolute URI` });
  return id;
}

function readExpires(v: TxVersionId, el: Element, checks: Check[]): number | null {
  const expEl = firstChildNS(el, TX_VERSIONS[v].coor.ns, 'Expires');
  if (!expEl) return null;
  const text = textOf(expEl).trim();
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n > MAX_UNSIGNED_INT) {
    checks.push({ code: 'COOR_EXPIRES_INVALID', status: 'fail', specRef: `${TX_VERSIONS[v].coorSpec} §3.1`, ...where(expEl), message: `expected wscoor:Expires as milliseconds (xs:unsignedInt, 0..${MAX_UNSIGNED_INT}), found "${text}"` });
    return null;
  }
  return n;
}

function readCoordinationType(v: TxVersionId, el: Element, checks: Check[]): string | null {
  const tv = TX_VERSIONS[v];
  const typeEl = firstChildNS(el, tv.coor.ns, 'CoordinationType');
  const specRef = `${tv.coorSpec} §3.1`;
  if (!typeEl) {
    checks.push({ code: 'COOR_COORDINATION_TYPE_MISSING', status: 'fail', specRef, ...where(el), message: 'expected a wscoor:CoordinationType, found none' });
    return null;
  }
  const type = textOf(typeEl).trim();
  checks.push(coordinationTypeCheck(v, type, typeEl));
  return type;
}

/** Checks a CoordinationType against the WS-AT coordination type of the same version. */
export function coordinationTypeCheck(v: TxVersionId, type: string, at: Element): Check {
  const tv = TX_VERSIONS[v];
  const specRef = `${tv.atSpec} §2 / ${tv.binding}`;
  if (type === tv.wsat.ns) return { code: 'COOR_COORDINATION_TYPE', status: 'pass', specRef, ...where(at), message: `CoordinationType ${type} (WS-AtomicTransaction ${v})` };
  const other = versionOfWsatNs(type);
  if (other) return { code: 'COOR_COORDINATION_TYPE_VERSION', status: 'fail', specRef, ...where(at), message: `expected CoordinationType ${tv.wsat.ns} with WS-Coordination ${v}, found the WS-AT ${other} type ${type}` };
  return { code: 'COOR_COORDINATION_TYPE_UNKNOWN', status: 'fail', specRef, ...where(at), message: `expected CoordinationType ${tv.wsat.ns} (WS-AtomicTransaction ${v}), found ${type || 'an empty value'}` };
}

function readRegistrationService(v: TxVersionId, el: Element, checks: Check[]): Epr | null {
  const tv = TX_VERSIONS[v];
  const rs = firstChildNS(el, tv.coor.ns, 'RegistrationService');
  if (!rs) {
    checks.push({ code: 'COOR_REGISTRATION_SERVICE_MISSING', status: 'fail', specRef: `${tv.coorSpec} §3.1`, ...where(el), message: 'expected a wscoor:RegistrationService endpoint reference, found none' });
    return null;
  }
  const r = readEpr(rs, `${tv.coorSpec} §3.1`);
  checks.push(...r.checks);
  if (!r.epr) return null;
  checks.push(eprWsaCheck(v, rs, r.wsa));
  checks.push(checkReferenceParameters(rs, r.epr, 'WS-AT interop B1131 (seed 002 CreateCoordinationContextResponse example)', 'warn'));
  return r.epr;
}

/** An EPR inside a WS-Coor message must use the version's WS-Addressing namespace (R1001 / R1002). */
export function eprWsaCheck(v: TxVersionId, at: Element, found: string | null): Check {
  const tv = TX_VERSIONS[v];
  if (found === tv.wsa) return { code: 'COOR_EPR_WSA_VERSION', status: 'pass', specRef: `WS-AT interop ${tv.binding}`, ...where(at), message: `${at.localName} uses WS-Addressing ${found}` };
  return { code: 'COOR_EPR_WSA_VERSION', status: 'fail', specRef: `WS-AT interop ${tv.binding}`, ...where(at), message: `expected ${at.localName} in WS-Addressing ${tv.wsa} for WS-AT ${v} (${tv.binding}), found ${found ?? 'none'}` };
}

function mustUnderstandCheck(v: TxVersionId, el: Element): Check {
  const soap = SOAP_NS[TX_VERSIONS[v].soap];
  const mu = attr(el, 'mustUnderstand', soap);
  const specRef = `${TX_VERSIONS[v].coorSpec} §3.1`;
  if (mu === '1' || mu === 'true') return { code: 'COOR_CONTEXT_MUST_UNDERSTAND', status: 'pass', specRef, ...where(el), message: 'the CoordinationContext header is marked soap:mustUnderstand' };
  return { code: 'COOR_CONTEXT_MUST_UNDERSTAND', status: 'warn', specRef, ...where(el), message: `expected soap:mustUnderstand="1" on the CoordinationContext header, so a receiver that cannot join the transaction refuses the message; found ${mu ?? 'none'}` };
}

/**
 * Checks a context's Expires against the receiver's clock: the context expires `expires` ms after
 * `learnedAt`, when the receiver (or the coordinator that created it) first learned of it.
 */
export function checkContextExpiry(ctx: CoordinationContext, learnedAt: number, now: number, v: TxVersionId, at?: Element): Check {
  const loc = at ? where(at) : { path: '' };
  const specRef = `${TX_VERSIONS[v].coorSpec} §3.1`;
  if (ctx.expires === undefined) return { code: 'COOR_CONTEXT_NO_EXPIRY', status: 'info', specRef, ...loc, message: `context ${ctx.identifier} has no wscoor:Expires; it lives until the coordinator ends it` };
  const deadline = learnedAt + ctx.expires;
  if (now <= deadline) return { code: 'COOR_CONTEXT_LIVE', status: 'pass', specRef, ...loc, message: `context ${ctx.identifier} expires at ${new Date(deadline).toISOString()}; now is ${new Date(now).toISOString()}`, details: { deadline, now } };
  return { code: 'COOR_CONTEXT_EXPIRED', status: 'fail', specRef, ...loc, message: `expected a live coordination context, found ${ctx.identifier} expired at ${new Date(deadline).toISOString()} (Expires ${ctx.expires} ms), ${now - deadline} ms before now`, details: { deadline, now } };
}

/** The CoordinationContext header block among header blocks, if any. */
export function findContextHeader(headerBlocks: Element[]): Element | null {
  return headerBlocks.find((h) => h.localName === 'CoordinationContext' && versionOfCoorNs(h.namespaceURI) !== null) ?? null;
}
