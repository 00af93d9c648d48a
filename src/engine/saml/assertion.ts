// saml:Assertion — SAML 1.1 Core §2.3.2 (MajorVersion 1, MinorVersion 1, AssertionID, Issuer and
// IssueInstant attributes; Conditions, statements, then ds:Signature) and SAML 2.0 Core §2.3.3
// (Version 2.0, ID, IssueInstant; Issuer element, ds:Signature, Subject, Conditions, statements):
// built as the STS of seed 004 issues it, and read back (version, Id, issuer, instant) with checks.

import type { Element, Node } from '@xmldom/xmldom';
import type { RandomSource } from '../crypto/random.ts';
import type { Check } from '../report/check.ts';
import { UsageError } from '../report/errors.ts';
import { attr, attrNode, firstChildNS, textOf, type ElSpec } from '../xml/dom.ts';
import { NS } from '../xml/names.ts';
import { SAML_CODES as C, parseInstant, samlCheck, samlInstant } from './checks.ts';
import { conditionsSpec } from './conditions.ts';
import { statementSpecs } from './statements.ts';
import { subjectSpec, type ConfirmationSpec, type SubjectSpec } from './subject.ts';
import { SAML_VERSIONS, samlName, samlVersionOfNs, type SamlVersion, type SamlVersionName } from './versions.ts';

export interface AssertionSpec {
  version: SamlVersionName;
  /** AssertionID (1.1) or ID (2.0): an xsd:ID, so an NCName such as `_3f9c…`. */
  id: string;
  issuer: string;
  /** Milliseconds since the epoch. */
  issueInstant: number;
  notBefore: number;
  notOnOrAfter: number;
  /** The relying party's URI (WS-Trust AppliesTo): one audience restriction. */
  audience?: string;
  subject: SubjectSpec;
  confirmation: ConfirmationSpec;
  /** Attribute name (a claim URI or a plain name) -> values. */
  attributes?: Record<string, string[]>;
  /** AuthenticationMethod (1.1) or AuthnContextClassRef (2.0) URI. */
  authnMethod?: string;
  random: RandomSource;
}

const NCNAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function checkSpec(s: AssertionSpec): void {
  if (!NCNAME.test(s.id)) throw new UsageError('SAML_BAD_ID', `expected the assertion Id to be an xsd:ID (an NCName such as _a1b2) but found '${s.id}'`);
  if (s.issuer.trim() === '') throw new UsageError('SAML_BAD_ISSUER', 'expected a non-empty issuer name but found an empty one');
  if (!(s.notBefore < s.notOnOrAfter)) {
    throw new UsageError('SAML_BAD_VALIDITY', `expected notBefore earlier than notOnOrAfter but found ${samlInstant(s.notBefore)} and ${samlInstant(s.notOnOrAfter)}`);
  }
  const empty = Object.entries(s.attributes ?? {}).find(([, values]) => values.length === 0);
  if (empty && s.version === '1.1') throw new UsageError('SAML_BAD_ATTRIBUTE', `expected at least one value for SAML 1.1 attribute '${empty[0]}' but found none`);
}

/** Builds an unsigned assertion; sign it with signAssertion once it is in its document. */
export async function buildAssertion(s: AssertionSpec): Promise<ElSpec> {
  checkSpec(s);
  const v = SAML_VERSIONS[s.version];
  const subject = await subjectSpec(v, s.subject, s.confirmation, s, s.random);
  const conditions = conditionsSpec(v, s);
  const statements = statementSpecs(v, { ...s, authnInstant: s.issueInstant }, subject);
  const instant = samlInstant(s.issueInstant);
  const name = samlName(v, 'Assertion');
  const xmlns = { [v.prefix]: v.ns };
  if (v.version === '1.1') {
    const attrs = { MajorVersion: '1', MinorVersion: '1', AssertionID: s.id, Issuer: s.issuer, IssueInstant: instant };
    return { ns: v.ns, name, xmlns, attrs, children: [conditions, ...statements] };
  }
  const issuer: ElSpec = { ns: v.ns, name: samlName(v, 'Issuer'), text: s.issuer };
  return { ns: v.ns, name, xmlns, attrs: { ID: s.id, IssueInstant: instant, Version: '2.0' }, children: [issuer, subject, conditions, ...statements] };
}

