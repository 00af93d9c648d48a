// Harness for the zeep peer (test/peers/zeep_peer.py), run with Debian's /usr/bin/python3.
// Requests are JSON lines; a whole batch runs in one Python process.

import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'zeep_peer.py');
/** Debian's interpreter: the one with python3-zeep, lxml and python3-xmlsec (not the PATH one). */
export const PYTHON = '/usr/bin/python3';

export interface ZeepMakeRequest {
  cmd: 'make';
  username: string;
  password: string;
  use_digest: boolean;
  /** Fixed nonce bytes (base64); zeep's random nonce otherwise. */
  nonce_b64?: string;
  /** Fixed Created (whole seconds, UTC, `Z` or `+00:00`); zeep's clock otherwise. */
  created?: string;
  /** Add a wsu:Timestamp the way zeep's documentation shows (timestamp_token=...). */
  timestamp?: boolean;
  /** zeep's zulu_timestamp option: Created ends in `Z` instead of zeep's default `+00:00`. */
  zulu?: boolean;
  soap?: '1.1' | '1.2';
}

export interface ZeepDigestRequest {
  cmd: 'digest';
  nonce_b64: string;
  created: string;
  password: string;
}

export type ZeepRequest = ZeepMakeRequest | ZeepDigestRequest | { cmd: 'version' };

export class ZeepPeerError extends Error {
  override name = 'ZeepPeerError';
}

/** Runs JSON-line requests through one Python harness process; returns each parsed answer, in order. */
export function runPythonBatch<R extends { cmd: string }>(script: string, requests: R[]): Record<string, unknown>[] {
  if (requests.length === 0) return [];
  const name = script.split('/').pop();
  const r = spawnSync(PYTHON, [script], {
    input: requests.map((q) => JSON.stringify(q)).join('\n') + '\n',
    encoding: 'utf8',
    env: { ...process.env, PYTHONIOENCODING: 'utf-8', PYTHONDONTWRITEBYTECODE: '1' },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60000,
  });
  if (r.error) throw new ZeepPeerError(`cannot run ${PYTHON}: ${r.error.message}`);
  if (r.status !== 0) throw new ZeepPeerError(`${name} exited ${String(r.status)}: ${r.stderr}`);
  const lines = r.stdout.split('\n').filter((l) => l.trim() !== '');
  if (lines.length !== requests.length) {
    throw new ZeepPeerError(`${name} answered ${lines.length} lines for ${requests.length}: ${r.stderr}`);
  }
  return lines.map((line, i) => {
    const v = JSON.parse(line) as Record<string, unknown>;
    if ('harnessError' in v) {
      throw new ZeepPeerError(`${name} ${requests[i]!.cmd} failed: ${String(v.harnessError)}\n${r.stderr}`);
    }
    return v;
  });
}

/** Runs the requests in one Python process; returns each parsed answer, in order. */
export function runZeepBatch(requests: ZeepRequest[]): Record<string, unknown>[] {
  return runPythonBatch(SCRIPT, requests);
}

/** zeep's PasswordDigest for each (nonce, created, password); one Python process for all. */
export function zeepDigests(inputs: { nonce: Uint8Array; created: string; password: string }[]): string[] {
  const answers = runZeepBatch(
    inputs.map((x) => ({
      cmd: 'digest' as const,
      nonce_b64: Buffer.from(x.nonce).toString('base64'),
      created: x.created,
      password: x.password,
    })),
  );
  return answers.map((a, i) => {
    // zeep must have used exactly our inputs, or the comparison proves nothing.
    if (a.nonce_b64 !== Buffer.from(inputs[i]!.nonce).toString('base64') || a.created !== inputs[i]!.created) {
      throw new ZeepPeerError(`zeep used other inputs than asked: ${JSON.stringify(a)}`);
    }
    return String(a.digest);
  });
}

/** SOAP messages with a UsernameToken built by zeep; one Python process for all. */
export function zeepMessages(requests: Omit<ZeepMakeRequest, 'cmd'>[]): string[] {
  return runZeepBatch(requests.map((q) => ({ cmd: 'make' as const, ...q }))).map((a) => String(a.xml));
}
