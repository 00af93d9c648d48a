// WSS: SOAP Message Security 1.1 §5: the wsse:Security header block. One per actor/role; BSP 1.1
// forbids two headers for the same actor. Inbound processing walks its children in order.

import type { Element } from '@xmldom/xmldom';
import type { ElSpec } from '../xml/dom.ts';
import { NS, SOAP_VERSIONS } from '../xml/names.ts';
import { where } from '../xml/path.ts';
import type { Check } from '../report/index.ts';
import { SOAP_NS, type SoapVersion } from '../soap/envelope.ts';

export const SECURITY_SPEC = 'WSS 1.1 §5';

/** The wsse:Security header with mustUnderstand set as the SOAP version spells it. */
export function securityHeader(version: SoapVersion, children: ElSpec[]): ElSpec {
  const mu = version === '1.1' ? '1' : 'true';
  return {
    ns: NS.wsse,
    name: 'wsse:Security',
    xmlns: { wsse: NS.wsse, wsu: NS.wsu },
    nsAttrs: [[SOAP_NS[version], 'soap:mustUnderstand', mu]],
    children,
  };
}

function actorOf(el: Element, version: SoapVersion): string {
  return el.getAttributeNS(SOAP_NS[version], SOAP_VERSIONS[version].roleAttribute) ?? '';
}

/** Finds the Security header meant for the ultimate receiver (no actor/role), with checks. */
export function findSecurityHeader(blocks: Element[], version: SoapVersion): { header: Element | null; checks: Check[] } {
  const all = blocks.filter((b) => b.namespaceURI === NS.wsse && b.localName === 'Security');
  const wrongNs = blocks.find((b) => b.localName === 'Security' && b.namespaceURI !== NS.wsse);
  const checks: Check[] = [];
  if (wrongNs) {
    checks.push({
      code: 'WSS_SECURITY_NAMESPACE', status: 'fail', specRef: SECURITY_SPEC, ...where(wrongNs),
      message: `expected the Security header in namespace ${NS.wsse}, found ${wrongNs.namespaceURI ?? '(none)'}`,
    });
  }
  const mine = all.filter((b) => actorOf(b, version) === '');
  if (mine.length > 1) {
    checks.push({
      code: 'WSS_MULTIPLE_SECURITY_HEADERS', status: 'fail', specRef: 'BSP 1.1 §5 / WSS 1.1 §5', ...where(mine[1] as Element),
      message: `expected one wsse:Security header for the ultimate receiver, found ${mine.length}`,
    });
  }
  const header = mine[0] ?? null;
  if (header) {
    checks.push({ code: 'WSS_SECURITY_HEADER', status: 'pass', specRef: SECURITY_SPEC, ...where(header), message: `wsse:Security header with ${header.childNodes.length > 0 ? 'content' : 'no content'}` });
  }
  return { header, checks };
}
