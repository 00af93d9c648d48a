// The canonical-bytes view of one ds:Signature (issue 3 point 8, DESIGN §3): the algorithms, the
// key and where it came from, the canonical SignedInfo, and per reference the target (click to
// reveal it), stated vs computed digest side by side, and the exact canonical bytes digested.

import { Algorithm } from './Algorithm.tsx';
import { CanonicalBytes } from './CanonicalBytes.tsx';
import type { ReferenceDetails, SignatureDetails } from './details.ts';
import { Disclosure } from './Disclosure.tsx';

export type RevealPath = (path: string, line?: number) => void;

export function DigestCompare({ stated, computed, ok, statedLabel = 'stated (DigestValue)', computedLabel = 'computed' }: {
  stated: string; computed: string; ok: boolean; statedLabel?: string; computedLabel?: string;
}) {
  return (
    <div className={`digests ${ok ? 'digests-ok' : 'digests-bad'}`} role="group" aria-label={ok ? 'Digests match' : 'Digests differ'}>
      <div className="digest">
        <span className="digest-label">{statedLabel}</span>
        <code className="digest-value">{stated || '(none)'}</code>
      </div>
      <span className="digest-eq" aria-hidden="true">{ok ? '=' : '≠'}</span>
      <div className="digest">
        <span className="digest-label">{computedLabel}</span>
        <code className="digest-value">{computed || '(not computed)'}</code>
      </div>
    </div>
  );
}

function ReferenceView({ r, index, onRevealPath }: { r: ReferenceDetails; index: number; onRevealPath: RevealPath }) {
  return (
    <li className={`ref ${r.ok ? 'ref-ok' : 'ref-bad'}`} aria-label={`Reference ${index + 1} ${r.uri}: ${r.ok ? 'digest matches' : 'digest mismatch'}`}>
      <div className="ref-head">
        <span className={`ref-icon ${r.ok ? 'ok' : 'bad'}`} aria-hidden="true">{r.ok ? '✓' : '✗'}</span>
        <code className="ref-uri">{r.uri || '(no URI)'}</code>
        <span aria-hidden="true">→</span>
        {r.path ? (
          <button type="button" className="link-button path-button" title="Reveal this element in the editor" onClick={() => onRevealPath(r.path, r.line)}>
            {r.path}
          </button>
        ) : (
          <span className="muted">not dereferenced</span>
        )}
      </div>
      <div className="ref-algs">
        {r.transforms.length > 0 && (
          <span>
            transforms{' '}
            {r.transforms.map((t, i) => (
              <span key={i}>{i > 0 && ', '}<Algorithm uri={t} /></span>
            ))}
          </span>
        )}
        <span>
          digest <Algorithm uri={r.digestAlgorithm} />
        </span>
      </div>
      <DigestCompare stated={r.statedDigest} computed={r.computedDigest} ok={r.ok} />
      <Disclosure label="Canonical bytes" summary={<span className="muted">({new TextEncoder().encode(r.canonical).length} bytes)</span>} defaultOpen={!r.ok}>
        {() => <CanonicalBytes text={r.canonical} label={`Canonical bytes of reference ${r.uri}`} />}
      </Disclosure>
    </li>
  );
}

export function SignatureView({ details, onRevealPath }: { details: SignatureDetails; onRevealPath: RevealPath }) {
  return (
    <div className="sig-view">
      <dl className="kv">
        <dt>signature</dt>
        <dd>
          <button type="button" className="link-button path-button" onClick={() => onRevealPath(details.signature)}>
            {details.signature}
          </button>
        </dd>
        <dt>method</dt>
        <dd><Algorithm uri={details.signatureAlgorithm} /></dd>
        <dt>c14n</dt>
        <dd><Algorithm uri={details.c14nAlgorithm} /></dd>
        <dt>key</dt>
        <dd>{details.key ? <><code>{details.key.kind}</code> · {details.key.source}</> : <span className="bad">not found</span>}</dd>
      </dl>
      <Disclosure label="Canonical SignedInfo" summary={<span className="muted">({new TextEncoder().encode(details.signedInfoCanonical).length} bytes)</span>}>
        {() => <CanonicalBytes text={details.signedInfoCanonical} label="Canonical SignedInfo" />}
      </Disclosure>
      <ol className="refs" aria-label="References">
        {details.references.map((r, i) => (
          <ReferenceView key={i} r={r} index={i} onRevealPath={onRevealPath} />
        ))}
      </ol>
    </div>
  );
}
