// Pairs the signatures and references of two inspections ("ours" and "theirs") so each pair can
// be compared down to the canonical bytes: signatures by order, references by URI (then by order
// for the ones whose URI has no partner).

import type { ReferenceDetails, SignatureDetails } from '../report/details.ts';
import { firstDifference, type Difference } from './firstDifference.ts';

export interface ReferencePair {
  a: ReferenceDetails | null;
  b: ReferenceDetails | null;
  /** First difference of the canonical bytes; null when identical (or a side is missing). */
  diff: Difference | null;
}

export interface SignaturePair {
  a: SignatureDetails | null;
  b: SignatureDetails | null;
  signedInfoDiff: Difference | null;
  references: ReferencePair[];
}

function refPair(a: ReferenceDetails | null, b: ReferenceDetails | null): ReferencePair {
  return { a, b, diff: a && b ? firstDifference(a.canonical, b.canonical) : null };
}

export function pairReferences(as: readonly ReferenceDetails[], bs: readonly ReferenceDetails[]): ReferencePair[] {
  const used = new Set<number>();
  const pairs: Array<{ a: ReferenceDetails | null; bIndex: number | null }> = as.map((a) => {
    const k = bs.findIndex((b, i) => !used.has(i) && b.uri === a.uri);
    if (k >= 0) used.add(k);
    return { a, bIndex: k >= 0 ? k : null };
  });
  // References whose URI differs pair up in order (an Id renamed on one side is still "the same" reference).
  const rest = bs.map((_, i) => i).filter((i) => !used.has(i));
  for (const p of pairs) {
    if (p.bIndex === null && rest.length > 0) p.bIndex = rest.shift()!;
  }
  const out = pairs.map((p) => refPair(p.a, p.bIndex === null ? null : bs[p.bIndex]!));
  return [...out, ...rest.map((i) => refPair(null, bs[i]!))];
}

export function pairSignatures(as: readonly SignatureDetails[], bs: readonly SignatureDetails[]): SignaturePair[] {
  const n = Math.max(as.length, bs.length);
  return Array.from({ length: n }, (_, i) => {
    const a = as[i] ?? null;
    const b = bs[i] ?? null;
    return {
      a, b,
      signedInfoDiff: a && b ? firstDifference(a.signedInfoCanonical, b.signedInfoCanonical) : null,
      references: pairReferences(a?.references ?? [], b?.references ?? []),
    };
  });
}
