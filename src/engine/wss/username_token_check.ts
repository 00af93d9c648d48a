// WSS UsernameToken Profile 1.1 §3.1 and §4, as the receiver applies them: structure, password
// type, nonce encoding, freshness of Created, replay of Nonce, the password or digest against the
// user registry, and the derived key from Salt + Iteration. Every step is a Check.

import type { Element } from '@xmldom/xmldom';
import { childElements, textOf } from '../xml/dom.ts';
import { NS, URI } from '../xml/names.ts';
import { where } from '../xml/path.ts';
import type { Check } from '../report/index.ts';
import { fromBase64, toBase64, utf8 } from '../crypto/encoding.ts';
import type { UsernameTokenAssertion } from '../policy/model.ts';
import { formatDateTime, parseDateTime } from './datetime.ts';
import { passwordDigest } from './password_digest.ts';
import { deriveUsernameTokenKey, UT_MIN_ITERATIONS } from './ut_key_derivation.ts';
import { checkUtPolicy } from './username_token_policy.ts';
import { isReplay, type NonceEntry } from './nonce_cache.ts';

export const UT_SPEC = 'UT 1.1 §3.1';

export interface UtValidation {
  /** The user registry: username → password. */
  users: Record<string, string>;
  now: number;
  /** How old a Created may be, in seconds. */
  freshnessSeconds: number;
  /** How far in the future a Created may be, in seconds. */
  skewSeconds: number;
  nonceCache: NonceEntry[];
}

export interface UtParts {
  el: Element;
  username?: Element;
  password?: Element;
  nonce?: Element;
  created?: Element;
  salt?: Element;
  iteration?: Element;
}

export interface UtResult {
  checks: Check[];
  principal?: string;
  /** A nonce to remember when the message is accepted. */
  nonce?: NonceEntry;
  derivedKey?: { tokenId: string; username: string; salt: string; iteration: number; key: string };
}

const fail = (code: string, message: string, el: Element, specRef = UT_SPEC, details?: Record<string, unknown>): Check =>
  ({ code, status: 'fail', message, specRef, ...where(el), ...(details ? { details } : {}) });
const ok = (code: string, message: string, el: Element, specRef = UT_SPEC, status: Check['status'] = 'pass', details?: Record<string, unknown>): Check =>
  ({ code, status, message, specRef, ...where(el), ...(details ? { details } : {}) });

/** Splits a UsernameToken into its parts; duplicates and strangers become checks. */
export function readUsernameToken(el: Element): { parts: UtParts; checks: Check[] } {
  const parts: UtParts = { el };
  const checks: Check[] = [];
  const slots: Array<[keyof Omit<UtParts, 'el'>, string, string]> = [
    ['username', NS.wsse, 'Username'], ['password', NS.wsse, 'Password'], ['nonce', NS.wsse, 'Nonce'],
    ['created', NS.wsu, 'Created'], ['salt', NS.wsse11, 'Salt'], ['iteration', NS.wsse11, 'Iteration'],
  ];
  for (const child of childElements(el)) {
    const slot = slots.find(([, ns, local]) => child.namespaceURI === ns && child.localName === local);
    if (!slot) {
      checks.push(ok('UT_UNKNOWN_ELEMENT', `unexpected {${child.namespaceURI ?? ''}}${child.localName} in UsernameToken; ignored`, child, 'BSP 1.1 §11', 'warn'));
    } else if (parts[slot[0]]) {
      checks.push(fail('UT_DUPLICATE_ELEMENT', `expected at most one ${slot[2]} in UsernameToken, found another`, child, 'BSP 1.1 §11'));
    } else parts[slot[0]] = child;
  }
  return { parts, checks };
}

