import { describe, expect, it } from 'vitest';
import * as names from '../../src/engine/xml/names.ts';
import {
  COOR_VERSIONS, INCLUDE_TOKEN, NS, SC_VERSIONS, SOAP_VERSIONS, TRUST_VERSIONS, URI, WSA_VERSIONS, WSAT_VERSIONS,
} from '../../src/engine/xml/names.ts';

/** Every string reachable from a value. */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (v && typeof v === 'object') return Object.values(v).flatMap(strings);
  return [];
}

describe('names: URIs as the specs print them', () => {
  it('namespaces (WSS 1.0/1.1, XML Signature/Encryption, SOAP, WS-Addressing)', () => {
    expect(NS.wsse).toBe('http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd');
    expect(NS.wsse11).toBe('http://docs.oasis-open.org/wss/oasis-wss-wssecurity-secext-1.1.xsd');
    expect(NS.wsu).toBe('http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd');
    expect(NS.ds).toBe('http://www.w3.org/2000/09/xmldsig#');
    expect(NS.xenc11).toBe('http://www.w3.org/2009/xmlenc11#');
    expect(NS.soap12).toBe('http://www.w3.org/2003/05/soap-envelope');
    expect(NS.sp12).toBe('http://docs.oasis-open.org/ws-sx/ws-securitypolicy/200702');
    expect(WSA_VERSIONS['2004/08'].anonymous).toBe('http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous');
    expect(WSA_VERSIONS['2005/08'].anonymous).toBe('http://www.w3.org/2005/08/addressing/anonymous');
    expect(WSA_VERSIONS['2004/08'].none).toBeUndefined();
  });

  it('token profiles and algorithms', () => {
    expect(URI.passwordDigest).toBe('http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest');
    expect(URI.base64Binary).toBe('http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary');
    expect(URI.thumbprintSha1).toBe('http://docs.oasis-open.org/wss/oasis-wss-soap-message-security-1.1#ThumbprintSHA1');
    expect(URI.samlV20TokenType).toBe('http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLV2.0');
    expect(URI.saml1HolderOfKey).toBe('urn:oasis:names:tc:SAML:1.0:cm:holder-of-key');
    expect(URI.rsaSha256).toBe('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    expect(URI.aes256Gcm).toBe('http://www.w3.org/2009/xmlenc11#aes256-gcm');
    expect(URI.rsaOaepMgf1p).toBe('http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p');
    expect(URI.strTransform).toBe('http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#STR-Transform');
    expect(INCLUDE_TOKEN.sp12.alwaysToRecipient).toBe('http://docs.oasis-open.org/ws-sx/ws-securitypolicy/200702/IncludeToken/AlwaysToRecipient');
  });

  it('WS-Trust, WS-SecureConversation, WS-Coordination and WS-AT version records (DESIGN.md §7)', () => {
    expect(TRUST_VERSIONS.feb2005.actions.sctAmend).toBe('http://schemas.xmlsoap.org/ws/2005/02/trust/RST/SCT/Amend');
    expect(TRUST_VERSIONS['1.3'].actions.issueFinal).toBe('http://docs.oasis-open.org/ws-sx/ws-trust/200512/RSTRC/IssueFinal');
    expect(TRUST_VERSIONS.feb2005.actions.issueFinal).toBeUndefined();
    expect(TRUST_VERSIONS['1.3'].computedKeyPsha1).toBe('http://docs.oasis-open.org/ws-sx/ws-trust/200512/CK/PSHA1');
    expect(TRUST_VERSIONS.feb2005.keyTypes.symmetricKey).toBe('http://schemas.xmlsoap.org/ws/2005/02/trust/SymmetricKey');
    expect(SC_VERSIONS['2005/02'].sctTokenType).toBe('http://schemas.xmlsoap.org/ws/2005/02/sc/sct');
    expect(SC_VERSIONS['1.3'].psha1).toBe('http://docs.oasis-open.org/ws-sx/ws-secureconversation/200512/dk/p_sha1');
    expect(SC_VERSIONS['1.3'].defaultLabel).toBe('WS-SecureConversationWS-SecureConversation');
    expect(COOR_VERSIONS['1.1'].actions.register).toBe('http://docs.oasis-open.org/ws-tx/wscoor/2006/06/Register');
    expect(COOR_VERSIONS['1.0'].actions.createCoordinationContext).toBe('http://schemas.xmlsoap.org/ws/2004/10/wscoor/CreateCoordinationContext');
    expect(WSAT_VERSIONS['1.0'].actions.replay).toBe('http://schemas.xmlsoap.org/ws/2004/10/wsat/Replay');
    expect(WSAT_VERSIONS['1.1'].actions.replay).toBeUndefined();
    expect(WSAT_VERSIONS['1.1'].protocols.durable2pc).toBe('http://docs.oasis-open.org/ws-tx/wsat/2006/06/Durable2PC');
    expect(SOAP_VERSIONS['1.2'].faultCodes.sender).toBe('Sender');
    expect(SOAP_VERSIONS['1.1'].contentType).toMatch(/^text\/xml/);
  });

  it('pairs each WS-AT version with its WS-Coordination and WS-Addressing versions (R1001, R1002)', () => {
    expect(COOR_VERSIONS[WSAT_VERSIONS['1.0'].coor].wsa).toBe('2004/08');
    expect(COOR_VERSIONS[WSAT_VERSIONS['1.1'].coor].wsa).toBe('2005/08');
    expect(SC_VERSIONS['1.3'].trust).toBe('1.3');
  });

  it('uses http:// everywhere (the seeds print some URIs with https://)', () => {
    const all = Object.values(names).flatMap(strings);
    expect(all.length).toBeGreaterThan(200);
    expect(all.filter((s) => s.startsWith('https://'))).toEqual([]);
  });

  it('has no two actions of one version alike', () => {
    for (const v of [...Object.values(TRUST_VERSIONS), ...Object.values(COOR_VERSIONS), ...Object.values(WSAT_VERSIONS)]) {
      const actions = strings(v.actions);
      expect(new Set(actions).size).toBe(actions.length);
    }
  });
});
