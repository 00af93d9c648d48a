// Unusable input becomes one failed check carrying the error's code and position, so a receiver
// that meets malformed XML still produces a report (DESIGN.md decision 4).

import type { Check } from './check.ts';
import { WsbenchError } from './errors.ts';

export function checkFromError(e: unknown): Check {
  if (e instanceof WsbenchError) {
    const c: Check = { code: e.code, status: 'fail', message: e.message, specRef: e.code.startsWith('XML') ? 'XML 1.0 §2.1 (well-formed documents)' : '', path: e.path };
    if (e.line !== undefined) c.line = e.line;
    if (e.column !== undefined) c.column = e.column;
    return c;
  }
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'INTERNAL_ERROR', status: 'fail', message: `unexpected error: ${message}`, specRef: '', path: '' };
}
