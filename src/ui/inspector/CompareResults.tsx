// The comparison: for each pair of signatures, the canonical SignedInfo and every reference's
// canonical bytes compared, the first differing byte pointed at (line:column and a caret), and
// the digests side by side.

import { CaretExcerpt, differenceText } from '../compare/CaretExcerpt.tsx';
import { firstDifference } from '../compare/firstDifference.ts';
import { pairSignatures, type ReferencePair, type SignaturePair } from '../compare/pairs.ts';
import { CanonicalBytes } from '../report/CanonicalBytes.tsx';
import { signaturesOf } from '../report/details.ts';
import { Disclosure } from '../report/Disclosure.tsx';
import { useStore, type CompareSideResult } from '../store/index.ts';

function SideSummary({ title, r }: { title: string; r: CompareSideResult }) {
  if (r.error) {
    return (
      <li className="bad" role="alert">
        {title}: <code>{r.error.code}</code> {r.error.message}
      </li>
    );
  }
  const report = r.inspection?.report;
  const failed = report?.checks.filter((c) => c.status === 'fail') ?? [];
  return (
    <li className={failed.length ? 'bad' : 'ok'}>
      {title}: {signaturesOf(report).length} signature(s), {failed.length ? `${failed.length} failed check(s): ${failed.map((c) => c.code).join(', ')}` : 'no check failed'}
    </li>
  );
}

function DigestTable({ p }: { p: ReferencePair }) {
  const cell = (v: string | undefined, other: string | undefined) => (
    <td className={v !== undefined && other !== undefined && v !== other ? 'digest-diff' : ''}>
      <code>{v || '—'}</code>
    </td>
  );
  return (
    <table className="digest-table" aria-label="Digests">
      <thead>
        <tr><th scope="col" /><th scope="col">ours</th><th scope="col">theirs</th></tr>
      </thead>
      <tbody>
        <tr><th scope="row">stated</th>{cell(p.a?.statedDigest, p.b?.statedDigest)}{cell(p.b?.statedDigest, p.a?.statedDigest)}</tr>
        <tr><th scope="row">computed</th>{cell(p.a?.computedDigest, p.b?.computedDigest)}{cell(p.b?.computedDigest, p.a?.computedDigest)}</tr>
      </tbody>
    </table>
  );
}

function ReferencePairView({ p }: { p: ReferencePair }) {
  const uri = p.a?.uri ?? p.b?.uri ?? '';
  const same = !!p.a && !!p.b && p.diff === null;
  return (
    <li className={`cmp-ref ${same ? 'ref-ok' : 'ref-bad'}`} aria-label={`Reference ${uri}: ${same ? 'identical canonical bytes' : p.diff ? differenceText(p.diff) : 'only on one side'}`}>
      <div className="ref-head">
        <span className={`ref-icon ${same ? 'ok' : 'bad'}`} aria-hidden="true">{same ? '=' : '≠'}</span>
        <code className="ref-uri">{p.a?.uri ?? '—'}</code>
        {p.b && p.a?.uri !== p.b.uri && <code className="ref-uri"> / {p.b.uri}</code>}
        <span className="muted small">{p.a?.path ?? p.b?.path}</span>
      </div>
      {!p.a || !p.b ? (
        <p className="small bad">Only {p.a ? 'ours' : 'theirs'} has this reference.</p>
      ) : p.diff ? (
        <>
          <p className="diff-where">{differenceText(p.diff)}</p>
          <CaretExcerpt text={p.a.canonical} diff={p.diff} label="ours" />
          <CaretExcerpt text={p.b.canonical} diff={p.diff} label="theirs" />
        </>
      ) : (
        <p className="small ok">Canonical bytes identical ({new TextEncoder().encode(p.a.canonical).length} bytes)</p>
      )}
      <DigestTable p={p} />
      {p.a && p.b && (
        <Disclosure label="Canonical bytes, both">
          {() => (
            <div className="cmp-canon">
              <CanonicalBytes text={p.a!.canonical} label={`Our canonical bytes of ${uri}`} {...(p.diff ? { mark: p.diff.index } : {})} />
              <CanonicalBytes text={p.b!.canonical} label={`Their canonical bytes of ${uri}`} {...(p.diff ? { mark: p.diff.index } : {})} />
            </div>
          )}
        </Disclosure>
      )}
    </li>
  );
}

function SignaturePairView({ p, index }: { p: SignaturePair; index: number }) {
  return (
    <section className="cmp-sig" aria-label={`Signature ${index + 1}`}>
      <h3 className="section-title">
        Signature {index + 1} <span className="muted">{p.a?.signature ?? p.b?.signature}</span>
      </h3>
      {p.a && p.b ? (
        p.signedInfoDiff ? (
          <div className="cmp-signedinfo">
            <p className="diff-where">SignedInfo: {differenceText(p.signedInfoDiff)}</p>
            <CaretExcerpt text={p.a.signedInfoCanonical} diff={p.signedInfoDiff} label="ours" />
            <CaretExcerpt text={p.b.signedInfoCanonical} diff={p.signedInfoDiff} label="theirs" />
          </div>
        ) : (
          <p className="small ok">Canonical SignedInfo identical</p>
        )
      ) : (
        <p className="small bad">Only {p.a ? 'ours' : 'theirs'} has this signature.</p>
      )}
      <p className="small">
        References: {p.references.filter((r) => r.a && r.b && !r.diff).length} identical
        {p.references.some((r) => r.diff || !r.a || !r.b) && (
          <strong className="bad">, {p.references.filter((r) => r.diff || !r.a || !r.b).length} differ</strong>
        )}
      </p>
      <ol className="refs" aria-label={`References of signature ${index + 1}`}>
        {p.references.map((r, i) => (
          <ReferencePairView key={i} p={r} />
        ))}
      </ol>
    </section>
  );
}

export function CompareResults() {
  const result = useStore((s) => s.compareResult);
  if (!result) {
    return (
      <section className="comparison panel" aria-label="Comparison">
        <h2 className="panel-title">Comparison</h2>
        <p className="muted pad">Put a message on each side, then press Compare: each signature reference is compared down to its canonical bytes.</p>
      </section>
    );
  }
  const pairs = pairSignatures(signaturesOf(result.a.inspection?.report), signaturesOf(result.b.inspection?.report));
  const wire = firstDifference(result.a.text, result.b.text);
  return (
    <section className="comparison panel" aria-label="Comparison">
      <h2 className="panel-title">Comparison <span className="muted">· ours vs theirs</span></h2>
      <div className="cmp-body">
        <ul className="summary-list" aria-label="Sides">
          <SideSummary title="Ours" r={result.a} />
          <SideSummary title="Theirs" r={result.b} />
          <li>{wire ? `Wire texts: ${differenceText(wire)}` : 'Wire texts identical'}</li>
        </ul>
        {pairs.length === 0 && <p className="muted">Neither message has a signature that could be processed.</p>}
        {pairs.map((p, i) => (
          <SignaturePairView key={i} p={p} index={i} />
        ))}
      </div>
    </section>
  );
}
