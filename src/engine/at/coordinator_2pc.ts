// WS-AT 1.1 §3.3 / 2004/10 §3.3: the Volatile and Durable Two-Phase Commit protocols, coordinator
// view of one participant (state table in WS-AT 1.1 Appendix C). Inbound: the participant's votes
// and acknowledgements (and Replay in 2004/10); internal: the coordinator's prepare, outcome and
// retry events. The two protocols share the table except where the coordinator has no record:
// presumed abort answers a Durable participant with Rollback and a Volatile one with a fault.

import type { TxVersionId } from '../coor/versions.ts';
import { fault, forget, go, ignore, na, resend, type Cell, type Machine, type Table } from './table.ts';

export type TwoPcCoordinatorState = 'None' | 'Active' | 'Preparing' | 'PreparedSuccess' | 'Committing' | 'Aborting';
export type TwoPcCoordinatorEvent =
  | 'Prepared' | 'ReadOnly' | 'Aborted' | 'Committed' | 'Replay'
  | 'prepare' | 'commitDecision' | 'abortDecision' | 'commsTimeout';

export const TWO_PC_COORDINATOR_STATES: readonly TwoPcCoordinatorState[] = ['None', 'Active', 'Preparing', 'PreparedSuccess', 'Committing', 'Aborting'];

type S = TwoPcCoordinatorState;
type Row = Record<S, Cell<S>>;

/** A vote or Replay from a participant the coordinator has forgotten (WS-AT presumed abort). */
function noRecord(durable: boolean): Cell<S> {
  return durable
    ? { to: 'None', send: ['Rollback'], answer: 'presumedAbort', action: 'no record of the participant: presume abort' }
    : fault('None', 'unknownTransaction', 'no record of the volatile participant');
}

function inbound(durable: boolean): Record<'Prepared' | 'ReadOnly' | 'Aborted' | 'Committed' | 'Replay', Row> {
  const vote = (action: string): Row => ({
    None: ignore('None'),
    Active: forget('None', action),
    Preparing: forget('None', action),
    PreparedSuccess: fault('PreparedSuccess', 'wrongState', 'the participant already voted Prepared'),
    Committing: fault('Committing', 'wrongState', 'the participant already voted Prepared and Commit was sent'),
    Aborting: forget('None', action),
  });
  return {
    Prepared: {
      None: noRecord(durable),
      Active: fault('Aborting', 'wrongState', 'Prepared before Prepare: abort the transaction'),
      Preparing: go('PreparedSuccess', [], 'record the vote Prepared'),
      PreparedSuccess: ignore('PreparedSuccess'),
      Committing: resend('Committing', ['Commit'], 'the participant missed Commit: resend it'),
      Aborting: { to: 'None', send: ['Rollback'], answer: 'resend', action: 'the participant missed Rollback: resend it and forget' },
    },
    ReadOnly: vote('the participant voted ReadOnly: forget it'),
    Aborted: vote('the participant aborted: forget it'),
    Committed: {
      None: ignore('None'),
      Active: fault('Aborting', 'wrongState', 'Committed before Commit: abort the transaction'),
      Preparing: fault('Aborting', 'wrongState', 'Committed before Commit: abort the transaction'),
      PreparedSuccess: fault('PreparedSuccess', 'wrongState', 'Committed before Commit'),
      Committing: forget('None', 'the participant committed: forget it'),
      Aborting: fault('Aborting', 'wrongState', 'Committed although Rollback was sent'),
    },
    // WS-AT 2004/10 only. A participant that recovered before the coordinator recorded a vote has
    // no outcome to learn: the coordinator rolls back and tells it so (Narayana XTS wst
    // CoordinatorEngine.replay, WCF DurableActive/DurablePreparing, Kandula ATCoordinatorImpl.replay).
    Replay: {
      None: noRecord(durable),
      Active: go('Aborting', ['Rollback'], 'Replay before any vote: send Rollback and abort the transaction'),
      Preparing: go('Aborting', ['Rollback'], 'Replay instead of a vote: send Rollback and abort the transaction'),
      PreparedSuccess: ignore('PreparedSuccess'),
      Committing: resend('Committing', ['Commit'], 'replay the outcome: resend Commit'),
      Aborting: resend('Aborting', ['Rollback'], 'replay the outcome: resend Rollback'),
    },
  };
}

const INTERNAL: Record<'prepare' | 'commitDecision' | 'abortDecision' | 'commsTimeout', Row> = {
  prepare: {
    None: ignore('None'),
    Active: go('Preparing', ['Prepare'], 'ask the participant to vote'),
    Preparing: resend('Preparing', ['Prepare'], 'resend Prepare'),
    PreparedSuccess: ignore('PreparedSuccess'),
    Committing: na('Committing'),
    Aborting: na('Aborting'),
  },
  commitDecision: {
    None: ignore('None'),
    Active: na('Active'),
    Preparing: na('Preparing'),
    PreparedSuccess: go('Committing', ['Commit'], 'the transaction commits'),
    Committing: na('Committing'),
    Aborting: na('Aborting'),
  },
  abortDecision: {
    None: ignore('None'),
    Active: go('Aborting', ['Rollback'], 'the transaction aborts'),
    Preparing: go('Aborting', ['Rollback'], 'the transaction aborts'),
    PreparedSuccess: go('Aborting', ['Rollback'], 'the transaction aborts'),
    Committing: na('Committing'),
    Aborting: go('Aborting', ['Rollback'], 'the transaction aborts'),
  },
  commsTimeout: {
    None: ignore('None'),
    Active: ignore('Active'),
    Preparing: resend('Preparing', ['Prepare'], 'no vote yet: resend Prepare'),
    PreparedSuccess: ignore('PreparedSuccess'),
    Committing: resend('Committing', ['Commit'], 'no Committed yet: resend Commit'),
    // The retry timer runs in Preparing and Committing only (Narayana XTS CoordinatorEngine.commsTimeout,
    // WCF DurableAborted): after Rollback a participant still in doubt resends Prepared, which is
    // answered with Rollback again (row Prepared, state Aborting).
    Aborting: { to: 'Aborting', send: [], answer: 'ignore', action: 'no retry after Rollback: a participant in doubt resends Prepared and gets Rollback again' },
  },
};

function machine(durable: boolean): Machine<S, TwoPcCoordinatorEvent> {
  return {
    name: `${durable ? 'Durable2PC' : 'Volatile2PC'} (coordinator view)`,
    states: TWO_PC_COORDINATOR_STATES,
    inbound: ['Prepared', 'ReadOnly', 'Aborted', 'Committed', 'Replay'],
    internal: ['prepare', 'commitDecision', 'abortDecision', 'commsTimeout'],
    absentIn: (v: TxVersionId) => (v === '1.1' ? ['Replay'] : []),
    table: (): Table<S, TwoPcCoordinatorEvent> => ({ ...inbound(durable), ...INTERNAL }),
  };
}

export const DURABLE_2PC_COORDINATOR = machine(true);
export const VOLATILE_2PC_COORDINATOR = machine(false);
