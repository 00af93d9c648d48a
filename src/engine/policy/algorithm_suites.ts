// WS-SecurityPolicy 1.3 §6.1 [Algorithm Suite]: each suite names the digest, the data encryption,
// the symmetric and asymmetric key wrap, the key-derivation lengths and the minimum key length.
// As data, so that securing a message and checking one read the same table.
//
// WS-SP names RsaSha1 / HmacSha1 as [Asymmetric|Symmetric Signature] for every suite; WCF and
// WSS4J sign with RSA-SHA256 / HMAC-SHA256 under the *Sha256 suites, and so does wsbench.

import { URI } from '../xml/names.ts';
import type { AlgorithmSuiteName } from './model.ts';

export interface AlgorithmSuite {
  name: AlgorithmSuiteName;
  digest: string;
  encryption: string;
  symmetricKeyWrap: string;
  asymmetricKeyWrap: string;
  asymmetricSignature: string;
  symmetricSignature: string;
  c14n: string;
  /** Bits of a key derived (P_SHA1) for encryption / for signature. */
  encryptionKeyDerivationBits: number;
  signatureKeyDerivationBits: number;
  minSymmetricKeyBits: number;
  /** True for the suites that rely on RSA PKCS#1 v1.5 key transport or 3DES: legacy. */
  legacy: boolean;
}

type Cipher = 'Aes256' | 'Aes192' | 'Aes128' | 'TripleDes';

const CIPHERS: Record<Cipher, { enc: string; kw: string; bits: number; encKd: number; sigKd: number }> = {
  Aes256: { enc: URI.aes256Cbc, kw: URI.kwAes256, bits: 256, encKd: 256, sigKd: 192 },
  Aes192: { enc: URI.aes192Cbc, kw: URI.kwAes192, bits: 192, encKd: 192, sigKd: 192 },
  Aes128: { enc: URI.aes128Cbc, kw: URI.kwAes128, bits: 128, encKd: 128, sigKd: 128 },
  TripleDes: { enc: URI.tripledesCbc, kw: URI.kwTripledes, bits: 192, encKd: 192, sigKd: 192 },
};

function suite(name: AlgorithmSuiteName, cipher: Cipher, sha256: boolean, rsa15: boolean): AlgorithmSuite {
  const c = CIPHERS[cipher];
  return {
    name,
    digest: sha256 ? URI.sha256 : URI.sha1,
    encryption: c.enc,
    symmetricKeyWrap: c.kw,
    asymmetricKeyWrap: rsa15 ? URI.rsa15 : URI.rsaOaepMgf1p,
    asymmetricSignature: sha256 ? URI.rsaSha256 : URI.rsaSha1,
    symmetricSignature: sha256 ? URI.hmacSha256 : URI.hmacSha1,
    c14n: URI.excC14n,
    encryptionKeyDerivationBits: c.encKd,
    signatureKeyDerivationBits: c.sigKd,
    minSymmetricKeyBits: c.bits,
    legacy: rsa15 || cipher === 'TripleDes',
  };
}

const BASES: Array<[string, Cipher]> = [['Basic256', 'Aes256'], ['Basic192', 'Aes192'], ['Basic128', 'Aes128'], ['TripleDes', 'TripleDes']];

/** All sixteen suites of WS-SP 1.3 §6.1 (the base forms, Rsa15, Sha256 and Sha256Rsa15). */
export const ALGORITHM_SUITES: Record<AlgorithmSuiteName, AlgorithmSuite> = Object.fromEntries(
  BASES.flatMap(([base, cipher]) =>
    ([['', false, false], ['Rsa15', false, true], ['Sha256', true, false], ['Sha256Rsa15', true, true]] as const).map(([suffix, sha256, rsa15]) => {
      const name = `${base}${suffix}` as AlgorithmSuiteName;
      return [name, suite(name, cipher, sha256, rsa15)];
    }),
  ),
) as Record<AlgorithmSuiteName, AlgorithmSuite>;

export function algorithmSuite(name: AlgorithmSuiteName): AlgorithmSuite {
  return ALGORITHM_SUITES[name];
}
