// The issuer's signature on an assertion, as a relying party checks it (SAML 1.1 Core §5, SAML 2.0
// Core §5.4): one enveloped ds:Signature, a child of the assertion where its schema places it;
// exactly one Reference, to the assertion's own AssertionID/ID (§5.4.2); only enveloped-signature
// and exclusive c14n transforms (§5.4.4); XML Signature core validation (dsig/verify.ts, whose
// per-reference checks are kept); and a signing certificate that is one of the trusted issuers,
// compared by SHA-1 thumbprint (or by public key when the KeyInfo carries only a KeyValue).

import type { Element } from '@xmldom/xmldom';
import { bytesEqual, toBase64 } from '../crypto/encoding.ts';
import type { ResolvedKey } from '../crypto/keys.ts';
import type { CertInfo } from '../crypto/x509.ts';
import { referencedElements } from '../dsig/signature_element.ts';
import { verifySignature } from '../dsig/verify.ts';
import type { Check } from '../report/check.ts';
import { attr, childElements, childrenNS, firstChildNS } from '../xml/dom.ts';
import { NS, URI } from '../xml/names.ts';
import { nodePath } from '../xml/path.ts';
import type { AssertionParts } from './assertion.ts';
import { SAML_CODES as C, samlCheck } from './checks.ts';
import { signerKey } from './signer_key.ts';

const ALLOWED_TRANSFORMS: ReadonlySet<string> = new Set([URI.envelopedSignature, URI.excC14n, URI.excC14nWithComments]);

/** Signatures elsewhere in the document that point at this assertion (a moved signature). */
function signaturesElsewhere(p: AssertionParts): Element[] {
  const doc = p.el.ownerDocument;
  if (!doc || !p.id) return [];
  const all = doc.getElementsByTagNameNS(NS.ds, 'Signature');
  const out: Element[] = [];
  for (let i = 0; i < all.length; i++) {
    const sig = all.item(i)!;
    if (sig.parentNode === p.el) continue;
    const refs = sig.getElementsByTagNameNS(NS.ds, 'Reference');
    for (let j = 0; j < refs.length; j++) if (attr(refs.item(j)!, 'URI') === `#${p.id}`) out.push(sig);
  }
  return out;
}

/** Where the schema wants the signature: the last child (1.1) or the child right after Issuer (2.0). */
function placementCheck(p: AssertionParts, sig: Element): Check | null {
  const kids = childElements(p.el);
  const at = kids.indexOf(sig);
  const issuerAt = kids.findIndex((k) => k.namespaceURI === p.v.ns && k.localName === 'Issuer');
  const expectedAt = p.v.version === '1.1' ? kids.length - 1 : issuerAt + 1;
  if (at === expectedAt && (p.v.version === '1.1' || issuerAt >= 0)) return null;
  const expected = p.v.version === '1.1' ? 'the last child of the assertion' : 'the child right after saml:Issuer';
  const before = kids[at - 1];
  return samlCheck(C.signatureMisplaced, 'fail', p.v.spec.signature, sig,
    `expected ds:Signature as ${expected} but found it as child ${at + 1} of ${kids.length}${before ? `, after <${before.nodeName}>` : ''}`);
}

/** One Reference, to this assertion's Id, with only the transforms §5.4.4 allows. */
function referenceChecks(p: AssertionParts, sig: Element): Check[] {
  const si = firstChildNS(sig, NS.ds, 'SignedInfo');
  const refs = si ? childrenNS(si, NS.ds, 'Reference') : [];
  const uris = refs.map((r) => attr(r, 'URI') ?? '(none)');
  const out: Check[] = [];
  if (refs.length !== 1 || uris[0] !== `#${p.id}`) {
    out.push(samlCheck(C.signatureReference, 'fail', p.v.spec.signatureReference, si ?? sig,
      `expected exactly one ds:Reference with URI="#${p.id}" (the assertion's ${p.v.idAttribute}) but found ${refs.length ? uris.map((u) => `URI="${u}"`).join(', ') : 'none'}`, { uris }));
  }
  for (const r of refs) {
    const algs = r.getElementsByTagNameNS(NS.ds, 'Transform');
    for (let i = 0; i < algs.length; i++) {
      const alg = attr(algs.item(i)!, 'Algorithm') ?? '';
      if (!ALLOWED_TRANSFORMS.has(alg)) {
        out.push(samlCheck(C.signatureTransforms, 'warn', p.v.spec.signatureTransforms, algs.item(i)!,
          `expected only the enveloped-signature and exclusive c14n transforms but found ${alg || '(no Algorithm)'}`));
      }
    }
  }
  return out;
}

