// Above the receiver's checks on a WS-AT step: the requirement IDs of seed 002 (R1222, R1232 …)
// the step names, then those its checks enforce besides, each with its verdict and the checks that
// prove it. A check's button scrolls the report to that check, marks it for a moment and focuses it.

import type { MouseEvent, ReactNode } from 'react';
import type { RequirementCheck, RequirementProof, StepRecord } from '../../engine/index.ts';
import { STATUS_ICON, STATUS_WORD } from '../report/CheckList.tsx';
import { revealIn } from './useKeepInView.ts';
import { useStepRequirements } from './useTxView.ts';
import './wsat.css';

const NONE = { icon: '–', word: 'no check in this report' };
const PENDING = { icon: '…', word: 'not delivered yet' };

/** Scrolls the check list this button sits in to its `index`-th check, and marks and focuses it. */
function showCheck(e: MouseEvent<HTMLButtonElement>, index: number): void {
  const list = e.currentTarget.closest('ol');
  const row = list?.querySelectorAll<HTMLElement>(':scope > li.check')[index];
  if (!list || !row) return;
  revealIn(list, row);
  row.classList.remove('tx-flash');
  void row.offsetWidth; // restart the animation on a second click
  row.classList.add('tx-flash');
  row.querySelector<HTMLElement>('.check-main')?.focus({ preventScroll: true });
}

/** The checks of one requirement, one button per code (with a count when a code repeats). */
function CheckButtons({ proof }: { proof: RequirementProof }) {
  const byCode = new Map<string, RequirementCheck[]>();
  for (const c of proof.checks) byCode.set(`${c.code}|${c.status}`, [...(byCode.get(`${c.code}|${c.status}`) ?? []), c]);
  return (
    <span className="tx-req-checks">
      {[...byCode.values()].map((cs) => {
        const c = cs[0] as RequirementCheck;
        return (
          <button
            key={`${c.code}|${c.status}`}
            type="button"
            className={`tx-req-check status-${c.status}`}
            title={`${c.message}\n${c.specRef}${c.path ? `\nat ${c.path}` : ''}`}
            aria-label={`${STATUS_WORD[c.status]} ${c.code}${cs.length > 1 ? ` (${cs.length} checks)` : ''}: show it in the report`}
            onClick={(e) => showCheck(e, c.index)}
          >
            <span aria-hidden="true">{STATUS_ICON[c.status]}</span> {c.code}
            {cs.length > 1 && <span className="muted"> ×{cs.length}</span>}
          </button>
        );
      })}
    </span>
  );
}

function Row({ proof, pending }: { proof: RequirementProof; pending: boolean }) {
  const st = proof.status !== 'none' ? { icon: STATUS_ICON[proof.status], word: STATUS_WORD[proof.status] } : pending ? PENDING : NONE;
  return (
    <li className={`tx-req status-${proof.status}`} aria-label={`${proof.id}: ${st.word}`}>
      <div className="tx-req-head">
        <code className="tx-req-id">{proof.id}</code>
        <span className="tx-req-status">
          <span className="tx-req-icon" aria-hidden="true">{st.icon}</span> {st.word}
        </span>
        {proof.text && <span className="tx-req-text" title={proof.text}>{proof.text}</span>}
      </div>
      {proof.checks.length > 0 && <CheckButtons proof={proof} />}
    </li>
  );
}

function Group({ title, proofs, pending }: { title: string; proofs: RequirementProof[]; pending: boolean }): ReactNode {
  if (proofs.length === 0) return null;
  return (
    <>
      <h4 className="tx-req-group">{title}</h4>
      <ul className="tx-req-list" aria-label={title}>
        {proofs.map((p) => (
          <Row key={p.id} proof={p} pending={pending} />
        ))}
      </ul>
    </>
  );
}

function RequirementProofs({ step, proofs }: { step: StepRecord; proofs: RequirementProof[] }) {
  const named = proofs.filter((p) => p.declared);
  const also = proofs.filter((p) => !p.declared);
  return (
    <section className="tx-reqs" aria-label="Requirements">
      <h3 className="tx-reqs-title">
        Requirements <span className="muted">· seed 002, and the checks that prove them</span>
      </h3>
      <Group title={`Named by step ${step.n}`} proofs={named} pending={step.report === null} />
      <Group title="Also enforced by this report" proofs={also} pending={false} />
    </section>
  );
}

/** The requirements box for the report's check list, or null when the step has none (or is not WS-AT). */
export function useRequirementsLead(step: StepRecord | null): ReactNode {
  const proofs = useStepRequirements(step);
  return step && proofs.length > 0 ? <RequirementProofs step={step} proofs={proofs} /> : null;
}
