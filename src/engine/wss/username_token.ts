// WSS UsernameToken Profile 1.1 §3.1 (Username, Password with PasswordText or PasswordDigest,
// Nonce, Created) and §4 (key derivation: Salt and Iteration, no Password). Building is driven by
// the policy's UsernameToken assertion (DESIGN.md decision 7).

import type { ElSpec } from '../xml/dom.ts';
import { NS, URI } from '../xml/names.ts';
import type { RandomSource } from '../crypto/random.ts';
import { toBase64, utf8 } from '../crypto/encoding.ts';
import type { UsernameTokenAssertion } from '../policy/model.ts';
import { formatDateTime } from './datetime.ts';
import { passwordDigest } from './password_digest.ts';
import { deriveUsernameTokenKey, makeUtSalt } from './ut_key_derivation.ts';

export interface UtCredentials {
  username: string;
  password: string;
}

export interface UtBuildEnv {
  random: RandomSource;
  now: number;
  id: string;
  /** Iterations for key derivation (UT 1.1 §4; BSP asks for at least 1000). */
  iterations?: number;
}

/** Everything secret or derived about a token, for keys.json and the inspector. */
export interface UtSecrets {
  tokenId: string;
  username: string;
  password: string;
  passwordType?: 'PasswordText' | 'PasswordDigest';
  nonce?: string;
  created?: string;
  digest?: string;
  salt?: string;
  iteration?: number;
  derivedKey?: string;
}

export interface BuiltUsernameToken {
  spec: ElSpec;
  secrets: UtSecrets;
}

/** Builds a wsse:UsernameToken as the assertion asks. */
export async function buildUsernameToken(a: UsernameTokenAssertion, cred: UtCredentials, env: UtBuildEnv): Promise<BuiltUsernameToken> {
  const secrets: UtSecrets = { tokenId: env.id, username: cred.username, password: cred.password };
  const children: ElSpec[] = [{ ns: NS.wsse, name: 'wsse:Username', text: cred.username }];
  if (a.requireDerivedKeys) {
    children.push(...(await derivedKeyParts(cred, env, secrets)));
    return { spec: { ...token(env.id, children), xmlns: { wsse11: NS.wsse11 } }, secrets };
  }
  const digest = a.password === 'hash';
  const withNonce = digest || a.nonce;
  const withCreated = digest || a.created;
  const nonce = withNonce ? env.random.bytes(16) : null;
  const created = withCreated ? formatDateTime(env.now) : null;
  if (a.password !== 'none') {
    const type = digest ? 'PasswordDigest' : 'PasswordText';
    const value = digest ? await passwordDigest(nonce as Uint8Array, created as string, cred.password) : cred.password;
    children.push({ ns: NS.wsse, name: 'wsse:Password', attrs: { Type: digest ? URI.passwordDigest : URI.passwordText }, text: value });
    secrets.passwordType = type;
    if (digest) secrets.digest = value;
  }
  if (nonce) {
    secrets.nonce = toBase64(nonce);
    children.push({ ns: NS.wsse, name: 'wsse:Nonce', attrs: { EncodingType: URI.base64Binary }, text: secrets.nonce });
  }
  if (created) {
    secrets.created = created;
    children.push({ ns: NS.wsu, name: 'wsu:Created', text: created });
  }
  return { spec: token(env.id, children), secrets };
}

async function derivedKeyParts(cred: UtCredentials, env: UtBuildEnv, secrets: UtSecrets): Promise<ElSpec[]> {
  const salt = makeUtSalt(env.random, 'signature');
  const iteration = env.iterations ?? 1000;
  const key = await deriveUsernameTokenKey(utf8(cred.password), salt, iteration);
  secrets.salt = toBase64(salt);
  secrets.iteration = iteration;
  secrets.derivedKey = toBase64(key);
  return [
    { ns: NS.wsse11, name: 'wsse11:Salt', text: secrets.salt },
    { ns: NS.wsse11, name: 'wsse11:Iteration', text: String(iteration) },
  ];
}

function token(id: string, children: ElSpec[]): ElSpec {
  return { ns: NS.wsse, name: 'wsse:UsernameToken', nsAttrs: [[NS.wsu, 'wsu:Id', id]], children };
}
