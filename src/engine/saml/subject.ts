// saml:Subject with its name and SubjectConfirmation — SAML 1.1 Core §2.4.2.1–§2.4.2.3
// (NameIdentifier; SubjectConfirmation with ConfirmationMethod and ds:KeyInfo) and SAML 2.0 Core
// §2.4.1–§2.4.1.3 (NameID; SubjectConfirmation Method with SubjectConfirmationData, typed
// KeyInfoConfirmationDataType for holder-of-key) — built for the confirmation methods of WSS SAML
// Token Profile 1.1 §3.5: bearer, sender-vouches and holder-of-key with its proof key.

import type { RandomSource } from '../crypto/random.ts';
import type { ElSpec } from '../xml/dom.ts';
import { NS } from '../xml/names.ts';
import { samlInstant } from './checks.ts';
import { proofKeyInfo, type ProofKeySpec } from './proof_key.ts';
import { samlName, type SamlVersion } from './versions.ts';

export interface SubjectSpec {
  name: string;
  /** NameIdentifier/NameID Format URI, written only when given. */
  format?: string;
}

export type ConfirmationSpec =
  | { method: 'bearer' }
  | { method: 'sender-vouches' }
  | { method: 'holder-of-key'; proof: ProofKeySpec };

/** The assertion's validity window, which SAML 2.0 SubjectConfirmationData repeats. */
export interface Window { notBefore: number; notOnOrAfter: number }

function nameSpec(v: SamlVersion, s: SubjectSpec): ElSpec {
  const local = v.version === '1.1' ? 'NameIdentifier' : 'NameID';
  return { ns: v.ns, name: samlName(v, local), text: s.name, ...(s.format ? { attrs: { Format: s.format } } : {}) };
}

/** SAML 1.1: ConfirmationMethod, then the holder-of-key ds:KeyInfo as a sibling. */
function confirmation11(v: SamlVersion, c: ConfirmationSpec, keyInfo: ElSpec | null): ElSpec {
  return {
    ns: v.ns, name: samlName(v, 'SubjectConfirmation'),
    children: [{ ns: v.ns, name: samlName(v, 'ConfirmationMethod'), text: v.confirmation[c.method] }, keyInfo],
  };
}

/**
 * SAML 2.0: Method attribute; holder-of-key puts ds:KeyInfo in a KeyInfoConfirmationDataType
 * SubjectConfirmationData; bearer states when the assertion may no longer be presented.
 */
function confirmation20(v: SamlVersion, c: ConfirmationSpec, keyInfo: ElSpec | null, w: Window): ElSpec {
  let data: ElSpec | null = null;
  if (keyInfo) {
    data = {
      ns: v.ns, name: samlName(v, 'SubjectConfirmationData'),
      attrs: { NotBefore: samlInstant(w.notBefore), NotOnOrAfter: samlInstant(w.notOnOrAfter) },
      nsAttrs: [[NS.xsi, 'xsi:type', samlName(v, 'KeyInfoConfirmationDataType')]],
      children: [keyInfo],
    };
  } else if (c.method === 'bearer') {
    data = { ns: v.ns, name: samlName(v, 'SubjectConfirmationData'), attrs: { NotOnOrAfter: samlInstant(w.notOnOrAfter) } };
  }
  return { ns: v.ns, name: samlName(v, 'SubjectConfirmation'), attrs: { Method: v.confirmation[c.method] }, children: [data] };
}

/** The saml:Subject (built once; SAML 1.1 repeats it in every subject statement). */
export async function subjectSpec(v: SamlVersion, s: SubjectSpec, c: ConfirmationSpec, w: Window, random: RandomSource): Promise<ElSpec> {
  const keyInfo = c.method === 'holder-of-key' ? await proofKeyInfo(c.proof, random) : null;
  const confirmation = v.version === '1.1' ? confirmation11(v, c, keyInfo) : confirmation20(v, c, keyInfo, w);
  return { ns: v.ns, name: samlName(v, 'Subject'), children: [nameSpec(v, s), confirmation] };
}
