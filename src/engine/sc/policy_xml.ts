// WS-SecurityPolicy 1.3 §5.4.7 SecureConversationToken, written out for the flow's side panel: a
// SymmetricBinding whose ProtectionToken is the SCT (RequireDerivedKeys), with the bootstrap policy
// that protects the RST/RSTR for the SCT nested in sp:BootstrapPolicy — the two policies seed 000
// names. The engine's security model has no SCT token yet, so this is written from the scenario's
// settings (the derived-key checks themselves live in wss/sc_inbound.ts).

import type { Element } from '@xmldom/xmldom';
import type { SecurityModel } from '../policy/model.ts';
import { writePolicy } from '../policy/write.ts';
import { newDocument, type ElSpec } from '../xml/dom.ts';
import { INCLUDE_TOKEN, NS } from '../xml/names.ts';
import { parseXml } from '../xml/parse.ts';
import { formatXml, serializeXml } from '../xml/serialize.ts';

const sp = (name: string, children: Array<ElSpec | null> = [], nsAttrs: Array<[string, string, string]> = []): ElSpec => ({ ns: NS.sp12, name: `sp:${name}`, nsAttrs, children });
const policy = (children: Array<ElSpec | Element | null>): ElSpec => ({ ns: NS.wsp15, name: 'wsp:Policy', children });

/** The application policy (SecureConversationToken + derived keys) around the bootstrap policy. */
export function secureConversationPolicyXml(bootstrap: SecurityModel, o: { encryptBody: boolean }): string {
  const boot = parseXml(writePolicy(bootstrap)).documentElement as Element;
  const sct = sp('SecureConversationToken', [policy([sp('RequireDerivedKeys'), sp('BootstrapPolicy', [])])], [[NS.sp12, 'sp:IncludeToken', INCLUDE_TOKEN.sp12.alwaysToRecipient]]);
  const binding = sp('SymmetricBinding', [policy([
    sp('ProtectionToken', [policy([sct])]),
    sp('AlgorithmSuite', [policy([sp('Basic256')])]), sp('Layout', [policy([sp('Strict')])]), sp('IncludeTimestamp'),
  ])]);
  const doc = newDocument({ ns: NS.wsp15, name: 'wsp:Policy', xmlns: { wsp: NS.wsp15, sp: NS.sp12 }, children: [
    binding, sp('Wss11'), sp('SignedParts', [sp('Body')]), o.encryptBody ? sp('EncryptedParts', [sp('Body')]) : null,
  ] });
  const slot = doc.getElementsByTagNameNS(NS.sp12, 'BootstrapPolicy')[0] as Element;
  slot.appendChild(doc.importNode(boot, true));
  return formatXml(serializeXml(doc));
}
