// The inspection's report: a summary (signatures verified, parts decrypted, failures), then every
// check with its canonical view or key chain (the same list as the scenario's report).

import { useRef } from 'react';
import type { Check, Report } from '../../engine/index.ts';
import { useScrollToFirstFailure } from '../ReportPanel.tsx';
import { CheckList, Counts } from '../report/CheckList.tsx';
import { decryptionsOf } from '../report/details.ts';
import { useStore } from '../store/index.ts';

/** Did this WSS_SIGNATURE check's signature verify (SignatureValue and every reference)? */
export function signatureVerified(check: Check): boolean {
  return check.details?.['ok'] === true;
}

function Summary({ report }: { report: Report }) {
  const sigs = report.checks.filter((c) => c.code === 'WSS_SIGNATURE');
  const good = sigs.filter(signatureVerified).length;
  const decrypted = decryptionsOf(report).length;
  const failed = report.checks.filter((c) => c.status === 'fail').length;
  return (
    <div className={`verdict ${report.accepted ? 'verdict-accepted' : 'verdict-rejected'}`}>
      <div className="verdict-main">
        <span className="verdict-icon" aria-hidden="true">{report.accepted ? '✓' : '✗'}</span>
        {report.accepted ? 'No check failed' : `${failed} check${failed === 1 ? '' : 's'} failed`}
      </div>
      <ul className="summary-list">
        <li className={sigs.length === 0 ? 'muted' : good === sigs.length ? 'ok' : 'bad'}>
          {sigs.length === 0 ? 'No signature' : good === sigs.length ? `Signature${sigs.length > 1 ? 's' : ''} valid (${good} of ${sigs.length})` : `Signature invalid (${sigs.length - good} of ${sigs.length})`}
        </li>
        <li className={decrypted ? '' : 'muted'}>{decrypted ? `${decrypted} part${decrypted > 1 ? 's' : ''} decrypted` : 'Nothing decrypted'}</li>
      </ul>
    </div>
  );
}

export function InspectionReport() {
  const inspection = useStore((s) => s.inspection);
  const error = useStore((s) => s.inspectError);
  const fieldErrors = useStore((s) => s.fieldErrors);
  const list = useRef<HTMLOListElement>(null);
  const report = inspection?.report ?? null;
  useScrollToFirstFailure(list, report);
  const badFields = Object.keys(fieldErrors).filter((k) => fieldErrors[k as keyof typeof fieldErrors]);
  return (
    <section className="report panel" aria-label="Report">
      <h2 className="panel-title">
        Inspection report <span className="muted">· as a recipient with these keys</span>
      </h2>
      <section className="verdict-box" aria-label="Verdict" aria-live="polite">
        {report ? (
          <Summary report={report} />
        ) : (
          <div className="verdict verdict-pending">
            <div className="verdict-main">
              <span className="verdict-icon" aria-hidden="true">…</span> Not inspected
            </div>
            <div className="verdict-sub">
              {error ? (
                <span className="bad" role="alert">
                  <code>{error.code}</code>: {error.message}
                </span>
              ) : badFields.length > 0 ? (
                <span className="bad">Fix the inputs marked ✗ ({badFields.join(', ')}) and inspect again.</span>
              ) : (
                'Give the message and the keys, then press Inspect (Ctrl+Enter).'
              )}
            </div>
          </div>
        )}
        <Counts checks={report?.checks ?? []} />
      </section>
      <CheckList ref={list} checks={report?.checks ?? []} target="main" empty={report ? 'The inspection made no checks.' : null} />
    </section>
  );
}
