// UsernameToken messages outside a scenario: build one as a client would, or check one as a
// service would. Used by the interop tests and the command line; the same code the actors run.

import type { RandomSource } from '../crypto/random.ts';
import type { Report } from '../report/index.ts';
import { transportBinding, usernameToken, type SecurityModel } from '../policy/model.ts';
import { clientRequest, type ClientState } from '../actors/client.ts';
import { serviceReceive, type ServiceState } from '../actors/service.ts';
import type { NonceEntry } from '../wss/nonce_cache.ts';

export interface UtMessageOptions {
  username: string;
  password: string;
  passwordType: 'PasswordText' | 'PasswordDigest';
  nonce?: boolean;
  created?: boolean;
  timestamp?: boolean;
  soap?: '1.1' | '1.2';
}

function modelFor(o: Pick<UtMessageOptions, 'passwordType' | 'nonce' | 'created' | 'timestamp'>): SecurityModel {
  const t = usernameToken({ password: o.passwordType === 'PasswordDigest' ? 'hash' : 'text', nonce: !!o.nonce, created: !!o.created });
  const binding = o.timestamp ? transportBinding({ includeTimestamp: true }) : null;
  return { spVersion: '1.3', binding, supporting: [{ kind: 'SupportingTokens', tokens: [t] }], wss: '1.1' };
}

/** A SOAP request with a UsernameToken (and a Timestamp when asked), as wsbench's client builds it. */
export async function buildUsernameTokenMessage(o: UtMessageOptions, env: { random: RandomSource; now: number }): Promise<string> {
  const state: ClientState = {
    id: 'client', username: o.username, password: o.password, policy: modelFor(o), soap: o.soap ?? '1.1', wsa: '2005/08',
    endpoint: 'https://service.example.com/echo', action: 'urn:wsbench:echo:Echo', iterations: 1000, sent: [],
  };
  return (await clientRequest(state, 'Hello', env)).wire;
}

export interface UtVerifyOptions {
  users: Record<string, string>;
  now: number;
  freshnessSeconds?: number;
  skewSeconds?: number;
  nonceCache?: string[];
}

/**
 * Checks a message's UsernameToken as a lenient service would: any password type, nonce and
 * created optional, Timestamp checked when present. Returns the report and the nonce cache after.
 */
export async function verifyUsernameTokenMessage(wire: string, o: UtVerifyOptions): Promise<{ report: Report; nonceCache: string[] }> {
  const freshness = o.freshnessSeconds ?? 300;
  const cache: NonceEntry[] = (o.nonceCache ?? []).map((nonce) => ({ nonce, expires: o.now + freshness * 1000 }));
  const state: ServiceState = {
    id: 'service', endpoint: '', users: o.users, freshnessSeconds: freshness, skewSeconds: o.skewSeconds ?? 60,
    nonceCache: cache, derivedKeys: [], last: null,
    policy: { spVersion: '1.3', binding: null, supporting: [], wss: '1.1' },
  };
  const { report, state: after } = await serviceReceive(state, { wire, transport: 'https', now: o.now });
  const hasUt = report.checks.some((c) => c.code.startsWith('UT_'));
  if (!hasUt) {
    report.checks.push({ code: 'SP_TOKEN_MISSING', status: 'fail', specRef: 'UT 1.1 §3', path: 'Envelope/Header', message: 'expected a wsse:UsernameToken in the Security header, found none' });
    report.accepted = false;
  }
  return { report, nonceCache: after.nonceCache.map((e) => e.nonce) };
}
