// The receiver's report: the verdict (and whether it is what the step expected), then every check
// it made, in order. Clicking a check reveals its line in the message pane.

import { useEffect, useRef } from 'react';
import type { Check, CheckStatus, StepRecord } from '../engine/index.ts';
import { expectationText } from './StepInfo.tsx';
import { selectScenario, selectStep, useStore } from './store/index.ts';

export const STATUS_ICON: Record<CheckStatus, string> = { pass: '✓', fail: '✗', warn: '!', info: 'i' };
const STATUS_WORD: Record<CheckStatus, string> = { pass: 'passed', fail: 'failed', warn: 'warning', info: 'info' };

function Verdict({ step, receiver }: { step: StepRecord | null; receiver: string }) {
  if (!step) return <div className="verdict" />;
  const expected = expectationText(step.expect);
  if (step.delivered === null || !step.report) {
    return (
      <div className="verdict verdict-pending">
        <div className="verdict-main">
          <span className="verdict-icon" aria-hidden="true">…</span> Not delivered yet
        </div>
        <div className="verdict-sub">
          {receiver} should <strong>{expected}</strong>. Deliver (Ctrl+Enter) to see its checks.
        </div>
      </div>
    );
  }
  const r = step.report;
  const asExpected = step.outcome === 'as-expected';
  return (
    <div className={`verdict ${r.accepted ? 'verdict-accepted' : 'verdict-rejected'}`}>
      <div className="verdict-main">
        <span className="verdict-icon" aria-hidden="true">{r.accepted ? '✓' : '✗'}</span>
        {r.accepted ? 'Accepted' : 'Rejected'} by {receiver}
        <span className={`pill ${asExpected ? 'pill-as-expected' : 'pill-unexpected'}`}>
          {asExpected ? 'as expected' : 'unexpected'}
        </span>
      </div>
      <div className="verdict-sub">
        Expected: <strong>{expected}</strong>
        {r.fault && (
          <>
            {' · fault '}
            <code>{r.fault.subcode ?? r.fault.code}</code>: {r.fault.reason}
          </>
        )}
      </div>
    </div>
  );
}

function Counts({ checks }: { checks: readonly Check[] }) {
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

function CheckDetails({ details, open }: { details: Record<string, unknown>; open: boolean }) {
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

function CheckRow({ check, onReveal }: { check: Check; onReveal(): void }) {
  const where = check.line ? `line ${check.line}${check.column ? `:${check.column}` : ''}` : '';
  return (
    <li
      className={`check status-${check.status}`}
      role="button"
      tabIndex={0}
      aria-label={`${STATUS_WORD[check.status]} ${check.code}: ${check.message}`}
      onClick={(e) => {
        // Selecting text in a row is for copying, not for jumping.
        // Toggling the details is not a jump either.
        if (e.target instanceof Element && e.target.closest('summary')) return;
        const sel = window.getSelection();
        if (sel && !sel.isCollapsed && sel.anchorNode && e.currentTarget.contains(sel.anchorNode)) return;
        e.preventDefault();
        onReveal();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onReveal();
        }
      }}
    >
      <span className="check-icon" aria-hidden="true">{STATUS_ICON[check.status]}</span>
      <div className="check-body">
        <div className="check-head">
          <code className="check-code">{check.code}</code>
          <span className="check-ref">{check.specRef}</span>
        </div>
        <div className="check-message">{check.message}</div>
        {check.details && <CheckDetails details={check.details} open={check.status === 'fail'} />}
        {(check.path || where) && (
          <div className="check-path mono">
            {check.path}
            {where && <span className="muted"> · {where}</span>}
          </div>
        )}
      </div>
    </li>
  );
}

export function ReportPanel() {
  const step = useStore(selectStep);
  const scenario = useStore(selectScenario);
  const reveal = useStore((s) => s.revealInEditor);
  const receiver = step ? (scenario?.actors.find((a) => a.id === step.to)?.name ?? step.to) : '';
  const checks = step?.report?.checks ?? [];
  const list = useRef<HTMLOListElement>(null);
  const report = step?.report ?? null;
  useEffect(() => {
    // A new report opens on its first failure (the reason for a rejection), else at the top.
    const el = list.current;
    if (!el) return;
    const failed = el.querySelector<HTMLElement>('.check.status-fail');
    el.scrollTop = failed ? Math.max(0, failed.offsetTop - 8) : 0;
  }, [report]);
  return (
    <section className="report panel" aria-label="Report">
      <h2 className="panel-title">
        Receiver's report <span className="muted">· {receiver}</span>
      </h2>
      <section className="verdict-box" aria-label="Verdict" aria-live="polite">
        <Verdict step={step} receiver={receiver} />
        <Counts checks={checks} />
      </section>
      <ol className="checks" aria-label="Checks" ref={list}>
        {checks.map((c, i) => (
          <CheckRow key={`${i}:${c.code}`} check={c} onReveal={() => reveal(c.line ?? 1, c.column ?? 1)} />
        ))}
        {step && checks.length === 0 && (
          <li className="checks-empty muted">{step.delivered === null ? 'No checks yet: the message has not been delivered.' : 'The receiver reported no checks.'}</li>
        )}
      </ol>
    </section>
  );
}
