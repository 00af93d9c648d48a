// A simulated WS-Security service: its identity, its policy (the security model), its user
// registry, its clock tolerances and its nonce cache. State is plain JSON (DESIGN.md decision 2);
// processing takes the wire text and returns a report plus the new state.

import { parseXml } from '../xml/parse.ts';
import { checkFromError, makeReport, type Check, type Report } from '../report/index.ts';
import type { SecurityModel } from '../policy/model.ts';
import { readEnvelope } from '../soap/envelope.ts';
import { checkAddressing, readAddressing } from '../wsa/headers.ts';
import { processSecurity } from '../wss/inbound.ts';
import { remember, type NonceEntry } from '../wss/nonce_cache.ts';
import { loadIdentity, type X509IdentityState } from './x509_identity.ts';
import { signatureValues, trustChecks } from './x509_messages.ts';
import { parseCertificate, type CertInfo } from '../crypto/x509.ts';
import { verifyCertificateChain } from '../crypto/x509_chain.ts';
import { tokenPolicyChecks } from '../wss/saml_processing.ts';

export interface ServiceState {
  id: string;
  endpoint: string;
  policy: SecurityModel;
  users: Record<string, string>;
  freshnessSeconds: number;
  skewSeconds: number;
  nonceCache: NonceEntry[];
  /** Keys derived from UsernameTokens so far, with their inputs. */
  derivedKeys: Array<{ tokenId: string; username: string; salt: string; iteration: number; key: string }>;
  /** What happened to the last request, so the service can answer it. */
  last: {
    accepted: boolean; messageId?: string; action?: string; principal?: string; fault?: Report['fault'];
    /** The requester's certificate (PEM) and the SignatureValues it sent (AsymmetricBinding). */
    peerCertPem?: string; signatureValues?: string[];
  } | null;
  /** X.509 identity for the AsymmetricBinding (service certificate and key, the CA it trusts). */
  x509?: X509IdentityState;
  /**
   * A relying party of an STS: the STS certificate it trusts, its own address (the audience), and the
   * senders it lets vouch for subjects (sender-vouches; when absent, any signer whose certificate
   * chains to x509.caPem).
   */
  saml?: { stsCertPem: string; audience: string; trustedSenderPems?: string[] };
}

export interface Delivery {
  wire: string;
  transport: 'https' | 'http';
  now: number;
}

/** Receives a request: parses, checks envelope, addressing and security; updates caches. */
export async function serviceReceive(state: ServiceState, d: Delivery, expectedAction?: string): Promise<{ report: Report; state: ServiceState }> {
  const checks: Check[] = [];
  const next: ServiceState = { ...state, last: { accepted: false } };
  try {
    const { parts, checks: env } = readEnvelope(parseXml(d.wire));
    checks.push(...env);
    if (parts) {
      const a = readAddressing(parts.headerBlocks);
      checks.push(...checkAddressing(a, expectedAction));
      const id = state.x509 ? await loadIdentity(state.x509) : undefined;
      const saml = state.saml ? { trustedIssuers: [await parseCertificate(state.saml.stsCertPem)], audience: state.saml.audience } : undefined;
      const { saml: _saml, ...plain } = state;
      const sec = await processSecurity(parts, state.policy, { ...plain, now: d.now, transport: d.transport, ...(id ? { identity: { privateKey: id.key, certificate: id.cert }, knownCerts: [id.ca] } : {}), ...(saml ? { saml } : {}) });
      checks.push(...sec.checks);
      if (saml) checks.push(...tokenPolicyChecks(sec.assertions, sec.signatures, parts.body, { trustedSenders: await trustedSenders(state, sec.signatures, d.now) }));
      if (id && state.policy.binding?.kind === 'AsymmetricBinding') checks.push(...(await trustChecks(sec.certificates, id.ca, d.now)));
      const report = makeReport(state.id, checks);
      const signer = sec.certificates[0];
      next.last = {
        accepted: report.accepted, ...(a.messageId ? { messageId: a.messageId } : {}), ...(a.action ? { action: a.action } : {}),
        ...(sec.principal ?? signer ? { principal: sec.principal ?? signer?.subject } : {}),
        ...(signer ? { peerCertPem: signer.pem, signatureValues: signatureValues(sec.signatures) } : {}),
      };
      if (report.accepted) applyAccepted(next, sec.tokens, d.now);
    }
  } catch (e) {
    checks.push(checkFromError(e));
  }
  const report = makeReport(state.id, checks, faultFor(checks));
  if (next.last) next.last = { ...next.last, accepted: report.accepted, ...(report.fault ? { fault: report.fault } : {}) };
  return { report, state: next };
}

/** The certificates of signers this service lets vouch for a subject: the configured ones, else those chaining to its CA. */
async function trustedSenders(state: ServiceState, signatures: Awaited<ReturnType<typeof processSecurity>>['signatures'], now: number): Promise<CertInfo[]> {
  if (state.saml?.trustedSenderPems) return Promise.all(state.saml.trustedSenderPems.map((p) => parseCertificate(p)));
  if (!state.x509) return [];
  const ca = await parseCertificate(state.x509.caPem);
  const out: CertInfo[] = [];
  for (const s of signatures) {
    const cert = s.verification.ok && s.signingKey?.kind === 'rsa-public' ? s.signingKey.cert : undefined;
    if (cert && !(await verifyCertificateChain(cert, [ca], now)).some((c) => c.status === 'fail')) out.push(cert);
  }
  return out;
}

function applyAccepted(next: ServiceState, tokens: Awaited<ReturnType<typeof processSecurity>>['tokens'], now: number): void {
  for (const t of tokens) {
    if (t.nonce) next.nonceCache = remember(next.nonceCache, t.nonce, now);
    if (t.derivedKey) next.derivedKeys = [...next.derivedKeys, t.derivedKey];
  }
}

/** The WSS 1.1 §12 fault a failed check maps to. */
export function faultFor(checks: Check[]): Report['fault'] | undefined {
  const f = checks.find((c) => c.status === 'fail');
  if (!f) return undefined;
  const subcode = f.code.startsWith('XML') || f.code.startsWith('SOAP') ? undefined
    : /STALE|EXPIRED|FUTURE/.test(f.code) ? 'wsse:MessageExpired'
    : /PASSWORD|DIGEST|USER|REPLAYED/.test(f.code) ? 'wsse:FailedAuthentication'
    : /^UT_|^TS_/.test(f.code) ? 'wsse:InvalidSecurityToken'
    : 'wsse:InvalidSecurity';
  // The wire fault says only what WSS 1.1 §12 says; the report keeps the detail for the user.
  const reason = subcode ? FAULT_REASONS[subcode] ?? f.message : f.message;
  return { code: 'Sender', ...(subcode ? { subcode } : {}), reason };
}

const FAULT_REASONS: Record<string, string> = {
  'wsse:FailedAuthentication': 'The security token could not be authenticated or authorized',
  'wsse:InvalidSecurityToken': 'An invalid security token was provided',
  'wsse:InvalidSecurity': 'An error was discovered processing the <wsse:Security> header',
  'wsse:MessageExpired': 'The message has expired',
};
