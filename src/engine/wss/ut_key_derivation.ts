// UsernameToken Profile 1.1 §4 Key Derivation:
//   K1 = SHA1( password + Salt ), K2 = SHA1( K1 ), …, Kn = SHA1( Kn-1 ); the key is K_Iteration (160 bits).
// The 128-bit Salt starts with a flag byte, 0x01 when the key is for a signature (MAC) and 0x02 for
// encryption, followed by 15 random bytes. Apache WSS4J 1.6 UsernameToken.generateSalt sets the
// flag in byte 0 exactly so (WSS4J 1.5.x put it in byte 15 instead).

import { UsageError } from '../report/errors.ts';
import { concatBytes, sha1Sync, utf8, type RandomSource } from '../crypto/index.ts';

/** Minimum Iteration a receiver should accept (WS-I BSP 1.1; also WSS4J's default). */
export const UT_MIN_ITERATIONS = 1000;
/** Upper bound on Iteration so a hostile message cannot make us hash for minutes. */
export const UT_MAX_ITERATIONS = 1_000_000;
export const UT_SALT_BYTES = 16;

export type UtSaltUsage = 'signature' | 'encryption';

const SALT_FLAG: Record<UtSaltUsage, number> = { signature: 0x01, encryption: 0x02 };

/**
 * The derived key K_iterations (20 bytes). Iteration counts below 1, fractional, or above
 * UT_MAX_ITERATIONS throw UsageError `UT_BAD_ITERATION`; whether a count below UT_MIN_ITERATIONS
 * is acceptable is a policy check for the caller, not an error here.
 */
export async function deriveUsernameTokenKey(
  password: string | Uint8Array,
  salt: Uint8Array,
  iterations: number,
): Promise<Uint8Array> {
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > UT_MAX_ITERATIONS) {
    throw new UsageError(
      'UT_BAD_ITERATION',
      `Expected the UsernameToken Iteration to be an integer from 1 to ${UT_MAX_ITERATIONS}; found ${String(iterations)}`,
    );
  }
  const secret = typeof password === 'string' ? utf8(password) : password;
  // Synchronous SHA-1: see crypto/sha1_sync.ts for why the iteration does not go through WebCrypto.
  let k = sha1Sync(concatBytes(secret, salt));
  for (let i = 1; i < iterations; i++) k = sha1Sync(k);
  return k;
}

/** A fresh 16-byte Salt: the usage flag byte, then 15 bytes from `random`. */
export function makeUtSalt(random: RandomSource, usage: UtSaltUsage): Uint8Array {
  const flag = SALT_FLAG[usage];
  if (flag === undefined) {
    throw new UsageError('UT_BAD_SALT_USAGE', `Expected salt usage 'signature' or 'encryption'; found ${String(usage)}`);
  }
  return concatBytes(Uint8Array.of(flag), random.bytes(UT_SALT_BYTES - 1));
}
