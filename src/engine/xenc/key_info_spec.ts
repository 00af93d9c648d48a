// ds:KeyInfo (XMLDSig §4.4) as XML Encryption 1.0 §3.1 uses it inside EncryptedData and
// EncryptedKey: callers may pass the ds:KeyInfo element itself or just what goes inside it.

import type { ElSpec } from '../xml/dom.ts';
import { NS } from '../xml/names.ts';

/** `spec` when it is a ds:KeyInfo, else a ds:KeyInfo holding it. */
export function keyInfoSpec(spec: ElSpec): ElSpec {
  const local = spec.name.slice(spec.name.indexOf(':') + 1);
  if (spec.ns === NS.ds && local === 'KeyInfo') return spec;
  return { ns: NS.ds, name: 'ds:KeyInfo', xmlns: { ds: NS.ds }, children: [spec] };
}
