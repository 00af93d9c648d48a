// WS-SecureConversation 1.3 §3 (2005/02 §4): the RSTR of the SCT binding — the SCT in
// RequestedSecurityToken, attached ("#wsu:Id") and unattached (Identifier) references, the proof
// token and the lifetime. How the shared secret is made (WS-Trust 1.3 §4.4.3):
//   client entropy only → the secret is the requestor's entropy, no proof token is returned;
//   server entropy only → the secret travels as RequestedProofToken/BinarySecret;
//   both               → RequestedProofToken/ComputedKey CK/PSHA1 and the issuer's Entropy:
//                        secret = P_SHA1(requestor entropy, issuer entropy), KeySize bits.
// The same RSTR answers Amend and Renew (1.3: a new wsc:Instance and key); Cancel answers with
// RequestedTokenCancelled.

import type { Element } from '@xmldom/xmldom';
import { fromBase64, toBase64 } from '../crypto/encoding.ts';
import type { Check } from '../report/index.ts';
import { computedKeyPsha1 } from '../trust/computed_key.ts';
import { buildRstr, readRstr, type ParsedRstr, type ProofTokenSpec } from '../trust/rstr.ts';
import type { ElSpec } from '../xml/dom.ts';
import { SC_VERSIONS, TRUST_VERSIONS } from '../xml/names.ts';
import { where } from '../xml/path.ts';
import { buildSct, readSct, sctReference, type Sct, type ScVersionId } from './sct.ts';
import type { ScOperation } from './sct_request.ts';

export type EntropyMode = 'client' | 'server' | 'both';

/** How the context's secret was made, for the RSTR and for keys.json. */
export type SecretSource =
  | { kind: 'client'; clientEntropy: Uint8Array }
  | { kind: 'server'; secret: Uint8Array }
  | { kind: 'both'; clientEntropy: Uint8Array; serverEntropy: Uint8Array; keySize: number };

/** The issuer's side: the secret from the entropy it was given and the mode it runs in. */
export async function issueSecret(mode: EntropyMode, clientEntropy: Uint8Array | undefined, keySize: number, random: { bytes(n: number): Uint8Array }): Promise<{ secret: Uint8Array; source: SecretSource }> {
  if (clientEntropy && mode === 'client') return { secret: clientEntropy, source: { kind: 'client', clientEntropy } };
  if (clientEntropy && mode === 'both') {
    const serverEntropy = random.bytes(keySize / 8);
    return { secret: await computedKeyPsha1(clientEntropy, serverEntropy, keySize), source: { kind: 'both', clientEntropy, serverEntropy, keySize } };
  }
  const secret = random.bytes(keySize / 8);
  return { secret, source: { kind: 'server', secret } };
}

export interface SctResponseSpec {
  version: ScVersionId;
  op: ScOperation;
  context: string;
  /** The SCT (with its wsu:Id) for Issue, Amend and Renew. */
  sct?: Sct;
  /** What goes in the RSTR about the secret (nothing for a 2005/02 Renew or Amend, which keep the key). */
  source?: SecretSource;
  lifetime?: { created: number; expires: number };
}

function proofOf(version: ScVersionId, source: SecretSource | undefined): { proofToken?: ProofTokenSpec; entropy?: Uint8Array; keySize?: number } {
  if (!source || source.kind === 'client') return {};
  if (source.kind === 'server') return { proofToken: { kind: 'binary-secret', secret: source.secret } };
  return { proofToken: { kind: 'computed-key', algorithm: TRUST_VERSIONS[SC_VERSIONS[version].trust].computedKeyPsha1 }, entropy: source.serverEntropy, keySize: source.keySize };
}

/** Builds the RSTR of an SCT operation (1.3 Issue: inside an RSTR Collection). */
export function buildSctResponse(s: SctResponseSpec): ElSpec {
  const trust = SC_VERSIONS[s.version].trust;
  if (s.op === 'cancel') return buildRstr({ version: trust, context: s.context, cancelled: true });
  const sct = s.sct as Sct;
  return buildRstr({
    version: trust, context: s.context, tokenType: SC_VERSIONS[s.version].sctTokenType, token: buildSct(sct),
    attachedReference: sctReference(sct, 'attached'), unattachedReference: sctReference(sct, 'unattached'),
    ...proofOf(s.version, s.source), ...(s.lifetime ? { lifetime: s.lifetime } : {}),
    collection: s.op === 'issue' && trust === '1.3',
  });
}

