// wsse:SecurityTokenReference (WSS 1.1 §7, X.509 Token Profile §3.2, SAML Token Profile 1.1 §3.4):
// every form is built by the engine, sent through serialization and parsing, and resolved to the
// right key — compared with keys computed outside the engine (node:crypto) — and every way a
// reference can fail gives its own code and a message naming what was looked for and what exists.

import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ResolvedKey } from '../../src/engine/crypto/keys.ts';
import { resolveStr, type StrContext } from '../../src/engine/wss/security_token_reference.ts';
import type { ElSpec } from '../../src/engine/xml/build.ts';
import { NS, URI } from '../../src/engine/xml/names.ts';
import { SCT_IDENTIFIER, WRAPPED_KEY_SHA1, messageWith } from './str_message.ts';

const SECRET = new Uint8Array(32).fill(7);
const UNWRAPPED = new Uint8Array(16).fill(9);

function spkiOf(key: ResolvedKey | null): Buffer {
  if (key?.kind !== 'rsa-public') throw new Error(`expected an RSA public key, got ${key?.kind ?? 'none'}`);
  return Buffer.from(key.spki);
}

/** SPKI of a PEM certificate, read by node:crypto. */
function nodeSpki(certPem: string): Buffer {
  return createPublicKey(certPem).export({ type: 'spki', format: 'der' });
}

async function resolveOne(spec: Parameters<typeof messageWith>[0][number], ctx: Partial<StrContext> = {}) {
  const { doc, strs, pki } = await messageWith([spec]);
  const result = await resolveStr(strs[0]!, { doc, knownCerts: [], ...ctx });
  return { ...result, pki, doc };
}

