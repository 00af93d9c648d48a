// SAML 1.1 (OASIS SAML 1.1 Assertions and Protocol, "SAML 1.1 Core") and SAML 2.0 (OASIS SAML 2.0
// Core) as data (DESIGN.md decision 6): what differs between the two versions of an assertion —
// namespace, Id attribute, where the issuer and the signature go, confirmation method URIs, WSS
// token types — is read from one record, so builders and checks never branch on a version string.

import { NS, URI } from '../xml/names.ts';

export type SamlVersionName = '1.1' | '2.0';
export type ConfirmationMethod = 'bearer' | 'holder-of-key' | 'sender-vouches';

export interface SamlVersion {
  version: SamlVersionName;
  ns: string;
  /** Prefix the builder writes. */
  prefix: 'saml' | 'saml2';
  /** The assertion's Id attribute (schema type ID). */
  idAttribute: 'AssertionID' | 'ID';
  /** Confirmation method URIs (SAML 1.1 Bindings §5 / SAML 2.0 Profiles §3; WSS SAML Token Profile 1.1 §3.5). */
  confirmation: Record<ConfirmationMethod, string>;
  /** WSS SAML Token Profile 1.1 token type and KeyIdentifier ValueType. */
  tokenType: string;
  keyIdentifierValueType: string;
  /** Authentication method (1.1) or AuthnContextClassRef (2.0) used when none is given. */
  unspecifiedAuthn: string;
  /** Spec references for the checks. */
  spec: {
    assertion: string; issuer: string; conditions: string; validity: string; audience: string;
    subject: string; confirmation: string; confirmationData: string; signature: string;
    signatureReference: string; signatureTransforms: string; keyInfo: string;
  };
}

export const SAML_VERSIONS: Record<SamlVersionName, SamlVersion> = {
  '1.1': {
    version: '1.1',
    ns: NS.saml11,
    prefix: 'saml',
    idAttribute: 'AssertionID',
    confirmation: { bearer: URI.saml1Bearer, 'holder-of-key': URI.saml1HolderOfKey, 'sender-vouches': URI.saml1SenderVouches },
    tokenType: URI.samlV11TokenType,
    keyIdentifierValueType: URI.samlAssertionIdValueType,
    unspecifiedAuthn: 'urn:oasis:names:tc:SAML:1.0:am:unspecified',
    spec: {
      assertion: 'SAML 1.1 Core §2.3.2',
      issuer: 'SAML 1.1 Core §2.3.2 (Issuer attribute)',
      conditions: 'SAML 1.1 Core §2.3.2.1',
      validity: 'SAML 1.1 Core §2.3.2.1 (NotBefore, NotOnOrAfter)',
      audience: 'SAML 1.1 Core §2.3.2.1.2',
      subject: 'SAML 1.1 Core §2.4.2.1',
      confirmation: 'SAML 1.1 Core §2.4.2.3; WSS SAML Token Profile 1.1 §3.5',
      confirmationData: 'SAML 1.1 Core §2.4.2.3',
      signature: 'SAML 1.1 Core §5; §2.3.2 (ds:Signature is the last child)',
      signatureReference: 'SAML 1.1 Core §5.4.2',
      signatureTransforms: 'SAML 1.1 Core §5.4.4',
      keyInfo: 'SAML 1.1 Core §2.4.2.3 (ds:KeyInfo); WSS SAML Token Profile 1.1 §3.5.1',
    },
  },
  '2.0': {
    version: '2.0',
    ns: NS.saml2,
    prefix: 'saml2',
    idAttribute: 'ID',
    confirmation: { bearer: URI.saml2Bearer, 'holder-of-key': URI.saml2HolderOfKey, 'sender-vouches': URI.saml2SenderVouches },
    tokenType: URI.samlV20TokenType,
    keyIdentifierValueType: URI.samlIdValueType,
    unspecifiedAuthn: 'urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified',
    spec: {
      assertion: 'SAML 2.0 Core §2.3.3',
      issuer: 'SAML 2.0 Core §2.2.5',
      conditions: 'SAML 2.0 Core §2.5.1',
      validity: 'SAML 2.0 Core §2.5.1.2',
      audience: 'SAML 2.0 Core §2.5.1.4',
      subject: 'SAML 2.0 Core §2.4.1',
      confirmation: 'SAML 2.0 Core §2.4.1.1; SAML 2.0 Profiles §3; WSS SAML Token Profile 1.1 §3.5',
      confirmationData: 'SAML 2.0 Core §2.4.1.2',
      signature: 'SAML 2.0 Core §5; §2.3.3 (ds:Signature follows Issuer)',
      signatureReference: 'SAML 2.0 Core §5.4.2',
      signatureTransforms: 'SAML 2.0 Core §5.4.4',
      keyInfo: 'SAML 2.0 Core §2.4.1.3 (KeyInfoConfirmationDataType); WSS SAML Token Profile 1.1 §3.5.1',
    },
  },
};

/** The version record of an element in a SAML assertion namespace, or null. */
export function samlVersionOfNs(ns: string | null | undefined): SamlVersion | null {
  if (ns === NS.saml11) return SAML_VERSIONS['1.1'];
  if (ns === NS.saml2) return SAML_VERSIONS['2.0'];
  return null;
}

/** `prefix:local` in the version's prefix. */
export function samlName(v: SamlVersion, local: string): string {
  return `${v.prefix}:${local}`;
}
