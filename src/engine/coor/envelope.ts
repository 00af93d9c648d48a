// The envelope of every WS-Coordination and WS-AT message in the WCF interop profile: SOAP 1.1 with
// WS-Addressing 2004/08 for WS-AT 1.0 (R1001) or 2005/08 for WS-AT 1.1 (R1002), the reference
// parameters of the destination EPR copied as header blocks (B1131, B1241), and optionally the
// CoordinationContext header. The reader names the version from the Body's namespace and checks the
// bindings against it.

import type { Document, Element } from '@xmldom/xmldom';
import { buildEnvelope, readEnvelope, type EnvelopeParts } from '../soap/envelope.ts';
import { addressingHeaders, checkAddressing, readAddressing, WSA, type ReadAddressing } from '../wsa/headers.ts';
import { childElements, type ElSpec } from '../xml/dom.ts';
import { where } from '../xml/path.ts';
import type { Check } from '../report/index.ts';
import { referenceParameterHeaders, type Epr } from './epr.ts';
import { TX_VERSIONS, versionOfCoorNs, versionOfWsatNs, type TxVersionId } from './versions.ts';

export interface TxEnvelopeSpec {
  /** The destination: its Address becomes wsa:To, its reference parameters header blocks. */
  to: Epr;
  action: string;
  messageId?: string;
  relatesTo?: string;
  replyTo?: string;
  /** Extra header blocks (e.g. the CoordinationContext header, wsse:Security). */
  headers?: ElSpec[];
  body: ElSpec[];
}

/** Builds a WS-Coor / WS-AT message in the version's binding (R1001 / R1002). */
export function buildTxEnvelope(v: TxVersionId, s: TxEnvelopeSpec): Document {
  const tv = TX_VERSIONS[v];
  const headers = [
    ...addressingHeaders(tv.wsa, {
      to: s.to.address, action: s.action,
      ...(s.messageId ? { messageId: s.messageId } : {}),
      ...(s.relatesTo ? { relatesTo: s.relatesTo } : {}),
      ...(s.replyTo ? { replyTo: s.replyTo } : {}),
    }),
    ...referenceParameterHeaders(tv.wsa, s.to.referenceParameters),
    ...(s.headers ?? []),
  ];
  // wsa declared once on the Envelope, as the seed's examples (and WCF) write it.
  return buildEnvelope({ version: tv.soap, xmlns: { wsa: WSA[tv.wsa].ns }, headers, body: s.body });
}

export interface ReadTxEnvelope {
  version: TxVersionId | null;
  parts: EnvelopeParts | null;
  addressing: ReadAddressing | null;
  /** The first Body child (the WS-Coor or WS-AT message element). */
  payload: Element | null;
  checks: Check[];
}

/** Reads the envelope and checks its SOAP and WS-Addressing versions against the payload's version. */
export function readTxEnvelope(doc: Document): ReadTxEnvelope {
  const env = readEnvelope(doc);
  if (!env.parts) return { version: null, parts: null, addressing: null, payload: null, checks: env.checks };
  const parts = env.parts;
  const payload = childElements(parts.body)[0] ?? null;
  const version = payload ? versionOfCoorNs(payload.namespaceURI) ?? versionOfWsatNs(payload.namespaceURI) : null;
  const addressing = readAddressing(parts.headerBlocks);
  const checks: Check[] = [];
  if (!payload || !version) {
    const found = payload ? `{${payload.namespaceURI ?? ''}}${payload.localName}` : 'an empty Body';
    checks.push({ code: 'COOR_NOT_TX_MESSAGE', status: 'fail', specRef: 'WS-Coordination 1.1 §3 / WS-AT 1.1 §3', ...where(payload ?? parts.body), message: `expected a WS-Coordination or WS-AT element (2004/10 or 2006/06) in the Body, found ${found}` });
    return { version: null, parts, addressing, payload, checks };
  }
  checks.push(...bindingChecks(version, parts, addressing));
  return { version, parts, addressing, payload, checks };
}

function bindingChecks(v: TxVersionId, parts: EnvelopeParts, a: ReadAddressing): Check[] {
  const tv = TX_VERSIONS[v];
  const specRef = `WS-AT interop ${tv.binding}`;
  const out: Check[] = [];
  out.push(parts.version === tv.soap
    ? { code: 'COOR_SOAP_VERSION', status: 'pass', specRef, ...where(parts.envelope), message: `SOAP ${parts.version}, as WS-AT ${v} requires (${tv.binding})` }
    : { code: 'COOR_SOAP_VERSION', status: 'fail', specRef, ...where(parts.envelope), message: `expected SOAP ${tv.soap} for WS-AT ${v} (${tv.binding}), found SOAP ${parts.version}` });
  if (a.version === tv.wsa) {
    out.push({ code: 'COOR_WSA_VERSION', status: 'pass', specRef, path: 'Envelope/Header', message: `WS-Addressing ${a.version}, as WS-AT ${v} requires (${tv.binding})` });
    out.push(...checkAddressing(a));
  } else {
    out.push({ code: 'COOR_WSA_VERSION', status: 'fail', specRef, path: 'Envelope/Header', message: `expected WS-Addressing ${tv.wsa} headers for WS-AT ${v} (${tv.binding}), found ${a.version ?? 'none'}` });
  }
  return out;
}

/** Checks that wsa:Action is the one the payload element calls for. */
export function checkAction(a: ReadAddressing | null, expected: string, specRef: string): Check {
  const el = a?.elements.find((e) => e.localName === 'Action');
  if (a?.action === expected) return { code: 'COOR_ACTION', status: 'pass', specRef, ...(el ? where(el) : { path: 'Envelope/Header' }), message: `wsa:Action ${expected}` };
  return { code: 'COOR_ACTION_MISMATCH', status: 'fail', specRef, ...(el ? where(el) : { path: 'Envelope/Header' }), message: `expected wsa:Action ${expected}, found ${a?.action ?? 'none'}` };
}
