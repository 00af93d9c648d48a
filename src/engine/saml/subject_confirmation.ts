// Reading saml:Subject and its SubjectConfirmation as the relying party does — SAML 1.1 Core
// §2.4.2.1–§2.4.2.3 (each subject statement carries a Subject; ConfirmationMethod elements and a
// ds:KeyInfo) and SAML 2.0 Core §2.4.1–§2.4.1.2 (one Subject; SubjectConfirmation Method attributes
// with SubjectConfirmationData, whose NotBefore/NotOnOrAfter bound the confirmation) — and deciding
// the confirmation method of WSS SAML Token Profile 1.1 §3.5: bearer, sender-vouches or
// holder-of-key (which needs a ds:KeyInfo with the proof key).

import type { Element, Node } from '@xmldom/xmldom';
import type { Check } from '../report/check.ts';
import { attr, attrNode, childElements, childrenNS, firstChildNS, textOf } from '../xml/dom.ts';
import { NS } from '../xml/names.ts';
import type { AssertionParts } from './assertion.ts';
import { SAML_CODES as C, samlCheck } from './checks.ts';
import { checkWindow, type ConditionsOptions } from './conditions.ts';
import { SAML_VERSIONS, type ConfirmationMethod, type SamlVersion } from './versions.ts';

interface Confirmation {
  /** The ConfirmationMethod element (1.1) or Method attribute (2.0). */
  node: Node;
  uri: string;
  method: ConfirmationMethod | null;
  keyInfo: Element | null;
  /** SAML 2.0 SubjectConfirmationData, whose window is checked. */
  data: Element | null;
}

export interface SubjectResult {
  checks: Check[];
  subject?: string;
  confirmation?: ConfirmationMethod;
  /** The holder-of-key ds:KeyInfo of the chosen confirmation. */
  keyInfo: Element | null;
}

const STATEMENTS = new Set(['AuthenticationStatement', 'AttributeStatement', 'AuthorizationDecisionStatement', 'SubjectStatement']);

function methodOf(uri: string, v: SamlVersion): ConfirmationMethod | null {
  const hit = Object.entries(v.confirmation).find(([, u]) => u === uri);
  return hit ? (hit[0] as ConfirmationMethod) : null;
}

/** The Subject elements: one per SAML 1.1 subject statement, the single SAML 2.0 Subject. */
function subjectsOf(p: AssertionParts): Element[] {
  if (p.v.version === '2.0') return childrenNS(p.el, p.v.ns, 'Subject');
  const statements = childElements(p.el).filter((c) => c.namespaceURI === p.v.ns && STATEMENTS.has(c.localName ?? ''));
  return statements.map((s) => firstChildNS(s, p.v.ns, 'Subject')).filter((s): s is Element => s !== null);
}

function confirmationsOf(subject: Element, v: SamlVersion): Confirmation[] {
  const out: Confirmation[] = [];
  for (const sc of childrenNS(subject, v.ns, 'SubjectConfirmation')) {
    if (v.version === '1.1') {
      const keyInfo = firstChildNS(sc, NS.ds, 'KeyInfo');
      for (const m of childrenNS(sc, v.ns, 'ConfirmationMethod')) {
        const uri = textOf(m).trim();
        out.push({ node: m, uri, method: methodOf(uri, v), keyInfo, data: null });
      }
      continue;
    }
    const uri = attr(sc, 'Method') ?? '';
    const data = firstChildNS(sc, v.ns, 'SubjectConfirmationData');
    const keyInfo = data ? firstChildNS(data, NS.ds, 'KeyInfo') : null;
    out.push({ node: attrNode(sc, 'Method') ?? sc, uri, method: methodOf(uri, v), keyInfo, data });
  }
  return out;
}

function nameOf(subject: Element, v: SamlVersion): string | undefined {
  const el = firstChildNS(subject, v.ns, v.version === '1.1' ? 'NameIdentifier' : 'NameID');
  return el ? textOf(el).trim() : undefined;
}