/** The trust decision on the key that verified the signature. */
function trustCheck(p: AssertionParts, sig: Element, key: ResolvedKey, trusted: CertInfo[]): { check: Check; issuer?: CertInfo } {
  const cert = key.kind === 'rsa-public' ? key.cert : undefined;
  const hit = trusted.find((t) => (cert ? t.thumbprintSha1 === cert.thumbprintSha1 : key.kind === 'rsa-public' && bytesEqual(t.spki, key.spki)));
  const node = firstChildNS(sig, NS.ds, 'KeyInfo') ?? sig;
  if (hit) {
    return { issuer: hit, check: samlCheck(C.issuerTrusted, 'pass', p.v.spec.signature, node, `signed by trusted issuer ${hit.subject} (SHA-1 thumbprint ${hit.thumbprintSha1})`, { subject: hit.subject, thumbprintSha1: hit.thumbprintSha1 }) };
  }
  const found = cert ? `${cert.subject} (SHA-1 thumbprint ${cert.thumbprintSha1})` : `a bare public key (${key.source})`;
  const list = trusted.map((t) => `${t.subject} (${t.thumbprintSha1})`).join('; ') || 'none';
  return { check: samlCheck(C.issuerUntrusted, 'fail', p.v.spec.signature, node, `expected the assertion to be signed by a trusted issuer (${list}) but found ${found}`,
    { found: cert?.thumbprintSha1 ?? toBase64(key.kind === 'rsa-public' ? key.spki : new Uint8Array(0)), trusted: trusted.map((t) => t.thumbprintSha1) }) };
}

/** Core validation with the signer's key found through the KeyInfo (or the only trusted issuer). */
async function verifyCore(p: AssertionParts, sig: Element, trusted: CertInfo[]): Promise<{ checks: Check[]; ok: boolean; algorithm: string; key: ResolvedKey | null }> {
  const found: { key: ResolvedKey | null } = { key: null };
  const v = await verifySignature(sig, {
    resolveKey: async (keyInfo) => {
      const r = signerKey(keyInfo, sig, trusted, p.v);
      found.key = r.key;
      return r;
    },
  });
  const checks = [...v.checks];
  if (p.id && !referencedElements(sig).includes(p.el)) {
    checks.push(samlCheck(C.signatureReference, 'fail', p.v.spec.signatureReference, sig, `expected the signature to cover this assertion (${nodePath(p.el)}) but its reference resolves elsewhere`));
  }
  return { checks, ok: v.ok, algorithm: v.signatureAlgorithm, key: found.key };
}

function missingSignature(p: AssertionParts): Check {
  const elsewhere = signaturesElsewhere(p).map((s) => nodePath(s));
  const found = elsewhere.length ? `none in it (a signature referring to it is at ${elsewhere.join(', ')}, outside the assertion)` : 'none';
  return samlCheck(C.signatureMissing, 'fail', p.v.spec.signature, p.el, `expected the issuer's enveloped ds:Signature inside the assertion but found ${found}`);
}

/** The signature's checks and, when it verifies under a trusted certificate, that certificate. */
export async function checkIssuerSignature(p: AssertionParts, trusted: CertInfo[]): Promise<{ checks: Check[]; issuer?: CertInfo }> {
  const sigs = childrenNS(p.el, NS.ds, 'Signature');
  const sig = sigs[0];
  if (!sig) return { checks: [missingSignature(p)] };
  const checks: Check[] = [];
  if (sigs.length > 1) checks.push(samlCheck(C.signatureMisplaced, 'fail', p.v.spec.signature, sigs[1]!, `expected one ds:Signature in the assertion but found ${sigs.length}`));
  const placed = placementCheck(p, sig);
  if (placed) checks.push(placed);
  checks.push(...referenceChecks(p, sig));
  const core = await verifyCore(p, sig, trusted);
  checks.push(...core.checks);
  const trust = core.key ? trustCheck(p, sig, core.key, trusted) : null;
  if (trust) checks.push(trust.check);
  const failed = [...new Set(checks.filter((c) => c.status === 'fail').map((c) => c.code))];
  const ok = core.ok && failed.length === 0;
  checks.push(ok
    ? samlCheck(C.signatureValid, 'pass', p.v.spec.signature, sig, `the issuer's signature verifies (${core.algorithm}) over the whole assertion`, { signatureAlgorithm: core.algorithm })
    : samlCheck(C.signatureInvalid, 'fail', p.v.spec.signature, sig, `expected a valid issuer signature over the assertion but found failures: ${failed.join(', ') || 'core validation did not succeed'}`, { failed }));
  return ok && trust?.issuer ? { checks, issuer: trust.issuer } : { checks };
}
