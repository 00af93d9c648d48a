// The service's signed answer to a token-bearing request (seed 001's flow: "the WSP answers signed,
// the WSC's agent verifies it"): over HTTPS the response carries the service's certificate in a
// BinarySecurityToken and a signature by its key over the Timestamp, the addressing headers and the
// Body (WSS 1.1 §8, X.509 Token Profile 1.1). The requester checks the signature verifies, covers the
// Timestamp and Body, is made by the service it called, and that the certificate chains to its CA.

import type { Element } from '@xmldom/xmldom';
import { uuidV4, type RandomSource } from '../crypto/random.ts';
import { parseCertificate } from '../crypto/x509.ts';
import { signDocument } from '../dsig/index.ts';
import { makeReport, type Check, type Report } from '../report/index.ts';
import { transportBinding } from '../policy/model.ts';
import { buildEnvelope, readEnvelope, SOAP_NS, type SoapVersion } from '../soap/envelope.ts';
import { readFault } from '../soap/fault.ts';
import { addressingHeaders, readAddressing, WSA, type WsaVersion } from '../wsa/headers.ts';
import { buildX509Token } from '../wss/binary_security_token.ts';
import { processSecurity } from '../wss/inbound.ts';
import { freshId } from '../wss/outbound.ts';
import { securityHeader } from '../wss/security_header.ts';
import { strReference } from '../wss/security_token_reference.ts';
import { buildTimestamp } from '../wss/timestamp.ts';
import { build, firstChildNS, type ElSpec } from '../xml/dom.ts';
import { NS, URI } from '../xml/names.ts';
import { where } from '../xml/path.ts';
import { parseXml } from '../xml/parse.ts';
import { formatXml, serializeXml } from '../xml/serialize.ts';
import { loadIdentity, type X509IdentityState } from './x509_identity.ts';
import { trustChecks } from './x509_messages.ts';

export interface SignedResponseSpec {
  soap: SoapVersion;
  wsa: WsaVersion;
  action: string;
  relatesTo?: string;
  body: ElSpec;
  signer: X509IdentityState;
  random: RandomSource;
  now: number;
}

/** A response signed with the signer's X.509 key over Timestamp, addressing headers and Body. */
export async function buildSignedResponse(s: SignedResponseSpec): Promise<{ wire: string; secrets: Record<string, string> }> {
  const r = s.random;
  const ids = { action: freshId('Action', r), to: freshId('To', r), messageId: freshId('MessageID', r), ...(s.relatesTo ? { relatesTo: freshId('RelatesTo', r) } : {}) };
  const tsId = freshId('TS', r);
  const bodyId = freshId('Body', r);
  const doc = buildEnvelope({
    version: s.soap, xmlns: { wsa: WSA[s.wsa].ns, wsu: NS.wsu },
    headers: [...addressingHeaders(s.wsa, { action: s.action, to: WSA[s.wsa].anonymous, messageId: `urn:uuid:${uuidV4(r)}`, ...(s.relatesTo ? { relatesTo: s.relatesTo } : {}), ids }), securityHeader(s.soap, [buildTimestamp({ id: tsId, now: s.now, ttlSeconds: 300 })])],
    body: [s.body], bodyAttrs: [[NS.wsu, 'wsu:Id', bodyId]],
  });
  // Indent first, then add the certificate and sign: the signature covers the text as sent.
  const wire = parseXml(formatXml(serializeXml(doc)));
  const header = firstChildNS(wire.documentElement as Element, SOAP_NS[s.soap], 'Header') as Element;
  const sec = firstChildNS(header, NS.wsse, 'Security') as Element;
  const id = await loadIdentity(s.signer);
  const bstId = freshId('X509', r);
  sec.appendChild(build(wire, buildX509Token(id.cert, bstId), sec));
  await signDocument(wire, {
    references: [tsId, ...Object.values(ids), bodyId].map((target) => ({ target, digest: URI.sha256 })), signatureAlgorithm: URI.rsaSha256, c14n: URI.excC14n,
    key: id.key, parent: sec, keyInfo: strReference(`#${bstId}`, URI.x509v3),
  });
  return { wire: serializeXml(wire), secrets: { 'response signer': id.cert.subject } };
}

