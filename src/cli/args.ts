// Minimal argument parsing for the wsbench command: positionals and --name value / --flag.

import { UsageError } from '../engine/index.ts';

export interface Args {
  positional: string[];
  options: Record<string, string | true>;
}

export function parseArgs(argv: string[], flags: string[] = []): Args {
  const out: Args = { positional: [], options: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (!a.startsWith('--')) {
      out.positional.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (flags.includes(name)) out.options[name] = true;
    else if (inline !== undefined) out.options[name] = inline;
    else {
      const v = argv[++i];
      if (v === undefined) throw new UsageError('CLI_MISSING_VALUE', `expected a value after --${name}, found the end of the command line`);
      out.options[name] = v;
    }
  }
  return out;
}

/** A required string option. */
export function need(args: Args, name: string): string {
  const v = args.options[name];
  if (typeof v !== 'string') throw new UsageError('CLI_MISSING_OPTION', `expected --${name}, found none`);
  return v;
}

/** An optional integer option within bounds. */
export function intOpt(args: Args, name: string, dflt: number | undefined, min = 0, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const v = args.options[name];
  if (v === undefined) return dflt;
  const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError('CLI_BAD_NUMBER', `expected --${name} to be an integer from ${min} to ${max}, found "${String(v)}"`);
  return n;
}

/** Options that are not in the allowed list are a usage error, so typos never pass silently. */
export function onlyOptions(args: Args, allowed: string[]): void {
  const bad = Object.keys(args.options).filter((k) => !allowed.includes(k));
  if (bad.length) throw new UsageError('CLI_UNKNOWN_OPTION', `expected options among ${allowed.map((a) => `--${a}`).join(', ') || '(none)'}, found --${bad[0]}`);
}
