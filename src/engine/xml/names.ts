// Namespace, action and identifier URIs of every spec wsbench speaks, in one place (DESIGN.md §7).
// Versions are data (DESIGN.md decision 6): each versioned spec is a record keyed by its version,
// and code is handed the record instead of branching on a version string.
// Every URI uses http:// as published; the seeds print some with https://, which no peer accepts.

/** Namespace URIs. */
export const NS = {
  soap11: 'http://schemas.xmlsoap.org/soap/envelope/',
  soap12: 'http://www.w3.org/2003/05/soap-envelope',
  wsa2004: 'http://schemas.xmlsoap.org/ws/2004/08/addressing',
  wsa2005: 'http://www.w3.org/2005/08/addressing',
  wsam: 'http://www.w3.org/2007/05/addressing/metadata',
  wsaw: 'http://www.w3.org/2006/05/addressing/wsdl',
  wsse: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd',
  wsse11: 'http://docs.oasis-open.org/wss/oasis-wss-wssecurity-secext-1.1.xsd',
  wsu: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
  dsig11: 'http://www.w3.org/2009/xmldsig11#',
  xenc: 'http://www.w3.org/2001/04/xmlenc#',
  xenc11: 'http://www.w3.org/2009/xmlenc11#',
  ec: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  sp11: 'http://schemas.xmlsoap.org/ws/2005/07/securitypolicy',
  sp12: 'http://docs.oasis-open.org/ws-sx/ws-securitypolicy/200702',
  sp13: 'http://docs.oasis-open.org/ws-sx/ws-securitypolicy/200802',
  wsp12: 'http://schemas.xmlsoap.org/ws/2004/09/policy',
  wsp15: 'http://www.w3.org/ns/ws-policy',
  saml11: 'urn:oasis:names:tc:SAML:1.0:assertion',
  saml11p: 'urn:oasis:names:tc:SAML:1.0:protocol',
  saml2: 'urn:oasis:names:tc:SAML:2.0:assertion',
  saml2p: 'urn:oasis:names:tc:SAML:2.0:protocol',
  trust2005: 'http://schemas.xmlsoap.org/ws/2005/02/trust',
  trust13: 'http://docs.oasis-open.org/ws-sx/ws-trust/200512',
  trust14: 'http://docs.oasis-open.org/ws-sx/ws-trust/200802',
  sc2005: 'http://schemas.xmlsoap.org/ws/2005/02/sc',
  sc13: 'http://docs.oasis-open.org/ws-sx/ws-secureconversation/200512',
  coor10: 'http://schemas.xmlsoap.org/ws/2004/10/wscoor',
  coor11: 'http://docs.oasis-open.org/ws-tx/wscoor/2006/06',
  wsat10: 'http://schemas.xmlsoap.org/ws/2004/10/wsat',
  wsat11: 'http://docs.oasis-open.org/ws-tx/wsat/2006/06',
  /** wsbench's own wsa:ReferenceParameters for WS-AT correlation (B1131, B1241); not a spec namespace. */
  wsbenchTx: 'urn:wsbench:tx',
  wsdl: 'http://schemas.xmlsoap.org/wsdl/',
  xsd: 'http://www.w3.org/2001/XMLSchema',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  xml: 'http://www.w3.org/XML/1998/namespace',
  xmlns: 'http://www.w3.org/2000/xmlns/',
} as const;

const WSS10 = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-';
const WSS11 = 'http://docs.oasis-open.org/wss/oasis-wss-';
const DS = NS.ds;
const DSMORE = 'http://www.w3.org/2001/04/xmldsig-more#';
const XENC = NS.xenc;
const XENC11 = NS.xenc11;

