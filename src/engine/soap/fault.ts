// SOAP 1.1 §4.4 and SOAP 1.2 Part 1 §5.4: the Fault element. Receivers answer a rejected message
// with one; WSS 1.1 §12 names the security fault codes (wsse:FailedAuthentication, …).

import type { Document, Element } from '@xmldom/xmldom';
import { buildEnvelope, readEnvelope, SOAP_NS, type SoapVersion } from './envelope.ts';
import { childElements, firstChildNS, textOf, type ElSpec } from '../xml/dom.ts';
import { NS } from '../xml/names.ts';

export interface FaultSpec {
  /** Qualified subcode such as `wsse:FailedAuthentication`, with its namespace. */
  subcode?: { ns: string; qname: string };
  /** Sender (client) or Receiver (server) fault. */
  sender: boolean;
  reason: string;
}

/** Builds a fault envelope of the given SOAP version. */
export function buildFault(version: SoapVersion, spec: FaultSpec, headers: ElSpec[] = []): Document {
  const ns = SOAP_NS[version];
  const prefix = spec.subcode?.qname.split(':')[0] ?? '';
  const xmlns = spec.subcode ? { [prefix]: spec.subcode.ns } : {};
  const body: ElSpec = version === '1.1' ? fault11(ns, spec) : fault12(ns, spec);
  return buildEnvelope({ version, headers, body: [body], xmlns });
}

function fault11(ns: string, spec: FaultSpec): ElSpec {
  const code = spec.subcode ? spec.subcode.qname : `soap:${spec.sender ? 'Client' : 'Server'}`;
  return {
    ns,
    name: 'soap:Fault',
    children: [
      { ns: null, name: 'faultcode', text: code },
      { ns: null, name: 'faultstring', text: spec.reason },
    ],
  };
}

function fault12(ns: string, spec: FaultSpec): ElSpec {
  const value: ElSpec = { ns, name: 'soap:Value', text: `soap:${spec.sender ? 'Sender' : 'Receiver'}` };
  const sub: ElSpec | null = spec.subcode
    ? { ns, name: 'soap:Subcode', children: [{ ns, name: 'soap:Value', text: spec.subcode.qname }] }
    : null;
  return {
    ns,
    name: 'soap:Fault',
    children: [
      { ns, name: 'soap:Code', children: [value, sub] },
      { ns, name: 'soap:Reason', children: [{ ns, name: 'soap:Text', nsAttrs: [[NS.xml, 'xml:lang', 'en']], text: spec.reason }] },
    ],
  };
}

export interface ReadFault {
  code: string;
  subcode?: string;
  reason: string;
}

/** Reads the Fault in a SOAP body, or null when the body holds no Fault. */
export function readFault(doc: Document): ReadFault | null {
  const { parts } = readEnvelope(doc);
  if (!parts) return null;
  const ns = SOAP_NS[parts.version];
  const fault = firstChildNS(parts.body, ns, 'Fault');
  if (!fault) return null;
  if (parts.version === '1.1') {
    const code = childElements(fault).find((e) => e.localName === 'faultcode');
    const reason = childElements(fault).find((e) => e.localName === 'faultstring');
    return { code: code ? textOf(code).trim() : '', reason: reason ? textOf(reason).trim() : '' };
  }
  return readFault12(fault, ns);
}

function readFault12(fault: Element, ns: string): ReadFault {
  const code = firstChildNS(fault, ns, 'Code');
  const value = code ? firstChildNS(code, ns, 'Value') : null;
  const sub = code ? firstChildNS(code, ns, 'Subcode') : null;
  const subValue = sub ? firstChildNS(sub, ns, 'Value') : null;
  const reason = firstChildNS(fault, ns, 'Reason');
  const text = reason ? firstChildNS(reason, ns, 'Text') : null;
  const out: ReadFault = { code: value ? textOf(value).trim() : '', reason: text ? textOf(text).trim() : '' };
  if (subValue) out.subcode = textOf(subValue).trim();
  return out;
}
