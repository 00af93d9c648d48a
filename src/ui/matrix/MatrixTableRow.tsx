// One row of the token matrix: its number (the disclosure), the five inputs, the seed's output, the
// engine's decision and whether they agree; when open, a row under it with the engine's reasons.

import type { MouseEvent } from 'react';
import type { MatrixRow } from '../../engine/index.ts';
import { decisionCell, decisionDetail, expectedCell, inputCells, type Cell } from './matrixLabels.ts';

export const COLUMN_COUNT = 10;

/** The scenario and variant that run a matrix row as a real issuance (src/engine/scenarios/opensso_sts.ts). */
export const FLOW_SCENARIO = 'opensso-sts';
export const flowVariant = (row: number): string => `row-${row}`;

const INPUT_KEYS = ['binding', 'client', 'keytype', 'obo', 'usekey'];

/** An English line with the seed's words (or a code) in a smaller line under it. */
function TwoLines({ cell, code }: { cell: Cell; code?: string | null }) {
  return (
    <>
      <span className="mx-en">{cell.en}</span>
      {cell.ko !== null && (
        <span className="mx-sub" lang="ko">
          {cell.ko}
        </span>
      )}
      {code ? <span className="mx-code">{code}</span> : null}
    </>
  );
}

function Reasons({ r }: { r: MatrixRow }) {
  const d = r.decision;
  const outcome = decisionCell(d).en;
  return (
    <div className="matrix-reasons" role="group" aria-label={`Row ${r.row}: how the engine decided`}>
      <p className="mx-reasons-title">The engine's rules for row {r.row}, in the order they applied:</p>
      <ol aria-label={`Engine's reasons for row ${r.row}`}>
        {d.reasons.map((text, i) => (
          <li key={i}>{text}</li>
        ))}
      </ol>
      <p className="mx-outcome">
        {d.ok ? (
          <>Issues {outcome}{d.keySource ? ` (${decisionDetail(d) ?? ''})` : ''}.</>
        ) : (
          <>
            Refused with <code className="mx-code-inline">{d.code}</code>, answered as the WS-Trust fault <code className="mx-code-inline">{d.fault}</code>.
          </>
        )}{' '}
        The seed says “<span lang="ko">{r.seed.output}</span>” ({expectedCell(r).en}):{' '}
        <strong className={r.agrees ? 'ok' : 'bad'}>{r.agrees ? '✓ agrees' : '✗ differs'}</strong>
      </p>
    </div>
  );
}

export interface MatrixTableRowProps {
  r: MatrixRow;
  current: boolean;
  open: boolean;
  onActivate(row: number, byKeyboard: boolean): void;
  /** Open the row's flow (scenario opensso-sts, variant row-N) in Scenarios mode. */
  onOpenFlow(row: number): void;
}

export function MatrixTableRow({ r, current, open, onActivate, onOpenFlow }: MatrixTableRowProps) {
  const detailId = `matrix-reasons-${r.row}`;
  const onClick = (e: MouseEvent<HTMLTableRowElement>): void => {
    const byKeyboard = e.detail === 0; // Enter or Space on the row's button
    // A drag that selected text in the row is reading, not choosing the row.
    if (!byKeyboard && (window.getSelection()?.toString() ?? '') !== '') return;
    onActivate(r.row, byKeyboard);
  };
  const d = r.decision;
  const classes = ['matrix-row', current ? 'is-current' : '', open ? 'is-open' : '', r.agrees ? '' : 'is-differing'];
  return (
    <>
      <tr className={classes.filter(Boolean).join(' ')} onClick={onClick}>
        <th scope="row" className="mx-num">
          <button
            id={`matrix-row-${r.row}`}
            type="button"
            className="matrix-toggle"
            aria-label={`Row ${r.row}`}
            aria-expanded={open}
            aria-controls={open ? detailId : undefined}
            tabIndex={current ? 0 : -1}
          >
            <span className="mx-chev" aria-hidden="true">{open ? '▾' : '▸'}</span>
            {r.row}
          </button>
        </th>
        {inputCells(r).map((cell, i) => (
          <td key={INPUT_KEYS[i]}>
            <TwoLines cell={cell} />
          </td>
        ))}
        <td className={r.expected.ok ? '' : 'mx-error'}>
          <TwoLines cell={expectedCell(r)} />
        </td>
        <td className={d.ok ? '' : 'mx-refused'}>
          <TwoLines cell={decisionCell(d)} code={d.ok ? null : decisionDetail(d)} />
          {d.ok && d.keySource ? <span className="mx-sub">{decisionDetail(d)}</span> : null}
        </td>
        <td className={`mx-agree ${r.agrees ? 'ok' : 'bad'}`}>{r.agrees ? '✓ agrees' : '✗ differs'}</td>
        <td className="mx-flow">
          <button
            type="button"
            id={`matrix-flow-${r.row}`}
            className="matrix-flow"
            aria-label={`Open row ${r.row} as a flow`}
            title={`Run row ${r.row} as a real issuance, step by step (scenario ${FLOW_SCENARIO}, variant ${flowVariant(r.row)})`}
            tabIndex={current ? 0 : -1}
            onClick={(e) => {
              e.stopPropagation(); // the row itself opens the reasons
              onOpenFlow(r.row);
            }}
          >
            Flow <span aria-hidden="true">▸</span>
          </button>
        </td>
      </tr>
      {open && (
        <tr className="matrix-detail" id={detailId}>
          <td colSpan={COLUMN_COUNT}>
            <Reasons r={r} />
          </td>
        </tr>
      )}
    </>
  );
}
