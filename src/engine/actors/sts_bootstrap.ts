// The STS's bootstrap policies (seed 001 table 3-3's "message-level security binding" × "web
// service client token"; seed 004's UsernameToken over HTTPS) and how the STS authenticates an
// RST under them: the TransportBinding (simulated HTTPS) with a signed UsernameToken or an
// endorsing X.509 signature over the Timestamp; the AsymmetricBinding (the client's X.509 key signs
// the Timestamp, addressing headers and Body; the Body is encrypted for the STS's certificate),
// alone or with a signed and encrypted UsernameToken naming the requester.

import type { CertInfo } from '../crypto/x509.ts';
import type { Check } from '../report/index.ts';
import { transportBinding, usernameToken, x509Token, type SecurityModel } from '../policy/model.ts';
import type { EnvelopeParts } from '../soap/envelope.ts';
import type { Requester } from '../trust/sts_decisions.ts';
import type { RequestSigner } from '../trust/use_key.ts';
import { processSecurity } from '../wss/inbound.ts';
import { NS } from '../xml/names.ts';
import { loadIdentity, type X509IdentityState } from './x509_identity.ts';
import { trustChecks } from './x509_messages.ts';

export type StsBinding = 'transport' | 'asymmetric';
export type ClientTokenKind = 'username' | 'x509';

/** Seed 004's bootstrap: UsernameToken (PasswordText) over HTTPS with a Timestamp. */
export const BOOTSTRAP: SecurityModel = { spVersion: '1.2', wss: '1.1', binding: transportBinding(), supporting: [{ kind: 'SignedSupportingTokens', tokens: [usernameToken()] }] };

function asymmetric(withUsername: boolean): SecurityModel {
  return {
    spVersion: '1.2', wss: '1.1',
    supporting: withUsername ? [{ kind: 'SignedEncryptedSupportingTokens', tokens: [usernameToken()] }] : [],
    signedParts: { body: true, headers: [{ namespace: NS.wsa2005 }] },
    encryptedParts: { body: true, headers: [] },
    binding: {
      kind: 'AsymmetricBinding', algorithmSuite: 'Basic256', layout: 'Strict', includeTimestamp: true,
      initiatorToken: x509Token({ includeToken: 'AlwaysToRecipient' }),
      recipientToken: x509Token({ includeToken: 'Never', reference: 'thumbprint' }),
      protectionOrder: 'SignBeforeEncrypting', encryptSignature: false, onlySignEntireHeadersAndBody: true,
    },
  };
}

/** The security model an RST travels under, for a binding and the token that authenticates the requester. */
export function stsBootstrapPolicy(binding: StsBinding, token: ClientTokenKind): SecurityModel {
  if (binding === 'asymmetric') return asymmetric(token === 'username');
  if (token === 'username') return BOOTSTRAP;
  return { spVersion: '1.2', wss: '1.1', binding: transportBinding(), supporting: [{ kind: 'EndorsingSupportingTokens', tokens: [x509Token({ includeToken: 'AlwaysToRecipient' })] }] };
}

export interface AuthenticatedRequest {
  checks: Check[];
  requester: Requester;
  /** The certificate whose key signed the request, when one did (it chains to the STS's CA). */
  signerCert?: CertInfo;
  /** Signatures that verified and cover the Body, with their keys (to prove a UseKey). */
  bodySigners: RequestSigner[];
}

/**
 * Processes the RST's Security header against the STS's bootstrap policy and says who asked: the
 * UsernameToken's user when there is one, else the subject of the certificate that signed.
 */
export async function authenticateRequest(parts: EnvelopeParts, s: { policy: SecurityModel; users: Record<string, string>; x509: X509IdentityState }, transport: 'https' | 'http', now: number): Promise<AuthenticatedRequest> {
  const id = await loadIdentity(s.x509);
  const sec = await processSecurity(parts, s.policy, {
    users: s.users, now, freshnessSeconds: 300, skewSeconds: 60, nonceCache: [], transport,
    identity: { privateKey: id.key, certificate: id.cert }, knownCerts: [id.ca],
  });
  const checks = [...sec.checks];
  const verified = sec.signatures.filter((x) => x.verification.ok && x.signingKey);
  const signerCert = verified.map((x) => (x.signingKey?.kind === 'rsa-public' ? x.signingKey.cert : undefined)).find((c): c is CertInfo => !!c);
  if (signerCert) checks.push(...(await trustChecks([signerCert], id.ca, now)));
  const bodySigners: RequestSigner[] = verified.filter((x) => x.covered.includes(parts.body))
    .map((x) => ({ ...(x.element.getAttribute('Id') ? { id: x.element.getAttribute('Id') as string } : {}), key: x.signingKey! }));
  const identity = sec.principal ?? signerCert?.subject ?? '';
  const requester: Requester = {
    authenticated: identity !== '' && !checks.some((c) => c.status === 'fail'),
    kind: sec.principal ? 'username' : signerCert ? 'x509' : 'username', identity,
    binding: s.policy.binding?.kind === 'AsymmetricBinding' ? 'asymmetric' : 'transport',
  };
  return { checks, requester, ...(signerCert ? { signerCert } : {}), bodySigners };
}
