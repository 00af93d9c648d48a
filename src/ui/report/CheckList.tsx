// The checks of a report, in order. Each row's head is a button that reveals the check's node in
// its editor; below it, what the check's details hold: the canonical view of a signature, the key
// chain of a decrypted part, or the raw values.

import { forwardRef, type ReactNode } from 'react';
import type { Check, CheckStatus } from '../../engine/index.ts';
import { useStore, type EditorTarget } from '../store/index.ts';
import { LegacyBadge } from './Algorithm.tsx';
import { decryptionDetails, isLegacyAlgorithm, signatureDetails } from './details.ts';
import { DecryptionView } from './DecryptionView.tsx';
import { Disclosure } from './Disclosure.tsx';
import { SignatureView, type RevealPath } from './SignatureView.tsx';

export const STATUS_ICON: Record<CheckStatus, string> = { pass: '✓', fail: '✗', warn: '!', info: 'i' };
export const STATUS_WORD: Record<CheckStatus, string> = { pass: 'passed', fail: 'failed', warn: 'warning', info: 'info' };

export function Counts({ checks }: { checks: readonly Check[] }) {
  const count = (st: CheckStatus): number => checks.filter((c) => c.status === st).length;
  return (
    <div className="counts" aria-label="Check counts">
      <span>{checks.length} checks</span>
      {(['pass', 'fail', 'warn', 'info'] as const).map((st) => (
        <span key={st} className={`count status-${st}`}>
          <span aria-hidden="true">{STATUS_ICON[st]}</span> {count(st)} {STATUS_WORD[st]}
        </span>
      ))}
    </div>
  );
}

function RawDetails({ details, open }: { details: Record<string, unknown>; open: boolean }) {
  const entries = Object.entries(details);
  if (entries.length === 0) return null;
  return (
    <details className="check-details" open={open}>
      <summary>details</summary>
      <dl>
        {entries.map(([k, v]) => (
          <div key={k} className="check-detail">
            <dt>{k}</dt>
            <dd className="mono">{typeof v === 'string' ? v : JSON.stringify(v)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

function isLegacyCheck(check: Check): boolean {
  const alg = check.details?.algorithm;
  return check.code === 'XENC_LEGACY_ALGORITHM' || (typeof alg === 'string' && isLegacyAlgorithm(alg));
}

function CheckExtras({ check, target, onRevealPath }: { check: Check; target: EditorTarget; onRevealPath: RevealPath }) {
  const showDecrypted = useStore((s) => s.setPaneView);
  const sig = signatureDetails(check);
  if (sig) {
    const bad = sig.references.some((r) => !r.ok);
    return (
      <Disclosure label="Canonical view" summary={<span className="muted">SignedInfo, key, {sig.references.length} reference(s)</span>} defaultOpen={bad}>
        {() => <SignatureView details={sig} onRevealPath={onRevealPath} />}
      </Disclosure>
    );
  }
  const dec = decryptionDetails(check);
  if (dec) {
    return (
      <Disclosure label="Key chain" summary={<span className="muted">{dec.chain.length} step(s)</span>}>
        {() => <DecryptionView details={dec} onRevealPath={onRevealPath} />}
      </Disclosure>
    );
  }
  if (check.code === 'WSS_DECRYPTED_MESSAGE') {
    return target === 'main' ? (
      <button type="button" className="small-button" onClick={() => showDecrypted('decrypted')}>
        Show the decrypted message
      </button>
    ) : null;
  }
  return check.details ? <RawDetails details={check.details} open={check.status === 'fail'} /> : null;
}

function CheckRow({ check, target }: { check: Check; target: EditorTarget }) {
  const reveal = useStore((s) => s.revealInEditor);
  const revealPath = useStore((s) => s.revealPath);
  const where = check.line ? `line ${check.line}${check.column ? `:${check.column}` : ''}` : '';
  const go = (): void => reveal(check.line ?? 1, check.column ?? 1, target);
  return (
    <li className={`check status-${check.status}`}>
      <div
        className="check-main"
        role="button"
        tabIndex={0}
        aria-label={`${STATUS_WORD[check.status]} ${check.code}: ${check.message}`}
        onClick={(e) => {
          // Selecting text in a row is for copying, not for jumping.
          const sel = window.getSelection();
          if (sel && !sel.isCollapsed && sel.anchorNode && e.currentTarget.contains(sel.anchorNode)) return;
          e.preventDefault();
          go();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            go();
          }
        }}
      >
        <span className="check-icon" aria-hidden="true">{STATUS_ICON[check.status]}</span>
        <div className="check-body">
          <div className="check-head">
            <code className="check-code">{check.code}</code>
            {isLegacyCheck(check) && <LegacyBadge />}
            <span className="check-ref">{check.specRef}</span>
          </div>
          <div className="check-message">{check.message}</div>
          {(check.path || where) && (
            <div className="check-path mono">
              {check.path}
              {where && <span className="muted"> · {where}</span>}
            </div>
          )}
        </div>
      </div>
      <div className="check-extras">
        <CheckExtras check={check} target={target} onRevealPath={(path, line) => revealPath(path, target, line)} />
      </div>
    </li>
  );
}

/** `lead`: shown above the first check, scrolling with the list (e.g. the STS's four decisions). */
export const CheckList = forwardRef<HTMLOListElement, { checks: readonly Check[]; target: EditorTarget; empty: string | null; label?: string; lead?: ReactNode }>(
  function CheckList({ checks, target, empty, label = 'Checks', lead }, ref) {
    return (
      <ol className="checks" aria-label={label} ref={ref}>
        {lead && <li className="checks-lead">{lead}</li>}
        {checks.map((c, i) => (
          <CheckRow key={`${i}:${c.code}`} check={c} target={target} />
        ))}
        {checks.length === 0 && empty && <li className="checks-empty muted">{empty}</li>}
      </ol>
    );
  },
);
