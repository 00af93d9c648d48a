// `dkt --secret B64 --nonce B64 [--label TEXT] [--offset N | --generation N] --length N`: the key a
// WS-SecureConversation DerivedKeyToken with those values derives, base64.

import { deriveDktKey, fromBase64, toBase64, UsageError } from '../engine/index.ts';
import { intOpt, need, onlyOptions, type Args } from './args.ts';

export async function dktCommand(args: Args, out: (s: string) => void): Promise<number> {
  onlyOptions(args, ['secret', 'nonce', 'label', 'offset', 'generation', 'length']);
  const length = intOpt(args, 'length', undefined, 1, 1 << 20);
  if (length === undefined) throw new UsageError('CLI_MISSING_OPTION', 'expected --length N, found none');
  const offset = intOpt(args, 'offset', undefined, 0, 1 << 20);
  const generation = intOpt(args, 'generation', undefined, 0, 1 << 20);
  const label = typeof args.options['label'] === 'string' ? args.options['label'] : undefined;
  const d = await deriveDktKey({
    secret: fromBase64(need(args, 'secret'), '--secret'), nonce: fromBase64(need(args, 'nonce'), '--nonce'), length,
    ...(label !== undefined ? { label } : {}), ...(offset !== undefined ? { offset } : {}), ...(generation !== undefined ? { generation } : {}),
  });
  out(toBase64(d.key));
  return 0;
}
