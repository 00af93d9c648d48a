// The security agent's redirect to the OpenSSO STS authentication service (seed 001, "보안 토큰
// 생성 프로세스 흐름"): a request that arrives without the WSP's registered security is answered
// with where to authenticate and which security mechanism the WSP registered. OpenSSO's HTTP
// security agent (Liberty) answers with an HTTP redirect, its SOAP security agent (WS-IBS) with a
// SOAP message; wsbench carries both as a SOAP Fault whose detail names the agent, the STS
// authentication service, the mechanism and the provider, so the WSC reads the same fields.

import type { Element } from '@xmldom/xmldom';
import { uuidV4, type RandomSource } from '../crypto/random.ts';
import type { Check } from '../report/index.ts';
import { readEnvelope, SOAP_NS, type SoapVersion } from '../soap/envelope.ts';
import { buildFault, readFault } from '../soap/fault.ts';
import { addressingHeaders, readAddressing, WSA, type WsaVersion } from '../wsa/headers.ts';
import { build, childElements, firstChildNS, textOf } from '../xml/dom.ts';
import { parseXml } from '../xml/parse.ts';
import { where } from '../xml/path.ts';
import { formatXml, serializeXml } from '../xml/serialize.ts';
import { AGENT_NS, mechanismByUri } from './opensso_mechanisms.ts';

export interface AgentRedirect {
  /** The OpenSSO STS authentication service to authenticate at. */
  location: string;
  /** The security mechanism URI the WSP registered. */
  mechanism: string;
  /** The WSP the token is for (its address: the AppliesTo of the token request). */
  providerId: string;
  /** Which agent issued the redirect. */
  agent: 'HTTP' | 'SOAP';
}

const SPEC = 'seed 001: security token generation process flow';

/** The redirect fault, answering the request with MessageID `relatesTo`. */
export function buildRedirect(r: AgentRedirect, env: { soap: SoapVersion; wsa: WsaVersion; random: RandomSource; relatesTo?: string; reason: string }): string {
  const headers = addressingHeaders(env.wsa, { action: WSA[env.wsa].faultAction, to: WSA[env.wsa].anonymous, messageId: `urn:uuid:${uuidV4(env.random)}`, ...(env.relatesTo ? { relatesTo: env.relatesTo } : {}) });
  const doc = buildFault(env.soap, { sender: true, reason: env.reason }, headers);
  doc.documentElement?.setAttribute('xmlns:wsa', WSA[env.wsa].ns);
  const fault = firstChildNS(firstChildNS(doc.documentElement as Element, SOAP_NS[env.soap], 'Body') as Element, SOAP_NS[env.soap], 'Fault') as Element;
  const a = (name: string, text: string) => ({ ns: AGENT_NS, name: `oa:${name}`, text });
  const redirect = { ns: AGENT_NS, name: 'oa:Redirect', xmlns: { oa: AGENT_NS }, attrs: { Agent: r.agent }, children: [a('Location', r.location), a('SecurityMechanism', r.mechanism), a('ProviderID', r.providerId)] };
  const detail = env.soap === '1.1' ? { ns: null, name: 'detail', children: [redirect] } : { ns: SOAP_NS[env.soap], name: 'soap:Detail', children: [redirect] };
  fault.appendChild(build(doc, detail, fault));
  return formatXml(serializeXml(doc));
}

/** Reads the redirect as the WSC does: it must be a fault carrying oa:Redirect with a mechanism OpenSSO knows. */
export function readRedirect(wire: string): { redirect: AgentRedirect | null; relatesTo?: string; checks: Check[] } {
  const doc = parseXml(wire);
  const { parts, checks } = readEnvelope(doc);
  if (!parts) return { redirect: null, checks };
  const relatesTo = readAddressing(parts.headerBlocks).relatesTo;
  const fault = readFault(doc);
  const el = parts.body.getElementsByTagNameNS(AGENT_NS, 'Redirect')[0] as Element | undefined;
  if (!fault || !el) {
    checks.push({ code: 'AGENT_REDIRECT_MISSING', status: 'fail', specRef: SPEC, ...where(parts.body), message: `expected a fault with the agent's oa:Redirect (STS location and security mechanism), found ${fault ? 'a fault without one' : childElements(parts.body)[0]?.nodeName ?? 'an empty Body'}` });
    return { redirect: null, checks };
  }
  const field = (local: string) => {
    const f = firstChildNS(el, AGENT_NS, local);
    return f ? textOf(f).trim() : '';
  };
  const agent = el.getAttribute('Agent') === 'HTTP' ? 'HTTP' : 'SOAP';
  const redirect: AgentRedirect = { location: field('Location'), mechanism: field('SecurityMechanism'), providerId: field('ProviderID'), agent };
  const known = mechanismByUri(redirect.mechanism);
  if (!redirect.location || !redirect.providerId) {
    checks.push({ code: 'AGENT_REDIRECT_INCOMPLETE', status: 'fail', specRef: SPEC, ...where(el), message: `expected oa:Location and oa:ProviderID in the redirect, found location "${redirect.location}" and provider "${redirect.providerId}"` });
  } else if (!known) {
    checks.push({ code: 'AGENT_MECHANISM_UNKNOWN', status: 'fail', specRef: 'seed 001 tables 3-1, 3-2', ...where(el), message: `expected a security mechanism of tables 3-1/3-2 (OpenSSO urn:sun:wss:security:null:… or urn:liberty:security:2005-02:null:…), found "${redirect.mechanism}"` });
  } else {
    checks.push({
      code: 'AGENT_REDIRECT', status: 'pass', specRef: SPEC, ...where(el),
      message: `the ${agent} security agent redirects to the STS authentication service ${redirect.location}: the WSP ${redirect.providerId} registered ${known.mechanism.title} (${redirect.mechanism})`,
      details: { ...redirect },
    });
  }
  return { redirect: known ? redirect : null, ...(relatesTo ? { relatesTo } : {}), checks };
}