/** Token types, value types, confirmation methods and algorithm identifiers. */
export const URI = {
  // WSS UsernameToken Profile 1.0/1.1
  passwordText: `${WSS10}username-token-profile-1.0#PasswordText`,
  passwordDigest: `${WSS10}username-token-profile-1.0#PasswordDigest`,
  usernameTokenType: `${WSS10}username-token-profile-1.0#UsernameToken`,
  // WSS SOAP Message Security 1.0/1.1
  base64Binary: `${WSS10}soap-message-security-1.0#Base64Binary`,
  hexBinary: `${WSS10}soap-message-security-1.0#HexBinary`,
  strTransform: `${WSS10}soap-message-security-1.0#STR-Transform`,
  thumbprintSha1: `${WSS11}soap-message-security-1.1#ThumbprintSHA1`,
  encryptedKeySha1: `${WSS11}soap-message-security-1.1#EncryptedKeySHA1`,
  encryptedKeyTokenType: `${WSS11}soap-message-security-1.1#EncryptedKey`,
  // WSS X.509 Token Profile 1.0/1.1
  x509v3: `${WSS10}x509-token-profile-1.0#X509v3`,
  x509PkiPathV1: `${WSS10}x509-token-profile-1.0#X509PKIPathv1`,
  x509Pkcs7: `${WSS10}x509-token-profile-1.0#PKCS7`,
  x509Ski: `${WSS10}x509-token-profile-1.0#X509SubjectKeyIdentifier`,
  // WSS SAML Token Profile 1.1
  samlV11TokenType: `${WSS11}saml-token-profile-1.1#SAMLV1.1`,
  samlV20TokenType: `${WSS11}saml-token-profile-1.1#SAMLV2.0`,
  samlAssertionIdValueType: `${WSS11}saml-token-profile-1.0#SAMLAssertionID`,
  samlIdValueType: `${WSS11}saml-token-profile-1.1#SAMLID`,
  // SAML confirmation methods (SAML 1.1 core §5.1, SAML 2.0 profiles §3)
  saml1Bearer: 'urn:oasis:names:tc:SAML:1.0:cm:bearer',
  saml1HolderOfKey: 'urn:oasis:names:tc:SAML:1.0:cm:holder-of-key',
  saml1SenderVouches: 'urn:oasis:names:tc:SAML:1.0:cm:sender-vouches',
  saml2Bearer: 'urn:oasis:names:tc:SAML:2.0:cm:bearer',
  saml2HolderOfKey: 'urn:oasis:names:tc:SAML:2.0:cm:holder-of-key',
  saml2SenderVouches: 'urn:oasis:names:tc:SAML:2.0:cm:sender-vouches',
  // Oracle's proprietary WS-Trust KeyType asking for a SAML sender-vouches token (seed 001 table 3-3;
  // the URI WebLogic's SAMLTrustCredentialProvider sends)
  oracleSenderVouchesKeyType: 'http://schemas.oracle.com/ws/2010/03/securitypolicy/ws-sx/ws-trust/SenderVouches',
  // Digests
  sha1: `${DS}sha1`,
  sha256: `${XENC}sha256`,
  sha384: `${DSMORE}sha384`,
  sha512: `${XENC}sha512`,
  // Signatures and MACs
  rsaSha1: `${DS}rsa-sha1`,
  rsaSha256: `${DSMORE}rsa-sha256`,
  rsaSha384: `${DSMORE}rsa-sha384`,
  rsaSha512: `${DSMORE}rsa-sha512`,
  hmacSha1: `${DS}hmac-sha1`,
  hmacSha256: `${DSMORE}hmac-sha256`,
  hmacSha384: `${DSMORE}hmac-sha384`,
  hmacSha512: `${DSMORE}hmac-sha512`,
  // Block encryption
  aes128Cbc: `${XENC}aes128-cbc`,
  aes192Cbc: `${XENC}aes192-cbc`,
  aes256Cbc: `${XENC}aes256-cbc`,
  aes128Gcm: `${XENC11}aes128-gcm`,
  aes192Gcm: `${XENC11}aes192-gcm`,
  aes256Gcm: `${XENC11}aes256-gcm`,
  tripledesCbc: `${XENC}tripledes-cbc`,
  // Key transport and key wrap
  rsaOaepMgf1p: `${XENC}rsa-oaep-mgf1p`,
  rsaOaep: `${XENC11}rsa-oaep`,
  rsa15: `${XENC}rsa-1_5`,
  mgf1Sha1: `${XENC11}mgf1sha1`,
  mgf1Sha256: `${XENC11}mgf1sha256`,
  kwAes128: `${XENC}kw-aes128`,
  kwAes192: `${XENC}kw-aes192`,
  kwAes256: `${XENC}kw-aes256`,
  kwTripledes: `${XENC}kw-tripledes`,
  // Canonicalization and transforms
  excC14n: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  excC14nWithComments: 'http://www.w3.org/2001/10/xml-exc-c14n#WithComments',
  c14n: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  c14nWithComments: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments',
  c14n11: 'http://www.w3.org/2006/12/xml-c14n11',
  envelopedSignature: `${DS}enveloped-signature`,
  base64Transform: `${DS}base64`,
  xpath: 'http://www.w3.org/TR/1999/REC-xpath-19991116',
  xpathFilter2: 'http://www.w3.org/2002/06/xmldsig-filter2',
  // XML Encryption types
  xencElement: `${XENC}Element`,
  xencContent: `${XENC}Content`,
} as const;

