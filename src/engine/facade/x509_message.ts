// An X.509-secured request outside a scenario, exactly as the x509-mutual client makes it: for
// the interop tests (WSS4J, xmlsec1 verify and decrypt it) and the command line.

import { seededRandom, systemRandom } from '../crypto/random.ts';
import { importPrivateKeyPem } from '../crypto/keys.ts';
import { parseCertificate } from '../crypto/x509.ts';
import { echoBody } from '../actors/client.ts';
import { buildX509Message } from '../actors/x509_messages.ts';
import { x509Token, type AlgorithmSuiteName, type SecurityModel, type X509Reference } from '../policy/model.ts';
import { NS } from '../xml/names.ts';

export interface X509MessageOptions {
  soap?: '1.1' | '1.2';
  clientKeyPem: string;
  clientCertPem: string;
  serviceCertPem: string;
  suite: AlgorithmSuiteName;
  order: 'SignBeforeEncrypting' | 'EncryptBeforeSigning';
  recipientReference?: Exclude<X509Reference, 'direct'>;
  encryptSignature?: boolean;
  /** Fixed randomness (nonces, keys, Ids) for a reproducible message. */
  seed?: number;
  now?: number;
}

export async function secureX509Message(o: X509MessageOptions): Promise<string> {
  const model: SecurityModel = {
    spVersion: '1.2', wss: '1.1', supporting: [], signatureConfirmation: true,
    signedParts: { body: true, headers: [{ namespace: NS.wsa2005 }] }, encryptedParts: { body: true, headers: [] },
    binding: {
      kind: 'AsymmetricBinding', algorithmSuite: o.suite, layout: 'Strict', includeTimestamp: true,
      initiatorToken: x509Token(), recipientToken: x509Token({ includeToken: 'Never', reference: o.recipientReference ?? 'thumbprint' }),
      protectionOrder: o.order, encryptSignature: o.encryptSignature ?? false, onlySignEntireHeadersAndBody: true,
    },
  };
  const [cert, recipient] = await Promise.all([parseCertificate(o.clientCertPem), parseCertificate(o.serviceCertPem)]);
  const m = await buildX509Message({
    soap: o.soap ?? '1.1', wsa: '2005/08', model, recipient,
    signer: { cert, key: importPrivateKeyPem(o.clientKeyPem) },
    addressing: { action: 'urn:wsbench:echo:Echo', to: 'http://service.wsbench.example/echo', replyTo: 'anonymous' },
    body: echoBody('e:Echo', 'Hello from wsbench'),
    random: o.seed !== undefined ? seededRandom(o.seed) : systemRandom(), now: o.now ?? Date.now(),
  });
  return m.wire;
}
