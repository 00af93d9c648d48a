// SOAP 1.1 (W3C Note, §4) and SOAP 1.2 Part 1 (§5): the Envelope, its optional Header and its
// mandatory Body. Building returns a Document; reading returns the parts or failed checks.

import type { Document, Element } from '@xmldom/xmldom';
import { build, childElements, newDocument, type ElSpec } from '../xml/dom.ts';
import { NS, SOAP_VERSIONS } from '../xml/names.ts';
import { where } from '../xml/path.ts';
import type { Check } from '../report/index.ts';

export type SoapVersion = '1.1' | '1.2';

export const SOAP_NS: Record<SoapVersion, string> = { '1.1': SOAP_VERSIONS['1.1'].ns, '1.2': SOAP_VERSIONS['1.2'].ns };

export interface EnvelopeSpec {
  version: SoapVersion;
  headers: ElSpec[];
  body: Array<ElSpec | Element>;
  /** Extra namespace declarations on the Envelope (prefix -> uri), so headers share prefixes. */
  xmlns?: Record<string, string>;
  bodyAttrs?: Array<[ns: string, qname: string, value: string]>;
}

/** Builds `soap:Envelope` with a Header (when there are headers) and a Body. */
export function buildEnvelope(spec: EnvelopeSpec): Document {
  const ns = SOAP_NS[spec.version];
  const doc = newDocument({ ns, name: 'soap:Envelope', xmlns: { soap: ns, ...(spec.xmlns ?? {}) } });
  const env = doc.documentElement as Element;
  if (spec.headers.length > 0) env.appendChild(build(doc, { ns, name: 'soap:Header', children: spec.headers }, env));
  const body = build(doc, { ns, name: 'soap:Body', nsAttrs: spec.bodyAttrs ?? [] }, env);
  env.appendChild(body);
  for (const child of spec.body) body.appendChild('nodeType' in child ? child : build(doc, child, body));
  return doc;
}

export interface EnvelopeParts {
  version: SoapVersion;
  envelope: Element;
  header: Element | null;
  body: Element;
  /** Header blocks in document order. */
  headerBlocks: Element[];
}

/** Reads the envelope structure; returns the parts, or the failed check that says why not. */
export function readEnvelope(doc: Document): { parts: EnvelopeParts | null; checks: Check[] } {
  const env = doc.documentElement;
  if (!env) return { parts: null, checks: [fail('SOAP_NOT_ENVELOPE', 'the document has no root element', '')] };
  const version = env.namespaceURI === NS.soap11 ? '1.1' : env.namespaceURI === NS.soap12 ? '1.2' : null;
  if (env.localName !== 'Envelope' || !version) {
    const found = `{${env.namespaceURI ?? ''}}${env.localName}`;
    return {
      parts: null,
      checks: [fail('SOAP_NOT_ENVELOPE', `expected a SOAP 1.1 or 1.2 Envelope as the root element, found ${found}`, env)],
    };
  }
  const kids = childElements(env);
  const ns = SOAP_NS[version];
  const header = kids.find((k) => k.namespaceURI === ns && k.localName === 'Header') ?? null;
  const body = kids.find((k) => k.namespaceURI === ns && k.localName === 'Body') ?? null;
  if (!body) {
    return { parts: null, checks: [fail('SOAP_BODY_MISSING', `expected a ${version === '1.1' ? 'SOAP 1.1' : 'SOAP 1.2'} Body in the Envelope, found none`, env)] };
  }
  const bodies = kids.filter((k) => k.namespaceURI === ns && k.localName === 'Body');
  if (bodies.length > 1) {
    return { parts: null, checks: [fail('SOAP_MULTIPLE_BODIES', `expected exactly one Body, found ${bodies.length}`, bodies[1] as Element)] };
  }
  const headerBlocks = header ? childElements(header) : [];
  const ok: Check = {
    code: 'SOAP_ENVELOPE',
    status: 'pass',
    message: `SOAP ${version} envelope with ${headerBlocks.length} header block(s) and a Body`,
    specRef: version === '1.1' ? 'SOAP 1.1 §4' : 'SOAP 1.2 Part 1 §5',
    ...where(env),
  };
  return { parts: { version, envelope: env, header, body, headerBlocks }, checks: [ok] };
}

function fail(code: string, message: string, node: Element | ''): Check {
  const w = node === '' ? { path: '' } : where(node);
  return { code, status: 'fail', message, specRef: 'SOAP 1.1 §4 / SOAP 1.2 Part 1 §5', ...w };
}