const SP11_INCLUDE = `${NS.sp11}/IncludeToken/`;
const SP12_INCLUDE = `${NS.sp12}/IncludeToken/`;

/**
 * sp:IncludeToken values. SP 1.3 keeps the 200702 values. AlwaysToInitiator first appears in
 * SP 1.2; the 2005/07 form is what WCF emits for SP 1.1 policies.
 */
export const INCLUDE_TOKEN = {
  sp11: {
    never: `${SP11_INCLUDE}Never`,
    once: `${SP11_INCLUDE}Once`,
    alwaysToRecipient: `${SP11_INCLUDE}AlwaysToRecipient`,
    alwaysToInitiator: `${SP11_INCLUDE}AlwaysToInitiator`,
    always: `${SP11_INCLUDE}Always`,
  },
  sp12: {
    never: `${SP12_INCLUDE}Never`,
    once: `${SP12_INCLUDE}Once`,
    alwaysToRecipient: `${SP12_INCLUDE}AlwaysToRecipient`,
    alwaysToInitiator: `${SP12_INCLUDE}AlwaysToInitiator`,
    always: `${SP12_INCLUDE}Always`,
  },
} as const;

/** SOAP 1.1 (W3C Note) and SOAP 1.2 (W3C Recommendation) envelope versions. */
export interface SoapVersion {
  version: '1.1' | '1.2';
  ns: string;
  contentType: string;
  /** Local names of the fault codes, in the envelope namespace. */
  faultCodes: { versionMismatch: string; mustUnderstand: string; sender: string; receiver: string; dataEncodingUnknown?: string };
  /** The role (1.2) or actor (1.1) URI meaning "the next SOAP node". */
  nextRole: string;
  /** Attribute naming the intended node: `actor` in 1.1, `role` in 1.2. */
  roleAttribute: 'actor' | 'role';
}

export const SOAP_VERSIONS: Record<'1.1' | '1.2', SoapVersion> = {
  '1.1': {
    version: '1.1',
    ns: NS.soap11,
    contentType: 'text/xml; charset=utf-8',
    faultCodes: { versionMismatch: 'VersionMismatch', mustUnderstand: 'MustUnderstand', sender: 'Client', receiver: 'Server' },
    nextRole: 'http://schemas.xmlsoap.org/soap/actor/next',
    roleAttribute: 'actor',
  },
  '1.2': {
    version: '1.2',
    ns: NS.soap12,
    contentType: 'application/soap+xml; charset=utf-8',
    faultCodes: {
      versionMismatch: 'VersionMismatch', mustUnderstand: 'MustUnderstand', sender: 'Sender', receiver: 'Receiver',
      dataEncodingUnknown: 'DataEncodingUnknown',
    },
    nextRole: `${NS.soap12}/role/next`,
    roleAttribute: 'role',
  },
};

/** WS-Addressing member submission (2004/08) and W3C Recommendation (2005/08). */
export interface WsaVersion {
  version: '2004/08' | '2005/08';
  ns: string;
  anonymous: string;
  /** 2005/08 only: the address that discards messages. */
  none?: string;
  faultAction: string;
  /** RelatesTo RelationshipType for replies (the default). */
  reply: string;
}

export const WSA_VERSIONS: Record<'2004/08' | '2005/08', WsaVersion> = {
  '2004/08': {
    version: '2004/08',
    ns: NS.wsa2004,
    anonymous: `${NS.wsa2004}/role/anonymous`,
    faultAction: `${NS.wsa2004}/fault`,
    reply: `${NS.wsa2004}/reply`,
  },
  '2005/08': {
    version: '2005/08',
    ns: NS.wsa2005,
    anonymous: `${NS.wsa2005}/anonymous`,
    none: `${NS.wsa2005}/none`,
    faultAction: `${NS.wsa2005}/fault`,
    reply: `${NS.wsa2005}/reply`,
  },
};

/** WS-Trust actions (WS-Trust Feb2005 §§4–8, WS-Trust 1.3 Appendix II; SCT ones from WS-SC). */
export interface TrustActions {
  issue: string; issueResponse: string; renew: string; renewResponse: string;
  cancel: string; cancelResponse: string; validate: string; validateResponse: string;
  sct: string; sctResponse: string; sctAmend: string; sctAmendResponse: string;
  sctRenew: string; sctRenewResponse: string; sctCancel: string; sctCancelResponse: string;
  /** WS-Trust 1.3 final responses (RSTRC/IssueFinal and RSTR/…Final). */
  issueFinal?: string; renewFinal?: string; cancelFinal?: string; validateFinal?: string;
  /** The RSTR/Status token type returned by Validate. */
  status: string;
}

