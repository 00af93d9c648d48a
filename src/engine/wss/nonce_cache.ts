// UT 1.1 §3.1: receivers should remember Nonce values for the freshness window and refuse a
// second use. The cache is plain data in the service actor's state.

export interface NonceEntry {
  nonce: string;
  /** ms since epoch after which the nonce may be forgotten. */
  expires: number;
}

/** True when the nonce is remembered and not yet expired. */
export function isReplay(cache: NonceEntry[], nonce: string, now: number): boolean {
  return cache.some((e) => e.nonce === nonce && e.expires > now);
}

/** The cache with the entry added and expired entries dropped. */
export function remember(cache: NonceEntry[], entry: NonceEntry, now: number): NonceEntry[] {
  return [...cache.filter((e) => e.expires > now && e.nonce !== entry.nonce), entry];
}
