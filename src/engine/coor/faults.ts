// WS-Coordination faults (WS-Coordination 1.1 §4, 2004/10 §4) and WS-AtomicTransaction faults
// (WS-AT 1.1 §5, 2004/10 §5) as data per version, and the SOAP 1.1 fault messages that carry them.
// Both interop bindings use SOAP 1.1 (R1001/R1002), where the fault subcode QName is the faultcode.

import type { Document, Element } from '@xmldom/xmldom';
import { buildFault, readFault, type ReadFault } from '../soap/fault.ts';
import { textOf, type ElSpec } from '../xml/dom.ts';
import { addressingHeaders } from '../wsa/headers.ts';
import { TX_VERSIONS, type TxVersionId } from './versions.ts';

/** Every fault a WS-Coordination or WS-AT endpoint can answer with, in either version. */
export type TxFaultKind =
  | 'invalidState' | 'invalidProtocol' | 'invalidParameters'
  | 'cannotCreateContext' | 'cannotRegisterParticipant'
  | 'noActivity' | 'contextRefused' | 'alreadyRegistered'
  | 'inconsistentInternalState' | 'unknownTransaction';

export interface TxFaultDef {
  kind: TxFaultKind;
  /** 'coor' faults are in the wscoor namespace, 'at' faults in the wsat namespace. */
  spec: 'coor' | 'at';
  local: string;
  /** SOAP 1.2 [Code]; the SOAP 1.1 binding carries only the subcode. */
  sender: boolean;
  reason: string;
  specRef: string;
}

type FaultTable = Partial<Record<TxFaultKind, Omit<TxFaultDef, 'kind'>>>;

const coor = (local: string, reason: string, specRef: string, sender = true) => ({ spec: 'coor' as const, local, reason, specRef, sender });
const at = (local: string, reason: string, specRef: string, sender = true) => ({ spec: 'at' as const, local, reason, specRef, sender });

const FAULTS: Record<TxVersionId, FaultTable> = {
  '1.0': {
    invalidState: coor('InvalidState', 'The message was invalid for the current state of the activity.', 'WS-Coordination 2004/10 §4.1'),
    invalidProtocol: coor('InvalidProtocol', 'The protocol is invalid or is not supported by the coordinator.', 'WS-Coordination 2004/10 §4.2'),
    invalidParameters: coor('InvalidParameters', 'The message contained invalid parameters and could not be processed.', 'WS-Coordination 2004/10 §4.3'),
    noActivity: coor('NoActivity', 'The participant has not responded for too long and is presumed to have failed.', 'WS-Coordination 2004/10 §4.4'),
    contextRefused: coor('ContextRefused', 'The coordination context that was provided could not be accepted.', 'WS-Coordination 2004/10 §4.5'),
    alreadyRegistered: coor('AlreadyRegistered', 'The participant has already been registered for this protocol.', 'WS-Coordination 2004/10 §4.6'),
    inconsistentInternalState: at('InconsistentInternalState', 'A global consistency failure has occurred. This is an unrecoverable condition.', 'WS-AT 2004/10 §5.1'),
  },
  '1.1': {
    invalidState: coor('InvalidState', 'The message was invalid for the current state of the activity.', 'WS-Coordination 1.1 §4.1'),
    invalidProtocol: coor('InvalidProtocol', 'The protocol is invalid or is not supported by the coordinator.', 'WS-Coordination 1.1 §4.2'),
    invalidParameters: coor('InvalidParameters', 'The message contained invalid parameters and could not be processed.', 'WS-Coordination 1.1 §4.3'),
    cannotCreateContext: coor('CannotCreateContext', 'CoordinationContext could not be created.', 'WS-Coordination 1.1 §4.4'),
    cannotRegisterParticipant: coor('CannotRegisterParticipant', 'Participant could not be registered.', 'WS-Coordination 1.1 §4.5'),
    inconsistentInternalState: at('InconsistentInternalState', 'A global consistency failure has occurred. This is an unrecoverable condition.', 'WS-AT 1.1 §5.1'),
    unknownTransaction: at('UnknownTransaction', 'The coordinator has no knowledge of the transaction. This is an unrecoverable condition.', 'WS-AT 1.1 §5.2'),
  },
};

/** The definition of a fault in a version, or null when that version has no such fault. */
export function faultDef(v: TxVersionId, kind: TxFaultKind): TxFaultDef | null {
  const d = FAULTS[v][kind];
  return d ? { kind, ...d } : null;
}

/** The fault kinds a version defines. */
export function faultKinds(v: TxVersionId): TxFaultKind[] {
  return Object.keys(FAULTS[v]) as TxFaultKind[];
}