/** Validates a UsernameToken against the policy assertion (if any) and the service's registry and caches. */
export async function checkUsernameToken(el: Element, a: UsernameTokenAssertion | null, v: UtValidation): Promise<UtResult> {
  const { parts, checks } = readUsernameToken(el);
  const result: UtResult = { checks };
  if (!parts.username || textOf(parts.username).trim() === '') {
    checks.push(fail('UT_USERNAME_MISSING', 'expected a non-empty wsse:Username in the UsernameToken, found none', parts.username ?? el));
    return result;
  }
  const username = textOf(parts.username).trim();
  const type = passwordType(parts, checks);
  const nonce = readNonce(parts, checks);
  const created = readCreated(parts, v, checks);
  if (a) checks.push(...checkUtPolicy(parts, a, type));
  if (checks.some((c) => c.status === 'fail')) return result;
  if (nonce && isReplay(v.nonceCache, nonce.value, v.now)) {
    checks.push(fail('UT_REPLAYED_NONCE', `the Nonce ${nonce.value} was already used in a message this service accepted; a replay is refused`, parts.nonce as Element));
    return result;
  }
  const password = v.users[username];
  if (password === undefined) {
    checks.push(fail('UT_UNKNOWN_USER', `expected a user registered with this service, found "${username}"`, parts.username, 'UT 1.1 §3.1 / WSS 1.1 §12 FailedAuthentication'));
    return result;
  }
  const authenticated = await authenticate(parts, type, password, nonce, created?.text, checks);
  if (parts.salt || parts.iteration) await deriveKey(parts, password, username, result);
  if (!authenticated || checks.some((c) => c.status === 'fail')) return result;
  result.principal = username;
  if (nonce) result.nonce = { nonce: nonce.value, expires: (created?.ms ?? v.now) + v.freshnessSeconds * 1000 };
  checks.push(ok('UT_AUTHENTICATED', `user "${username}" authenticated`, el));
  return result;
}

type PasswordType = 'PasswordText' | 'PasswordDigest' | null;

function passwordType(parts: UtParts, checks: Check[]): PasswordType {
  const p = parts.password;
  if (!p) return null;
  const type = p.getAttribute('Type');
  if (!type) {
    checks.push(ok('UT_PASSWORD_TYPE_MISSING', 'wsse:Password has no Type attribute; read as PasswordText (BSP asks for an explicit Type)', p, 'BSP 1.1 §11 / UT 1.1 §3.1', 'warn'));
    return 'PasswordText';
  }
  if (type === URI.passwordText) return 'PasswordText';
  if (type === URI.passwordDigest) return 'PasswordDigest';
  checks.push(fail('UT_PASSWORD_TYPE_UNKNOWN', `expected Password/@Type ${URI.passwordText} or ${URI.passwordDigest}, found "${type}"`, p));
  return null;
}

function readNonce(parts: UtParts, checks: Check[]): { value: string; bytes: Uint8Array } | null {
  const n = parts.nonce;
  if (!n) return null;
  const enc = n.getAttribute('EncodingType');
  if (enc && enc !== URI.base64Binary) {
    checks.push(fail('UT_NONCE_ENCODING', `expected Nonce/@EncodingType ${URI.base64Binary}, found "${enc}"`, n, 'BSP 1.1 §11'));
    return null;
  }
  if (!enc) checks.push(ok('UT_NONCE_ENCODING_MISSING', 'wsse:Nonce has no EncodingType; read as Base64Binary (BSP asks for it)', n, 'BSP 1.1 §11', 'warn'));
  const value = textOf(n).trim();
  try {
    const bytes = fromBase64(value, 'wsse:Nonce');
    if (bytes.length === 0) throw new Error('empty');
    checks.push(ok('UT_NONCE_PRESENT', `Nonce of ${bytes.length} bytes`, n));
    return { value, bytes };
  } catch {
    checks.push(fail('UT_NONCE_NOT_BASE64', `expected a non-empty base64 value in wsse:Nonce, found "${value.slice(0, 40)}"`, n));
    return null;
  }
}

function readCreated(parts: UtParts, v: UtValidation, checks: Check[]): { text: string; ms: number } | null {
  const c = parts.created;
  if (!c) return null;
  const text = textOf(c).trim();
  const t = parseDateTime(text);
  if (!t) {
    checks.push(fail('UT_CREATED_BAD_FORMAT', `expected an xsd:dateTime such as 2026-01-01T00:00:00Z in wsu:Created, found "${text}"`, c));
    return null;
  }
  if (!t.utc) checks.push(ok('UT_CREATED_NOT_UTC', `wsu:Created ${text} is not written in UTC with a trailing "Z"; read with its offset (BSP asks for UTC)`, c, 'BSP 1.1 (UTC time values)', 'warn'));
  const ageS = (v.now - t.ms) / 1000;
  if (-ageS > v.skewSeconds) {
    checks.push(fail('UT_CREATED_IN_FUTURE', `wsu:Created ${text} is ${Math.round(-ageS)} s after the service clock ${formatDateTime(v.now)}; at most ${v.skewSeconds} s of clock skew is allowed`, c));
  } else if (ageS > v.freshnessSeconds) {
    checks.push(fail('UT_CREATED_STALE', `wsu:Created ${text} is ${Math.round(ageS)} s old at ${formatDateTime(v.now)}; the service accepts at most ${v.freshnessSeconds} s`, c));
  } else {
    checks.push(ok('UT_CREATED_FRESH', `Created ${text} is ${Math.round(ageS)} s old (window ${v.freshnessSeconds} s, skew ${v.skewSeconds} s)`, c));
  }
  return { text, ms: t.ms };
}

