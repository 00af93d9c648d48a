// ds:KeyInfo (XMLDSig §4.4): written as given when signing, and handed to the caller's resolver
// when verifying. What a KeyInfo means (a wsse:SecurityTokenReference, a certificate, a key name,
// a derived key) is decided by the layer that knows the tokens, so this layer takes a callback.

import type { Element } from '@xmldom/xmldom';
import type { ResolvedKey } from '../crypto/keys.ts';
import type { Check } from '../report/check.ts';
import type { ElSpec } from '../xml/dom.ts';
import { isElement } from '../xml/dom.ts';
import { NS } from '../xml/names.ts';
import { isDs, qname } from './names.ts';

export type { ResolvedKey };

/** Finds the verification key a signature's KeyInfo (null when it has none) points to. */
export type KeyResolver = (keyInfo: Element | null, sig: Element) => Promise<{ key: ResolvedKey | null; checks: Check[] }>;

function isKeyInfoSpec(s: ElSpec): boolean {
  const local = s.name.includes(':') ? s.name.slice(s.name.indexOf(':') + 1) : s.name;
  return s.ns === NS.ds && local === 'KeyInfo';
}

/** The KeyInfo to append: a ds:KeyInfo as given, anything else wrapped in one. */
export function keyInfoSpec(p: string, keyInfo: ElSpec | Element): ElSpec | Element {
  if (isElement(keyInfo as Element)) {
    const el = keyInfo as Element;
    return isDs(el, 'KeyInfo') ? el : { ns: NS.ds, name: qname(p, 'KeyInfo'), children: [el] };
  }
  const spec = keyInfo as ElSpec;
  return isKeyInfoSpec(spec) ? spec : { ns: NS.ds, name: qname(p, 'KeyInfo'), children: [spec] };
}
