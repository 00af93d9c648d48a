// A SOAP message with one of each token a SecurityTokenReference can point at — an X.509
// BinarySecurityToken, an EncryptedKey, SAML 1.1 and 2.0 holder-of-key assertions, an SCT — built
// with the engine's builder, serialized and re-parsed as a receiver would see it. STRs under test are
// placed in a ds:KeyInfo at the end of the header, after the tokens (BSP R5205).

import { createHash, createPublicKey } from 'node:crypto';
import type { Document, Element } from '@xmldom/xmldom';
import { builtinDemoPki } from '../../src/engine/actors/demo_pki.ts';
import type { DemoPki } from '../../src/engine/crypto/demo_pki.ts';
import { buildX509Token } from '../../src/engine/wss/binary_security_token.ts';
import { buildStr, type StrSpec } from '../../src/engine/wss/security_token_reference.ts';
import { newDocument, type ElSpec } from '../../src/engine/xml/build.ts';
import { NS } from '../../src/engine/xml/names.ts';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { serializeXml } from '../../src/engine/xml/serialize.ts';

export const WRAPPED_KEY = Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 7 + 3) & 0xff));
/** EncryptedKeySHA1 computed by node:crypto, independently of the engine. */
export const WRAPPED_KEY_SHA1 = createHash('sha1').update(WRAPPED_KEY).digest('base64');
export const SCT_IDENTIFIER = 'urn:uuid:7d1b5a5e-52c1-4d7b-9e57-0c1b7e0d2f11';

function certBase64(pem: string): string {
  return pem.split('\n').filter((l) => l && !l.startsWith('-----')).join('');
}

function saml11(pki: DemoPki): ElSpec {
  const ds = (name: string, children: ElSpec[] = [], text?: string): ElSpec => ({ ns: NS.ds, name: `ds:${name}`, children, ...(text ? { text } : {}) });
  const confirmation: ElSpec = { ns: NS.saml11, name: 'saml:SubjectConfirmation', children: [
    { ns: NS.saml11, name: 'saml:ConfirmationMethod', text: 'urn:oasis:names:tc:SAML:1.0:cm:holder-of-key' },
    ds('KeyInfo', [ds('X509Data', [ds('X509Certificate', [], certBase64(pki.sts.cert.pem))])]),
  ] };
  return { ns: NS.saml11, name: 'saml:Assertion', attrs: { AssertionID: '_saml11-1', MajorVersion: '1', MinorVersion: '1' }, children: [
    { ns: NS.saml11, name: 'saml:AuthenticationStatement', children: [{ ns: NS.saml11, name: 'saml:Subject', children: [confirmation] }] },
  ] };
}

function saml20(pki: DemoPki): ElSpec {
  const jwk = createPublicKey({ key: Buffer.from(pki.service.cert.spki), format: 'der', type: 'spki' }).export({ format: 'jwk' });
  const b64 = (s: string) => Buffer.from(s, 'base64url').toString('base64');
  const rsa: ElSpec = { ns: NS.ds, name: 'ds:KeyValue', children: [{ ns: NS.ds, name: 'ds:RSAKeyValue', children: [
    { ns: NS.ds, name: 'ds:Modulus', text: b64(jwk.n!) }, { ns: NS.ds, name: 'ds:Exponent', text: b64(jwk.e!) },
  ] }] };
  const data: ElSpec = { ns: NS.saml2, name: 'saml2:SubjectConfirmationData', children: [{ ns: NS.ds, name: 'ds:KeyInfo', children: [rsa] }] };
  return { ns: NS.saml2, name: 'saml2:Assertion', attrs: { ID: '_saml20-1', Version: '2.0' }, children: [
    { ns: NS.saml2, name: 'saml2:Subject', children: [
      { ns: NS.saml2, name: 'saml2:SubjectConfirmation', attrs: { Method: 'urn:oasis:names:tc:SAML:2.0:cm:holder-of-key' }, children: [data] },
    ] },
  ] };
}

function encryptedKey(): ElSpec {
  return { ns: NS.xenc, name: 'xenc:EncryptedKey', attrs: { Id: 'EK-1' }, children: [
    { ns: NS.xenc, name: 'xenc:EncryptionMethod', attrs: { Algorithm: 'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p' } },
    { ns: NS.xenc, name: 'xenc:CipherData', children: [{ ns: NS.xenc, name: 'xenc:CipherValue', text: WRAPPED_KEY.toString('base64') }] },
  ] };
}

function sct(): ElSpec {
  return { ns: NS.sc13, name: 'wsc:SecurityContextToken', nsAttrs: [[NS.wsu, 'wsu:Id', 'SCT-1']], children: [
    { ns: NS.sc13, name: 'wsc:Identifier', text: SCT_IDENTIFIER },
  ] };
}

/** The message with `strs` in a ds:KeyInfo after the tokens, re-parsed; plus the STR elements in order. */
export async function messageWith(strs: Array<StrSpec | ElSpec>, extraTokens: ElSpec[] = []): Promise<{ doc: Document; strs: Element[]; pki: DemoPki }> {
  const pki = await builtinDemoPki();
  const specs = strs.map((s) => ('kind' in s ? buildStr(s) : s));
  const doc = newDocument({ ns: NS.soap11, name: 'soap:Envelope', children: [
    { ns: NS.soap11, name: 'soap:Header', children: [
      { ns: NS.wsse, name: 'wsse:Security', xmlns: { wsse: NS.wsse, wsu: NS.wsu }, children: [
        buildX509Token(pki.client.cert, 'X509-client'), encryptedKey(), saml11(pki), saml20(pki), sct(), ...extraTokens,
        { ns: NS.ds, name: 'ds:KeyInfo', children: specs },
      ] },
    ] },
    { ns: NS.soap11, name: 'soap:Body', nsAttrs: [[NS.wsu, 'wsu:Id', 'Body']], children: [{ ns: 'urn:app', name: 'app:Ping' }] },
  ] });
  const wire = parseXml(serializeXml(doc));
  const keyInfo = wire.getElementsByTagNameNS(NS.ds, 'KeyInfo');
  const holder = keyInfo.item(keyInfo.length - 1)!;
  const found: Element[] = [];
  for (let c = holder.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) found.push(c as Element);
  return { doc: wire, strs: found, pki };
}