/**
 * Situations a coordinator or participant answers with a fault, mapped to each version's fault.
 * WS-Coordination 2004/10 has no CannotCreateContext / CannotRegisterParticipant and WS-AT 2004/10
 * no UnknownTransaction, so 1.0 answers those situations with its nearest fault.
 */
export type TxSituation =
  | 'wrongState' | 'unknownTransaction' | 'unsupportedProtocol' | 'badParameters'
  | 'cannotCreateContext' | 'duplicateRegistration' | 'cannotRegister' | 'inconsistent';

const SITUATIONS: Record<TxVersionId, Record<TxSituation, TxFaultKind>> = {
  '1.0': {
    wrongState: 'invalidState', unknownTransaction: 'invalidState', unsupportedProtocol: 'invalidProtocol',
    badParameters: 'invalidParameters', cannotCreateContext: 'invalidParameters', duplicateRegistration: 'alreadyRegistered',
    cannotRegister: 'invalidState', inconsistent: 'inconsistentInternalState',
  },
  '1.1': {
    wrongState: 'invalidState', unknownTransaction: 'unknownTransaction', unsupportedProtocol: 'invalidProtocol',
    badParameters: 'invalidParameters', cannotCreateContext: 'cannotCreateContext', duplicateRegistration: 'cannotRegisterParticipant',
    cannotRegister: 'cannotRegisterParticipant', inconsistent: 'inconsistentInternalState',
  },
};

/** The fault a version answers a situation with. */
export function faultFor(v: TxVersionId, situation: TxSituation): TxFaultDef {
  return faultDef(v, SITUATIONS[v][situation]) as TxFaultDef;
}

export interface TxFaultMessage {
  to: string;
  relatesTo?: string;
  messageId?: string;
  /** Copies of the destination EPR's reference parameters, already built as header specs. */
  headers?: ElSpec[];
}

/** Builds the SOAP 1.1 fault envelope for a fault, with the fault action of its spec (WS-Coor §4, WS-AT §5). */
export function buildTxFault(v: TxVersionId, def: TxFaultDef, m: TxFaultMessage, detail?: string): Document {
  const tv = TX_VERSIONS[v];
  const ns = def.spec === 'coor' ? tv.coor.ns : tv.wsat.ns;
  const prefix = def.spec === 'coor' ? 'wscoor' : 'wsat';
  const action = def.spec === 'coor' ? tv.coor.actions.fault : tv.wsat.actions.fault;
  const headers = [
    ...addressingHeaders(tv.wsa, { to: m.to, action, ...(m.messageId ? { messageId: m.messageId } : {}), ...(m.relatesTo ? { relatesTo: m.relatesTo } : {}) }),
    ...(m.headers ?? []),
  ];
  const reason = detail ? `${def.reason} ${detail}` : def.reason;
  return buildFault(tv.soap, { subcode: { ns, qname: `${prefix}:${def.local}` }, sender: def.sender, reason }, headers);
}

/** Reads a fault envelope and names the WS-Coor / WS-AT fault it carries, when it is one. */
export function readTxFault(doc: Document): (ReadFault & { version: TxVersionId | null; kind: TxFaultKind | null }) | null {
  const f = readFault(doc);
  if (!f) return null;
  const el = doc.documentElement;
  const qname = f.subcode ?? f.code;
  const prefix = qname.includes(':') ? qname.slice(0, qname.indexOf(':')) : '';
  const local = qname.slice(prefix ? prefix.length + 1 : 0);
  const fault = findCodeElement(el, qname);
  const ns = fault?.lookupNamespaceURI(prefix || null) ?? null;
  for (const v of Object.keys(FAULTS) as TxVersionId[]) {
    for (const kind of faultKinds(v)) {
      const d = faultDef(v, kind) as TxFaultDef;
      const dns = d.spec === 'coor' ? TX_VERSIONS[v].coor.ns : TX_VERSIONS[v].wsat.ns;
      if (d.local === local && dns === ns) return { ...f, version: v, kind };
    }
  }
  return { ...f, version: null, kind: null };
}

/** The faultcode (SOAP 1.1) or Subcode/Value (SOAP 1.2) element holding the code QName, for its prefix scope. */
function findCodeElement(root: Element | null, qname: string): Element | null {
  if (!root) return null;
  const candidates = [...Array.from(root.getElementsByTagNameNS('*', 'faultcode')), ...Array.from(root.getElementsByTagNameNS('*', 'Value'))];
  return candidates.find((e) => textOf(e).trim() === qname) ?? null;
}
