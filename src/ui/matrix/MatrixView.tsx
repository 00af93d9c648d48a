// Matrix mode (DESIGN §2, seed 001 table 3-3): the OpenSSO STS token generation matrix as the seed
// prints it, each row beside the engine's own decision for that request and whether they agree.
// ↑/↓/Home/End move between rows; Enter, Space or a click opens a row's reasons. Rows open and close
// independently, so closing one never moves the row being read. Each row's Flow button (Tab from
// the row) runs it as a real issuance in Scenarios mode.

import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { MATRIX_SOURCE, matrixRows } from '../../engine/index.ts';
import { useStore } from '../store/index.ts';
import { agreementSummary } from './matrixLabels.ts';
import { FLOW_SCENARIO, flowVariant, MatrixTableRow } from './MatrixTableRow.tsx';

/** Column headings: English, with the seed's own heading under it where it has one. */
const COLUMNS: Array<{ key: string; en: string; ko: string | null }> = [
  { key: 'num', en: 'Row', ko: null },
  { key: 'binding', en: 'Binding', ko: '메시지 수준 보안 바인딩' },
  { key: 'client', en: 'Client token', ko: '웹 서비스 클라이언트 토큰' },
  { key: 'keytype', en: 'KeyType', ko: null },
  { key: 'obo', en: 'OnBehalfOf', ko: 'OnBehalfOf Token' },
  { key: 'usekey', en: 'UseKey', ko: '사용 키' },
  { key: 'expected', en: "Seed's output", ko: 'OpenSSO STS 출력 토큰' },
  { key: 'decision', en: "Engine's decision", ko: null },
  { key: 'agree', en: 'Agrees?', ko: null },
  { key: 'flow', en: 'Run it', ko: null },
];

const MOVES: Record<string, (at: number, last: number) => number> = {
  ArrowDown: (at, last) => Math.min(at + 1, last),
  ArrowUp: (at) => Math.max(at - 1, 0),
  Home: () => 0,
  End: (_at, last) => last,
  PageDown: (at, last) => Math.min(at + 10, last),
  PageUp: (at) => Math.max(at - 10, 0),
};

function Summary({ agree, total, differing }: ReturnType<typeof agreementSummary>) {
  const all = differing.length === 0;
  return (
    <p id="matrix-summary" className={`matrix-summary ${all ? 'status-pass' : 'status-fail'}`}>
      {all ? '✓' : '✗'} {agree} of {total} agree
      {all ? ' with the seed' : ` — row${differing.length > 1 ? 's' : ''} ${differing.join(', ')} differ${differing.length > 1 ? '' : 's'}`}
    </p>
  );
}

export function MatrixView() {
  const rows = useMemo(() => matrixRows(), []);
  const summary = useMemo(() => agreementSummary(rows), [rows]);
  const [current, setCurrent] = useState(rows[0]?.row ?? 1);
  const [open, setOpen] = useState<ReadonlySet<number>>(() => new Set());
  const body = useRef<HTMLTableSectionElement>(null);
  const openFlow = useStore((s) => s.openFlow);
  const [flowProblem, setFlowProblem] = useState<string | null>(null);
  const onOpenFlow = (row: number): void => {
    setFlowProblem(null);
    void openFlow(FLOW_SCENARIO, flowVariant(row)).then((problem) => setFlowProblem(problem && `Row ${row}: ${problem}`));
  };

  const focusRow = (row: number, preventScroll = false, button: 'row' | 'flow' = 'row'): void => {
    setCurrent(row);
    body.current?.querySelector<HTMLButtonElement>(`#matrix-${button}-${row}`)?.focus({ preventScroll });
  };
  const onActivate = (row: number, byKeyboard: boolean): void => {
    setOpen((prev) => {
      const next = new Set(prev);
      if (!next.delete(row)) next.add(row);
      return next;
    });
    focusRow(row, !byKeyboard);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTableSectionElement>): void => {
    const move = MOVES[e.key];
    const on = e.target instanceof HTMLElement ? e.target.classList : null;
    if (!move || !on || !(on.contains('matrix-toggle') || on.contains('matrix-flow'))) return;
    e.preventDefault();
    const at = rows.findIndex((r) => r.row === current);
    focusRow(rows[move(Math.max(at, 0), rows.length - 1)]?.row ?? current, false, on.contains('matrix-flow') ? 'flow' : 'row');
  };

  return (
    <section className="panel matrix" aria-labelledby="matrix-title">
      <header className="matrix-head">
        <h2 id="matrix-title" className="matrix-title">
          OpenSSO STS token generation matrix
        </h2>
        <Summary {...summary} />
        <p className="matrix-source">
          <span className="muted">Source:</span> {MATRIX_SOURCE}. <span className="muted">Each row's decision comes from the engine's issuance rules, which never read this table.</span>
        </p>
        {flowProblem && (
          <p className="matrix-flow-problem" role="alert">
            <span aria-hidden="true">✗</span> {flowProblem}
          </p>
        )}
      </header>
      <div className="matrix-scroll">
        <table className="matrix-table" aria-labelledby="matrix-title" aria-describedby="matrix-summary">
          <colgroup>
            {COLUMNS.map((c) => (
              <col key={c.key} className={`mx-col-${c.key}`} />
            ))}
          </colgroup>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c.key} scope="col">
                  <span className="mx-en">{c.en}</span>
                  {c.ko !== null && (
                    <span className="mx-sub" lang="ko">
                      {c.ko}
                    </span>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody ref={body} onKeyDown={onKeyDown}>
            {rows.map((r) => (
              <MatrixTableRow key={r.row} r={r} current={r.row === current} open={open.has(r.row)} onActivate={onActivate} onOpenFlow={onOpenFlow} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
