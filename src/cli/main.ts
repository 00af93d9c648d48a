#!/usr/bin/env -S npx tsx
// The wsbench command (DESIGN.md §4): the engine headless. Results on stdout only, diagnostics
// on stderr; exit 0 success, 1 a check failed, 2 bad usage or unusable input.

import { listScenarios, WsbenchError } from '../engine/index.ts';
import { parseArgs, type Args } from './args.ts';
import { runCommand } from './run.ts';
import { psha1Command, utDigestCommand, utKeyCommand } from './crypto_commands.ts';
import { c14nCommand } from './c14n_command.ts';
import { utVerifyCommand } from './ut_verify_command.ts';
import { decryptCommand, verifyCommand } from './inspect_commands.ts';
import { dktCommand } from './dkt_command.ts';
import { stsMatrixCommand } from './sts_matrix_command.ts';

type Command = (args: Args, out: (s: string) => void) => Promise<number>;

const USAGE = `usage: wsbench <command> [options]
  scenarios                                   list scenario ids, each followed by its variant ids
  run <scenario> [--variant V|all] [--out DIR] [--seed N] [--soap 1.1|1.2] [--wsa 2005/08|2004/08]
      [--<version axis> V]                     e.g. run opensso-sts --saml 1.1 --trust feb2005 (alias: run sts-issue = sts-issuance)
  sts-matrix [--json]                         seed 001 table 3-3: each row's inputs, the seed's output, the engine's decision
  psha1 --secret B64 --seed B64 --length N [--offset N]
  ut-digest --nonce B64 --created TEXT (--password TEXT | --password-b64 B64)
  ut-key (--password TEXT | --password-b64 B64) --salt B64 --iterations N
  c14n FILE [--id ID] [--prefixes "p q"] [--comments]
  ut-verify FILE --user NAME --password TEXT [--now ISO] [--json]
  verify FILE [--cert PEM] [--key PEM [--key-cert PEM]] [--hmac-key B64] [--now ISO] [--json]
  decrypt FILE (--key PEM [--key-cert PEM] | --secret B64) [--now ISO]
  dkt --secret B64 --nonce B64 [--label TEXT] [--offset N | --generation N] --length N`;

const scenarios: Command = async (_args, out) => {
  for (const s of listScenarios()) {
    out(s.id);
    for (const v of s.variants) out(`  ${v.id}`);
  }
  return 0;
};

const COMMANDS: Record<string, { run: Command; flags?: string[] }> = {
  scenarios: { run: scenarios },
  run: { run: runCommand },
  psha1: { run: psha1Command },
  'ut-digest': { run: utDigestCommand },
  'ut-key': { run: utKeyCommand },
  c14n: { run: c14nCommand, flags: ['comments'] },
  'ut-verify': { run: utVerifyCommand, flags: ['json'] },
  verify: { run: verifyCommand, flags: ['json'] },
  decrypt: { run: decryptCommand },
  dkt: { run: dktCommand },
  'sts-matrix': { run: stsMatrixCommand, flags: ['json'] },
};

export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s + '\n')): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === 'help') {
    (name ? out : (s: string) => process.stderr.write(s + '\n'))(USAGE);
    return name ? 0 : 2;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    process.stderr.write(`wsbench: unknown command "${name}"\n${USAGE}\n`);
    return 2;
  }
  try {
    return await cmd.run(parseArgs(rest, cmd.flags), out);
  } catch (e) {
    const code = e instanceof WsbenchError ? e.code : 'INTERNAL_ERROR';
    process.stderr.write(`wsbench ${name}: ${code}: ${(e as Error).message}\n`);
    return 2;
  }
}

const invoked = process.argv[1] ?? '';
if (invoked.endsWith('main.ts') || invoked.endsWith('wsbench')) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
