// WS-SecureConversation 1.3 §7 on the sending side: a message protected with keys derived from a
// security context's secret. Two wsc:DerivedKeyTokens, each with its own Nonce — one key signs
// (HMAC over the Timestamp and the Body), the other encrypts the Body — so that neither key is
// used for both purposes (WS-SC 1.3 §7: "different keys for signing and encrypting"). Each DKT's
// STR names the SCT as WSS4J 1.6 and WCF do: Reference URI "#<SCT wsu:Id>" when the SCT travels
// in the header, its Identifier (ValueType …/sct) otherwise. The Signature's and EncryptedData's
// KeyInfo point at their DKT (Reference "#DK-…", ValueType …/dk). Header order is processing
// order: Timestamp, SCT, DKT (signature), DKT (encryption), ReferenceList, Signature.

import type { Document, Element } from '@xmldom/xmldom';
import { keyLengthOf } from '../crypto/cipher.ts';
import { toBase64 } from '../crypto/encoding.ts';
import type { RandomSource } from '../crypto/random.ts';
import { signDocument } from '../dsig/index.ts';
import { UsageError } from '../report/index.ts';
import { SOAP_NS, type SoapVersion } from '../soap/envelope.ts';
import { deriveKey } from '../sc/derive.ts';
import { buildDerivedKeyToken } from '../sc/derived_key_token.ts';
import { buildSct, sctReference, type ScVersionId } from '../sc/sct.ts';
import type { DerivedRecord } from '../sc/session.ts';
import { buildReferenceList, encryptElement } from '../xenc/index.ts';
import { attr, build, childElements, firstChildNS, type ElSpec } from '../xml/dom.ts';
import { NS, SC_VERSIONS, URI } from '../xml/names.ts';
import { freshId } from './outbound.ts';
import { securityHeader } from './security_header.ts';
import { buildTimestamp } from './timestamp.ts';

export type { DerivedRecord } from '../sc/session.ts';

export interface DerivedKeyOutbound {
  version: ScVersionId;
  sct: { identifier: string; instance?: string; secret: Uint8Array; id?: string };
  /** Put the SCT in the Security header (DKTs then reference it by "#wsu:Id"). */
  includeSct: boolean;
  encryptBody: boolean;
  random: RandomSource;
  now: number;
  soap: SoapVersion;
  /** Default hmac-sha1. */
  signatureAlgorithm?: string;
  /** Default aes256-cbc. */
  encryptionAlgorithm?: string;
  /** Bytes; default 24 (the 192-bit signature key of Basic256, WS-SP 1.3 §6.1, as WCF and WSS4J derive). */
  signatureKeyLength?: number;
  /** Bytes; default the encryption algorithm's key length. */
  encryptionKeyLength?: number;
  /** wsu:Ids of further parts to sign (addressing headers), besides the Timestamp and the Body. */
  signIds?: string[];
  /** Default sha1. */
  digestAlgorithm?: string;
  /** A wsc:Label to write (default: none, meaning WS-SecureConversationWS-SecureConversation). */
  label?: string;
  /** Write wsc:Generation instead of wsc:Offset 0. */
  generation?: number;
  /** Seconds the Timestamp is valid for (default 300). */
  ttlSeconds?: number;
}

export interface DerivedKeysSecured {
  /** The keys this message used, with every input of their derivation. */
  derived: DerivedRecord[];
  timestampId: string;
  signatureId: string;
  sctId?: string;
  encryptedDataId?: string;
}

const NONCE_BYTES = 16;

function envelopeParts(doc: Document, soap: SoapVersion): { sec: Element; body: Element } {
  const env = doc.documentElement as Element | null;
  const ns = SOAP_NS[soap];
  const body = env ? firstChildNS(env, ns, 'Body') : null;
  if (!env || !body) throw new UsageError('WSS_NO_BODY', `expected a SOAP ${soap} Envelope with a Body to secure, found ${env ? 'no Body' : 'no document element'}`);
  let header = firstChildNS(env, ns, 'Header');
  if (!header) header = env.insertBefore(build(doc, { ns, name: 'soap:Header' }, env), body) as Element;
  let sec = firstChildNS(header, NS.wsse, 'Security');
  if (!sec) sec = header.appendChild(build(doc, securityHeader(soap, []), header)) as Element;
  return { sec, body };
}

function ensureId(el: Element, prefix: string, random: RandomSource): string {
  const id = attr(el, 'Id', NS.wsu);
  if (id) return id;
  const fresh = freshId(prefix, random);
  el.setAttributeNS(NS.wsu, 'wsu:Id', fresh);
  return fresh;
}

