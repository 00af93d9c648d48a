// WS-SP 1.3 §7.5 AsymmetricBinding, sending side (WSS 1.1 §8–9, X.509 Token Profile 1.1): the
// sender's certificate in a BinarySecurityToken, a signature by its key over the Timestamp, the
// addressing headers, any SignatureConfirmations and the Body; the Body content (and, with
// EncryptSignature, the signature) encrypted under a fresh key carried in an EncryptedKey for the
// recipient's certificate. Header order is processing order: sign-then-encrypt puts the
// EncryptedKey before the Signature, encrypt-then-sign the Signature before the EncryptedKey.

import type { Document, Element } from '@xmldom/xmldom';
import { keyLengthOf } from '../crypto/cipher.ts';
import type { RsaPrivateKey, SecretKey } from '../crypto/keys.ts';
import type { RandomSource } from '../crypto/random.ts';
import type { CertInfo } from '../crypto/x509.ts';
import { toBase64 } from '../crypto/encoding.ts';
import { signDocument } from '../dsig/index.ts';
import type { AsymmetricBinding, SecurityModel, X509Reference } from '../policy/model.ts';
import { algorithmSuite } from '../policy/algorithm_suites.ts';
import { UsageError } from '../report/index.ts';
import { build, childElements, firstChildNS, type ElSpec } from '../xml/dom.ts';
import { findById } from '../xml/ids.ts';
import { NS, URI } from '../xml/names.ts';
import { buildEncryptedKey, encryptElement } from '../xenc/index.ts';
import { SOAP_NS, type SoapVersion } from '../soap/envelope.ts';
import { buildX509Token } from './binary_security_token.ts';
import { buildStr, strReference } from './security_token_reference.ts';
import { freshId } from './outbound.ts';
import { signatureValueOf } from './x509_inbound.ts';

export interface AsymmetricOutbound {
  soap: SoapVersion;
  random: RandomSource;
  signer: { key: RsaPrivateKey; cert: CertInfo };
  recipient: CertInfo;
  bodyId: string;
  /** wsu:Ids of other parts to sign: the Timestamp, the addressing headers. */
  signIds: string[];
  /** SignatureConfirmation values to send back (a responder, WSS 1.1 §8.5). */
  confirmations?: string[];
  /** wsu:Ids of Security header elements to encrypt whole (EncryptedSupportingTokens). */
  encryptIds?: string[];
  /** An endorsing supporting token: its key signs the message signature (WS-SP 1.3 §8.3). */
  endorse?: { key: SecretKey; keyInfo: ElSpec; keySource: string };
}

export interface AsymmetricSecured {
  signatureValue: string;
  /** What a keys.json needs to decrypt and check the message independently. */
  secrets: { encryptedKeyId: string; dataKey: string; dataAlgorithm: string; keyWrap: string; bstId: string; signatureId: string };
}

function bindingOf(model: SecurityModel): AsymmetricBinding {
  if (model.binding?.kind !== 'AsymmetricBinding') throw new UsageError('WSS_NOT_ASYMMETRIC', `expected an AsymmetricBinding in the security model, found ${model.binding?.kind ?? 'none'}`);
  return model.binding;
}

function securityOf(doc: Document, soap: SoapVersion): Element {
  const header = firstChildNS(doc.documentElement as Element, SOAP_NS[soap], 'Header');
  const sec = header ? firstChildNS(header, NS.wsse, 'Security') : null;
  if (!sec) throw new UsageError('WSS_NO_SECURITY_HEADER', 'expected a wsse:Security header to secure, found none');
  return sec;
}

function recipientStr(cert: CertInfo, ref: X509Reference) {
  if (ref === 'keyIdentifier') return buildStr({ kind: 'ski', cert });
  if (ref === 'issuerSerial') return buildStr({ kind: 'issuerSerial', cert });
  return buildStr({ kind: 'thumbprint', cert });
}

/** Inserts `el` right after the last of the leading Timestamp / BST / SignatureConfirmation elements. */
function insertAfterTokens(sec: Element, el: Element): void {
  const tokens = new Set(['Timestamp', 'BinarySecurityToken', 'SignatureConfirmation']);
  const after = childElements(sec).filter((c) => tokens.has(c.localName ?? '')).pop();
  sec.insertBefore(el, after ? after.nextSibling : sec.firstChild);
}

