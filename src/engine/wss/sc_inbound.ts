// WS-SecureConversation 1.3 §2, §7–9 on the receiving side, as processors of the Security header
// walk (inbound.ts): a wsc:SecurityContextToken is looked up in the receiver's session table
// (unknown, expired, cancelled and amended-away contexts refused, each with its own code) and its
// secret registered under its Identifier; a wsc:DerivedKeyToken's key is computed with P_SHA1 from
// the secret its STR names and the DKT's own metadata, and registered under the DKT's wsu:Id, so
// the ds:Signature and xenc:EncryptedData that reference the DKT verify and decrypt with it.
// Every derivation leaves an SC_DKT_DERIVED check with all its inputs and its output.

import type { Element } from '@xmldom/xmldom';
import { fromBase64, toBase64, toHex } from '../crypto/encoding.ts';
import type { Check } from '../report/index.ts';
import { deriveKey, type Derivation } from '../sc/derive.ts';
import { readDerivedKeyToken, type ParsedDkt } from '../sc/derived_key_token.ts';
import { readSct, readSctReference, type SctRef } from '../sc/sct.ts';
import { lookupSession, type DerivedRecord } from '../sc/session.ts';
import type { EnvelopeParts } from '../soap/envelope.ts';
import { attr, childElements, firstChildNS } from '../xml/dom.ts';
import { NS } from '../xml/names.ts';
import { where } from '../xml/path.ts';
import type { InboundResult, Walk } from './inbound.ts';
import { resolveStr } from './security_token_reference.ts';

const SPEC_DK = 'WS-SC 1.3 §7';

type At = ReturnType<typeof where>;
const check = (code: string, status: Check['status'], specRef: string, at: At, message: string, details?: Record<string, unknown>): Check => ({ code, status, specRef, ...at, message, ...(details ? { details } : {}) });

/** The SCT's secret: from the session table when the receiver keeps one, else from the secrets given (inspector). */
function sctSecret(ref: { identifier: string; instance?: string }, w: Walk, at: At, report: 'always' | 'failures'): { bytes: Uint8Array; source: string } | null {
  const sessions = w.ctx.scSessions;
  if (sessions) {
    const l = lookupSession(sessions, ref, w.ctx.now, at);
    // One verdict per context and message: the SCT and each DKT naming it would otherwise repeat it.
    const said = w.result.checks.some((c) => c.code === l.check.code && c.details?.['identifier'] === ref.identifier);
    if (!said && (report === 'always' || l.check.status === 'fail')) w.result.checks.push(l.check);
    return l.secretB64 ? { bytes: fromBase64(l.secretB64, 'session secret'), source: `the secret of context ${ref.identifier}${l.session?.instance ? ` instance ${l.session.instance}` : ''} in this party's session table` } : null;
  }
  const given = w.ctx.sctSecrets?.[ref.identifier];
  const bytes = given ? fromBase64(given, `secret for ${ref.identifier}`) : w.store.secrets.get(ref.identifier);
  if (bytes) return { bytes, source: `the secret given for ${ref.identifier}` };
  const known = [...Object.keys(w.ctx.sctSecrets ?? {}), ...w.store.secrets.keys()];
  if (w.result.checks.some((c) => c.code === 'SC_SCT_UNKNOWN' && c.details?.['identifier'] === ref.identifier)) return null;
  w.result.checks.push(check('SC_SCT_UNKNOWN', 'fail', 'WS-SC 1.3 §9', at, `wsc:UnknownDerivationSource: expected a secret for context ${ref.identifier}, found none (known: ${known.join(', ') || 'none'})`, { identifier: ref.identifier, known }));
  return null;
}

/** wsc:SecurityContextToken in the Security header. */
export async function processSct(el: Element, w: Walk): Promise<void> {
  const { sct, checks } = readSct(el);
  w.result.checks.push(...checks);
  if (!sct) return;
  const secret = sctSecret(sct, w, where(el), 'always');
  if (!secret) return;
  w.store.secrets.set(sct.identifier, secret.bytes);
  if (!w.ctx.scSessions) w.result.checks.push(check('SC_SCT', 'pass', 'WS-SC 1.3 §2', where(el), `SecurityContextToken ${sct.identifier}${sct.instance ? ` instance ${sct.instance}` : ''}: secret from ${secret.source}`));
}

/** What the DKT is referenced by in this message: a Signature's KeyInfo (signature) or an EncryptedData's (encryption). */
function usageOf(dktId: string, doc: Element['ownerDocument']): DerivedRecord['usage'] | 'unused' {
  if (!doc) return 'unused';
  const refersHere = (keyInfoOwner: Element) => {
    const ki = firstChildNS(keyInfoOwner, NS.ds, 'KeyInfo');
    const str = ki ? firstChildNS(ki, NS.wsse, 'SecurityTokenReference') : null;
    const ref = str ? firstChildNS(str, NS.wsse, 'Reference') : null;
    return ref !== null && attr(ref, 'URI') === `#${dktId}`;
  };
  if (Array.from(doc.getElementsByTagNameNS(NS.ds, 'Signature')).some((s) => refersHere(s as Element))) return 'signature';
  if (Array.from(doc.getElementsByTagNameNS(NS.xenc, 'EncryptedData')).some((e) => refersHere(e as Element))) return 'encryption';
  return 'unused';
}