function timestampOf(doc: Document, sec: Element, o: DerivedKeyOutbound): string {
  const existing = firstChildNS(sec, NS.wsu, 'Timestamp');
  if (existing) return ensureId(existing, 'TS', o.random);
  const id = freshId('TS', o.random);
  sec.insertBefore(build(doc, buildTimestamp({ id, now: o.now, ttlSeconds: o.ttlSeconds ?? 300 }), sec), childElements(sec)[0] ?? null);
  return id;
}

/** One DerivedKeyToken and its key; the STR names the SCT attached or by Identifier. */
async function derive(o: DerivedKeyOutbound, usage: DerivedRecord['usage'], length: number, sctId: string | undefined): Promise<{ spec: ElSpec; record: DerivedRecord; key: Uint8Array }> {
  const nonce = o.random.bytes(NONCE_BYTES);
  const dktId = freshId('DK', o.random);
  const position = o.generation !== undefined ? { generation: o.generation } : { offset: 0 };
  const d = await deriveKey({ secret: o.sct.secret, nonce, length, ...position, ...(o.label !== undefined ? { label: o.label } : {}) });
  const sct = { version: o.version, identifier: o.sct.identifier, ...(o.sct.instance !== undefined ? { instance: o.sct.instance } : {}), ...(sctId ? { id: sctId } : {}) };
  const spec = buildDerivedKeyToken({
    version: o.version, id: dktId, reference: sctReference(sct, sctId ? 'attached' : 'unattached'), nonce, length, ...position,
    ...(o.label !== undefined ? { label: o.label } : {}),
  });
  return { spec, key: d.key, record: { dktId, usage, nonceB64: toBase64(nonce), label: d.label, ...position, length, keyB64: toBase64(d.key) } };
}

/** The STR a Signature or EncryptedData carries in its KeyInfo: a direct reference to the DKT. */
function dktStr(version: ScVersionId, dktId: string): ElSpec {
  return { ns: NS.wsse, name: 'wsse:SecurityTokenReference', xmlns: { wsse: NS.wsse }, children: [{ ns: NS.wsse, name: 'wsse:Reference', attrs: { URI: `#${dktId}`, ValueType: SC_VERSIONS[version].dkTokenType } }] };
}

/** Signs (and encrypts) the envelope with keys derived from the SCT's secret; see the module comment. */
export async function secureWithDerivedKeys(doc: Document, o: DerivedKeyOutbound): Promise<DerivedKeysSecured> {
  const { sec, body } = envelopeParts(doc, o.soap);
  const bodyId = ensureId(body, 'Body', o.random);
  const timestampId = timestampOf(doc, sec, o);
  const sctId = o.includeSct ? o.sct.id ?? freshId('SCT', o.random) : undefined;
  if (sctId) sec.appendChild(build(doc, buildSct({ version: o.version, identifier: o.sct.identifier, id: sctId, ...(o.sct.instance !== undefined ? { instance: o.sct.instance } : {}) }), sec));
  const sig = await derive(o, 'signature', o.signatureKeyLength ?? 24, sctId);
  sec.appendChild(build(doc, sig.spec, sec));
  const derived = [sig.record];
  const out: DerivedKeysSecured = { derived, timestampId, signatureId: freshId('SIG', o.random), ...(sctId ? { sctId } : {}) };
  // Sign first (the signature covers the plaintext Body), then encrypt the Body's content.
  const signed = await signDocument(doc, {
    references: [timestampId, ...(o.signIds ?? []), bodyId].map((target) => ({ target, digest: o.digestAlgorithm ?? URI.sha1 })),
    signatureAlgorithm: o.signatureAlgorithm ?? URI.hmacSha1, c14n: URI.excC14n,
    key: { kind: 'secret', bytes: sig.key }, keyInfo: dktStr(o.version, sig.record.dktId), parent: sec, id: out.signatureId,
  });
  if (!o.encryptBody) return out;
  const algorithm = o.encryptionAlgorithm ?? URI.aes256Cbc;
  const enc = await derive(o, 'encryption', o.encryptionKeyLength ?? keyLengthOf(algorithm), sctId);
  derived.push(enc.record);
  const edId = freshId('ED', o.random);
  await encryptElement(doc, body, { type: 'Content', algorithm, key: enc.key, random: o.random, id: edId, keyInfo: dktStr(o.version, enc.record.dktId) });
  sec.insertBefore(build(doc, enc.spec, sec), signed);
  sec.insertBefore(build(doc, buildReferenceList([edId]), sec), signed);
  out.encryptedDataId = edId;
  return out;
}
