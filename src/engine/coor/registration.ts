// WS-Coordination 1.1 §3.3 / 2004/10 §3.3: the Registration service — wscoor:Register
// (ProtocolIdentifier, ParticipantProtocolService) and wscoor:RegisterResponse
// (CoordinatorProtocolService). Seed 002 messages 3–4, 7–8 and 10–11. The coordinator's EPR must
// carry wsa:ReferenceParameters so WCF can correlate the 2PC messages sent to it (B1131, B1241).

import type { Element } from '@xmldom/xmldom';
import { firstChildNS, textOf, type ElSpec } from '../xml/dom.ts';
import { where } from '../xml/path.ts';
import type { Check } from '../report/index.ts';
import { eprWsaCheck } from './context.ts';
import { buildEpr, checkReferenceParameters, readEpr, type Epr } from './epr.ts';
import { faultFor, type TxFaultKind } from './faults.ts';
import { notExpected } from './activation.ts';
import { AT_PROTOCOLS, protocolFromUri, protocolUri, TX_VERSIONS, versionOfCoorNs, type AtProtocol, type TxVersionId } from './versions.ts';

export interface Register {
  protocolIdentifier: string;
  participantProtocolService: Epr;
}

export interface RegisterResponse {
  coordinatorProtocolService: Epr;
}

/** Builds wscoor:Register. */
export function buildRegister(v: TxVersionId, r: Register): ElSpec {
  const tv = TX_VERSIONS[v];
  const ns = tv.coor.ns;
  return {
    ns, name: 'wscoor:Register', xmlns: { wscoor: ns },
    children: [
      { ns, name: 'wscoor:ProtocolIdentifier', text: r.protocolIdentifier },
      buildEpr(tv.wsa, { ns, name: 'wscoor:ParticipantProtocolService' }, r.participantProtocolService),
    ],
  };
}

/** Builds wscoor:RegisterResponse. */
export function buildRegisterResponse(v: TxVersionId, r: RegisterResponse): ElSpec {
  const tv = TX_VERSIONS[v];
  const ns = tv.coor.ns;
  return {
    ns, name: 'wscoor:RegisterResponse', xmlns: { wscoor: ns },
    children: [buildEpr(tv.wsa, { ns, name: 'wscoor:CoordinatorProtocolService' }, r.coordinatorProtocolService)],
  };
}

export interface ReadRegister {
  register: Register | null;
  /** The WS-AT protocol the ProtocolIdentifier names, when it names one of this version. */
  protocol: AtProtocol | null;
  version: TxVersionId | null;
  checks: Check[];
  fault?: TxFaultKind;
}

/** Reads wscoor:Register: a known ProtocolIdentifier and a ParticipantProtocolService EPR. */
export function readRegister(el: Element): ReadRegister {
  const v = versionOfCoorNs(el.namespaceURI);
  if (!v || el.localName !== 'Register') return { register: null, protocol: null, version: null, checks: [notExpected('Register', el)], fault: 'invalidParameters' };
  const tv = TX_VERSIONS[v];
  const checks: Check[] = [];
  const pidEl = firstChildNS(el, tv.coor.ns, 'ProtocolIdentifier');
  const protocolIdentifier = pidEl ? textOf(pidEl).trim() : '';
  const protocol = pidEl ? protocolFromUri(v, protocolIdentifier) : null;
  checks.push(protocolCheck(v, el, pidEl, protocolIdentifier, protocol));
  let fault: TxFaultKind | undefined = protocol ? undefined : faultFor(v, pidEl ? 'unsupportedProtocol' : 'badParameters').kind;
  const epr = readServiceEpr(v, el, 'ParticipantProtocolService', checks, 'warn');
  if (!epr) fault ??= faultFor(v, 'badParameters').kind;
  const register = epr ? { protocolIdentifier, participantProtocolService: epr } : null;
  const out: ReadRegister = { register, protocol, version: v, checks };
  if (fault) out.fault = fault;
  return out;
}

/** Reads wscoor:RegisterResponse; a CoordinatorProtocolService without ReferenceParameters fails (B1241). */
export function readRegisterResponse(el: Element): { response: RegisterResponse | null; version: TxVersionId | null; checks: Check[] } {
  const v = versionOfCoorNs(el.namespaceURI);
  if (!v || el.localName !== 'RegisterResponse') return { response: null, version: null, checks: [notExpected('RegisterResponse', el)] };
  const checks: Check[] = [];
  const epr = readServiceEpr(v, el, 'CoordinatorProtocolService', checks, 'fail');
  return { response: epr ? { coordinatorProtocolService: epr } : null, version: v, checks };
}

function protocolCheck(v: TxVersionId, el: Element, pidEl: Element | null, uri: string, protocol: AtProtocol | null): Check {
  const tv = TX_VERSIONS[v];
  const specRef = `${tv.atSpec} §3 / ${tv.coorSpec} §3.3`;
  const known = AT_PROTOCOLS.map((p) => protocolUri(v, p)).join(' | ');
  if (!pidEl) return { code: 'COOR_PROTOCOL_MISSING', status: 'fail', specRef, ...where(el), message: `expected a wscoor:ProtocolIdentifier (${known}), found none` };
  if (protocol) return { code: 'COOR_PROTOCOL', status: 'pass', specRef, ...where(pidEl), message: `registering for ${protocol} (${uri})` };
  const other = (['1.0', '1.1'] as const).find((o) => o !== v && protocolFromUri(o, uri));
  if (other) return { code: 'COOR_PROTOCOL_VERSION', status: 'fail', specRef, ...where(pidEl), message: `expected a WS-AT ${v} ProtocolIdentifier with WS-Coordination ${v} (${known}), found the WS-AT ${other} protocol ${uri}` };
  return { code: 'COOR_PROTOCOL_UNKNOWN', status: 'fail', specRef, ...where(pidEl), message: `expected a WS-AT ${v} ProtocolIdentifier (${known}), found ${uri || 'an empty value'}` };
}

function readServiceEpr(v: TxVersionId, el: Element, local: string, checks: Check[], refParams: 'fail' | 'warn'): Epr | null {
  const tv = TX_VERSIONS[v];
  const svc = firstChildNS(el, tv.coor.ns, local);
  if (!svc) {
    checks.push({ code: 'COOR_EPR_MISSING', status: 'fail', specRef: `${tv.coorSpec} §3.3`, ...where(el), message: `expected a wscoor:${local} endpoint reference, found none` });
    return null;
  }
  const r = readEpr(svc, `${tv.coorSpec} §3.3`);
  checks.push(...r.checks);
  if (!r.epr) return null;
  checks.push(eprWsaCheck(v, svc, r.wsa));
  checks.push(checkReferenceParameters(svc, r.epr, refParams === 'fail' ? 'WS-AT interop B1241' : 'WS-AT interop B1131', refParams));
  return r.epr;
}
