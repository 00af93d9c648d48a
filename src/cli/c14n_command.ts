// `c14n FILE [--id ID] [--prefixes "p q"] [--comments]`: the exclusive canonical form of the
// document, or of the element with that Id.

import { excC14n, findById, parseXml, UsageError } from '../engine/index.ts';
import { onlyOptions, type Args } from './args.ts';
import { readInput } from './ut_verify_command.ts';

export async function c14nCommand(args: Args, out: (s: string) => void): Promise<number> {
  onlyOptions(args, ['id', 'prefixes', 'comments']);
  const doc = parseXml(readInput(args.positional[0]));
  const id = args.options['id'];
  const node = typeof id === 'string' ? findById(doc, id) : doc;
  if (!node) throw new UsageError('C14N_ID_NOT_FOUND', `expected an element with wsu:Id, Id, ID or AssertionID "${String(id)}", found none`);
  const prefixes = typeof args.options['prefixes'] === 'string' ? args.options['prefixes'].split(/\s+/).filter(Boolean) : [];
  process.stdout.write(excC14n(node, { inclusivePrefixes: prefixes, withComments: args.options['comments'] === true }));
  void out;
  return 0;
}
