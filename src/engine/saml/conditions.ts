// saml:Conditions — SAML 1.1 Core §2.3.2.1 (NotBefore, NotOnOrAfter; AudienceRestrictionCondition
// §2.3.2.1.2, DoNotCacheCondition §2.3.2.1.3) and SAML 2.0 Core §2.5.1 (§2.5.1.2 NotBefore and
// NotOnOrAfter, §2.5.1.4 AudienceRestriction, §2.5.1.5 OneTimeUse, §2.5.1.6 ProxyRestriction):
// built for an issued token, and checked by the relying party against its clock (with skew) and
// its own audience URI. A condition it does not understand makes the assertion Indeterminate
// (SAML 2.0 Core §2.5.1), which a relying party must not accept.

import type { Element } from '@xmldom/xmldom';
import type { Check } from '../report/check.ts';
import { attrNode, childElements, childrenNS, textOf, type ElSpec } from '../xml/dom.ts';
import { SAML_CODES as C, parseInstant, samlCheck, samlInstant } from './checks.ts';
import { samlName, type SamlVersion } from './versions.ts';

export interface ConditionsSpec { notBefore: number; notOnOrAfter: number; audience?: string }

export interface ConditionsOptions {
  now: number;
  skewSeconds: number;
  audience?: string;
}

/** Conditions with the validity window and, when given, one audience restriction. */
export function conditionsSpec(v: SamlVersion, c: ConditionsSpec): ElSpec {
  const local = v.version === '1.1' ? 'AudienceRestrictionCondition' : 'AudienceRestriction';
  const restriction: ElSpec | null = c.audience === undefined ? null : {
    ns: v.ns, name: samlName(v, local), children: [{ ns: v.ns, name: samlName(v, 'Audience'), text: c.audience }],
  };
  return {
    ns: v.ns, name: samlName(v, 'Conditions'),
    attrs: { NotBefore: samlInstant(c.notBefore), NotOnOrAfter: samlInstant(c.notOnOrAfter) },
    children: [restriction],
  };
}

/** A time attribute of el: its ms, null when absent, or a failed check when it is no dateTime. */
export function readInstant(el: Element, name: string, v: SamlVersion, specRef: string, checks: Check[]): number | null {
  const node = attrNode(el, name);
  if (!node) return null;
  const ms = parseInstant(node.value);
  if (ms === null) checks.push(samlCheck(C.malformed, 'fail', specRef, node, `expected ${name} as an xsd:dateTime in UTC but found '${node.value}'`, { version: v.version }));
  return ms;
}

/**
 * NotBefore/NotOnOrAfter of `el` against `now` ± skew: codes `codes[0]` (not yet valid) and
 * `codes[1]` (expired), or `pass` with the window. Shared by Conditions and SubjectConfirmationData.
 */
export function checkWindow(el: Element, v: SamlVersion, o: ConditionsOptions, specRef: string, codes: [string, string, string]): Check[] {
  const checks: Check[] = [];
  const nb = readInstant(el, 'NotBefore', v, specRef, checks);
  const noa = readInstant(el, 'NotOnOrAfter', v, specRef, checks);
  if (checks.length > 0) return checks;
  const skew = o.skewSeconds * 1000;
  const at = `now ${samlInstant(o.now)} with ${o.skewSeconds} s clock skew`;
  const details = { notBefore: nb === null ? null : samlInstant(nb), notOnOrAfter: noa === null ? null : samlInstant(noa), now: samlInstant(o.now), skewSeconds: o.skewSeconds };
  if (nb !== null && noa !== null && nb >= noa) {
    return [samlCheck(C.validityInverted, 'fail', specRef, el, `expected NotBefore earlier than NotOnOrAfter but found ${details.notBefore} and ${details.notOnOrAfter}`, details)];
  }
  if (nb !== null && o.now + skew < nb) {
    return [samlCheck(codes[0], 'fail', specRef, attrNode(el, 'NotBefore')!, `expected ${at} to be at or after NotBefore ${details.notBefore} but it is earlier`, details)];
  }
  if (noa !== null && o.now - skew >= noa) {
    return [samlCheck(codes[1], 'fail', specRef, attrNode(el, 'NotOnOrAfter')!, `expected ${at} to be before NotOnOrAfter ${details.notOnOrAfter} but it is not: the assertion has expired`, details)];
  }
  return [samlCheck(codes[2], 'pass', specRef, el, `valid ${details.notBefore ? `from ${details.notBefore} ` : ''}${details.notOnOrAfter ? `until ${details.notOnOrAfter}` : 'with no end'} (${at})`, details)];
}

