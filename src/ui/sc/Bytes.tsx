// A byte string shown both ways — base64 and hex — monospace and selectable, with a copy button;
// and the small marks the key-derivation view and the session table share.

import type { ReactNode } from 'react';
import { fromBase64, toHex } from '../../engine/index.ts';
import { CopyButton } from '../token/CopyButton.tsx';

/** Hex of a base64 value, or null when it is not base64 (a value typed by hand). */
export function hexOf(b64: string): string | null {
  try {
    return toHex(fromBase64(b64));
  } catch {
    return null;
  }
}

export function byteLength(b64: string): number | null {
  try {
    return fromBase64(b64).length;
  } catch {
    return null;
  }
}

export function Bytes({ b64, hex, what }: { b64: string; hex?: string | null; what: string }) {
  const h = hex ?? hexOf(b64);
  return (
    <dl className="dk-bytes">
      <dt>base64</dt>
      <dd>
        <code>{b64}</code>
        <CopyButton value={b64} what={`${what} (base64)`} />
      </dd>
      {h !== null && (
        <>
          <dt>hex</dt>
          <dd>
            <code>{h}</code>
          </dd>
        </>
      )}
    </dl>
  );
}

/** ✓ / ✗ / … with a word, coloured by state (colour always comes with a mark). */
export function Mark({ state, children, title }: { state: 'ok' | 'bad' | 'pending' | 'info'; children: ReactNode; title?: string }) {
  const icon = state === 'ok' ? '✓' : state === 'bad' ? '✗' : state === 'pending' ? '…' : '·';
  return (
    <span className={`dk-mark dk-${state}`} title={title}>
      <span aria-hidden="true">{icon}</span> {children}
    </span>
  );
}

/** "2026-01-01T00:00:02.000Z" → "2026-01-01 00:00:02Z". */
export function shortTime(iso: string | undefined): string {
  if (!iso) return '—';
  return iso.replace('T', ' ').replace(/\.000Z$/, 'Z');
}