/** Secures an envelope (with a Security header holding the Timestamp) as the AsymmetricBinding says. */
export async function secureAsymmetric(doc: Document, model: SecurityModel, o: AsymmetricOutbound): Promise<AsymmetricSecured> {
  const b = bindingOf(model);
  const suite = algorithmSuite(b.algorithmSuite);
  const sec = securityOf(doc, o.soap);
  const bstId = freshId('X509', o.random);
  insertAfterTokens(sec, build(doc, buildX509Token(o.signer.cert, bstId), sec));
  const confIds = (o.confirmations ?? []).map((value) => {
    const id = freshId('SC', o.random);
    insertAfterTokens(sec, build(doc, { ns: NS.wsse11, name: 'wsse11:SignatureConfirmation', xmlns: { wsse11: NS.wsse11 }, nsAttrs: [[NS.wsu, 'wsu:Id', id]], attrs: { Value: value } }, sec));
    return id;
  });
  const signatureId = freshId('SIG', o.random);
  const sign = (insertBefore: Element | null) => signDocument(doc, {
    references: [...o.signIds, ...confIds, o.bodyId].map((target) => ({ target, digest: suite.digest })),
    signatureAlgorithm: suite.asymmetricSignature, c14n: suite.c14n, key: o.signer.key,
    keyInfo: strReference(`#${bstId}`, URI.x509v3), parent: sec, insertBefore, id: signatureId,
  });
  const dataKey = o.random.bytes(keyLengthOf(suite.encryption));
  const ekId = freshId('EK', o.random);
  const dataKeyInfo = buildStr({ kind: 'reference', uri: `#${ekId}`, tokenType: URI.encryptedKeyTokenType });
  const encryptBody = async () => {
    const id = freshId('ED', o.random);
    const body = firstChildNS(doc.documentElement as Element, SOAP_NS[o.soap], 'Body') as Element;
    await encryptElement(doc, body, { type: 'Content', algorithm: suite.encryption, key: dataKey, random: o.random, id, keyInfo: dataKeyInfo });
    return id;
  };
  const ekElement = async (ids: string[]) => build(doc, await buildEncryptedKey({
    algorithm: suite.asymmetricKeyWrap, kek: { kind: 'rsa-public', spki: o.recipient.spki }, key: dataKey,
    keyInfo: recipientStr(o.recipient, b.recipientToken.reference), referenceList: ids, id: ekId, random: o.random,
  }), sec);
  let signature: Element;
  if (b.protectionOrder === 'SignBeforeEncrypting') {
    signature = await sign(null);
    const signatureValue = signatureValueOf(signature);
    const ids = [await encryptBody(), ...(await encryptHeaderElements(doc, o, suite.encryption, dataKey, dataKeyInfo))];
    if (b.encryptSignature) {
      const id = freshId('ED', o.random);
      await encryptElement(doc, signature, { type: 'Element', algorithm: suite.encryption, key: dataKey, random: o.random, id, keyInfo: dataKeyInfo });
      ids.push(id);
    }
    if (o.endorse) await endorse(doc, sec, signatureId, o.endorse, suite.symmetricSignature, suite.digest, suite.c14n, o.random);
    insertAfterTokens(sec, await ekElement(ids));
    return { signatureValue, secrets: secrets(ekId, dataKey, suite.encryption, suite.asymmetricKeyWrap, bstId, signatureId) };
  }
  const ids = [await encryptBody(), ...(await encryptHeaderElements(doc, o, suite.encryption, dataKey, dataKeyInfo))];
  const ek = await ekElement(ids);
  insertAfterTokens(sec, ek);
  signature = await sign(ek);
  if (o.endorse) await endorse(doc, sec, signatureId, o.endorse, suite.symmetricSignature, suite.digest, suite.c14n, o.random);
  return { signatureValue: signatureValueOf(signature), secrets: secrets(ekId, dataKey, suite.encryption, suite.asymmetricKeyWrap, bstId, signatureId) };
}

/** EncryptedSupportingTokens: each named header element replaced by an EncryptedData (Element). */
async function encryptHeaderElements(doc: Document, o: AsymmetricOutbound, algorithm: string, key: Uint8Array, keyInfo: ElSpec): Promise<string[]> {
  const out: string[] = [];
  for (const target of o.encryptIds ?? []) {
    const el = findById(doc, target);
    if (!el) throw new UsageError('WSS_NO_SUCH_ID', `expected an element with wsu:Id ${target} to encrypt, found none`);
    const id = freshId('ED', o.random);
    await encryptElement(doc, el, { type: 'Element', algorithm, key, random: o.random, id, keyInfo });
    out.push(id);
  }
  return out;
}

/** WS-SP 1.3 §8.3: a second signature, with the endorsing token's key, over the message signature. */
async function endorse(doc: Document, sec: Element, signatureId: string, e: NonNullable<AsymmetricOutbound['endorse']>, algorithm: string, digest: string, c14n: string, random: RandomSource): Promise<void> {
  await signDocument(doc, {
    references: [{ target: signatureId, digest }], signatureAlgorithm: algorithm, c14n, key: e.key,
    keyInfo: e.keyInfo, parent: sec, id: freshId('SIG', random),
  });
}

function secrets(encryptedKeyId: string, key: Uint8Array, dataAlgorithm: string, keyWrap: string, bstId: string, signatureId: string): AsymmetricSecured['secrets'] {
  return { encryptedKeyId, dataKey: toBase64(key), dataAlgorithm, keyWrap, bstId, signatureId };
}
