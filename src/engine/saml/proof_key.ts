// The holder-of-key ds:KeyInfo of a SubjectConfirmation (WSS SAML Token Profile 1.1 §3.5.1; SAML
// 1.1 Core §2.4.2.3; SAML 2.0 Core §2.4.1.3 KeyInfoConfirmationDataType): a symmetric proof key as
// an xenc:EncryptedKey (XML Encryption 1.0 §3.5.1) wrapped for the target service's certificate and
// naming it by a SecurityTokenReference — ThumbprintSHA1 by default, as seed 004's
// EncryptedKeyIdentifierClause with an X509ThumbprintKeyIdentifierClause — or an asymmetric proof
// key as the requester's certificate (ds:X509Data) or bare public key (ds:KeyValue/RSAKeyValue).

import { toBase64 } from '../crypto/encoding.ts';
import { rsaPublicNumbers, type RsaPublicKey } from '../crypto/keys.ts';
import type { RandomSource } from '../crypto/random.ts';
import type { CertInfo } from '../crypto/x509.ts';
import { UsageError } from '../report/errors.ts';
import { buildStr } from '../wss/security_token_reference.ts';
import { buildEncryptedKey } from '../xenc/encrypted_key.ts';
import type { ElSpec } from '../xml/dom.ts';
import { NS, URI } from '../xml/names.ts';

export type SymmetricProof = {
  kind: 'symmetric';
  /** The target service's certificate: the proof key is wrapped with its public key. */
  encryptedFor: CertInfo;
  key: Uint8Array;
  /** Key transport algorithm (default rsa-oaep-mgf1p, seed 004's RsaOaepKeyWrap). */
  keyWrap?: string;
  /** How the EncryptedKey names the service certificate (default thumbprint). */
  reference?: 'thumbprint' | 'ski' | 'issuerSerial';
};

export type AsymmetricProof = { kind: 'asymmetric'; cert?: CertInfo; publicKey?: RsaPublicKey };

export type ProofKeySpec = SymmetricProof | AsymmetricProof;

const ds = (local: string, rest: Omit<ElSpec, 'ns' | 'name'> = {}): ElSpec => ({ ns: NS.ds, name: `ds:${local}`, ...rest });

/** The xenc:EncryptedKey carrying a symmetric proof key (no Id: it is named by its place). */
async function encryptedProofKey(p: SymmetricProof, random: RandomSource): Promise<ElSpec> {
  if (p.key.length === 0) throw new UsageError('SAML_BAD_PROOF_KEY', 'expected a symmetric proof key of at least one byte but found an empty key');
  const ek = await buildEncryptedKey({
    algorithm: p.keyWrap ?? URI.rsaOaepMgf1p,
    kek: { kind: 'rsa-public', spki: p.encryptedFor.spki },
    key: p.key,
    keyInfo: buildStr({ kind: p.reference ?? 'thumbprint', cert: p.encryptedFor }),
    id: 'unused',
    random,
  });
  if (ek.attrs) delete ek.attrs['Id'];
  return ek;
}

/** ds:X509Data with the certificate, or ds:KeyValue/RSAKeyValue with the bare public key. */
function publicProofKey(p: AsymmetricProof): ElSpec {
  if (p.cert) return ds('X509Data', { children: [ds('X509Certificate', { text: toBase64(p.cert.der) })] });
  if (!p.publicKey) {
    throw new UsageError('SAML_BAD_PROOF_KEY', 'expected an asymmetric proof key as a certificate (cert) or a public key (publicKey) but found neither');
  }
  const { modulus, exponent } = rsaPublicNumbers(p.publicKey.spki);
  return ds('KeyValue', { children: [ds('RSAKeyValue', { children: [
    ds('Modulus', { text: toBase64(modulus) }), ds('Exponent', { text: toBase64(exponent) }),
  ] })] });
}

/** The holder-of-key ds:KeyInfo for a proof key. */
export async function proofKeyInfo(p: ProofKeySpec, random: RandomSource): Promise<ElSpec> {
  const inner = p.kind === 'symmetric' ? await encryptedProofKey(p, random) : publicProofKey(p);
  return ds('KeyInfo', { children: [inner] });
}
