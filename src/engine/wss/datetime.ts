// WSS: Message Security 1.1 §10 — wsu:Created / wsu:Expires are xsd:dateTime values; BSP 1.1
// asks for UTC ("Z") and no more than millisecond precision. Parsing is strict so that a
// malformed value becomes a failed check rather than NaN arithmetic.

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

export interface ParsedDateTime {
  ms: number;
  /** True when the value ends in 'Z' (UTC), as BSP requires. */
  utc: boolean;
  /** True when a time zone was given at all. */
  zoned: boolean;
}

/** Formats ms-since-epoch as xsd:dateTime in UTC with milliseconds, e.g. 2026-01-01T00:00:00.000Z. */
export function formatDateTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** Parses an xsd:dateTime; returns null when the text is not one. Values without a zone are read as UTC. */
export function parseDateTime(text: string): ParsedDateTime | null {
  const m = DATETIME.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const ms = frac ? Math.round(Number(`0${frac}`) * 1000) : 0;
  let t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  const check = new Date(t);
  if (check.getUTCDate() !== Number(d) || check.getUTCMonth() !== Number(mo) - 1) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const [zh, zm] = zone.slice(1).split(':').map(Number);
    t -= sign * ((zh ?? 0) * 60 + (zm ?? 0)) * 60000;
  }
  return { ms: t, utc: zone === 'Z', zoned: zone !== undefined };
}
