// Harness for zeep's X.509 signatures (test/peers/zeep_x509_peer.py): BinarySignature, Signature and
// MemorySignature from zeep.wsse.signature, run with Debian's /usr/bin/python3; a whole batch runs
// in one Python process.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPythonBatch, ZeepPeerError } from './zeep_peer.ts';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'zeep_x509_peer.py');

export type ZeepSigVariant = 'binary' | 'signature' | 'memory';

export interface ZeepSignRequest {
  cmd: 'sign';
  variant: ZeepSigVariant;
  /** PEM file paths. */
  key: string;
  cert: string;
  signature_method?: 'rsa-sha1' | 'rsa-sha256';
  digest_method?: 'sha1' | 'sha256';
  /** A wsu:Timestamp in the Security header before zeep signs (zeep then signs it too). */
  timestamp?: boolean;
  soap?: '1.1' | '1.2';
  /** The envelope to sign instead of zeep's "hello from zeep" one. */
  envelope?: string;
}

export interface ZeepVerifyRequest {
  cmd: 'verify';
  xml: string;
  /** PEM path of the signer's certificate. */
  cert: string;
}

export type ZeepX509Request = ZeepSignRequest | ZeepVerifyRequest | { cmd: 'version' };

/** Runs the requests in one Python process; returns each parsed answer, in order. */
export function runZeepX509Batch(requests: ZeepX509Request[]): Record<string, unknown>[] {
  return runPythonBatch(SCRIPT, requests);
}

export const signedXml = (a: Record<string, unknown>): string => {
  if (typeof a.xml !== 'string') throw new ZeepPeerError(`zeep sign answer lacks xml: ${JSON.stringify(a)}`);
  return a.xml;
};

export const verdict = (a: Record<string, unknown>): { ok: boolean; error: string | null } => {
  if (typeof a.ok !== 'boolean') throw new ZeepPeerError(`zeep verify answer lacks ok: ${JSON.stringify(a)}`);
  return { ok: a.ok, error: typeof a.error === 'string' ? a.error : null };
};