export interface ParsedSctResponse {
  rstr: ParsedRstr;
  sct?: Sct;
}

const fail = (code: string, message: string, el: Element): Check => ({ code, status: 'fail', specRef: 'WS-SC 1.3 §3', ...where(el), message });

/** Reads the RSTR: the Context must echo the request's, and Issue/Amend/Renew must carry an SCT of this version. */
export function readSctResponse(el: Element, version: ScVersionId, op: ScOperation, context: string): { response: ParsedSctResponse | null; checks: Check[] } {
  const { rstr, checks } = readRstr(el);
  if (!rstr) return { response: null, checks };
  if (rstr.context !== context) checks.push(fail('SC_RSTR_CONTEXT_MISMATCH', `expected the RSTR's Context to echo the request's "${context}", found "${rstr.context ?? '(none)'}"`, rstr.element));
  if (op === 'cancel') {
    if (!rstr.cancelled) checks.push(fail('SC_NOT_CANCELLED', 'expected wst:RequestedTokenCancelled, found none', rstr.element));
    return { response: { rstr }, checks };
  }
  if (!rstr.token) {
    checks.push(fail('SC_RSTR_NO_SCT', 'expected wst:RequestedSecurityToken holding a wsc:SecurityContextToken, found none', rstr.element));
    return { response: { rstr }, checks };
  }
  const r = readSct(rstr.token);
  checks.push(...r.checks);
  if (r.sct && r.sct.version !== version) checks.push(fail('SC_SCT_VERSION', `expected a WS-SC ${version} SecurityContextToken, found WS-SC ${r.sct.version}`, rstr.token));
  return { response: { rstr, ...(r.sct ? { sct: r.sct } : {}) }, checks };
}

/**
 * The requestor's side: the context's secret from the RSTR and the entropy it sent (see the
 * module comment), or a failed check saying what the RSTR lacked.
 */
export async function receivedSecret(rstr: ParsedRstr, clientEntropyB64: string | undefined, keySize: number): Promise<{ secret: Uint8Array | null; mode: EntropyMode | null; checks: Check[] }> {
  const at = where(rstr.element);
  const info = (mode: EntropyMode, secret: Uint8Array, how: string) => ({ secret, mode, checks: [{ code: 'SC_SECRET_ESTABLISHED', status: 'info' as const, specRef: 'WS-Trust 1.3 §4.4.3', ...at, message: `the context's secret: ${how}`, details: { mode, keySize: secret.length * 8, secretB64: toBase64(secret) } }] });
  const p = rstr.proof;
  if (p?.kind === 'binary-secret') return info('server', p.secret, 'the issuer\'s key, sent as RequestedProofToken/BinarySecret');
  if (p?.kind === 'computed-key' && rstr.entropy && clientEntropyB64) {
    const secret = await computedKeyPsha1(fromBase64(clientEntropyB64), rstr.entropy, rstr.keySize ?? keySize);
    return info('both', secret, `P_SHA1(requestor entropy, issuer entropy) cut to ${rstr.keySize ?? keySize} bits (ComputedKey ${p.algorithm})`);
  }
  if (!p && clientEntropyB64) return info('client', fromBase64(clientEntropyB64), 'the requestor\'s own entropy (the RSTR carries no proof token)');
  const found = p ? `${p.kind}${p.kind === 'computed-key' && !rstr.entropy ? ' without issuer Entropy' : ''}` : 'no proof token';
  return { secret: null, mode: null, checks: [fail('SC_PROOF_KEY_UNUSABLE', `expected a BinarySecret, a ComputedKey with issuer Entropy, or no proof token after sending our own entropy; found ${found}${clientEntropyB64 ? '' : ' and we sent no entropy'}`, rstr.element)] };
}
