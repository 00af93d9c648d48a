// Just enough XML reading for hovers: which qualified name is under the cursor, is it an element
// name, and which namespace its prefix is bound to (a scan of xmlns declarations, nearest first).

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export interface ElementNameAt {
  prefix: string | null;
  localName: string;
  /** 1-based columns of the name on its line (end exclusive). */
  startColumn: number;
  endColumn: number;
}

const NAME_CHAR = /[A-Za-z0-9_.:\-\u00B7\u00C0-\uFFEF]/;

/** The element name under 1-based `column` of `line`, or null when the cursor is not on one. */
export function elementNameAt(line: string, column: number): ElementNameAt | null {
  let start = column - 1;
  let end = column - 1;
  if (!NAME_CHAR.test(line[start] ?? '') && NAME_CHAR.test(line[start - 1] ?? '')) start = end = start - 1;
  if (!NAME_CHAR.test(line[start] ?? '')) return null;
  while (start > 0 && NAME_CHAR.test(line[start - 1] ?? '')) start--;
  while (end < line.length && NAME_CHAR.test(line[end] ?? '')) end++;
  const before = line.slice(0, start);
  if (!/<\/?$/.test(before)) return null;
  const qname = line.slice(start, end);
  const colon = qname.indexOf(':');
  return {
    prefix: colon > 0 ? qname.slice(0, colon) : null,
    localName: colon > 0 ? qname.slice(colon + 1) : qname,
    startColumn: start + 1,
    endColumn: end + 1,
  };
}

/**
 * The namespace bound to `prefix` (null: the default namespace) for a name at `offset`: the nearest
 * declaration before it, else the first one anywhere in the document. Not scope-exact, which is
 * fine for explaining names in SOAP messages, where a prefix is rarely bound twice.
 */
export function resolvePrefix(text: string, prefix: string | null, offset: number): string | null {
  if (prefix === 'xml') return XML_NS;
  const decl = /\bxmlns(?::([A-Za-z_][\w.\-]*))?\s*=\s*(["'])(.*?)\2/g;
  let nearest: string | null = null;
  let first: string | null = null;
  for (let m = decl.exec(text); m; m = decl.exec(text)) {
    if ((m[1] ?? null) !== prefix) continue;
    const uri = m[3] ?? '';
    if (first === null) first = uri;
    if (m.index < offset) nearest = uri;
    else break;
  }
  const uri = nearest ?? first;
  return uri === '' ? null : uri;
}
