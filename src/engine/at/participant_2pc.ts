// WS-AT 1.1 §3.3 / 2004/10 §3.3: the Two-Phase Commit protocols, participant view (state table in
// WS-AT 1.1 Appendix C). Inbound: Prepare, Commit, Rollback from the coordinator; internal: the
// participant's own vote, the end of its commit, retries, and recovery — after which a 2004/10
// participant sends Replay and a 1.1 participant, which has no Replay, resends Prepared.

import type { TxVersionId } from '../coor/versions.ts';
import { fault, go, ignore, na, resend, type Cell, type Machine, type Table } from './table.ts';

export type TwoPcParticipantState = 'None' | 'Active' | 'Preparing' | 'PreparedSuccess' | 'Committing' | 'Aborting';
export type TwoPcParticipantEvent =
  | 'Prepare' | 'Commit' | 'Rollback'
  | 'votePrepared' | 'voteReadOnly' | 'voteAborted' | 'commitDone' | 'commsTimeout' | 'recover';

export const TWO_PC_PARTICIPANT_STATES: readonly TwoPcParticipantState[] = ['None', 'Active', 'Preparing', 'PreparedSuccess', 'Committing', 'Aborting'];

type S = TwoPcParticipantState;
type Row = Record<S, Cell<S>>;

const presumed = (send: 'Aborted' | 'Committed', action: string): Cell<S> => ({ to: 'None', send: [send], answer: 'presumedAbort', action });
const onlyIn = (allowed: Partial<Row>): Row => ({
  None: allowed.None ?? na('None'), Active: allowed.Active ?? na('Active'), Preparing: allowed.Preparing ?? na('Preparing'),
  PreparedSuccess: allowed.PreparedSuccess ?? na('PreparedSuccess'), Committing: allowed.Committing ?? na('Committing'), Aborting: allowed.Aborting ?? na('Aborting'),
});

function table(v: TxVersionId): Table<S, TwoPcParticipantEvent> {
  return {
    Prepare: {
      None: presumed('Aborted', 'no record of the transaction: presume abort'),
      Active: go('Preparing', [], 'gather the vote'),
      Preparing: ignore('Preparing'),
      PreparedSuccess: resend('PreparedSuccess', ['Prepared'], 'the coordinator missed Prepared: resend it'),
      Committing: ignore('Committing'),
      Aborting: go('None', ['Aborted'], 'roll back, send Aborted and forget'),
    },
    Commit: {
      None: presumed('Committed', 'no record: the participant committed and forgot'),
      Active: fault('Aborting', 'wrongState', 'Commit before Prepare: roll back'),
      Preparing: fault('Aborting', 'wrongState', 'Commit before the vote: roll back'),
      PreparedSuccess: go('Committing', [], 'commit the work'),
      Committing: ignore('Committing'),
      Aborting: fault('Aborting', 'inconsistent', 'told to commit work it is rolling back'),
    },
    Rollback: {
      None: presumed('Aborted', 'no record of the transaction: presume abort'),
      Active: go('None', ['Aborted'], 'roll back, send Aborted and forget'),
      Preparing: go('None', ['Aborted'], 'roll back, send Aborted and forget'),
      PreparedSuccess: go('None', ['Aborted'], 'roll back, send Aborted and forget'),
      Committing: fault('Committing', 'inconsistent', 'told to roll back work it is committing'),
      Aborting: go('None', ['Aborted'], 'roll back, send Aborted and forget'),
    },
    votePrepared: onlyIn({ Preparing: go('PreparedSuccess', ['Prepared'], 'vote Prepared') }),
    voteReadOnly: onlyIn({
      Active: go('None', ['ReadOnly'], 'vote ReadOnly early and forget'),
      Preparing: go('None', ['ReadOnly'], 'vote ReadOnly and forget'),
    }),
    voteAborted: onlyIn({
      Active: go('None', ['Aborted'], 'abort unilaterally and forget'),
      Preparing: go('None', ['Aborted'], 'vote Aborted and forget'),
      Aborting: go('None', ['Aborted'], 'rollback done: send Aborted and forget'),
    }),
    commitDone: onlyIn({ Committing: go('None', ['Committed'], 'commit done: send Committed and forget') }),
    commsTimeout: {
      None: ignore('None'), Active: ignore('Active'), Preparing: ignore('Preparing'),
      PreparedSuccess: resend('PreparedSuccess', ['Prepared'], 'no outcome yet: resend Prepared'),
      Committing: ignore('Committing'), Aborting: ignore('Aborting'),
    },
    recover: {
      None: ignore('None'), Active: ignore('Active'), Preparing: ignore('Preparing'),
      PreparedSuccess: v === '1.0'
        ? resend('PreparedSuccess', ['Replay'], 'recovered while in doubt: ask for the outcome with Replay')
        : resend('PreparedSuccess', ['Prepared'], 'recovered while in doubt: resend Prepared (WS-AT 1.1 has no Replay)'),
      Committing: ignore('Committing'), Aborting: ignore('Aborting'),
    },
  };
}

export const TWO_PC_PARTICIPANT: Machine<S, TwoPcParticipantEvent> = {
  name: '2PC (participant view)',
  states: TWO_PC_PARTICIPANT_STATES,
  inbound: ['Prepare', 'Commit', 'Rollback'],
  internal: ['votePrepared', 'voteReadOnly', 'voteAborted', 'commitDone', 'commsTimeout', 'recover'],
  absentIn: () => [],
  table,
};