/** WS-Trust Feb2005 (member submission) and WS-Trust 1.3 (OASIS). */
export interface TrustVersion {
  version: 'feb2005' | '1.3';
  ns: string;
  actions: TrustActions;
  requestTypes: { issue: string; renew: string; cancel: string; validate: string };
  /** KeyType values. Feb2005 has no Bearer; WCF and OpenSSO send the Identity NoProofKey URI. */
  keyTypes: { publicKey: string; symmetricKey: string; bearer: string };
  /** BinarySecret Type values. */
  binarySecretTypes: { asymmetricKey: string; symmetricKey: string; nonce: string };
  computedKeyPsha1: string;
  /** Validate status codes. */
  statusCodes: { valid: string; invalid: string };
  /** Fault subcodes (local names in the trust namespace), WS-Trust §11. */
  faults: readonly string[];
}

function trustActions(ns: string, finals: boolean): TrustActions {
  const a: TrustActions = {
    issue: `${ns}/RST/Issue`, issueResponse: `${ns}/RSTR/Issue`,
    renew: `${ns}/RST/Renew`, renewResponse: `${ns}/RSTR/Renew`,
    cancel: `${ns}/RST/Cancel`, cancelResponse: `${ns}/RSTR/Cancel`,
    validate: `${ns}/RST/Validate`, validateResponse: `${ns}/RSTR/Validate`,
    sct: `${ns}/RST/SCT`, sctResponse: `${ns}/RSTR/SCT`,
    sctAmend: `${ns}/RST/SCT/Amend`, sctAmendResponse: `${ns}/RSTR/SCT/Amend`,
    sctRenew: `${ns}/RST/SCT/Renew`, sctRenewResponse: `${ns}/RSTR/SCT/Renew`,
    sctCancel: `${ns}/RST/SCT/Cancel`, sctCancelResponse: `${ns}/RSTR/SCT/Cancel`,
    status: `${ns}/RSTR/Status`,
  };
  if (!finals) return a;
  return {
    ...a,
    issueFinal: `${ns}/RSTRC/IssueFinal`, renewFinal: `${ns}/RSTR/RenewFinal`,
    cancelFinal: `${ns}/RSTR/CancelFinal`, validateFinal: `${ns}/RSTR/ValidateFinal`,
  };
}

const TRUST_FAULTS = [
  'InvalidRequest', 'FailedAuthentication', 'RequestFailed', 'InvalidSecurityToken', 'AuthenticationBadElements',
  'BadRequest', 'ExpiredData', 'InvalidTimeRange', 'InvalidScope', 'RenewNeeded', 'UnableToRenew',
] as const;

function trustVersion(version: TrustVersion['version'], ns: string, bearer: string): TrustVersion {
  return {
    version,
    ns,
    actions: trustActions(ns, version === '1.3'),
    requestTypes: { issue: `${ns}/Issue`, renew: `${ns}/Renew`, cancel: `${ns}/Cancel`, validate: `${ns}/Validate` },
    keyTypes: { publicKey: `${ns}/PublicKey`, symmetricKey: `${ns}/SymmetricKey`, bearer },
    binarySecretTypes: { asymmetricKey: `${ns}/AsymmetricKey`, symmetricKey: `${ns}/SymmetricKey`, nonce: `${ns}/Nonce` },
    computedKeyPsha1: `${ns}/CK/PSHA1`,
    statusCodes: { valid: `${ns}/status/valid`, invalid: `${ns}/status/invalid` },
    faults: TRUST_FAULTS,
  };
}

export const TRUST_VERSIONS: Record<'feb2005' | '1.3', TrustVersion> = {
  feb2005: trustVersion('feb2005', NS.trust2005, 'http://schemas.xmlsoap.org/ws/2005/05/identity/NoProofKey'),
  '1.3': trustVersion('1.3', NS.trust13, `${NS.trust13}/Bearer`),
};

