// Peer availability for interop tests (DESIGN.md §5). A peer test skips with a visible reason when
// its peer is missing, except under REQUIRE_PEERS=1 (CI), where a missing peer is a failure.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const REQUIRE_PEERS = process.env.REQUIRE_PEERS === '1';

/** True when `cmd --version`-style probing (or a file test) succeeds. */
function probe(check: () => boolean): boolean {
  try {
    return check();
  } catch {
    return false;
  }
}

const runs = (cmd: string, args: string[]) => () => {
  execFileSync(cmd, args, { stdio: 'ignore', timeout: 20000 });
  return true;
};

export const PEERS = {
  xmlsec1: probe(runs('xmlsec1', ['--version'])),
  'xsec-checksig': probe(() => existsSync('/usr/bin/xsec-checksig')),
  java: probe(runs('java', ['-version'])),
  wss4j: probe(() => existsSync('/usr/share/java/wss4j.jar')),
  santuario: probe(() => existsSync('/usr/share/java/xmlsec.jar')),
  'python3-lxml': probe(runs('/usr/bin/python3', ['-c', 'import lxml.etree'])),
  'python3-zeep': probe(runs('/usr/bin/python3', ['-c', 'import zeep.wsse.username'])),
  'python3-xmlsec': probe(runs('/usr/bin/python3', ['-c', 'import xmlsec'])),
  samlsign: probe(() => existsSync('/usr/bin/samlsign')),
} as const;

export type PeerName = keyof typeof PEERS;

/**
 * Returns the reason a peer test must skip, or null when every named peer is present.
 * Under REQUIRE_PEERS=1 a missing peer throws, so the suite fails instead of skipping silently.
 */
export function missingPeers(...names: PeerName[]): string | null {
  const missing = names.filter((n) => !PEERS[n]);
  if (missing.length === 0) return null;
  const reason = `peer not installed: ${missing.join(', ')} (install with .ci/run)`;
  if (REQUIRE_PEERS) throw new Error(`REQUIRE_PEERS=1 but ${reason}`);
  console.warn(`[skip] ${reason}`);
  return reason;
}
