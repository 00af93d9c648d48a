// WS-Coordination messages on the wire: the four activation and registration messages in their
// envelopes (WS-Coordination 1.1 §3.2–3.3 actions; bindings R1001/R1002), one builder and one reader
// that names the message, checks its action and binding, and says which fault answers it.

import type { Document, Element } from '@xmldom/xmldom';
import type { Check } from '../report/index.ts';
import type { ElSpec } from '../xml/dom.ts';
import { buildCreateCoordinationContext, buildCreateCoordinationContextResponse, readCreateCoordinationContext, readCreateCoordinationContextResponse, type CreateCoordinationContext } from './activation.ts';
import type { CoordinationContext } from './context.ts';
import { buildTxEnvelope, checkAction, readTxEnvelope, type ReadTxEnvelope } from './envelope.ts';
import type { Epr } from './epr.ts';
import { faultFor, type TxFaultKind } from './faults.ts';
import { buildRegister, buildRegisterResponse, readRegister, readRegisterResponse, type Register, type RegisterResponse } from './registration.ts';
import { TX_VERSIONS, versionOfCoorNs, type AtProtocol, type TxVersionId } from './versions.ts';

export type CoorMessage =
  | { kind: 'CreateCoordinationContext'; request: CreateCoordinationContext }
  | { kind: 'CreateCoordinationContextResponse'; context: CoordinationContext }
  | { kind: 'Register'; register: Register }
  | { kind: 'RegisterResponse'; response: RegisterResponse };

export type CoorMessageKind = CoorMessage['kind'];

export interface MessageAddressing {
  to: Epr;
  messageId?: string;
  relatesTo?: string;
  replyTo?: string;
  /** Extra header blocks: the CoordinationContext, t:IssuedTokens, wsse:Security … */
  headers?: ElSpec[];
}

/** The wsa:Action of a coordination message in a version. */
export function coorAction(v: TxVersionId, kind: CoorMessageKind): string {
  const a = TX_VERSIONS[v].coor.actions;
  switch (kind) {
    case 'CreateCoordinationContext': return a.createCoordinationContext;
    case 'CreateCoordinationContextResponse': return a.createCoordinationContextResponse;
    case 'Register': return a.register;
    case 'RegisterResponse': return a.registerResponse;
  }
}

function payload(v: TxVersionId, m: CoorMessage): ElSpec {
  switch (m.kind) {
    case 'CreateCoordinationContext': return buildCreateCoordinationContext(v, m.request);
    case 'CreateCoordinationContextResponse': return buildCreateCoordinationContextResponse(v, m.context);
    case 'Register': return buildRegister(v, m.register);
    case 'RegisterResponse': return buildRegisterResponse(v, m.response);
  }
}

/** Builds a coordination message in the version's binding. */
export function buildCoorMessage(v: TxVersionId, m: CoorMessage, a: MessageAddressing): Document {
  return buildTxEnvelope(v, { ...a, action: coorAction(v, m.kind), body: [payload(v, m)] });
}

export interface ReadCoorMessage {
  version: TxVersionId | null;
  message: CoorMessage | null;
  /** For Register: the protocol registered for. */
  protocol?: AtProtocol | null;
  envelope: ReadTxEnvelope;
  checks: Check[];
  /** The fault a receiver answers with, when a check failed. */
  fault?: TxFaultKind;
}

const KINDS: readonly CoorMessageKind[] = ['CreateCoordinationContext', 'CreateCoordinationContextResponse', 'Register', 'RegisterResponse'];

/** Reads any of the four coordination messages from a parsed envelope. */
export function readCoorMessage(doc: Document): ReadCoorMessage {
  const envelope = readTxEnvelope(doc);
  const el = envelope.payload;
  const v = el ? versionOfCoorNs(el.namespaceURI) : null;
  const kind = KINDS.find((k) => k === el?.localName);
  if (!el || !v || !kind) {
    const checks = [...envelope.checks];
    if (el && envelope.version && !checks.some((c) => c.status === 'fail')) {
      checks.push({ code: 'COOR_UNEXPECTED_ELEMENT', status: 'fail', specRef: 'WS-Coordination 1.1 §3', path: 'Envelope/Body', message: `expected ${KINDS.join(' | ')} in the Body, found {${el.namespaceURI ?? ''}}${el.localName}` });
    }
    return { version: v, message: null, envelope, checks, fault: 'invalidParameters' };
  }
  const specRef = `${TX_VERSIONS[v].coorSpec} §3`;
  const checks: Check[] = [...envelope.checks, checkAction(envelope.addressing, coorAction(v, kind), specRef)];
  const read = readPayload(kind, el);
  checks.push(...read.checks);
  const out: ReadCoorMessage = { version: v, message: read.message, envelope, checks };
  if ('protocol' in read) out.protocol = read.protocol ?? null;
  const fault = read.fault ?? (checks.some((c) => c.status === 'fail') ? faultFor(v, 'badParameters').kind : undefined);
  if (fault) out.fault = fault;
  return out;
}

type PayloadRead = { message: CoorMessage | null; checks: Check[]; fault?: TxFaultKind; protocol?: AtProtocol | null };

function readPayload(kind: CoorMessageKind, el: Element): PayloadRead {
  switch (kind) {
    case 'CreateCoordinationContext': {
      const r = readCreateCoordinationContext(el);
      return { message: r.request ? { kind, request: r.request } : null, checks: r.checks, ...(r.fault ? { fault: r.fault } : {}) };
    }
    case 'CreateCoordinationContextResponse': {
      const r = readCreateCoordinationContextResponse(el);
      return { message: r.context ? { kind, context: r.context } : null, checks: r.checks };
    }
    case 'Register': {
      const r = readRegister(el);
      return { message: r.register ? { kind, register: r.register } : null, checks: r.checks, protocol: r.protocol, ...(r.fault ? { fault: r.fault } : {}) };
    }
    case 'RegisterResponse': {
      const r = readRegisterResponse(el);
      return { message: r.response ? { kind, response: r.response } : null, checks: r.checks };
    }
  }
}
