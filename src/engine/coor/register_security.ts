// The wsse:Security header of transaction-manager messages (seed 002 message examples) and R1232,
// the Register of the mixed binding: IssuedTokenOverTransport — over HTTPS, the wsu:Timestamp signed
// with the SecurityContextToken STx issued for the transaction (R1222). The signature proves
// possession of the token tied to that transaction and so authenticates the registering participant.
// Outbound writes what the seed's Register example shows: Timestamp wsu:Id "_0", the SCT, then a
// supporting ds:Signature (HMAC-SHA1, exclusive c14n, SHA-1 digest of "#_0") whose KeyInfo is an STR
// referencing the SCT by its Identifier. Inbound walks the header with processSecurity (the SCT's
// secret from the coordinator's own issued tokens) and then checks that walk authenticates.

import type { Document, Element } from '@xmldom/xmldom';
import { signDocument } from '../dsig/index.ts';
import { transportBinding, type SecurityModel } from '../policy/model.ts';
import { UsageError, type Check } from '../report/index.ts';
import { buildSct, readSct, readSctReference } from '../sc/sct.ts';
import { SOAP_NS, type EnvelopeParts } from '../soap/envelope.ts';
import { processSecurity, type InboundResult } from '../wss/inbound.ts';
import { securityHeader } from '../wss/security_header.ts';
import { strReference } from '../wss/security_token_reference.ts';
import { buildTimestamp } from '../wss/timestamp.ts';
import { build, childElements, firstChildNS, type ElSpec } from '../xml/dom.ts';
import { NS, URI } from '../xml/names.ts';
import { where } from '../xml/path.ts';
import { TX_VERSIONS, type TxVersionId } from './versions.ts';

/** The Timestamp's wsu:Id in every seed 002 example. */
export const TX_TIMESTAMP_ID = '_0';

const R1232 = 'WS-AT interop R1232';

/**
 * The Security header of a transaction-manager message: a Timestamp valid for `ttlSeconds` (SOAP
 * 1.1, R1001/R1002), and the SCT of the mixed binding's Register when given (the signature follows).
 */
export function txSecurityHeader(now: number, ttlSeconds = 300, sct?: { v: TxVersionId; identifier: string }): ElSpec {
  const children = [buildTimestamp({ id: TX_TIMESTAMP_ID, now, ttlSeconds })];
  if (sct) children.push(buildSct({ version: TX_VERSIONS[sct.v].issued.sc, identifier: sct.identifier }));
  return securityHeader('1.1', children);
}

export interface IssuedTokenKey {
  /** wsc:Identifier of the SCT. */
  identifier: string;
  /** STx (or, to show a refusal, some other key). */
  secret: Uint8Array;
}

/** Adds the supporting signature over the Timestamp (and the SCT, unless already there) to the message's Security header (R1232). */
export async function signTimestampWithIssuedToken(doc: Document, v: TxVersionId, t: IssuedTokenKey): Promise<Element> {
  const env = doc.documentElement as Element;
  const header = firstChildNS(env, SOAP_NS['1.1'], 'Header');
  const sec = header ? firstChildNS(header, NS.wsse, 'Security') : null;
  const ts = sec ? childElements(sec).find((c) => c.namespaceURI === NS.wsu && c.localName === 'Timestamp') : undefined;
  if (!sec || !ts) throw new UsageError('WSAT_NO_TIMESTAMP', 'expected a wsse:Security header with a wsu:Timestamp to sign with the issued token, found none');
  const present = childElements(sec).some((c) => c.localName === 'SecurityContextToken' && readSct(c).sct?.identifier === t.identifier);
  if (!present) sec.appendChild(build(doc, buildSct({ version: TX_VERSIONS[v].issued.sc, identifier: t.identifier }), sec));
  return signDocument(doc, {
    references: [{ target: ts, digest: URI.sha1 }], signatureAlgorithm: URI.hmacSha1, c14n: URI.excC14n,
    key: { kind: 'secret', bytes: t.secret }, keyInfo: strReference(t.identifier), parent: sec,
  });
}

