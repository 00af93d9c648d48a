// The small crypto commands: psha1, ut-digest, ut-key. Results on stdout as base64.

import { deriveUsernameTokenKey, fromBase64, passwordDigest, psha1, toBase64, utf8 } from '../engine/index.ts';
import { intOpt, need, onlyOptions, type Args } from './args.ts';
import { UsageError } from '../engine/index.ts';

function password(args: Args): Uint8Array {
  const text = args.options['password'];
  const b64 = args.options['password-b64'];
  if (typeof text === 'string' && typeof b64 === 'string') throw new UsageError('CLI_CONFLICT', 'expected one of --password and --password-b64, found both');
  if (typeof text === 'string') return utf8(text);
  if (typeof b64 === 'string') return fromBase64(b64, '--password-b64');
  throw new UsageError('CLI_MISSING_OPTION', 'expected --password TEXT or --password-b64 B64, found neither');
}

/** `psha1 --secret B64 --seed B64 --length N [--offset N]` */
export async function psha1Command(args: Args, out: (s: string) => void): Promise<number> {
  onlyOptions(args, ['secret', 'seed', 'length', 'offset']);
  const secret = fromBase64(need(args, 'secret'), '--secret');
  const seed = fromBase64(need(args, 'seed'), '--seed');
  const length = intOpt(args, 'length', undefined, 1, 1 << 20);
  if (length === undefined) throw new UsageError('CLI_MISSING_OPTION', 'expected --length N, found none');
  out(toBase64(await psha1(secret, seed, length, intOpt(args, 'offset', 0, 0, 1 << 20))));
  return 0;
}

/** `ut-digest --nonce B64 --created TEXT (--password TEXT | --password-b64 B64)` */
export async function utDigestCommand(args: Args, out: (s: string) => void): Promise<number> {
  onlyOptions(args, ['nonce', 'created', 'password', 'password-b64']);
  out(await passwordDigest(fromBase64(need(args, 'nonce'), '--nonce'), need(args, 'created'), password(args)));
  return 0;
}

/** `ut-key (--password TEXT | --password-b64 B64) --salt B64 --iterations N` */
export async function utKeyCommand(args: Args, out: (s: string) => void): Promise<number> {
  onlyOptions(args, ['password', 'password-b64', 'salt', 'iterations']);
  const iterations = intOpt(args, 'iterations', undefined, 1, 10_000_000);
  if (iterations === undefined) throw new UsageError('CLI_MISSING_OPTION', 'expected --iterations N, found none');
  out(toBase64(await deriveUsernameTokenKey(password(args), fromBase64(need(args, 'salt'), '--salt'), iterations)));
  return 0;
}
