// WS-SecurityPolicy 1.3 checked against what the Security header walk found: required tokens,
// IncludeTimestamp, Layout, supporting-token protection (§8), and for message-level bindings that
// the Timestamp and the Body the receiver acts on are covered by a valid signature (§6.2, §4.1).

import type { Element } from '@xmldom/xmldom';
import { childElements } from '../xml/dom.ts';
import { NS } from '../xml/names.ts';
import { where } from '../xml/path.ts';
import type { Check } from '../report/index.ts';
import { needsTimestamp, supportingTraits, usesTransport, type SecurityModel, type SupportingKind, type TokenAssertion } from '../policy/model.ts';
import type { Walk } from './inbound.ts';

export interface RequiredToken {
  role: SupportingKind | 'ProtectionToken' | 'InitiatorToken';
  token: TokenAssertion;
}

/** What the supporting-token kind (or binding role) asks of this token, and whether the message met it. */
export function roleChecks(role: RequiredToken['role'], el: Element, w: Walk): Check[] {
  const model = w.model;
  if (role === 'ProtectionToken' || role === 'InitiatorToken') {
    return [{ code: 'SP_BINDING_TOKEN', status: 'pass', specRef: 'WS-SP 1.3 §7', ...where(el), message: `${role} of the ${model.binding?.kind}: its key signs the message` }];
  }
  const t = supportingTraits(role);
  const transport = usesTransport(model);
  const valid = w.result.signatures.filter((s) => s.verification.ok);
  const signed = valid.some((s) => s.covered.includes(el));
  const encrypted = w.result.decryptedTargets.includes(el);
  const out: Check[] = [];
  const fail = (code: string, message: string, specRef = 'WS-SP 1.3 §8') => out.push({ code, status: 'fail', specRef, ...where(el), message: `${role}: ${message}` });
  if (t.signed && !transport && !signed) fail('SP_SUPPORTING_NOT_SIGNED', 'expected the token covered by the message signature, found it unsigned');
  if (t.encrypted && !transport && !encrypted) fail('SP_SUPPORTING_NOT_ENCRYPTED', 'expected the token to arrive encrypted, found it in clear');
  if (t.endorsing && !endorsed(el, w)) fail('SP_ENDORSING_SIGNATURE_MISSING', `expected a signature made with the token's key over the ${transport ? 'Timestamp' : 'message signature'}, found none`, 'WS-SP 1.3 §8.3');
  if (out.length > 0) return out;
  const how = [t.signed && (transport ? 'integrity from HTTPS' : 'signed'), t.encrypted && (transport ? 'confidentiality from HTTPS' : 'arrived encrypted'), t.endorsing && 'its key endorses the message signature'].filter(Boolean);
  return [{ code: 'SP_SUPPORTING_TOKEN', status: 'pass', specRef: 'WS-SP 1.3 §8', ...where(el), message: `${role}: ${how.length ? how.join(', ') : 'carried in the Security header'}` }];
}

/** An endorsing token: some valid signature keyed by this token covers another signature (or the Timestamp). */
function endorsed(el: Element, w: Walk): boolean {
  const id = el.getAttributeNS(NS.wsu, 'Id');
  return w.result.signatures.some((s) => s.verification.ok
    && (s.verification.key?.source ?? '').includes(id ?? '\u0000')
    && s.covered.some((c) => (c.namespaceURI === NS.ds && c.localName === 'Signature') || w.timestamps.includes(c)));
}

export function policyChecks(w: Walk, header: Element): Check[] {
  const out: Check[] = [];
  for (const r of w.unmatched) {
    out.push({ code: 'SP_TOKEN_MISSING', status: 'fail', specRef: 'WS-SP 1.3 §8', ...where(header), message: `the policy's ${r.role} requires a ${r.token.kind}, found none in the Security header` });
  }
  if (needsTimestamp(w.model) && w.timestamps.length === 0) {
    out.push({ code: 'SP_TIMESTAMP_MISSING', status: 'fail', specRef: 'WS-SP 1.3 §6.2 IncludeTimestamp', ...where(header), message: 'the policy has sp:IncludeTimestamp: expected a wsu:Timestamp in the Security header, found none' });
  }
  for (const m of w.matched) out.push(...roleChecks(m.role, m.el, w));
  out.push(...layoutChecks(w.model, header), ...coverageChecks(w, header), ...encryptionChecks(w));
  return out;
}