/** The security model both bindings give transaction-manager messages: HTTPS with client certificates and a Timestamp. */
export const TX_TRANSPORT_MODEL: SecurityModel = {
  spVersion: '1.2', wss: '1.1', supporting: [],
  binding: transportBinding({ transportToken: { kind: 'HttpsToken', requireClientCertificate: true }, layout: 'Lax', includeTimestamp: true }),
};

/** Walks the Security header of a transaction-manager message; `sctSecrets` are the SCT secrets the receiver issued. */
export async function processTxSecurity(parts: EnvelopeParts, o: { transport: 'https' | 'http'; now: number; sctSecrets?: Record<string, string> }): Promise<InboundResult> {
  return processSecurity(parts, TX_TRANSPORT_MODEL, {
    users: {}, now: o.now, freshnessSeconds: 300, skewSeconds: 300, nonceCache: [], transport: o.transport,
    ...(o.sctSecrets ? { sctSecrets: o.sctSecrets } : {}),
  });
}

/** The SCT identifier a signature's KeyInfo names, or null. */
function signingSct(sig: Element): string | null {
  const ki = firstChildNS(sig, NS.ds, 'KeyInfo');
  const str = ki ? firstChildNS(ki, NS.wsse, 'SecurityTokenReference') : null;
  if (!str || !sig.ownerDocument) return null;
  return readSctReference(str, sig.ownerDocument).ref?.identifier ?? null;
}

/**
 * R1232: some ds:Signature keyed by the SecurityContextToken issued for this transaction verifies
 * and covers the Timestamp. `expected` is the token the coordinator issued for the context the
 * Register is for (null: it issued none, so nothing can authenticate the registrant).
 */
export function registerAuthenticationChecks(result: InboundResult, parts: EnvelopeParts, expected: { identifier: string; context: string } | null): Check[] {
  const at = where(parts.header ?? parts.envelope);
  const fail = (code: string, message: string, el?: Element): Check => ({ code, status: 'fail', specRef: R1232, ...(el ? where(el) : at), message });
  if (!expected) return [fail('WSAT_REGISTER_NOT_AUTHENTICATED', 'expected a SecurityContextToken issued for this transaction to check the Register\'s signature against, found none issued')];
  const bySct = result.signatures.map((s) => ({ s, sct: signingSct(s.element) }));
  const mine = bySct.filter((x) => x.sct === expected.identifier);
  if (bySct.length === 0) return [fail('WSAT_REGISTER_NOT_AUTHENTICATED', `expected the wsu:Timestamp signed with STx of ${expected.identifier}, the token issued for ${expected.context} (IssuedTokenOverTransport), found no ds:Signature`)];
  if (mine.length === 0) {
    const other = bySct.map((x) => x.sct ?? 'a key that is no SecurityContextToken').join(', ');
    return [fail('WSAT_REGISTER_WRONG_TOKEN', `expected the Register signed with ${expected.identifier}, the token issued for ${expected.context}, found a signature with ${other}`, bySct[0]?.s.element)];
  }
  const valid = mine.filter((x) => x.s.verification.ok);
  if (valid.length === 0) return [fail('WSAT_REGISTER_NOT_AUTHENTICATED', `expected the signature with ${expected.identifier} to verify under STx, found it does not: the registrant does not hold the transaction's token (or the Timestamp changed)`, mine[0]?.s.element)];
  const sec = parts.headerBlocks.find((h) => h.namespaceURI === NS.wsse && h.localName === 'Security');
  const ts = sec ? childElements(sec).find((c) => c.namespaceURI === NS.wsu && c.localName === 'Timestamp') : undefined;
  const covering = valid.find((x) => ts && x.s.covered.includes(ts));
  if (!covering) return [fail('WSAT_REGISTER_TIMESTAMP_NOT_SIGNED', `expected the signature with ${expected.identifier} to cover the wsu:Timestamp, found ${ts ? 'it covers other parts' : 'no Timestamp'}`, valid[0]?.s.element)];
  return [{ code: 'WSAT_REGISTER_AUTHENTICATED', status: 'pass', specRef: R1232, ...where(covering.s.element), message: `the Timestamp is signed (HMAC) with STx of ${expected.identifier}, issued for ${expected.context}: the registrant holds the transaction's token`, details: { sct: expected.identifier, context: expected.context } }];
}