async function authenticate(parts: UtParts, type: PasswordType, password: string, nonce: { bytes: Uint8Array } | null, created: string | undefined, checks: Check[]): Promise<boolean> {
  const p = parts.password;
  if (!p) return parts.salt !== undefined;
  const found = textOf(p).trim();
  if (type === 'PasswordText') {
    if (found === password) return !!checks.push(ok('UT_PASSWORD_OK', 'the password matches the user registry', p));
    checks.push(fail('UT_BAD_PASSWORD', 'expected the password registered for this user, found a different one', p, 'UT 1.1 §3.1 / WSS 1.1 §12 FailedAuthentication'));
    return false;
  }
  const expected = await passwordDigest(nonce?.bytes ?? new Uint8Array(0), created ?? '', password);
  const details = { expected, found, nonce: nonce ? toBase64(nonce.bytes) : '', created: created ?? '', formula: 'Base64(SHA-1(nonce ‖ created ‖ password))' };
  if (found === expected) return !!checks.push(ok('UT_DIGEST_OK', `PasswordDigest matches: ${expected}`, p, UT_SPEC, 'pass', details));
  checks.push(fail('UT_DIGEST_MISMATCH', `expected PasswordDigest ${expected} (from the registered password, Nonce and Created), found ${found}`, p, UT_SPEC, details));
  return false;
}

async function deriveKey(parts: UtParts, password: string, username: string, result: UtResult): Promise<void> {
  const { salt, iteration } = parts;
  const checks = result.checks;
  if (!salt || !iteration) {
    checks.push(fail(salt ? 'UT_ITERATION_MISSING' : 'UT_SALT_MISSING', `expected both wsse11:Salt and wsse11:Iteration for key derivation, found only ${salt ? 'Salt' : 'Iteration'}`, parts.el, 'UT 1.1 §4'));
    return;
  }
  const n = Number(textOf(iteration).trim());
  if (!Number.isInteger(n) || n < 1) {
    checks.push(fail('UT_ITERATION_BAD', `expected a positive integer in wsse11:Iteration, found "${textOf(iteration).trim()}"`, iteration, 'UT 1.1 §4'));
    return;
  }
  if (n < UT_MIN_ITERATIONS) checks.push(ok('UT_ITERATION_LOW', `Iteration ${n} is below the ${UT_MIN_ITERATIONS} that BSP asks for`, iteration, 'UT 1.1 §4 / BSP 1.1 §11', 'warn'));
  let saltBytes: Uint8Array;
  try {
    saltBytes = fromBase64(textOf(salt).trim(), 'wsse11:Salt');
  } catch (e) {
    checks.push(fail('UT_SALT_BAD', `expected base64 in wsse11:Salt, found "${textOf(salt).trim().slice(0, 40)}": ${(e as Error).message}`, salt, 'UT 1.1 §4'));
    return;
  }
  if (saltBytes.length !== 16) checks.push(ok('UT_SALT_LENGTH', `Salt is ${saltBytes.length} bytes; UT 1.1 §4 describes 16 (1 usage byte + 15 random)`, salt, 'UT 1.1 §4', 'warn'));
  const key = toBase64(await deriveUsernameTokenKey(utf8(password), saltBytes, n));
  const tokenId = parts.el.getAttributeNS(NS.wsu, 'Id') ?? '';
  result.derivedKey = { tokenId, username, salt: toBase64(saltBytes), iteration: n, key };
  const usage = saltBytes[0] === 1 ? 'signature' : saltBytes[0] === 2 ? 'encryption' : `unknown (0x${(saltBytes[0] ?? 0).toString(16)})`;
  checks.push(ok('UT_KEY_DERIVED', `derived a 160-bit key for ${usage} from the registered password, Salt and ${n} iterations`, salt, 'UT 1.1 §4', 'info',
    { formula: 'K1 = SHA-1(password ‖ salt); Kn = SHA-1(Kn-1); key = K_iteration', salt: toBase64(saltBytes), iteration: n, usage, key }));
}
