// Shared pieces of the UsernameToken interop tests: the user table, and short-hands for reading a
// wsbench Report.

import type { Report } from '../../src/engine/report/check.ts';

/** The service's users. Non-ASCII on purpose: every peer must put the password on the wire as UTF-8. */
export const USERS: Record<string, string> = {
  alice: 'p\u00e4ss-w\u00f6rd \u{1F511}',
  'zo\u00eb': '\u5bc6\u7801<&>',
  bob: 'bob-secret',
};

export const WRONG = 'not-the-password';

/** The same users with every password wrong: a message checked against these must be rejected. */
export const WRONG_USERS: Record<string, string> = Object.fromEntries(Object.keys(USERS).map((u) => [u, WRONG]));

export const failCodes = (r: Report): string[] => r.checks.filter((c) => c.status === 'fail').map((c) => c.code);
export const passCodes = (r: Report): string[] => r.checks.filter((c) => c.status === 'pass').map((c) => c.code);

/** A one-line summary of a report for assertion messages. */
export function describeReport(r: Report): string {
  return JSON.stringify({
    accepted: r.accepted,
    failed: r.checks.filter((c) => c.status === 'fail').map((c) => `${c.code}: ${c.message}`),
  });
}

/** One hour: far outside any freshness window a service would use, so "stale" is unambiguous. */
export const HOUR_MS = 3600_000;
