import { describe, expect, it } from 'vitest';
import { ALGORITHM_SUITES } from '../../src/engine/policy/algorithm_suites.ts';

// Spot values from the WS-SecurityPolicy 1.3 §6.1 table.
describe('WS-SP algorithm suites as data', () => {
  it('has all sixteen suites', () => {
    expect(Object.keys(ALGORITHM_SUITES).sort()).toHaveLength(16);
  });
  it('Basic256: SHA-1, AES-256-CBC, KwAes256, RSA-OAEP, derived keys 256/192', () => {
    expect(ALGORITHM_SUITES.Basic256).toMatchObject({
      digest: 'http://www.w3.org/2000/09/xmldsig#sha1', encryption: 'http://www.w3.org/2001/04/xmlenc#aes256-cbc',
      symmetricKeyWrap: 'http://www.w3.org/2001/04/xmlenc#kw-aes256', asymmetricKeyWrap: 'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p',
      encryptionKeyDerivationBits: 256, signatureKeyDerivationBits: 192, minSymmetricKeyBits: 256, legacy: false,
    });
  });
  it('Basic128Rsa15 uses RSA PKCS#1 v1.5 key transport and is legacy', () => {
    expect(ALGORITHM_SUITES.Basic128Rsa15.asymmetricKeyWrap).toBe('http://www.w3.org/2001/04/xmlenc#rsa-1_5');
    expect(ALGORITHM_SUITES.Basic128Rsa15.legacy).toBe(true);
  });
  it('TripleDesSha256 digests with SHA-256 and encrypts with 3DES', () => {
    expect(ALGORITHM_SUITES.TripleDesSha256).toMatchObject({ digest: 'http://www.w3.org/2001/04/xmlenc#sha256', encryption: 'http://www.w3.org/2001/04/xmlenc#tripledes-cbc', legacy: true });
  });
});