/** The DKT's source secret: an SCT (by session, secrets given) or any other token an STR resolves to a secret. */
async function sourceOf(dkt: ParsedDkt, el: Element, w: Walk): Promise<{ bytes: Uint8Array; source: string; sct?: SctRef } | null> {
  const str = dkt.reference as Element;
  const { ref, checks } = readSctReference(str, w.doc);
  w.result.checks.push(...checks);
  if (checks.some((c) => c.status === 'fail')) return null;
  if (ref) {
    const secret = sctSecret(ref, w, where(str), ref.form === 'unattached' ? 'always' : 'failures');
    return secret ? { ...secret, sct: ref } : null;
  }
  const r = await resolveStr(str, { doc: w.doc, knownCerts: w.store.knownCerts, encryptedKeys: w.store.encryptedKeys, secrets: w.store.secrets });
  w.result.checks.push(...r.checks.filter((c) => c.status !== 'pass'));
  if (r.key?.kind === 'secret') return { bytes: r.key.bytes, source: r.key.source };
  w.result.checks.push(check('SC_DKT_SOURCE_UNUSABLE', 'fail', 'WS-SC 1.3 §9', where(el), `wsc:UnknownDerivationSource: expected the DerivedKeyToken's reference to lead to a shared secret (an SCT or another symmetric token), found ${r.key ? `a ${r.key.kind} key (${r.key.source})` : 'no key'}`));
  return null;
}

function derivedDetails(dkt: ParsedDkt, d: Derivation, src: { source: string; sct?: SctRef }, usage: string): Record<string, unknown> {
  const nonce = dkt.input.nonce;
  return {
    dktId: dkt.id, version: dkt.version, usage, secretSource: src.source,
    ...(src.sct ? { sctIdentifier: src.sct.identifier, sctReference: src.sct.form, ...(src.sct.instance ? { instance: src.sct.instance } : {}) } : {}),
    label: d.label, nonceB64: toBase64(nonce), nonceHex: toHex(nonce),
    ...(dkt.input.generation !== undefined ? { generation: dkt.input.generation } : { offset: dkt.input.offset ?? 0 }), effectiveOffset: d.offset, length: d.length,
    seedB64: toBase64(d.seed), seedHex: toHex(d.seed), keyB64: toBase64(d.key), keyHex: toHex(d.key),
  };
}

/** wsc:DerivedKeyToken in the Security header: derive its key and register it under its wsu:Id. */
export async function processDkt(el: Element, w: Walk): Promise<void> {
  const { dkt, checks } = readDerivedKeyToken(el);
  w.result.checks.push(...checks);
  if (!dkt) return;
  const src = await sourceOf(dkt, el, w);
  if (!src) return;
  let d: Derivation;
  try {
    d = await deriveKey({ secret: src.bytes, ...dkt.input });
  } catch (e) {
    const code = (e as { code?: string }).code ?? 'DKT_BAD_LENGTH';
    w.result.checks.push(check(code, 'fail', SPEC_DK, where(el), (e as Error).message));
    return;
  }
  if (!dkt.id) w.result.checks.push(check('SC_DKT_NO_ID', 'warn', SPEC_DK, where(el), 'expected a wsu:Id on the DerivedKeyToken so a Signature or EncryptedData can reference it, found none'));
  else w.store.secrets.set(dkt.id, d.key);
  const usage = usageOf(dkt.id, w.doc);
  w.result.checks.push(check('SC_DKT_DERIVED', 'info', SPEC_DK, where(el),
    `derived a ${d.length}-byte ${usage === 'unused' ? '' : `${usage} `}key for DerivedKeyToken ${dkt.id || '(no Id)'}: P_SHA1(${src.source}, "${d.label}" ‖ nonce) from byte ${d.offset}`,
    derivedDetails(dkt, d, src, usage)));
}

/** Keys derived while processing a message (from its SC_DKT_DERIVED checks), for the session table. */
export function derivationsOf(checks: Check[]): Array<DerivedRecord & { sctIdentifier?: string; instance?: string }> {
  return checks.filter((c) => c.code === 'SC_DKT_DERIVED' && c.details).map((c) => {
    const x = c.details as Record<string, unknown>;
    return {
      dktId: String(x['dktId']), usage: x['usage'] === 'encryption' ? 'encryption' : 'signature', nonceB64: String(x['nonceB64']), label: String(x['label']),
      ...(typeof x['generation'] === 'number' ? { generation: x['generation'] } : { offset: Number(x['offset'] ?? 0) }), length: Number(x['length']), keyB64: String(x['keyB64']),
      ...(typeof x['sctIdentifier'] === 'string' ? { sctIdentifier: x['sctIdentifier'] } : {}), ...(typeof x['instance'] === 'string' ? { instance: x['instance'] } : {}),
    };
  });
}

