// Seed 004's four decisions of the STS, for the request on screen: a checklist ordered 1–4, each
// passed (✓), refused with the STS's message (✗), or not reached (·) because an earlier one refused.
// Shown at the top of the STS's report; clicking a decision reveals the node it is about.

import type { Report, StsDecisionItem } from '../../engine/index.ts';
import { stsDecisionChecklist } from '../../engine/index.ts';
import { useStore } from '../store/index.ts';

const MARK: Record<StsDecisionItem['state'], string> = { passed: '✓', refused: '✗', 'not-reached': '·' };
const WORD: Record<StsDecisionItem['state'], string> = { passed: 'passed', refused: 'refused', 'not-reached': 'not reached' };
const CLASS: Record<StsDecisionItem['state'], string> = { passed: 'status-pass', refused: 'status-fail', 'not-reached': 'status-none' };

function Decision({ d }: { d: StsDecisionItem }) {
  const revealPath = useStore((s) => s.revealPath);
  return (
    <li className={`sts-decision ${CLASS[d.state]}`} aria-label={`Decision ${d.n}: ${WORD[d.state]}`}>
      <span className="sts-mark" aria-hidden="true">{MARK[d.state]}</span>
      <div className="sts-body">
        <div className="sts-q">
          <span className="sts-n">{d.n}.</span> {d.question}
          <span className="sts-state">{WORD[d.state]}</span>
        </div>
        {d.code && (
          <div className="sts-detail">
            {d.path ? (
              <button type="button" className="link-button sts-code" title={`Show ${d.path} in the message`} onClick={() => revealPath(d.path ?? '')}>
                {d.code}
              </button>
            ) : (
              <code className="sts-code">{d.code}</code>
            )}
            <span className={`sts-msg${d.state === 'refused' ? '' : ' muted'}`} title={d.message ?? undefined}> — {d.message?.replace(/^decision \d: /, '')}</span>
          </div>
        )}
      </div>
    </li>
  );
}

/** The checklist, or nothing when the report is not an STS deciding an issue request. */
export function StsDecisions({ report }: { report: Report | null }) {
  const list = stsDecisionChecklist(report);
  if (!list) return null;
  const refused = list.find((d) => d.state === 'refused');
  return (
    <section className="sts-decisions" aria-label="The STS's four decisions">
      <h3 className="sts-title">
        The STS's four decisions <span className="muted">· seed 004</span>
        <span className={`sts-summary ${refused ? 'bad' : 'ok'}`}>{refused ? `✗ refused at ${refused.n}` : '✓ all 4 passed'}</span>
      </h3>
      <ol className="sts-list">
        {list.map((d) => (
          <Decision key={d.n} d={d} />
        ))}
      </ol>
    </section>
  );
}
