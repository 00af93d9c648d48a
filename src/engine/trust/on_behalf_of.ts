// WS-Trust 1.3 §9.3 / Feb2005 §12.1 wst:OnBehalfOf: the requester asks for a token for another
// subject and carries a token of that subject — a wsse:UsernameToken naming the user without a
// password (as Oracle WebLogic's SAML STS client sends it) or a SAML assertion an STS issued for it.
// The STS names that subject in what it issues; for sender-vouches the requester vouches for it.

import type { Element } from '@xmldom/xmldom';
import type { CertInfo } from '../crypto/x509.ts';
import type { Check } from '../report/index.ts';
import { validateAssertion } from '../saml/index.ts';
import { firstChildNS, textOf, childElements, type ElSpec } from '../xml/dom.ts';
import { NS } from '../xml/names.ts';
import { where } from '../xml/path.ts';

const SPEC = 'WS-Trust 1.3 §9.3 OnBehalfOf';

/** A UsernameToken naming `username`, with no password: the subject the requester acts for. */
export function onBehalfOfUsername(username: string, id: string): ElSpec {
  return {
    ns: NS.wsse, name: 'wsse:UsernameToken', xmlns: { wsse: NS.wsse, wsu: NS.wsu }, nsAttrs: [[NS.wsu, 'wsu:Id', id]],
    children: [{ ns: NS.wsse, name: 'wsse:Username', text: username }],
  };
}

/** The subject of the OnBehalfOf token, or a failed check naming what was found. */
export async function readOnBehalfOf(obo: Element, o: { trustedIssuers: CertInfo[]; now: number }): Promise<{ subject?: string; checks: Check[] }> {
  const token = childElements(obo)[0];
  const fail = (message: string, el: Element = obo) => ({ checks: [{ code: 'STS_ON_BEHALF_OF_UNREADABLE', status: 'fail' as const, specRef: SPEC, ...where(el), message }] });
  if (!token) return fail('expected a token in wst:OnBehalfOf, found it empty');
  if (token.namespaceURI === NS.wsse && token.localName === 'UsernameToken') {
    const name = firstChildNS(token, NS.wsse, 'Username');
    const subject = name ? textOf(name).trim() : '';
    if (!subject) return fail('expected wsse:Username in the OnBehalfOf UsernameToken, found none', token);
    return { subject, checks: [{ code: 'STS_ON_BEHALF_OF', status: 'pass', specRef: SPEC, ...where(token), message: `the requester asks on behalf of ${subject} (UsernameToken, vouched for by the requester)`, details: { subject, token: 'UsernameToken' } }] };
  }
  if (token.localName === 'Assertion' && (token.namespaceURI === NS.saml11 || token.namespaceURI === NS.saml2)) {
    const v = await validateAssertion(token, { trustedIssuers: o.trustedIssuers, now: o.now });
    if (!v.accepted || !v.subject) {
      const why = v.checks.find((c) => c.status === 'fail')?.message ?? 'no subject';
      return { checks: [...v.checks.filter((c) => c.status === 'fail'), ...fail(`expected a SAML assertion from a trusted issuer naming the subject, found one that does not validate: ${why}`, token).checks] };
    }
    return { subject: v.subject, checks: [{ code: 'STS_ON_BEHALF_OF', status: 'pass', specRef: SPEC, ...where(token), message: `the requester asks on behalf of ${v.subject} (SAML ${v.version} assertion from ${v.issuer?.subject ?? 'a trusted issuer'})`, details: { subject: v.subject, token: 'Assertion' } }] };
  }
  return fail(`expected a wsse:UsernameToken or a SAML assertion in wst:OnBehalfOf, found {${token.namespaceURI ?? ''}}${token.localName}`, token);
}
