// The receiver's report: the verdict (and whether it is what the step expected), then every check
// it made, in order. Clicking a check reveals its line in the message pane.

import { useEffect, useRef } from 'react';
import { stsDecisionChecklist, type Report, type StepRecord } from '../engine/index.ts';
import { CheckList, Counts } from './report/CheckList.tsx';
import { expectationText } from './StepInfo.tsx';
import { selectScenario, selectStep, useStore } from './store/index.ts';
import { StsDecisions } from './token/StsDecisions.tsx';
import { useRequirementsLead } from './wsat/RequirementProofs.tsx';

/**
 * A new report opens on its first failure (the reason for a rejection), else at the top; `keepTop`
 * when the top already says why (the STS's decisions).
 */
export function useScrollToFirstFailure(list: React.RefObject<HTMLOListElement | null>, report: Report | null, keepTop = false): void {
  useEffect(() => {
    const el = list.current;
    if (!el) return;
    const failed = keepTop ? null : el.querySelector<HTMLElement>('.check.status-fail');
    el.scrollTop = failed ? Math.max(0, failed.offsetTop - 8) : 0;
  }, [list, report, keepTop]);
}

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

export function ReportPanel() {
  const step = useStore(selectStep);
  const scenario = useStore(selectScenario);
  const receiver = step ? (scenario?.actors.find((a) => a.id === step.to)?.name ?? step.to) : '';
  const checks = step?.report?.checks ?? [];
  const list = useRef<HTMLOListElement>(null);
  const report = step?.report ?? null;
  const decisions = stsDecisionChecklist(report) !== null;
  // On a WS-AT step: its requirement IDs (seed 002) with the checks that prove them, above the checks.
  const requirements = useRequirementsLead(step);
  useScrollToFirstFailure(list, report, decisions);
  return (
    <section className="report panel" aria-label="Report">
      <h2 className="panel-title">
        Receiver's report <span className="muted">· {receiver}</span>
      </h2>
      <section className="verdict-box" aria-label="Verdict" aria-live="polite">
        <Verdict step={step} receiver={receiver} />
        <Counts checks={checks} />
      </section>
      <CheckList
        ref={list}
        checks={checks}
        target="main"
        empty={step ? (step.delivered === null ? 'No checks yet: the message has not been delivered.' : 'The receiver reported no checks.') : null}
        lead={decisions ? <StsDecisions report={report} /> : requirements}
      />
    </section>
  );
}