function subjectChecks(p: AssertionParts, subjects: Element[]): { checks: Check[]; name?: string } {
  const v = p.v;
  const names = subjects.map((s) => nameOf(s, v));
  const name = names[0];
  const checks: Check[] = [];
  if (names.some((n) => n !== name)) {
    checks.push(samlCheck(C.subjectInconsistent, 'fail', v.spec.subject, subjects[names.findIndex((n) => n !== name)]!,
      `expected every subject statement to name the same subject but found ${[...new Set(names.map((n) => n ?? '(no name)'))].join(', ')}`));
  }
  if (name !== undefined) checks.push(samlCheck(C.subject, 'pass', v.spec.subject, subjects[0]!, `subject ${name}`, { subject: name }));
  return name === undefined ? { checks } : { checks, name };
}

function unknownMethod(c: Confirmation, v: SamlVersion): Check {
  const other = SAML_VERSIONS[v.version === '1.1' ? '2.0' : '1.1'];
  const wrongVersion = methodOf(c.uri, other) ? ` (a SAML ${other.version} URI in a SAML ${v.version} assertion)` : '';
  return samlCheck(C.confirmationUnknown, 'fail', v.spec.confirmation, c.node,
    `expected a confirmation method among ${Object.values(v.confirmation).join(', ')} but found '${c.uri}'${wrongVersion}`);
}

/** The chosen confirmation's own checks: its SubjectConfirmationData window and its KeyInfo. */
function confirmationChecks(c: Confirmation, v: SamlVersion, o: ConditionsOptions): Check[] {
  const checks = [samlCheck(C.confirmation, 'pass', v.spec.confirmation, c.node, `confirmation method ${c.method} (${c.uri})`, { method: c.method })];
  if (c.data) checks.push(...checkWindow(c.data, v, o, v.spec.confirmationData, [C.confirmationNotYetValid, C.confirmationExpired, C.confirmationWindow]));
  if (c.method === 'holder-of-key' && !c.keyInfo) {
    checks.push(samlCheck(C.proofKeyMissing, 'fail', v.spec.keyInfo, c.node, 'expected a ds:KeyInfo with the proof key for holder-of-key confirmation but found none'));
  }
  if (c.method !== 'holder-of-key' && c.keyInfo) {
    checks.push(samlCheck(C.keyInfoIgnored, 'info', v.spec.keyInfo, c.keyInfo, `a ds:KeyInfo under ${c.method} confirmation proves nothing and is ignored`));
  }
  return checks;
}

/** The subject's name and the confirmation method the presenter must satisfy (first recognized one). */
export function checkSubject(p: AssertionParts, o: ConditionsOptions): SubjectResult {
  const subjects = subjectsOf(p);
  if (subjects.length === 0) {
    return { keyInfo: null, checks: [samlCheck(C.subjectMissing, 'fail', p.v.spec.subject, p.el, 'expected a saml:Subject (a subject statement for SAML 1.1) but found none')] };
  }
  const { checks, name } = subjectChecks(p, subjects);
  const all = confirmationsOf(subjects[0]!, p.v);
  const chosen = all.find((c) => c.method !== null);
  checks.push(...all.filter((c) => c.method === null).map((c) => unknownMethod(c, p.v)));
  if (!chosen) {
    if (all.length === 0) checks.push(samlCheck(C.confirmationMissing, 'fail', p.v.spec.confirmation, subjects[0]!, 'expected a SubjectConfirmation with a confirmation method but found none'));
    return name === undefined ? { checks, keyInfo: null } : { checks, subject: name, keyInfo: null };
  }
  checks.push(...confirmationChecks(chosen, p.v, o));
  const out: SubjectResult = { checks, confirmation: chosen.method!, keyInfo: chosen.method === 'holder-of-key' ? chosen.keyInfo : null };
  if (name !== undefined) out.subject = name;
  return out;
}