/** What validation reads from the assertion element itself. */
export interface AssertionParts {
  v: SamlVersion;
  el: Element;
  id: string | null;
  issuer: string | null;
  /** The Issuer attribute (1.1) or element (2.0). */
  issuerNode: Node | null;
  issueInstant: number | null;
}

/** The version record for `el`, or a failed check saying why it is no SAML 1.1/2.0 assertion. */
function detectVersion(el: Element): { v: SamlVersion | null; check: Check } {
  const v = samlVersionOfNs(el.namespaceURI);
  if (!v || el.localName !== 'Assertion') {
    return { v: null, check: samlCheck(C.notAnAssertion, 'fail', 'SAML 1.1 Core §2.3.2; SAML 2.0 Core §2.3.3', el,
      `expected {${NS.saml11}}Assertion or {${NS.saml2}}Assertion but found {${el.namespaceURI ?? ''}}${el.localName}`) };
  }
  const found = v.version === '1.1' ? `MajorVersion ${attr(el, 'MajorVersion') ?? '(none)'}, MinorVersion ${attr(el, 'MinorVersion') ?? '(none)'}` : `Version ${attr(el, 'Version') ?? '(none)'}`;
  const ok = v.version === '1.1' ? attr(el, 'MajorVersion') === '1' && attr(el, 'MinorVersion') === '1' : attr(el, 'Version') === '2.0';
  if (!ok) {
    const expected = v.version === '1.1' ? 'MajorVersion 1 and MinorVersion 1' : 'Version 2.0';
    return { v: null, check: samlCheck(C.versionUnsupported, 'fail', v.spec.assertion, el, `expected ${expected} in the ${v.ns} namespace but found ${found}`) };
  }
  return { v, check: samlCheck(C.version, 'pass', v.spec.assertion, el, `SAML ${v.version} assertion (${found})`, { version: v.version }) };
}

/** Reads the assertion's version, Id, issuer and IssueInstant; required ones missing are checks. */
export function readAssertion(el: Element): { parts: AssertionParts | null; checks: Check[] } {
  const { v, check } = detectVersion(el);
  const checks = [check];
  if (!v) return { parts: null, checks };
  const issuerNode: Node | null = v.version === '1.1' ? attrNode(el, 'Issuer') : firstChildNS(el, v.ns, 'Issuer');
  const issuer = issuerNode ? (v.version === '1.1' ? issuerNode.nodeValue ?? '' : textOf(issuerNode as Element).trim()) : null;
  const id = attr(el, v.idAttribute);
  const instantText = attr(el, 'IssueInstant');
  const issueInstant = instantText === null ? null : parseInstant(instantText);
  const missing = (what: string): void => { checks.push(samlCheck(C.malformed, 'fail', v.spec.assertion, el, `expected ${what} on the assertion but found none`)); };
  if (!id) missing(`the ${v.idAttribute} attribute`);
  if (!issuer) missing(v.version === '1.1' ? 'a non-empty Issuer attribute' : 'a non-empty saml:Issuer element');
  if (instantText === null) missing('the IssueInstant attribute');
  else if (issueInstant === null) checks.push(samlCheck(C.malformed, 'fail', v.spec.assertion, attrNode(el, 'IssueInstant')!, `expected IssueInstant as an xsd:dateTime but found '${instantText}'`));
  if (issuer && issuerNode) checks.push(samlCheck(C.issuer, 'info', v.spec.issuer, issuerNode, `issued by ${issuer}`, { issuer }));
  return { parts: { v, el, id, issuer, issuerNode, issueInstant }, checks };
}