/** EncryptedParts and EncryptSignature: what the policy wants confidential arrived encrypted. */
function encryptionChecks(w: Walk): Check[] {
  const b = w.model.binding;
  if (!b || b.kind === 'TransportBinding') return [];
  const out: Check[] = [];
  const targets = new Set(w.result.decryptedTargets);
  if (w.model.encryptedParts?.body && !targets.has(w.parts.body)) {
    out.push({ code: 'SP_BODY_NOT_ENCRYPTED', status: 'fail', specRef: 'WS-SP 1.3 §4.2.1', ...where(w.parts.body), message: 'the policy has sp:EncryptedParts/sp:Body: expected the Body content to arrive encrypted, found it in clear' });
  }
  const signatureEncrypted = [...targets].some((t) => t.namespaceURI === NS.ds && t.localName === 'Signature');
  if (b.encryptSignature && w.result.signatures.length > 0 && !signatureEncrypted) {
    out.push({ code: 'SP_SIGNATURE_NOT_ENCRYPTED', status: 'fail', specRef: 'WS-SP 1.3 §6.4 EncryptSignature', ...where(w.parts.envelope), message: 'the policy has sp:EncryptSignature: expected the ds:Signature to arrive encrypted, found it in clear' });
  }
  if (out.length === 0 && w.model.encryptedParts?.body) out.push({ code: 'SP_ENCRYPTED_PARTS', status: 'pass', specRef: 'WS-SP 1.3 §4.2', ...where(w.parts.body), message: `the Body${b.encryptSignature ? ' and the signature' : ''} arrived encrypted` });
  return out;
}


function layoutChecks(model: SecurityModel, header: Element): Check[] {
  const kids = childElements(header);
  const i = kids.findIndex((k) => k.namespaceURI === NS.wsu && k.localName === 'Timestamp');
  const layout = model.binding?.layout;
  const wrong = (place: 'first' | 'last'): Check => ({ code: 'SP_LAYOUT', status: 'fail', specRef: 'WS-SP 1.3 §6.7', ...where(kids[i] as Element), message: `the policy's Layout is ${layout}: expected the Timestamp ${place} in the Security header, found it at position ${i + 1} of ${kids.length}` });
  if (i >= 0 && layout === 'LaxTsFirst' && i !== 0) return [wrong('first')];
  if (i >= 0 && layout === 'LaxTsLast' && i !== kids.length - 1) return [wrong('last')];
  return [];
}

/** Message-level bindings: a valid signature must cover the Timestamp and the live Body. */
function coverageChecks(w: Walk, header: Element): Check[] {
  const b = w.model.binding;
  if (!b || b.kind === 'TransportBinding') return [];
  const valid = w.result.signatures.filter((s) => s.verification.ok);
  if (valid.length === 0) {
    return [{ code: 'SP_SIGNATURE_MISSING', status: 'fail', specRef: 'WS-SP 1.3 §7', ...where(header), message: `the policy's ${b.kind} requires the message to be signed, found ${w.result.signatures.length === 0 ? 'no ds:Signature' : 'no signature that verifies'}` }];
  }
  const covered = new Set(valid.flatMap((s) => s.covered));
  const out: Check[] = [];
  const ts = w.timestamps[0];
  if (b.includeTimestamp && ts && !covered.has(ts)) {
    out.push({ code: 'SP_TIMESTAMP_NOT_SIGNED', status: 'fail', specRef: 'WS-SP 1.3 §6.2', ...where(ts), message: 'the policy includes a Timestamp: expected it covered by the message signature, found it unsigned' });
  }
  if ((w.model.signedParts?.body ?? true) && !covered.has(w.parts.body)) {
    out.push({ code: 'SP_BODY_NOT_SIGNED', status: 'fail', specRef: 'WS-SP 1.3 §4.1.1', ...where(w.parts.body), message: 'expected the soap:Body this service acts on to be covered by the signature, found it unsigned (a moved or duplicated Body — signature wrapping — looks like this)' });
  }
  if (out.length === 0) out.push({ code: 'SP_SIGNED_PARTS', status: 'pass', specRef: 'WS-SP 1.3 §4.1', ...where(w.parts.body), message: `the signature covers ${b.includeTimestamp ? 'the Timestamp and ' : ''}the Body` });
  return out;
}