function checkAudience(cond: Element, v: SamlVersion, o: ConditionsOptions): Check[] {
  const local = v.version === '1.1' ? 'AudienceRestrictionCondition' : 'AudienceRestriction';
  const restrictions = childrenNS(cond, v.ns, local);
  const spec = v.spec.audience;
  if (restrictions.length === 0) {
    return o.audience === undefined ? [] : [samlCheck(C.noAudienceRestriction, 'warn', spec, cond, `expected an ${local} naming ${o.audience} but found none: the assertion is usable at any relying party`)];
  }
  const lists = restrictions.map((r) => childrenNS(r, v.ns, 'Audience').map((a) => textOf(a).trim()));
  if (o.audience === undefined) {
    return [samlCheck(C.audienceNotChecked, 'info', spec, restrictions[0]!, `audience restricted to ${lists.map((l) => l.join(' | ')).join(' and ')}; no expected audience was given, so it was not checked`)];
  }
  const failing = restrictions.findIndex((_, i) => !lists[i]!.includes(o.audience!));
  if (failing >= 0) {
    const found = lists[failing]!;
    return [samlCheck(C.audienceMismatch, 'fail', spec, restrictions[failing]!,
      `expected audience ${o.audience} but found ${found.length ? found.join(', ') : 'no Audience'} in ${local}`, { expected: o.audience, found })];
  }
  return [samlCheck(C.audience, 'pass', spec, restrictions[0]!, `audience ${o.audience} is among ${[...new Set(lists.flat())].join(', ')}`, { expected: o.audience })];
}

const AUDIENCE = new Set(['AudienceRestrictionCondition', 'AudienceRestriction']);
const DO_NOT_CACHE = new Set(['DoNotCacheCondition', 'OneTimeUse']);

/** Informs on DoNotCache/OneTimeUse; fails every condition wsbench cannot evaluate. */
function otherConditions(cond: Element, v: SamlVersion): Check[] {
  const out: Check[] = [];
  for (const c of childElements(cond)) {
    const local = c.namespaceURI === v.ns ? (c.localName ?? '') : '';
    if (AUDIENCE.has(local)) continue;
    if (DO_NOT_CACHE.has(local)) {
      out.push(samlCheck(C.conditionInfo, 'info', v.spec.conditions, c, `${local}: the relying party must not keep the assertion for later use`));
      continue;
    }
    out.push(samlCheck(C.conditionUnknown, 'fail', v.spec.conditions, c,
      `expected only conditions wsbench evaluates (audience restriction, DoNotCache/OneTimeUse) but found <${c.nodeName}>: the assertion's validity is Indeterminate`));
  }
  return out;
}

/** Every check of the assertion's Conditions (or their absence). */
export function checkConditions(assertion: Element, v: SamlVersion, o: ConditionsOptions): Check[] {
  const cond = childrenNS(assertion, v.ns, 'Conditions')[0];
  if (!cond) {
    const out = [samlCheck(C.noConditions, 'warn', v.spec.conditions, assertion, 'expected saml:Conditions bounding the validity period but found none: the assertion never expires')];
    if (o.audience !== undefined) out.push(samlCheck(C.noAudienceRestriction, 'warn', v.spec.audience, assertion, `expected an audience restriction naming ${o.audience} but found no Conditions`));
    return out;
  }
  const window = checkWindow(cond, v, o, v.spec.validity, [C.notYetValid, C.expired, C.validityPeriod]);
  return [...window, ...checkAudience(cond, v, o), ...otherConditions(cond, v)];
}
