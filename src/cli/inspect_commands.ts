// `verify FILE [--cert PEM] [--key PEM] [--key-cert PEM] [--hmac-key B64] [--now ISO] [--json]`:
// every signature in the message verified (exit 0 when all verify and no check fails, 1 otherwise);
// `decrypt FILE (--key PEM [--key-cert PEM] | --secret B64)`: the decrypted document on stdout.

import { readFileSync } from 'node:fs';
import { inspectMessage, UsageError, type Inspection, type KeyMaterial } from '../engine/index.ts';
import { onlyOptions, type Args } from './args.ts';
import { printReport, readInput } from './ut_verify_command.ts';

function pemFile(args: Args, name: string): string | undefined {
  const f = args.options[name];
  if (typeof f !== 'string') return undefined;
  try {
    return readFileSync(f, 'utf8');
  } catch (e) {
    throw new UsageError('CLI_FILE_UNREADABLE', `expected a readable PEM file for --${name} at ${f}, found: ${(e as Error).message}`);
  }
}

/** Certificates may come several to a file (a chain): split on PEM boundaries. */
function certificates(pem: string | undefined): string[] {
  return pem ? (pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [pem]) : [];
}

function keyMaterial(args: Args): KeyMaterial {
  const k: KeyMaterial = { certificates: certificates(pemFile(args, 'cert')) };
  const key = pemFile(args, 'key');
  if (key) {
    k.privateKey = key;
    // Without --key-cert the key is still tried (the inspector guesses, with a warning).
    k.certificate = pemFile(args, 'key-cert') ?? certificates(pemFile(args, 'cert'))[0] ?? '';
  }
  const secret = args.options['hmac-key'] ?? args.options['secret'];
  if (typeof secret === 'string') k.secrets = { '*': secret };
  return k;
}

function now(args: Args): number | undefined {
  const t = args.options['now'];
  if (typeof t !== 'string') return undefined;
  const ms = Date.parse(t);
  if (Number.isNaN(ms)) throw new UsageError('CLI_BAD_DATE', `expected --now as an ISO 8601 date-time, found "${t}"`);
  return ms;
}

async function inspect(args: Args): Promise<Inspection> {
  const wire = readInput(args.positional[0]);
  const at = now(args);
  return inspectMessage(wire, keyMaterial(args), at !== undefined ? { now: at } : {});
}

export async function verifyCommand(args: Args, out: (s: string) => void): Promise<number> {
  onlyOptions(args, ['cert', 'key', 'key-cert', 'hmac-key', 'now', 'json']);
  const ins = await inspect(args);
  const signatures = ins.report.checks.filter((c) => c.code === 'WSS_SIGNATURE');
  if (args.options['json'] === true) out(JSON.stringify(ins.report, null, 2));
  else printReport(ins.report, out);
  return ins.report.accepted && signatures.length > 0 ? 0 : 1;
}

export async function decryptCommand(args: Args, out: (s: string) => void): Promise<number> {
  onlyOptions(args, ['key', 'key-cert', 'cert', 'secret', 'now']);
  if (typeof args.options['key'] !== 'string' && typeof args.options['secret'] !== 'string') {
    throw new UsageError('CLI_MISSING_OPTION', 'expected --key PEM or --secret B64, found neither');
  }
  const ins = await inspect(args);
  if (ins.decrypted === null) {
    for (const c of ins.report.checks.filter((x) => x.status === 'fail')) process.stderr.write(`${c.code}: ${c.message}\n`);
    return 1;
  }
  out(ins.decrypted);
  return 0;
}
