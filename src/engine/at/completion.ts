// WS-AT 1.1 §3.2 / 2004/10 §3.2: the Completion protocol, coordinator view (state table in WS-AT
// 1.1 Appendix C). The initiator sends Commit or Rollback; the coordinator answers Committed or
// Aborted once the 2PC participants have decided (seed 002 messages 13 and 18).

import type { TxVersionId } from '../coor/versions.ts';
import { fault, go, ignore, na, type Cell, type Machine, type Table } from './table.ts';

export type CompletionState = 'None' | 'Active' | 'Completing';
export type CompletionEvent = 'Commit' | 'Rollback' | 'commitDecision' | 'abortDecision';

export const COMPLETION_STATES: readonly CompletionState[] = ['None', 'Active', 'Completing'];

/**
 * Commit or Rollback for a transaction the coordinator has no record of: WS-AT 1.1 answers with
 * wsat:UnknownTransaction; 2004/10, which has no such fault, presumes abort and answers Aborted.
 */
function unknown(v: TxVersionId): Cell<CompletionState> {
  return v === '1.1'
    ? fault('None', 'unknownTransaction', 'no record of the transaction')
    : { to: 'None', send: ['Aborted'], answer: 'presumedAbort', action: 'no record of the transaction: presume abort' };
}

function table(v: TxVersionId): Table<CompletionState, CompletionEvent> {
  return {
    Commit: {
      None: unknown(v),
      Active: go('Completing', [], 'initiate user commit: prepare the 2PC participants'),
      Completing: ignore('Completing'),
    },
    Rollback: {
      None: unknown(v),
      Active: go('None', ['Aborted'], 'initiate user rollback'),
      Completing: fault('Completing', 'wrongState', 'the commit is already under way'),
    },
    commitDecision: {
      None: na('None'),
      Active: na('Active'),
      Completing: go('None', ['Committed'], 'the transaction committed'),
    },
    abortDecision: {
      None: na('None'),
      Active: go('None', ['Aborted'], 'the transaction aborted'),
      Completing: go('None', ['Aborted'], 'the transaction aborted'),
    },
  };
}

export const COMPLETION_COORDINATOR: Machine<CompletionState, CompletionEvent> = {
  name: 'Completion (coordinator view)',
  states: COMPLETION_STATES,
  inbound: ['Commit', 'Rollback'],
  internal: ['commitDecision', 'abortDecision'],
  absentIn: () => [],
  table,
};
