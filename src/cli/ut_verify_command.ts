// `ut-verify FILE --user NAME --password TEXT [--now ISO] [--json]`: checks a UsernameToken message
// (e.g. captured from another stack) as wsbench's service would. Exit 0 accepted, 1 rejected.

import { readFileSync } from 'node:fs';
import { UsageError, verifyUsernameTokenMessage, type Report } from '../engine/index.ts';
import { need, onlyOptions, type Args } from './args.ts';

export function readInput(file: string | undefined): string {
  if (!file) throw new UsageError('CLI_MISSING_FILE', 'expected a FILE argument, found none');
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    throw new UsageError('CLI_FILE_UNREADABLE', `expected a readable file at ${file}, found: ${(e as Error).message}`);
  }
}

export function printReport(report: Report, out: (s: string) => void): void {
  out(report.accepted ? 'accepted' : 'rejected');
  for (const c of report.checks) {
    const at = c.line ? `${c.path} (line ${c.line}${c.column ? `:${c.column}` : ''})` : c.path;
    out(`${c.status.padEnd(4)} ${c.code.padEnd(28)} ${c.message}  [${c.specRef}] ${at}`);
  }
}

export async function utVerifyCommand(args: Args, out: (s: string) => void): Promise<number> {
  onlyOptions(args, ['user', 'password', 'now', 'json']);
  const wire = readInput(args.positional[0]);
  const nowText = args.options['now'];
  const now = typeof nowText === 'string' ? Date.parse(nowText) : Date.now();
  if (Number.isNaN(now)) throw new UsageError('CLI_BAD_DATE', `expected --now as an ISO 8601 date-time, found "${String(nowText)}"`);
  const { report } = await verifyUsernameTokenMessage(wire, { users: { [need(args, 'user')]: need(args, 'password') }, now });
  if (args.options['json'] === true) out(JSON.stringify(report, null, 2));
  else printReport(report, out);
  return report.accepted ? 0 : 1;
}