export interface SignedResponseCheck {
  /** Actor id for the report. */
  id: string;
  /** The request's MessageID the response must relate to. */
  sent?: string;
  /** The certificate of the service that must have signed, and the CA it chains to. */
  signerCertPem: string;
  caPem: string;
  now: number;
}

/** Checks a signed response: not a fault, relates to the request, signed by the expected service over Timestamp and Body. */
export async function checkSignedResponse(wire: string, o: SignedResponseCheck): Promise<Report> {
  const checks: Check[] = [];
  const doc = parseXml(wire);
  const { parts, checks: env } = readEnvelope(doc);
  checks.push(...env);
  if (!parts) return makeReport(o.id, checks);
  const fault = readFault(doc);
  if (fault) {
    checks.push({ code: 'SOAP_FAULT_RECEIVED', status: 'fail', specRef: 'WSS 1.1 §12', ...where(parts.body), message: `the service answered with a fault: ${fault.subcode ?? fault.code} — ${fault.reason}`, details: { ...fault } });
    return makeReport(o.id, checks);
  }
  const a = readAddressing(parts.headerBlocks);
  if (o.sent) {
    checks.push(a.relatesTo === o.sent
      ? { code: 'WSA_RELATES_TO', status: 'pass', specRef: 'WS-Addressing 1.0 Core §3.4', path: 'Envelope/Header', message: `response relates to request ${o.sent}` }
      : { code: 'WSA_RELATES_TO_MISMATCH', status: 'fail', specRef: 'WS-Addressing 1.0 Core §3.4', path: 'Envelope/Header', message: `expected wsa:RelatesTo ${o.sent} (the request's MessageID), found ${a.relatesTo ?? 'none'}` });
  }
  const [expected, ca] = await Promise.all([parseCertificate(o.signerCertPem), parseCertificate(o.caPem)]);
  const sec = await processSecurity(parts, { spVersion: '1.2', wss: '1.1', binding: transportBinding({ includeTimestamp: true }), supporting: [] }, {
    users: {}, now: o.now, freshnessSeconds: 300, skewSeconds: 300, nonceCache: [], transport: 'https', knownCerts: [expected],
  });
  checks.push(...sec.checks);
  const secEl = parts.header ? firstChildNS(parts.header, NS.wsse, 'Security') : null;
  const ts = secEl ? firstChildNS(secEl, NS.wsu, 'Timestamp') : null;
  const good = sec.signatures.find((s) => s.verification.ok && s.signingKey?.kind === 'rsa-public' && s.signingKey.cert && s.covered.includes(parts.body) && (!ts || s.covered.includes(ts)));
  const signer = good?.signingKey?.kind === 'rsa-public' ? good.signingKey.cert : undefined;
  if (!signer) {
    checks.push({ code: 'WSS_RESPONSE_NOT_SIGNED', status: 'fail', specRef: 'WSS 1.1 §8; seed 001 (the WSP answers signed)', ...where(parts.body), message: `expected the response's Timestamp and Body signed by ${expected.subject}, found ${sec.signatures.length === 0 ? 'no signature' : 'no verified X.509 signature covering both'}` });
    return makeReport(o.id, checks);
  }
  checks.push(...(await trustChecks([signer], ca, o.now, expected)));
  checks.push({ code: 'WSS_RESPONSE_SIGNED', status: 'pass', specRef: 'WSS 1.1 §8; seed 001 (the WSP answers signed)', ...where(good!.element), message: `the response's Timestamp and Body are signed by ${signer.subject}` });
  return makeReport(o.id, checks);
}
