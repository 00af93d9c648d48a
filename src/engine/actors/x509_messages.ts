// Messages of the X.509 mutual-authentication flow (AsymmetricBinding): the secured Echo request a
// client sends, the secured answer a service returns, and the checks either side adds on top of
// WSS processing — the signer's certificate chains to the CA, the response comes from the peer.

import type { Document, Element } from '@xmldom/xmldom';
import { uuidV4, type RandomSource } from '../crypto/random.ts';
import { verifyCertificateChain } from '../crypto/x509_chain.ts';
import type { CertInfo } from '../crypto/x509.ts';
import type { Check } from '../report/index.ts';
import type { SecurityModel } from '../policy/model.ts';
import { buildEnvelope, type SoapVersion } from '../soap/envelope.ts';
import { addressingHeaders, WSA, type AddressingProps, type WsaVersion } from '../wsa/headers.ts';
import { NS } from '../xml/names.ts';
import { parseXml } from '../xml/parse.ts';
import { formatXml, serializeXml } from '../xml/serialize.ts';
import type { ElSpec } from '../xml/dom.ts';
import { freshId } from '../wss/outbound.ts';
import { securityHeader } from '../wss/security_header.ts';
import { buildTimestamp } from '../wss/timestamp.ts';
import { secureAsymmetric, type AsymmetricOutbound, type AsymmetricSecured } from '../wss/x509_outbound.ts';
import type { X509Identity } from './x509_identity.ts';

export interface X509MessageSpec {
  soap: SoapVersion;
  wsa: WsaVersion;
  addressing: Omit<AddressingProps, 'ids' | 'messageId'>;
  body: ElSpec;
  model: SecurityModel;
  signer: Pick<X509Identity, 'cert' | 'key'>;
  recipient: CertInfo;
  confirmations?: string[];
  /** Supporting tokens for the Security header (after the Timestamp), and what to do with them. */
  tokens?: ElSpec[];
  signTokenIds?: string[];
  encryptTokenIds?: string[];
  endorse?: AsymmetricOutbound['endorse'];
  random: RandomSource;
  now: number;
}

export interface X509Message {
  wire: string;
  messageId: string;
  secured: AsymmetricSecured;
}

/** Builds an envelope with signable addressing headers, a Timestamp and a Body, then secures it. */
export async function buildX509Message(s: X509MessageSpec): Promise<X509Message> {
  const r = s.random;
  const messageId = `urn:uuid:${uuidV4(r)}`;
  const ids = { action: freshId('Action', r), to: freshId('To', r), messageId: freshId('MessageID', r), ...(s.addressing.replyTo ? { replyTo: freshId('ReplyTo', r) } : {}), ...(s.addressing.relatesTo ? { relatesTo: freshId('RelatesTo', r) } : {}) };
  const tsId = freshId('TS', r);
  const bodyId = freshId('Body', r);
  const doc = buildEnvelope({
    version: s.soap,
    xmlns: { wsa: WSA[s.wsa].ns, wsu: NS.wsu },
    headers: [...addressingHeaders(s.wsa, { ...s.addressing, messageId, ids }), securityHeader(s.soap, [buildTimestamp({ id: tsId, now: s.now, ttlSeconds: 300 }), ...(s.tokens ?? [])])],
    body: [s.body],
    bodyAttrs: [[NS.wsu, 'wsu:Id', bodyId]],
  });
  // Indent first, then sign and encrypt: the signature covers the text exactly as sent.
  const wireDoc: Document = parseXml(formatXml(serializeXml(doc)));
  const secured = await secureAsymmetric(wireDoc, s.model, {
    soap: s.soap, random: r, signer: { key: s.signer.key, cert: s.signer.cert }, recipient: s.recipient,
    bodyId, signIds: [tsId, ...Object.values(ids), ...(s.signTokenIds ?? [])], ...(s.confirmations ? { confirmations: s.confirmations } : {}),
    ...(s.encryptTokenIds ? { encryptIds: s.encryptTokenIds } : {}), ...(s.endorse ? { endorse: s.endorse } : {}),
  });
  return { wire: serializeXml(wireDoc), messageId, secured };
}

/** The signer's certificate chains to the CA and is valid now (X.509 Token Profile §3; RFC 5280). */
export async function trustChecks(certs: CertInfo[], ca: CertInfo, now: number, expected?: CertInfo): Promise<Check[]> {
  const out: Check[] = [];
  for (const cert of certs) {
    out.push(...(await verifyCertificateChain(cert, [ca], now)));
    if (expected && cert.thumbprintSha1 !== expected.thumbprintSha1) {
      out.push({ code: 'WSS_SIGNER_MISMATCH', status: 'fail', specRef: 'WS-SP 1.3 §7.5 RecipientToken', path: '', message: `expected the message signed by ${expected.subject}, found a certificate for ${cert.subject}` });
    }
  }
  if (certs.length === 0) out.push({ code: 'WSS_NO_X509_TOKEN', status: 'fail', specRef: 'X.509 Token Profile 1.1 §3.1', path: '', message: 'expected the signer\'s certificate in a wsse:BinarySecurityToken, found none' });
  return out;
}

/** SignatureValues of the signatures a message carried (for SignatureConfirmation). */
export function signatureValues(sigs: Array<{ element: Element; verification: { ok: boolean } }>): string[] {
  return sigs.filter((s) => s.verification.ok).map((s) => {
    const v = s.element.getElementsByTagNameNS(NS.ds, 'SignatureValue')[0];
    return v ? (v.textContent ?? '').replace(/\s+/g, '') : '';
  }).filter(Boolean);
}
