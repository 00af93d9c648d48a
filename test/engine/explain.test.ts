// Decision 8 (explain everything): every WS-Trust, WS-SecureConversation, WS-Coordination and
// WS-AtomicTransaction element that the scenarios put on the wire has a hover explanation.

import { describe, expect, it } from 'vitest';
import type { Element, Node } from '@xmldom/xmldom';
import { explainElement, parseXml, runToEnd, startRun } from '../../src/engine/index.ts';
import { NS } from '../../src/engine/xml/names.ts';

const COVERED = new Set<string>([NS.trust2005, NS.trust13, NS.sc2005, NS.sc13, NS.coor10, NS.coor11, NS.wsat10, NS.wsat11]);

function unexplained(el: Element, out: Set<string>): void {
  if (el.namespaceURI && COVERED.has(el.namespaceURI) && !explainElement(el.namespaceURI, el.localName ?? '')) out.add(`{${el.namespaceURI}}${el.localName}`);
  for (let c: Node | null = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) unexplained(c as Element, out);
}

describe('hover explanations', () => {
  it.each([
    ['sts-issuance', 'saml20-hok-symmetric-entropy-trust13'], ['sts-issuance', 'lifecycle-trust-feb2005'],
    ['secure-conversation', 'sc13-amend-renew-cancel'], ['secure-conversation', 'sc2005-entropy-both-encrypted'],
    ['wsat', '1.1-mixed-commit'], ['wsat', '1.0-mixed-volatile'], ['wsat', '1.0-https-abort'],
  ])('%s %s: every trust/sc/coor/at element on the wire is explained', async (scenario, variant) => {
    const run = await runToEnd(await startRun(scenario, variant));
    const missing = new Set<string>();
    for (const step of run.steps) if (step.delivered) unexplained(parseXml(step.delivered).documentElement as Element, missing);
    expect([...missing]).toEqual([]);
  }, 60_000);

  it('names the version and the spec section', () => {
    expect(explainElement(NS.sc13, 'DerivedKeyToken')).toMatchObject({ title: 'wsc:DerivedKeyToken (WS-SC 1.3)', specRef: 'WS-SecureConversation 1.3 §7' });
    expect(explainElement(NS.coor10, 'CoordinationContext')?.specRef).toBe('WS-Coordination 2004/10 §3');
    expect(explainElement(NS.trust13, 'NoSuchElement')).toBeNull();
  });
});
