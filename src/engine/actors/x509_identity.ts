// An actor's X.509 identity as plain JSON (PEM text), turned into keys and certificates when a
// message is built or read. Kept as PEM so a whole workspace can be saved and shared.

import { importPrivateKeyPem, type RsaPrivateKey } from '../crypto/keys.ts';
import { parseCertificate, type CertInfo } from '../crypto/x509.ts';

export interface X509IdentityState {
  certPem: string;
  keyPem: string;
  /** The peer's certificate (the service's, for a client; unused by a service that reads BSTs). */
  peerCertPem?: string;
  /** The CA that issued the peers' certificates. */
  caPem: string;
}

export interface X509Identity {
  cert: CertInfo;
  key: RsaPrivateKey;
  peer?: CertInfo;
  ca: CertInfo;
}

export async function loadIdentity(s: X509IdentityState): Promise<X509Identity> {
  const [cert, ca, peer] = await Promise.all([parseCertificate(s.certPem), parseCertificate(s.caPem), s.peerCertPem ? parseCertificate(s.peerCertPem) : Promise.resolve(undefined)]);
  return { cert, key: importPrivateKeyPem(s.keyPem), ca, ...(peer ? { peer } : {}) };
}
