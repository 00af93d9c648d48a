// Shared fixtures for the SAML tests: the demo PKI (STS signs, service receives, client holds the
// asymmetric proof key), a fixed clock, and helpers to issue (build → sign → serialize) and to
// validate (parse → validateAssertion) assertions of both versions with every confirmation method.

import type { Document, Element } from '@xmldom/xmldom';
import { builtinDemoPki } from '../../src/engine/actors/demo_pki.ts';
import { seededRandom } from '../../src/engine/crypto/random.ts';
import type { DemoPki } from '../../src/engine/crypto/demo_pki.ts';
import { buildAssertion, type AssertionSpec } from '../../src/engine/saml/assertion.ts';
import { signAssertion, type SignAssertionOptions } from '../../src/engine/saml/sign.ts';
import { validateAssertion, type AssertionValidation, type ValidateAssertionOptions } from '../../src/engine/saml/validate.ts';
import type { ConfirmationSpec } from '../../src/engine/saml/subject.ts';
import type { SamlVersionName } from '../../src/engine/saml/versions.ts';
import { newDocument } from '../../src/engine/xml/build.ts';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { serializeXml } from '../../src/engine/xml/serialize.ts';

export const VERSIONS: SamlVersionName[] = ['1.1', '2.0'];
export const ISSUED = Date.parse('2026-03-01T10:00:00Z');
export const NOT_ON_OR_AFTER = ISSUED + 3600_000;
/** A moment inside the validity window. */
export const NOW = ISSUED + 60_000;
export const AUDIENCE = 'https://service.wsbench.example/echo';
export const PROOF_KEY = Uint8Array.from({ length: 32 }, (_, i) => (i * 7 + 3) & 0xff);

export type ConfirmationKind = 'bearer' | 'sender-vouches' | 'hok-symmetric' | 'hok-cert' | 'hok-public-key';
export const KINDS: ConfirmationKind[] = ['bearer', 'sender-vouches', 'hok-symmetric', 'hok-cert', 'hok-public-key'];

export const pki = (): Promise<DemoPki> => builtinDemoPki();

export async function confirmationFor(kind: ConfirmationKind): Promise<ConfirmationSpec> {
  const p = await pki();
  switch (kind) {
    case 'bearer': return { method: 'bearer' };
    case 'sender-vouches': return { method: 'sender-vouches' };
    case 'hok-symmetric': return { method: 'holder-of-key', proof: { kind: 'symmetric', encryptedFor: p.service.cert, key: PROOF_KEY } };
    case 'hok-cert': return { method: 'holder-of-key', proof: { kind: 'asymmetric', cert: p.client.cert } };
    case 'hok-public-key': return { method: 'holder-of-key', proof: { kind: 'asymmetric', publicKey: { kind: 'rsa-public', spki: p.client.cert.spki } } };
  }
}

export async function specFor(version: SamlVersionName, kind: ConfirmationKind, over: Partial<AssertionSpec> = {}): Promise<AssertionSpec> {
  return {
    version, id: '_a7f3c9d2e1b04f6a', issuer: 'https://sts.wsbench.example/', issueInstant: ISSUED,
    notBefore: ISSUED, notOnOrAfter: NOT_ON_OR_AFTER, audience: AUDIENCE,
    subject: { name: 'alice', format: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified' },
    confirmation: await confirmationFor(kind),
    attributes: { 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name': ['alice'], role: ['reader', 'writer'] },
    authnMethod: version === '1.1' ? 'urn:oasis:names:tc:SAML:1.0:am:password' : 'urn:oasis:names:tc:SAML:2.0:ac:classes:Password',
    random: seededRandom(`saml-${version}-${kind}`),
    ...over,
  };
}

/** An unsigned assertion as a document. */
export async function unsigned(version: SamlVersionName, kind: ConfirmationKind, over: Partial<AssertionSpec> = {}): Promise<Document> {
  return newDocument(await buildAssertion(await specFor(version, kind, over)));
}

/** Signs the document element with the STS key (or the given one); returns the wire text. */
export async function signWire(doc: Document, opts: Partial<SignAssertionOptions> = {}): Promise<string> {
  const p = await pki();
  await signAssertion(doc, doc.documentElement as Element, { key: p.sts.key, cert: p.sts.cert, ...opts });
  return serializeXml(doc);
}

/** Build → sign → serialize. */
export async function issue(version: SamlVersionName, kind: ConfirmationKind, over: Partial<AssertionSpec> = {}, sign: Partial<SignAssertionOptions> = {}): Promise<string> {
  return signWire(await unsigned(version, kind, over), sign);
}

/** Parse → validate as the service, trusting the STS. */
export async function check(wire: string, over: Partial<ValidateAssertionOptions> = {}): Promise<AssertionValidation> {
  const p = await pki();
  const el = parseXml(wire).documentElement as Element;
  return validateAssertion(el, { trustedIssuers: [p.sts.cert], audience: AUDIENCE, now: NOW, serviceKey: { key: p.service.key, cert: p.service.cert }, ...over });
}

export function codes(r: AssertionValidation, status: 'fail' | 'warn' | 'pass' | 'info' = 'fail'): string[] {
  return r.checks.filter((c) => c.status === status).map((c) => c.code);
}

export function find(r: AssertionValidation, code: string): AssertionValidation['checks'][number] {
  const c = r.checks.find((x) => x.code === code);
  if (!c) throw new Error(`no ${code} check among ${r.checks.map((x) => x.code).join(', ')}`);
  return c;
}