/** The DKT a Signature's KeyInfo references ("#DK-…"), or null. */
function keyInfoTarget(sig: Element): string | null {
  const ki = firstChildNS(sig, NS.ds, 'KeyInfo');
  const str = ki ? firstChildNS(ki, NS.wsse, 'SecurityTokenReference') : null;
  const ref = str ? firstChildNS(str, NS.wsse, 'Reference') : null;
  const uri = ref ? attr(ref, 'URI') : null;
  return uri?.startsWith('#') ? uri.slice(1) : null;
}

function timestampOf(parts: EnvelopeParts): Element | null {
  const sec = parts.headerBlocks.find((b) => b.namespaceURI === NS.wsse && b.localName === 'Security');
  return sec ? childElements(sec).find((c) => c.namespaceURI === NS.wsu && c.localName === 'Timestamp') ?? null : null;
}

/**
 * What a session's application message must show (the recipient's application policy, seed 000
 * steps 4–5): a valid signature keyed by a DerivedKeyToken over the Timestamp and the Body, and —
 * when asked — the Body encrypted with another derived key.
 */
export function derivedKeyProtectionChecks(result: InboundResult, parts: EnvelopeParts, o: { encryptBody: boolean }): Check[] {
  const derived = derivationsOf(result.checks);
  const byId = new Map(derived.map((d) => [d.dktId, d]));
  const out: Check[] = [];
  const keyed = result.signatures.filter((s) => byId.has(keyInfoTarget(s.element) ?? ''));
  for (const s of keyed.filter((x) => !x.verification.ok)) {
    const d = byId.get(keyInfoTarget(s.element) ?? '');
    out.push(check('SC_DERIVED_KEY_MISMATCH', 'fail', SPEC_DK, where(s.element), `expected the signature to verify with the key derived by DerivedKeyToken ${d?.dktId} from ${d?.sctIdentifier ? `context ${d.sctIdentifier}` : 'its source'}'s secret, found it does not: the signer derived its key from a different secret, or the signed parts changed`));
  }
  const valid = keyed.filter((s) => s.verification.ok);
  const body = parts.body;
  if (valid.length === 0) {
    out.push(check('SC_NOT_SIGNED_WITH_DERIVED_KEY', 'fail', 'WS-SC 1.3 §7', where(parts.envelope), `expected a signature made with a key derived from the security context, found ${result.signatures.length === 0 ? 'no ds:Signature' : 'none that verifies with a derived key'}`));
    return out;
  }
  const covered = new Set(valid.flatMap((s) => s.covered));
  const ts = timestampOf(parts);
  if (!ts) out.push(check('SC_TIMESTAMP_MISSING', 'fail', 'WS-SP 1.3 §6.2', where(parts.envelope), 'expected a wsu:Timestamp covered by the derived-key signature, found none'));
  else if (!covered.has(ts)) out.push(check('SC_TIMESTAMP_NOT_SIGNED', 'fail', 'WS-SP 1.3 §6.2', where(ts), 'expected the Timestamp covered by the derived-key signature, found it unsigned'));
  if (!covered.has(body)) out.push(check('SC_BODY_NOT_SIGNED', 'fail', 'WS-SP 1.3 §4.1.1', where(body), 'expected the soap:Body to be covered by the derived-key signature, found it unsigned (a moved or duplicated Body looks like this)'));
  const signingIds = valid.map((s) => keyInfoTarget(s.element));
  const encryption = derived.filter((d) => d.usage === 'encryption');
  if (o.encryptBody && !result.decryptedTargets.includes(body)) out.push(check('SC_BODY_NOT_ENCRYPTED', 'fail', 'WS-SP 1.3 §4.2.1', where(body), 'expected the Body content encrypted with a derived key, found it in clear'));
  if (encryption.some((d) => signingIds.includes(d.dktId))) out.push(check('SC_KEY_USED_TWICE', 'warn', SPEC_DK, where(body), 'expected separate derived keys for signing and encryption, found one DerivedKeyToken used for both'));
  if (out.some((c) => c.status === 'fail')) return out;
  const how = `signed with the key of DerivedKeyToken ${signingIds.join(', ')}${encryption.length ? ` and encrypted with the key of DerivedKeyToken ${encryption.map((d) => d.dktId).join(', ')}` : ''}`;
  return [...out, check('SC_DERIVED_KEY_PROTECTION', 'pass', 'WS-SC 1.3 §7', where(body), `Timestamp and Body ${how}`)];
}
