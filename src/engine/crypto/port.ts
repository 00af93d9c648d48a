// The WebCrypto port (W3C Web Cryptography API), DESIGN.md decision 5: the only module of the
// engine that reaches `globalThis.crypto`. Browsers on a secure origin and Node 20 have it
// natively; elsewhere @peculiar/webcrypto stands in behind the same SubtleCrypto interface.

import { CryptoError, UsageError } from '../report/errors.ts';

/** getRandomValues refuses requests above 65536 bytes (WebCrypto §10.1.1), so we fill in chunks. */
const RANDOM_CHUNK = 65536;

// @peculiar/webcrypto needs Node's crypto module, so the browser build must not bundle it: the
// specifier is computed at run time and Vite is told to leave the import alone.
const PECULIAR = ['@peculiar', 'webcrypto'].join('/');

interface PeculiarModule {
  Crypto: new () => Crypto;
}

let fallback: Promise<Crypto> | undefined;

function nativeCrypto(): Crypto | undefined {
  const candidate = (globalThis as { crypto?: Crypto }).crypto;
  return candidate && typeof candidate.subtle === 'object' ? candidate : undefined;
}

async function loadPeculiar(): Promise<Crypto> {
  try {
    const mod = (await import(/* @vite-ignore */ PECULIAR)) as PeculiarModule;
    return new mod.Crypto();
  } catch (cause) {
    const found = cause instanceof Error ? cause.message : String(cause);
    throw new CryptoError(
      'WEBCRYPTO_UNAVAILABLE',
      `Expected globalThis.crypto.subtle or the @peculiar/webcrypto package; found neither (${found})`,
    );
  }
}

/** The @peculiar/webcrypto implementation, loaded once; tests use it to prove both ports agree. */
export async function fallbackSubtle(): Promise<SubtleCrypto> {
  fallback ??= loadPeculiar();
  return (await fallback).subtle;
}

/** The SubtleCrypto every engine operation uses: native when present, else @peculiar/webcrypto. */
export async function subtle(): Promise<SubtleCrypto> {
  const native = nativeCrypto();
  if (native) return native.subtle;
  return fallbackSubtle();
}

/** True when `subtle()` resolves to the platform's own implementation. */
export function hasNativeWebCrypto(): boolean {
  return nativeCrypto() !== undefined;
}

/**
 * Fills `buf` from the system's cryptographic random source (getRandomValues) and returns it.
 * Synchronous, so it needs a native `globalThis.crypto` (every browser and Node 20 have one).
 */
export function randomFill<T extends Uint8Array>(buf: T): T {
  const native = (globalThis as { crypto?: Crypto }).crypto;
  if (!native || typeof native.getRandomValues !== 'function') {
    throw new CryptoError(
      'RANDOM_UNAVAILABLE',
      'Expected globalThis.crypto.getRandomValues for the system random source; found none',
    );
  }
  if (!(buf instanceof Uint8Array)) {
    throw new UsageError('RANDOM_BAD_BUFFER', `Expected a Uint8Array to fill; found ${typeof buf}`);
  }
  for (let at = 0; at < buf.length; at += RANDOM_CHUNK) {
    native.getRandomValues(buf.subarray(at, Math.min(at + RANDOM_CHUNK, buf.length)));
  }
  return buf;
}
