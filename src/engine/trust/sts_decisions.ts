// Seed 004 ("building an STS"): before issuing, the STS decides four things — is this a request
// to issue a token, does it support the token type, is the requester authorized, can it meet the
// requester's key expectations — each refusal with its own WS-Trust fault (WS-Trust 1.3 §11)
// and check code. The key decision itself is the OpenSSO matrix's rules (issuance_rules.ts).

import type { Check } from '../report/index.ts';
import { where } from '../xml/path.ts';
import { decideIssuance, type IssuanceDecision, type IssuanceRequest } from './issuance_rules.ts';
import type { ParsedRst } from './rst.ts';

/** The STS's configuration, editable in the UI. */
export interface StsConfig {
  /** Token type URIs the STS issues. */
  supportedTokenTypes: string[];
  /** Requester identities allowed to ask (user names or certificate subjects); '*' = anyone authenticated. */
  authorizedRequesters: string[];
  /** Relying parties by AppliesTo address, with the certificate proof keys are encrypted for. */
  serviceProviders: Array<{ appliesTo: string; certPem: string }>;
  lifetimeSeconds: number;
  signatureAlgorithm: 'rsa-sha1' | 'rsa-sha256';
  /** Symmetric proof key sizes the STS can meet, in bits. */
  keySizes: { min: number; max: number; default: number };
}

export interface Requester {
  authenticated: boolean;
  kind: 'x509' | 'username';
  identity: string;
  binding: 'asymmetric' | 'transport';
}

/** What the STS established about the request beyond who sent it (read from the message, async). */
export interface RequestEvidence {
  /** wst:UseKey and whether a signature over the request proves it (trust/use_key.ts). */
  useKey?: { proven: boolean; check: Check };
}

export interface StsDecision {
  checks: Check[];
  /** The WS-Trust fault to answer with, when refused. */
  fault?: { subcode: string; reason: string };
  issuance?: IssuanceDecision & { tokenType: string; keySize: number; serviceProvider?: { appliesTo: string; certPem: string } };
}

const SPEC = 'WS-Trust 1.3 §4 / seed 004';

function refuse(checks: Check[], code: string, subcode: string, message: string, el: ParsedRst['element']): StsDecision {
  checks.push({ code, status: 'fail', specRef: SPEC, ...where(el), message });
  return { checks, fault: { subcode, reason: message } };
}

/** The four decisions of seed 004, in order; the first refusal ends the decision. */
export function stsDecide(rst: ParsedRst, who: Requester, config: StsConfig, evidence: RequestEvidence = {}): StsDecision {
  const checks: Check[] = [];
  const el = rst.element;
  const pass = (code: string, message: string) => checks.push({ code, status: 'pass', specRef: SPEC, ...where(el), message });
  if (rst.requestType !== 'issue') return refuse(checks, 'STS_NOT_ISSUE_REQUEST', 'wst:InvalidRequest', `decision 1: expected RequestType Issue, found ${rst.requestTypeUri ?? 'none'}`, el);
  pass('STS_ISSUE_REQUEST', 'decision 1: this is a request to issue a token');
  const tokenType = rst.tokenType ?? config.supportedTokenTypes[0] ?? '';
  if (!config.supportedTokenTypes.includes(tokenType)) {
    return refuse(checks, 'STS_TOKEN_TYPE_UNSUPPORTED', 'wst:BadRequest', `decision 2: expected a TokenType this STS issues (${config.supportedTokenTypes.join(', ')}), found ${tokenType}`, el);
  }
  pass('STS_TOKEN_TYPE', `decision 2: token type ${tokenType} is supported`);
  if (!who.authenticated) return refuse(checks, 'STS_NOT_AUTHENTICATED', 'wst:FailedAuthentication', 'decision 3: expected an authenticated requester, found the request\'s credentials refused', el);
  if (!config.authorizedRequesters.includes('*') && !config.authorizedRequesters.includes(who.identity)) {
    return refuse(checks, 'STS_NOT_AUTHORIZED', 'wst:RequestFailed', `decision 3: expected a requester among ${config.authorizedRequesters.join(', ') || '(no one is authorized)'}, found ${who.identity}`, el);
  }
  pass('STS_REQUESTER_AUTHORIZED', `decision 3: ${who.identity} may ask for tokens`);
  return keyExpectations(rst, who, config, tokenType, checks, evidence);
}

function keyExpectations(rst: ParsedRst, who: Requester, config: StsConfig, tokenType: string, checks: Check[], evidence: RequestEvidence): StsDecision {
  const el = rst.element;
  if (rst.keyTypeUri && !rst.keyType) {
    return refuse(checks, 'STS_KEY_TYPE_UNSUPPORTED', 'wst:BadRequest', `decision 4: expected a KeyType among Bearer, SymmetricKey, PublicKey and Oracle's sender-vouches, found ${rst.keyTypeUri}`, el);
  }
  const request: IssuanceRequest = {
    binding: who.binding, clientToken: who.kind, onBehalfOf: !!rst.onBehalfOf, useKey: !!rst.useKey,
    keyType: rst.keyType === 'public' ? 'asymmetric' : rst.keyType ?? null,
  };
  const d = decideIssuance(request);
  if (!d.ok) return refuse(checks, d.code ?? 'STS_KEY_EXPECTATIONS', d.fault ?? 'wst:InvalidRequest', `decision 4: ${d.reasons[d.reasons.length - 1] ?? 'the key expectations cannot be met'}`, el);
  if (d.keySource === 'use-key') {
    const proof = evidence.useKey ?? { proven: false, check: { code: 'STS_USE_KEY_NOT_PROVEN', status: 'fail' as const, specRef: 'WS-Trust 1.3 §9.2', ...where(rst.useKey ?? el), message: 'expected the STS to have checked the UseKey key against the request\'s signature, found no such check' } };
    if (!proof.proven) return refuse(checks, proof.check.code, 'wst:InvalidRequest', `decision 4: ${proof.check.message}`, rst.useKey ?? el);
    checks.push(proof.check);
  }
  const keySize = rst.keySize ?? config.keySizes.default;
  if (d.proofKey === 'symmetric' && (keySize < config.keySizes.min || keySize > config.keySizes.max || keySize % 8 !== 0)) {
    return refuse(checks, 'STS_KEY_SIZE_UNSUPPORTED', 'wst:UnsupportedAlgorithm', `decision 4: expected a KeySize from ${config.keySizes.min} to ${config.keySizes.max} bits, found ${keySize}`, el);
  }
  const sp = rst.appliesTo ? config.serviceProviders.find((s) => s.appliesTo === rst.appliesTo) : undefined;
  if (rst.appliesTo && !sp) return refuse(checks, 'STS_UNKNOWN_APPLIES_TO', 'wst:InvalidScope', `decision 4: expected AppliesTo among the registered service providers (${config.serviceProviders.map((s) => s.appliesTo).join(', ')}), found ${rst.appliesTo}`, el);
  checks.push({ code: 'STS_KEY_DECISION', status: 'pass', specRef: 'WS-Trust 1.3 §4.4', ...where(el), message: `decision 4: ${d.reasons.join('; ')}`, details: { confirmation: d.confirmation, proofKey: d.proofKey, keySize } });
  return { checks, issuance: { ...d, tokenType, keySize, ...(sp ? { serviceProvider: sp } : {}) } };
}