describe('each STR form resolves to its key', () => {
  it('Reference URI="#id" to an X.509 BinarySecurityToken', async () => {
    const { key, checks, pki } = await resolveOne({ kind: 'reference', uri: '#X509-client', valueType: URI.x509v3 });
    expect(spkiOf(key).equals(nodeSpki(pki.client.cert.pem))).toBe(true);
    expect(key?.source).toBe('BinarySecurityToken #X509-client referenced by URI');
    expect(checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(checks.at(-1)).toMatchObject({ code: 'STR_RESOLVED', path: 'Envelope/Header/Security/BinarySecurityToken' });
  });

  it('KeyIdentifier X509SubjectKeyIdentifier among known certificates', async () => {
    const pki = (await messageWith([])).pki;
    const { key, checks } = await resolveOne({ kind: 'ski', cert: pki.service.cert }, { knownCerts: [pki.sts.cert, pki.service.cert] });
    expect(spkiOf(key).equals(nodeSpki(pki.service.cert.pem))).toBe(true);
    expect(key?.source).toBe(`certificate CN=service.wsbench.example matched by X509SubjectKeyIdentifier ${pki.service.cert.ski} among known certificates`);
    expect(checks.map((c) => c.status)).toEqual(['pass']);
  });

  it('KeyIdentifier ThumbprintSHA1 also finds a certificate carried in a BinarySecurityToken', async () => {
    const pki = (await messageWith([])).pki;
    const { key } = await resolveOne({ kind: 'thumbprint', cert: pki.client.cert });
    expect(spkiOf(key).equals(nodeSpki(pki.client.cert.pem))).toBe(true);
    expect(key?.source).toContain('matched by ThumbprintSHA1');
    expect(key?.source).toContain('among BinarySecurityToken #X509-client');
  });

  it('ds:X509Data/ds:X509IssuerSerial, also when the issuer name is spelled differently', async () => {
    const pki = (await messageWith([])).pki;
    const { key } = await resolveOne({ kind: 'issuerSerial', cert: pki.itm.cert }, { knownCerts: [pki.ptm.cert, pki.itm.cert] });
    expect(spkiOf(key).equals(nodeSpki(pki.itm.cert.pem))).toBe(true);
    const spelled: ElSpec = {
      ns: NS.wsse, name: 'wsse:SecurityTokenReference', children: [{ ns: NS.ds, name: 'ds:X509Data', children: [{ ns: NS.ds, name: 'ds:X509IssuerSerial', children: [
        { ns: NS.ds, name: 'ds:X509IssuerName', text: 'cn=WSBENCH Demo CA' },
        { ns: NS.ds, name: 'ds:X509SerialNumber', text: ` ${BigInt(`0x${pki.itm.cert.serialHex}`)} ` },
      ] }] }],
    };
    const again = await resolveOne(spelled, { knownCerts: [pki.itm.cert] });
    expect(again.key?.kind).toBe('rsa-public');
  });

  it('KeyIdentifier EncryptedKeySHA1 (with wsse11:TokenType EncryptedKey) to the unwrapped key', async () => {
    const { key, doc } = await resolveOne({ kind: 'encryptedKeySha1', sha1: WRAPPED_KEY_SHA1 }, { encryptedKeys: new Map([[WRAPPED_KEY_SHA1, UNWRAPPED]]) });
    expect(key).toMatchObject({ kind: 'secret', bytes: UNWRAPPED });
    const str = doc.getElementsByTagNameNS(NS.wsse, 'SecurityTokenReference').item(0)!;
    expect(str.getAttributeNS(NS.wsse11, 'TokenType')).toBe(URI.encryptedKeyTokenType);
  });

  it('Reference URI to the EncryptedKey uses the same EncryptedKeySHA1 lookup', async () => {
    const { key } = await resolveOne({ kind: 'reference', uri: '#EK-1' }, { encryptedKeys: new Map([[WRAPPED_KEY_SHA1, UNWRAPPED]]) });
    expect(key).toMatchObject({ kind: 'secret', bytes: UNWRAPPED, source: 'key of EncryptedKey #EK-1 referenced by URI' });
  });

  it('KeyIdentifier SAML 1.1 AssertionID to the holder-of-key certificate in the assertion', async () => {
    const { key, checks, pki } = await resolveOne({ kind: 'samlAssertionId', assertionId: '_saml11-1', samlVersion: '1.1' });
    expect(spkiOf(key).equals(nodeSpki(pki.sts.cert.pem))).toBe(true);
    expect(key?.source).toBe('certificate CN=sts.wsbench.example in the holder-of-key KeyInfo of SAML assertion _saml11-1 matched by KeyIdentifier (SAML 1.1 AssertionID)');
    expect(checks.filter((c) => c.status !== 'pass')).toEqual([]);
  });

  it('KeyIdentifier SAML 2.0 ID to the RSAKeyValue in the assertion, and to a registered proof key', async () => {
    const { key, pki } = await resolveOne({ kind: 'samlAssertionId', assertionId: '_saml20-1', samlVersion: '2.0' });
    expect(spkiOf(key).equals(nodeSpki(pki.service.cert.pem))).toBe(true);
    const withSecret = await resolveOne({ kind: 'samlAssertionId', assertionId: '_saml20-1', samlVersion: '2.0' }, { secrets: new Map([['_saml20-1', SECRET]]) });
    expect(withSecret.key).toMatchObject({ kind: 'secret', bytes: SECRET });
    const external = await resolveOne({ kind: 'samlAssertionId', assertionId: '_elsewhere', samlVersion: '2.0' }, { secrets: new Map([['_elsewhere', SECRET]]) });
    expect(external.key?.source).toContain('not in the message');
  });

  it('Embedded BinarySecurityToken', async () => {
    const pki = (await messageWith([])).pki;
    const token = { ns: NS.wsse, name: 'wsse:BinarySecurityToken', attrs: { EncodingType: URI.base64Binary, ValueType: URI.x509v3 }, text: Buffer.from(pki.ptm.cert.der).toString('base64') };
    const { key } = await resolveOne({ kind: 'embedded', token });
    expect(spkiOf(key).equals(nodeSpki(pki.ptm.cert.pem))).toBe(true);
    expect(key?.source).toBe('BinarySecurityToken embedded in the SecurityTokenReference');
  });

  it('Reference to an SCT by wsu:Id and by its Identifier URI (outside the message)', async () => {
    const secrets = new Map([[SCT_IDENTIFIER, SECRET]]);
    const byId = await resolveOne({ kind: 'reference', uri: '#SCT-1', valueType: `${NS.sc13}/sct` }, { secrets });
    expect(byId.key).toMatchObject({ kind: 'secret', bytes: SECRET });
    expect(byId.key?.source).toContain(SCT_IDENTIFIER);
    const byIdentifier = await resolveOne({ kind: 'reference', uri: SCT_IDENTIFIER, valueType: `${NS.sc13}/sct` }, { secrets });
    expect(byIdentifier.key?.source).toBe(`secret registered for ${SCT_IDENTIFIER} (reference to a token outside the message)`);
  });
});

describe('unresolvable references fail clearly', () => {
  it('STR_UNRESOLVED for a missing Id lists the Ids present', async () => {
    const { key, checks } = await resolveOne({ kind: 'reference', uri: '#nope', valueType: URI.x509v3 });
    expect(key).toBeNull();
    const fail = checks.find((c) => c.status === 'fail')!;
    expect(fail.code).toBe('STR_UNRESOLVED');
    expect(fail.message).toBe('Expected an element with Id "nope" for Reference URI "#nope"; found none (Ids in the message: X509-client, EK-1, _saml11-1, _saml20-1, SCT-1, Body)');
  });

  it('STR_UNRESOLVED for an unknown thumbprint names the certificates it tried', async () => {
    const pki = (await messageWith([])).pki;
    const { checks } = await resolveOne({ kind: 'thumbprint', cert: pki.sts.cert }, { knownCerts: [pki.service.cert] });
    expect(checks.at(-1)).toMatchObject({ code: 'STR_UNRESOLVED', status: 'fail' });
    expect(checks.at(-1)!.message).toBe(`Expected a certificate with ThumbprintSHA1 ${pki.sts.cert.thumbprintSha1}; found none among 2 certificate(s): CN=service.wsbench.example (known certificates); CN=client.wsbench.example (BinarySecurityToken #X509-client)`);
  });

  it('unknown EncryptedKeySHA1, unregistered SCT, and a SAML assertion without key each say what is missing', async () => {
    const ek = await resolveOne({ kind: 'encryptedKeySha1', sha1: 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=' }, { encryptedKeys: new Map([[WRAPPED_KEY_SHA1, UNWRAPPED]]) });
    expect(ek.checks.at(-1)!.message).toBe(`Expected an unwrapped EncryptedKey with EncryptedKeySHA1 AAAAAAAAAAAAAAAAAAAAAAAAAAA=; found only ${WRAPPED_KEY_SHA1}`);
    const sct = await resolveOne({ kind: 'reference', uri: '#SCT-1' });
    expect(sct.checks.at(-1)!.message).toBe('Expected a key for SecurityContextToken #SCT-1; found no secret registered under "SCT-1" (known secrets: none)');
    const saml = await resolveOne({ kind: 'samlAssertionId', assertionId: '_missing', samlVersion: '1.1' });
    expect(saml.checks.at(-1)).toMatchObject({ code: 'STR_UNRESOLVED', message: 'Expected SAML 1.1 assertion _missing in the message or a secret registered for it; found neither' });
  });

  it('STR_DUPLICATE_ID refuses an ambiguous reference (a wrapping tell)', async () => {
    const pki = (await messageWith([])).pki;
    const twin: ElSpec = { ns: NS.wsse, name: 'wsse:BinarySecurityToken', attrs: { EncodingType: URI.base64Binary, ValueType: URI.x509v3 }, nsAttrs: [[NS.wsu, 'wsu:Id', 'X509-client']], text: Buffer.from(pki.sts.cert.der).toString('base64') };
    const { doc, strs } = await messageWith([{ kind: 'reference', uri: '#X509-client', valueType: URI.x509v3 }], [twin]);
    const { key, checks } = await resolveStr(strs[0]!, { doc, knownCerts: [] });
    expect(key).toBeNull();
    expect(checks.at(-1)).toMatchObject({ code: 'STR_DUPLICATE_ID', message: 'Expected one element with Id "X509-client"; found 2, so the reference is ambiguous' });
  });

  it('BSP rules: two references (R3061), a KeyName (R3027), a ValueType mismatch (R3058), a reference to an STR (R3057)', async () => {
    const pki = (await messageWith([])).pki;
    const two: ElSpec = { ns: NS.wsse, name: 'wsse:SecurityTokenReference', children: [
      { ns: NS.wsse, name: 'wsse:Reference', attrs: { URI: '#X509-client', ValueType: URI.x509v3 } },
      { ns: NS.wsse, name: 'wsse:KeyIdentifier', attrs: { ValueType: URI.thumbprintSha1, EncodingType: URI.base64Binary }, text: pki.client.cert.thumbprintSha1 },
    ] };
    const keyName: ElSpec = { ns: NS.wsse, name: 'wsse:SecurityTokenReference', children: [{ ns: NS.ds, name: 'ds:KeyName', text: 'client' }] };
    const strTarget: ElSpec = { ns: NS.wsse, name: 'wsse:SecurityTokenReference', nsAttrs: [[NS.wsu, 'wsu:Id', 'STR-0']], children: [{ ns: NS.wsse, name: 'wsse:Reference', attrs: { URI: '#X509-client' } }] };
    const { doc, strs } = await messageWith([
      two, keyName, { kind: 'reference', uri: '#X509-client', valueType: URI.x509PkiPathV1 }, strTarget, { kind: 'reference', uri: '#STR-0' },
    ]);
    const results = await Promise.all(strs.map((s) => resolveStr(s, { doc, knownCerts: [] })));
    expect(results[0]!.checks[0]).toMatchObject({ code: 'STR_REFERENCE_COUNT', specRef: 'BSP 1.1 R3061', message: expect.stringContaining('found 2') });
    expect(results[0]!.key?.kind).toBe('rsa-public');
    expect(results[1]!).toMatchObject({ key: null, checks: [{ code: 'STR_KEY_NAME' }] });
    expect(results[2]!.checks[0]).toMatchObject({ code: 'STR_VALUE_TYPE_MISMATCH', specRef: 'BSP 1.1 R3058', message: `Expected the Reference ValueType to be the token's, ${URI.x509v3}; found ${URI.x509PkiPathV1}` });
    expect(results[4]!).toMatchObject({ key: null, checks: [{ code: 'STR_REFERENCES_STR' }] });
  });

  it('bad KeyIdentifier base64, wrong EncodingType, unsupported ValueType, bad IssuerSerial', async () => {
    const ki = (valueType: string, text: string, encoding?: string): ElSpec => ({ ns: NS.wsse, name: 'wsse:SecurityTokenReference', children: [
      { ns: NS.wsse, name: 'wsse:KeyIdentifier', attrs: encoding ? { ValueType: valueType, EncodingType: encoding } : { ValueType: valueType }, text },
    ] });
    const badSerial: ElSpec = { ns: NS.wsse, name: 'wsse:SecurityTokenReference', children: [{ ns: NS.ds, name: 'ds:X509Data', children: [{ ns: NS.ds, name: 'ds:X509IssuerSerial', children: [
      { ns: NS.ds, name: 'ds:X509IssuerName', text: 'CN=wsbench Demo CA' }, { ns: NS.ds, name: 'ds:X509SerialNumber', text: '0x1F' },
    ] }] }] };
    const { doc, strs } = await messageWith([
      ki(URI.thumbprintSha1, 'not*base64', URI.base64Binary), ki(URI.thumbprintSha1, 'AAAA', URI.hexBinary),
      ki('urn:example:kerberos', 'AAAA', URI.base64Binary), badSerial, ki(URI.x509Ski, 'AAAA'),
    ]);
    const [bad64, wrongEnc, unsupported, serial, noEnc] = await Promise.all(strs.map((s) => resolveStr(s, { doc, knownCerts: [] })));
    expect(bad64!.checks.at(-1)).toMatchObject({ code: 'STR_BAD_KEY_IDENTIFIER', message: expect.stringContaining("'*' (U+002A)") });
    expect(wrongEnc!.checks[0]).toMatchObject({ code: 'STR_ENCODING_TYPE', specRef: 'BSP 1.1 R3071' });
    expect(unsupported!.checks.at(-1)).toMatchObject({ code: 'STR_UNSUPPORTED_VALUE_TYPE', message: expect.stringContaining('found urn:example:kerberos') });
    expect(serial!.checks.at(-1)).toMatchObject({ code: 'STR_BAD_ISSUER_SERIAL', message: expect.stringContaining('"0x1F"') });
    expect(noEnc!.checks[0]).toMatchObject({ code: 'STR_ENCODING_TYPE_MISSING', status: 'warn', specRef: 'BSP 1.1 R3070' });
  });
});
