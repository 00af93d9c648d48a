// Well-formedness for the editor: the parser's message with line and column, never a throw.

import { tryParseXml } from './parse.ts';

export function checkXml(text: string): { ok: true } | { ok: false; message: string; line: number; column: number } {
  const r = tryParseXml(text);
  if (r.ok) return { ok: true };
  return { ok: false, message: r.error.message, line: r.error.line ?? 1, column: r.error.column ?? 1 };
}
