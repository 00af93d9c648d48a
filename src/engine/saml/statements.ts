// The statements of an assertion — SAML 1.1 Core §2.4.3 AuthenticationStatement (AuthenticationMethod,
// AuthenticationInstant, its own Subject) and §2.4.5 AttributeStatement (Subject, Attribute with
// AttributeName/AttributeNamespace and AttributeValue); SAML 2.0 Core §2.7.2 AuthnStatement
// (AuthnInstant, AuthnContext/AuthnContextClassRef) and §2.7.3 AttributeStatement (Attribute Name,
// NameFormat, AttributeValue). SAML 2.0 statements share the assertion's one Subject.

import type { ElSpec } from '../xml/dom.ts';
import { samlInstant } from './checks.ts';
import { samlName, type SamlVersion } from './versions.ts';

/** WCF's claim namespace, used for a SAML 1.1 attribute whose name is not a URI. */
export const DEFAULT_ATTRIBUTE_NAMESPACE = 'http://schemas.xmlsoap.org/claims';
const URI_NAME_FORMAT = 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri';

export interface StatementsSpec {
  attributes?: Record<string, string[]>;
  /** AuthenticationMethod (1.1) or AuthnContextClassRef (2.0) URI. */
  authnMethod?: string;
  authnInstant: number;
}

const isUri = (name: string): boolean => /^[a-z][a-z0-9+.-]*:/i.test(name);

/** SAML 1.1 splits a claim URI the way WCF does: namespace up to the last '/', name after it. */
function split11(name: string): { AttributeName: string; AttributeNamespace: string } {
  const at = name.lastIndexOf('/');
  if (!isUri(name) || at < 0 || at === name.length - 1) return { AttributeName: name, AttributeNamespace: DEFAULT_ATTRIBUTE_NAMESPACE };
  return { AttributeName: name.slice(at + 1), AttributeNamespace: name.slice(0, at) };
}

function attributeSpec(v: SamlVersion, name: string, values: string[]): ElSpec {
  const attrs = v.version === '1.1' ? split11(name) : { Name: name, ...(isUri(name) ? { NameFormat: URI_NAME_FORMAT } : {}) };
  return {
    ns: v.ns, name: samlName(v, 'Attribute'), attrs,
    children: values.map((text) => ({ ns: v.ns, name: samlName(v, 'AttributeValue'), text })),
  };
}

function authnSpec(v: SamlVersion, s: StatementsSpec, subject: ElSpec | null): ElSpec {
  const method = s.authnMethod ?? v.unspecifiedAuthn;
  const instant = samlInstant(s.authnInstant);
  if (v.version === '1.1') {
    return { ns: v.ns, name: samlName(v, 'AuthenticationStatement'), attrs: { AuthenticationMethod: method, AuthenticationInstant: instant }, children: [subject] };
  }
  const context: ElSpec = { ns: v.ns, name: samlName(v, 'AuthnContext'), children: [{ ns: v.ns, name: samlName(v, 'AuthnContextClassRef'), text: method }] };
  return { ns: v.ns, name: samlName(v, 'AuthnStatement'), attrs: { AuthnInstant: instant }, children: [context] };
}

/**
 * The statements: an authentication statement when a method is given or there are no attributes
 * (an assertion needs at least one statement), an attribute statement when there are attributes.
 * `subject` is repeated inside each SAML 1.1 statement and ignored for SAML 2.0.
 */
export function statementSpecs(v: SamlVersion, s: StatementsSpec, subject: ElSpec): ElSpec[] {
  const own = v.version === '1.1' ? subject : null;
  const attributes = Object.entries(s.attributes ?? {});
  const out: ElSpec[] = [];
  if (s.authnMethod !== undefined || attributes.length === 0) out.push(authnSpec(v, s, own));
  if (attributes.length > 0) {
    out.push({ ns: v.ns, name: samlName(v, 'AttributeStatement'), children: [own, ...attributes.map(([n, vals]) => attributeSpec(v, n, vals))] });
  }
  return out;
}
