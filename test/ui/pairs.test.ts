// Pairing the signatures and references of two inspections (src/ui/compare/pairs.ts): signatures
// by order, references by URI and then by order for the ones left over; a side missing gives a
// one-sided pair (the compare view counts it as differing) and no diff.

import { describe, expect, it } from 'vitest';
import type { ReferenceDetails, SignatureDetails } from '../../src/ui/report/details.ts';
import { pairReferences, pairSignatures, type ReferencePair } from '../../src/ui/compare/pairs.ts';

function ref(uri: string, canonical = `<x Id="${uri.slice(1)}"></x>`, tag = ''): ReferenceDetails {
  return {
    uri, path: `Envelope/Body${tag}`, transforms: [], canonical,
    statedDigest: 'd', computedDigest: 'd', digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256', ok: true,
  };
}

function sig(signature: string, references: ReferenceDetails[], signedInfoCanonical = '<ds:SignedInfo></ds:SignedInfo>'): SignatureDetails {
  return {
    signature, signatureAlgorithm: 'rsa-sha256', c14nAlgorithm: 'exc-c14n', signedInfoCanonical, key: null, references,
  };
}

/** The URIs of each pair, '-' for a missing side. */
const uris = (pairs: readonly ReferencePair[]): Array<[string, string]> => pairs.map((p) => [p.a?.uri ?? '-', p.b?.uri ?? '-']);

describe('pairReferences', () => {
  it('pairs identical lists one to one with no difference', () => {
    const as = [ref('#body'), ref('#ts'), ref('')];
    const bs = [ref('#body'), ref('#ts'), ref('')];
    const pairs = pairReferences(as, bs);
    expect(uris(pairs)).toEqual([['#body', '#body'], ['#ts', '#ts'], ['', '']]);
    expect(pairs.map((p) => p.diff)).toEqual([null, null, null]);
    // The objects themselves, not copies.
    expect(pairs[0]!.a).toBe(as[0]);
    expect(pairs[0]!.b).toBe(bs[0]);
  });

  it('pairs by URI whatever the order, in our order', () => {
    const pairs = pairReferences([ref('#a'), ref('#b'), ref('#c')], [ref('#c'), ref('#a'), ref('#b')]);
    expect(uris(pairs)).toEqual([['#a', '#a'], ['#b', '#b'], ['#c', '#c']]);
  });

  it('when theirs has more references, the extra ones come last, alone', () => {
    const pairs = pairReferences([ref('#b')], [ref('#a'), ref('#b'), ref('#c')]);
    // #b pairs by URI; the unmatched ours (none) take leftovers in order; #a and #c remain.
    expect(uris(pairs)).toEqual([['#b', '#b'], ['-', '#a'], ['-', '#c']]);
    expect(pairs.map((p) => p.diff)).toEqual([null, null, null]);
  });

  it('when ours has more references, the extra ones are alone', () => {
    const pairs = pairReferences([ref('#a'), ref('#b'), ref('#c')], [ref('#b')]);
    expect(uris(pairs)).toEqual([['#a', '-'], ['#b', '#b'], ['#c', '-']]);
  });

  it('pairs references whose URI has no partner in order (an Id renamed on one side)', () => {
    const pairs = pairReferences([ref('#id-1'), ref('#ts'), ref('#id-2')], [ref('#ts'), ref('#x-1'), ref('#x-2'), ref('#x-3')]);
    expect(uris(pairs)).toEqual([['#id-1', '#x-1'], ['#ts', '#ts'], ['#id-2', '#x-2'], ['-', '#x-3']]);
    // The renamed Id shows in the canonical bytes: a difference, at the Id value.
    expect(pairs[0]!.diff).toMatchObject({ index: 7, byte: 7, line: 1, column: 8 });
  });

  it('a URI matched by an earlier reference is not paired twice', () => {
    const a1 = ref('#a', '<a>1</a>', '1');
    const a2 = ref('#a', '<a>2</a>', '2');
    const b1 = ref('#a', '<a>1</a>', '1');
    expect(uris(pairReferences([a1, a2], [b1]))).toEqual([['#a', '#a'], ['#a', '-']]);
    const both = pairReferences([a1, a2], [b1, ref('#a', '<a>2</a>', '2')]);
    expect(both.map((p) => [p.a?.path, p.b?.path, p.diff])).toEqual([
      ['Envelope/Body1', 'Envelope/Body1', null],
      ['Envelope/Body2', 'Envelope/Body2', null],
    ]);
  });

  it('diffs the canonical bytes of each pair', () => {
    const [p] = pairReferences([ref('#b', '<b>\n  é</b>')], [ref('#b', '<b>\n  è</b>')]);
    expect(p!.diff).toEqual({ index: 6, byte: 6, line: 2, column: 3 });
  });

  it('handles empty sides', () => {
    expect(pairReferences([], [])).toEqual([]);
    expect(uris(pairReferences([], [ref('#a'), ref('#b')]))).toEqual([['-', '#a'], ['-', '#b']]);
    expect(uris(pairReferences([ref('#a')], []))).toEqual([['#a', '-']]);
  });
});

describe('pairSignatures', () => {
  it('pairs identical inspections with no differences anywhere', () => {
    const mk = (): SignatureDetails[] => [sig('Envelope/Header/Security/Signature', [ref('#body'), ref('#ts')])];
    const [p, ...more] = pairSignatures(mk(), mk());
    expect(more).toEqual([]);
    expect(p!.signedInfoDiff).toBeNull();
    expect(p!.references.map((r) => r.diff)).toEqual([null, null]);
  });

  it('pairs signatures by order and diffs their SignedInfo', () => {
    const ours = [sig('S[1]', [ref('#a')], '<SignedInfo>A</SignedInfo>'), sig('S[2]', [ref('#b')])];
    const theirs = [sig('S[1]', [ref('#a')], '<SignedInfo>B</SignedInfo>'), sig('S[2]', [ref('#b')])];
    const pairs = pairSignatures(ours, theirs);
    expect(pairs.map((p) => [p.a?.signature, p.b?.signature])).toEqual([['S[1]', 'S[1]'], ['S[2]', 'S[2]']]);
    expect(pairs[0]!.signedInfoDiff).toEqual({ index: 12, byte: 12, line: 1, column: 13 });
    expect(pairs[1]!.signedInfoDiff).toBeNull();
  });

  it('a signature only one side has gets its references alone, and no SignedInfo diff', () => {
    const pairs = pairSignatures([sig('S', [ref('#a')])], [sig('S', [ref('#a')]), sig('T', [ref('#b'), ref('#c')])]);
    expect(pairs).toHaveLength(2);
    expect(pairs[1]!.a).toBeNull();
    expect(pairs[1]!.signedInfoDiff).toBeNull();
    expect(uris(pairs[1]!.references)).toEqual([['-', '#b'], ['-', '#c']]);
    expect(pairs[1]!.references.every((r) => r.diff === null)).toBe(true);

    const reversed = pairSignatures([sig('S', [ref('#a')]), sig('T', [ref('#b')])], [sig('S', [ref('#a')])]);
    expect(reversed[1]!.b).toBeNull();
    expect(uris(reversed[1]!.references)).toEqual([['#b', '-']]);
  });

  it('is empty when neither side has a signature', () => {
    expect(pairSignatures([], [])).toEqual([]);
  });
});