/** WS-SecureConversation 2005/02 (with Trust Feb2005) and 1.3 (with Trust 1.3). */
export interface ScVersion {
  version: '2005/02' | '1.3';
  ns: string;
  /** The WS-Trust version whose actions carry SCT requests. */
  trust: 'feb2005' | '1.3';
  sctTokenType: string;
  dkTokenType: string;
  psha1: string;
  /** Label used when a DerivedKeyToken has none (WS-SC §7). */
  defaultLabel: 'WS-SecureConversationWS-SecureConversation';
  /** Fault subcodes (local names in the SC namespace), WS-SC §8. */
  faults: readonly string[];
}

function scVersion(version: ScVersion['version'], ns: string, trust: ScVersion['trust']): ScVersion {
  return {
    version, ns, trust,
    sctTokenType: `${ns}/sct`,
    dkTokenType: `${ns}/dk`,
    psha1: `${ns}/dk/p_sha1`,
    defaultLabel: 'WS-SecureConversationWS-SecureConversation',
    faults: ['BadContextToken', 'UnsupportedContextToken', 'UnknownDerivationSource', 'RenewNeeded', 'UnableToRenew'],
  };
}

export const SC_VERSIONS: Record<'2005/02' | '1.3', ScVersion> = {
  '2005/02': scVersion('2005/02', NS.sc2005, 'feb2005'),
  '1.3': scVersion('1.3', NS.sc13, '1.3'),
};

/** WS-Coordination 1.0 (member submission, 2004/10) and 1.1 (OASIS, 2006/06). */
export interface CoorVersion {
  version: '1.0' | '1.1';
  ns: string;
  /** The WS-Addressing version each is bound to (WS-AT interop R1001/R1002). */
  wsa: '2004/08' | '2005/08';
  actions: {
    createCoordinationContext: string; createCoordinationContextResponse: string;
    register: string; registerResponse: string; fault: string;
  };
  /** Fault subcodes (local names in the coordination namespace). */
  faults: readonly string[];
}

function coorActions(ns: string): CoorVersion['actions'] {
  return {
    createCoordinationContext: `${ns}/CreateCoordinationContext`,
    createCoordinationContextResponse: `${ns}/CreateCoordinationContextResponse`,
    register: `${ns}/Register`,
    registerResponse: `${ns}/RegisterResponse`,
    fault: `${ns}/fault`,
  };
}

export const COOR_VERSIONS: Record<'1.0' | '1.1', CoorVersion> = {
  '1.0': {
    version: '1.0', ns: NS.coor10, wsa: '2004/08', actions: coorActions(NS.coor10),
    faults: ['InvalidState', 'InvalidProtocol', 'InvalidParameters', 'NoActivity', 'ContextRefused', 'AlreadyRegistered'],
  },
  '1.1': {
    version: '1.1', ns: NS.coor11, wsa: '2005/08', actions: coorActions(NS.coor11),
    faults: ['InvalidState', 'InvalidProtocol', 'InvalidParameters', 'CannotCreateContext', 'CannotRegisterParticipant'],
  },
};

/** WS-AtomicTransaction 1.0 (2004/10) and 1.1 (OASIS, 2006/06); the coordination type is `ns`. */
export interface WsatVersion {
  version: '1.0' | '1.1';
  ns: string;
  coor: '1.0' | '1.1';
  protocols: { completion: string; durable2pc: string; volatile2pc: string };
  actions: {
    commit: string; rollback: string; committed: string; aborted: string;
    prepare: string; prepared: string; readOnly: string; fault: string;
    /** 1.0 only: a participant asks the coordinator to replay the outcome. */
    replay?: string;
  };
  faults: readonly string[];
}

function wsatVersion(version: WsatVersion['version'], ns: string): WsatVersion {
  const actions: WsatVersion['actions'] = {
    commit: `${ns}/Commit`, rollback: `${ns}/Rollback`, committed: `${ns}/Committed`, aborted: `${ns}/Aborted`,
    prepare: `${ns}/Prepare`, prepared: `${ns}/Prepared`, readOnly: `${ns}/ReadOnly`, fault: `${ns}/fault`,
  };
  if (version === '1.0') actions.replay = `${ns}/Replay`;
  return {
    version, ns, coor: version,
    protocols: { completion: `${ns}/Completion`, durable2pc: `${ns}/Durable2PC`, volatile2pc: `${ns}/Volatile2PC` },
    actions,
    faults: version === '1.0' ? ['InconsistentInternalState'] : ['InconsistentInternalState', 'UnknownTransaction'],
  };
}

export const WSAT_VERSIONS: Record<'1.0' | '1.1', WsatVersion> = {
  '1.0': wsatVersion('1.0', NS.wsat10),
  '1.1': wsatVersion('1.1', NS.wsat11),
};
