// WSS 1.1 §8.3 Signature validation inside the Security header: the ds:Signature's KeyInfo is a
// SecurityTokenReference resolved against the tokens processed so far (header order), then the
// XML Signature is verified with every reference reported. The covered elements are returned so
// the policy can check that what it asks to be signed really is (signature-wrapping defence).

import type { Document, Element } from '@xmldom/xmldom';
import { verifySignature, referencedElements, type SignatureVerification } from '../dsig/index.ts';
import type { CertInfo } from '../crypto/x509.ts';
import type { ResolvedKey } from '../crypto/keys.ts';
import type { Check } from '../report/index.ts';
import { childElements } from '../xml/dom.ts';
import { where } from '../xml/path.ts';
import { dereferenceStr, isStr, resolveStr } from './security_token_reference.ts';

/** Keys the receiver can use, collected while walking the Security header in order. */
export interface TokenStore {
  /** Secrets by token wsu:Id (UT derived keys, EncryptedKey keys) or identifier (SCT). */
  secrets: Map<string, Uint8Array>;
  /** Unwrapped EncryptedKey keys by EncryptedKeySHA1. */
  encryptedKeys: Map<string, Uint8Array>;
  /** Certificates the receiver knows out of band (its trust store, the peer's certificate). */
  knownCerts: CertInfo[];
}

export function emptyStore(knownCerts: CertInfo[] = []): TokenStore {
  return { secrets: new Map(), encryptedKeys: new Map(), knownCerts };
}

export interface SignatureResult {
  element: Element;
  checks: Check[];
  verification: SignatureVerification;
  /** Elements the signature covers (only when it verified); an STR-Transform reference covers the STR and its token. */
  covered: Element[];
  /** The key the signature was checked with (its certificate, RSA public key or secret), when one was found. */
  signingKey?: ResolvedKey | null;
}

/** Verifies one ds:Signature from the Security header against the token store. */
export async function processSignature(sig: Element, doc: Document, store: TokenStore): Promise<SignatureResult> {
  let signingKey: ResolvedKey | null = null;
  const verification = await verifySignature(sig, {
    resolveKey: async (keyInfo) => {
      const str = keyInfo ? childElements(keyInfo).find((c) => isStr(c)) : undefined;
      if (!str) {
        return { key: null, checks: [{ code: 'WSS_SIGNATURE_KEYINFO', status: 'fail', specRef: 'BSP 1.1 R5417', ...where(keyInfo ?? sig), message: 'expected ds:KeyInfo with a wsse:SecurityTokenReference, found none' }] };
      }
      const r = await resolveStr(str, { doc, knownCerts: store.knownCerts, encryptedKeys: store.encryptedKeys, secrets: store.secrets });
      signingKey = r.key;
      return r;
    },
    dereferenceStr,
  });
  const covered = verification.ok ? referencedElements(sig, { dereferenceStr }) : [];
  return { element: sig, checks: [...verification.checks, summary(sig, verification)], verification, covered, signingKey };
}

/** One info check carrying every value of the verification, for the canonical-bytes view. */
function summary(sig: Element, v: SignatureVerification): Check {
  const { path } = where(sig);
  return {
    code: 'WSS_SIGNATURE', status: 'info', specRef: 'WSS 1.1 §8', ...where(sig),
    message: `signature ${v.ok ? 'verified' : 'did not verify'}: ${v.references.length} reference(s), key ${v.key?.source ?? 'not found'}`,
    details: {
      signature: path, ok: v.ok, signatureAlgorithm: v.signatureAlgorithm, c14nAlgorithm: v.c14nAlgorithm,
      signedInfoCanonical: v.signedInfoCanonical, key: v.key, references: v.references.map((r) => ({ ...r })),
    },
  };
}
