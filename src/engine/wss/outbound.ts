// Outbound securing driven by the security model (DESIGN.md decision 7): the sender never
// hand-assembles a security header; it asks for the tokens and timestamp the policy requires.

import type { ElSpec } from '../xml/dom.ts';
import { fromBase64, toHex } from '../crypto/encoding.ts';
import { URI } from '../xml/names.ts';
import { algorithmSuite } from '../policy/algorithm_suites.ts';
import type { SigningPlan } from './message_signature.ts';
import { strReference } from './security_token_reference.ts';
import type { RandomSource } from '../crypto/random.ts';
import { needsTimestamp, requiredTokens, type SecurityModel } from '../policy/model.ts';
import type { SoapVersion } from '../soap/envelope.ts';
import { securityHeader } from './security_header.ts';
import { buildTimestamp } from './timestamp.ts';
import { buildUsernameToken, type UtCredentials, type UtSecrets } from './username_token.ts';

export interface OutboundEnv {
  random: RandomSource;
  now: number;
  soap: SoapVersion;
  /** Seconds the Timestamp is valid for. */
  ttlSeconds?: number;
  iterations?: number;
}

export interface SecuredHeader {
  /** The wsse:Security header block, or null when the policy asks for none. */
  header: ElSpec | null;
  tokens: UtSecrets[];
  timestampId?: string;
  /** The message signature the binding asks for, made once the envelope exists. */
  signing?: SigningPlan;
}

/** A fresh wsu:Id with a readable prefix, e.g. `UsernameToken-3f2a…`. */
export function freshId(prefix: string, random: RandomSource): string {
  return `${prefix}-${toHex(random.bytes(8))}`;
}

/** Builds the Security header the model asks for, with the credentials given. */
export async function secureOutbound(model: SecurityModel, cred: UtCredentials, env: OutboundEnv): Promise<SecuredHeader> {
  const children: ElSpec[] = [];
  const result: SecuredHeader = { header: null, tokens: [] };
  for (const { token } of requiredTokens(model)) {
    if (token.includeToken === 'Never' || token.includeToken === 'AlwaysToInitiator') continue;
    if (token.kind !== 'UsernameToken') continue; // X.509 tokens are added by the signing step (x509 securing)
    const id = freshId('UsernameToken', env.random);
    const built = await buildUsernameToken(token, cred, { random: env.random, now: env.now, id, ...(env.iterations ? { iterations: env.iterations } : {}) });
    children.push(built.spec);
    result.tokens.push(built.secrets);
  }
  if (needsTimestamp(model)) {
    const id = freshId('TS', env.random);
    const ts = buildTimestamp({ id, now: env.now, ttlSeconds: env.ttlSeconds ?? 300 });
    if (model.binding?.layout === 'LaxTsLast') children.push(ts);
    else children.unshift(ts);
    result.timestampId = id;
  }
  if (children.length > 0) result.header = securityHeader(env.soap, children);
  const plan = signingPlan(model, result);
  if (plan) result.signing = plan;
  return result;
}

/**
 * SymmetricBinding with a UsernameToken protection token and RequireDerivedKeys (seed 003): the
 * message is signed with the key derived from the password (UT 1.1 §4), the KeyInfo pointing at
 * the UsernameToken (UT 1.1 §3.2 token reference).
 */
function signingPlan(model: SecurityModel, secured: SecuredHeader): SigningPlan | undefined {
  const b = model.binding;
  if (b?.kind !== 'SymmetricBinding' || b.protectionToken.kind !== 'UsernameToken' || !b.protectionToken.requireDerivedKeys) return undefined;
  const ut = secured.tokens.find((t) => t.derivedKey);
  if (!ut?.derivedKey) return undefined;
  const suite = algorithmSuite(b.algorithmSuite);
  return {
    key: { kind: 'secret', bytes: fromBase64(ut.derivedKey) },
    signatureAlgorithm: suite.symmetricSignature, digest: suite.digest, c14n: suite.c14n,
    keyInfo: strReference(`#${ut.tokenId}`, URI.usernameTokenType),
    ids: secured.timestampId ? [secured.timestampId] : [],
    keySource: `key derived from UsernameToken #${ut.tokenId} (Salt + ${ut.iteration ?? '?'} iterations)`,
  };
}

/** Whether the model's binding signs the message (so the Body needs a wsu:Id). */
export function signsMessage(model: SecurityModel): boolean {
  const b = model.binding;
  return b?.kind === 'AsymmetricBinding' || (b?.kind === 'SymmetricBinding' && b.protectionToken.kind === 'UsernameToken' && b.protectionToken.requireDerivedKeys);
}
