// WS-AT 1.1 §3.2 / 2004/10 §3.2: the Completion protocol from the initiator's side (seed 002's App1:
// messages 3–4 register it, 13 sends Commit, 18 receives Committed). WS-AT tabulates only the
// coordinator's view (completion.ts); this is its mirror, so the initiator's state can be shown and
// an outcome that contradicts what it asked for is refused as the coordinator view would refuse it.

import { fault, go, ignore, na, type Machine, type Table } from './table.ts';

export type CompletionInitiatorState = 'None' | 'Active' | 'Completing' | 'RollingBack' | 'Committed' | 'Aborted';
export type CompletionInitiatorEvent = 'Committed' | 'Aborted' | 'commit' | 'rollback';

export const COMPLETION_INITIATOR_STATES: readonly CompletionInitiatorState[] = ['None', 'Active', 'Completing', 'RollingBack', 'Committed', 'Aborted'];

type S = CompletionInitiatorState;

function table(): Table<S, CompletionInitiatorEvent> {
  return {
    Committed: {
      None: fault('None', 'unknownTransaction', 'no registration for this transaction'),
      Active: fault('Active', 'wrongState', 'Committed although Commit was never sent'),
      Completing: go('Committed', [], 'the transaction committed'),
      RollingBack: fault('RollingBack', 'inconsistent', 'Committed although Rollback was sent'),
      Committed: ignore('Committed'),
      Aborted: fault('Aborted', 'inconsistent', 'Committed after Aborted'),
    },
    Aborted: {
      None: fault('None', 'unknownTransaction', 'no registration for this transaction'),
      Active: go('Aborted', [], 'the coordinator aborted the transaction on its own (e.g. it expired)'),
      Completing: go('Aborted', [], 'a participant could not commit: the transaction aborted'),
      RollingBack: go('Aborted', [], 'the rollback is done'),
      Committed: fault('Committed', 'inconsistent', 'Aborted after Committed'),
      Aborted: ignore('Aborted'),
    },
    commit: {
      None: na('None'), Active: go('Completing', ['Commit'], 'the application commits'), Completing: na('Completing'),
      RollingBack: na('RollingBack'), Committed: na('Committed'), Aborted: na('Aborted'),
    },
    rollback: {
      None: na('None'), Active: go('RollingBack', ['Rollback'], 'the application rolls back'), Completing: na('Completing'),
      RollingBack: na('RollingBack'), Committed: na('Committed'), Aborted: na('Aborted'),
    },
  };
}

export const COMPLETION_INITIATOR: Machine<S, CompletionInitiatorEvent> = {
  name: 'Completion (initiator view)',
  states: COMPLETION_INITIATOR_STATES,
  inbound: ['Committed', 'Aborted'],
  internal: ['commit', 'rollback'],
  absentIn: () => [],
  table,
};
