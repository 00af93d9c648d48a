// Every cell of every WS-AT state machine, allowed and refused, in both versions. The expected
// tables below are written out by hand from the WS-AT 1.1 state tables (Appendix C) and the 2004/10
// differences (Replay; no UnknownTransaction fault, so presumed abort / InvalidState instead); they
// do not read the engine's tables. Notation: "<next state>", then ">A,B" for messages sent,
// "!Fault" for the fault answered, "~ignore" for a duplicate without effect, "~n/a" for an internal
// event that cannot happen, "~undefined" for an event the version does not define.

import { describe, expect, it } from 'vitest';
import {
  allowedEvents, COMPLETION_COORDINATOR, DURABLE_2PC_COORDINATOR, stepMachine, TWO_PC_PARTICIPANT, VOLATILE_2PC_COORDINATOR,
  type Machine, type Transition,
} from '../../src/engine/at/index.ts';
import type { TxVersionId } from '../../src/engine/coor/index.ts';

type Expected = Record<string, Record<string, string>>;

function render(t: Transition<string, string>): string {
  if (t.answer === 'undefinedEvent') return '~undefined';
  let s = t.to;
  if (t.send.length > 0) s += ` >${t.send.join(',')}`;
  if (t.fault) s += ` !${t.fault.local}`;
  if (t.answer === 'ignore') s += ' ~ignore';
  if (t.answer === 'notApplicable') s += ' ~n/a';
  return s;
}

const row = (states: readonly string[], cells: string[]) => Object.fromEntries(states.map((s, i) => [s, cells[i]!]));

const C_STATES = ['None', 'Active', 'Completing'] as const;
function completion(v: TxVersionId): Expected {
  const unknown = v === '1.1' ? 'None !UnknownTransaction' : 'None >Aborted';
  return {
    Commit: row(C_STATES, [unknown, 'Completing', 'Completing ~ignore']),
    Rollback: row(C_STATES, [unknown, 'None >Aborted', 'Completing !InvalidState']),
    commitDecision: row(C_STATES, ['None ~n/a', 'Active ~n/a', 'None >Committed']),
    abortDecision: row(C_STATES, ['None ~n/a', 'None >Aborted', 'None >Aborted']),
  };
}

const K_STATES = ['None', 'Active', 'Preparing', 'PreparedSuccess', 'Committing', 'Aborting'] as const;
function coordinator2pc(v: TxVersionId, durable: boolean): Expected {
  const noRecord = durable ? 'None >Rollback' : v === '1.1' ? 'None !UnknownTransaction' : 'None !InvalidState';
  const vote = row(K_STATES, ['None ~ignore', 'None', 'None', 'PreparedSuccess !InvalidState', 'Committing !InvalidState', 'None']);
  return {
    Prepared: row(K_STATES, [noRecord, 'Aborting !InvalidState', 'PreparedSuccess', 'PreparedSuccess ~ignore', 'Committing >Commit', 'None >Rollback']),
    ReadOnly: vote,
    Aborted: vote,
    Committed: row(K_STATES, ['None ~ignore', 'Aborting !InvalidState', 'Aborting !InvalidState', 'PreparedSuccess !InvalidState', 'None', 'Aborting !InvalidState']),
    Replay: v === '1.1'
      ? row(K_STATES, K_STATES.map(() => '~undefined'))
      : row(K_STATES, [noRecord, 'Aborting !InvalidState', 'Aborting !InvalidState', 'PreparedSuccess ~ignore', 'Committing >Commit', 'None >Rollback']),
    prepare: row(K_STATES, ['None ~ignore', 'Preparing >Prepare', 'Preparing >Prepare', 'PreparedSuccess ~ignore', 'Committing ~n/a', 'Aborting ~n/a']),
    commitDecision: row(K_STATES, ['None ~ignore', 'Active ~n/a', 'Preparing ~n/a', 'Committing >Commit', 'Committing ~n/a', 'Aborting ~n/a']),
    abortDecision: row(K_STATES, ['None ~ignore', 'Aborting >Rollback', 'Aborting >Rollback', 'Aborting >Rollback', 'Committing ~n/a', 'Aborting >Rollback']),
    commsTimeout: row(K_STATES, ['None ~ignore', 'Active ~ignore', 'Preparing >Prepare', 'PreparedSuccess ~ignore', 'Committing >Commit', 'Aborting >Rollback']),
  };
}

const P_STATES = K_STATES;
function participant2pc(v: TxVersionId): Expected {
  const onlyIn = (cells: Partial<Record<(typeof P_STATES)[number], string>>) => row(P_STATES, P_STATES.map((s) => cells[s] ?? `${s} ~n/a`));
  return {
    Prepare: row(P_STATES, ['None >Aborted', 'Preparing', 'Preparing ~ignore', 'PreparedSuccess >Prepared', 'Committing ~ignore', 'None >Aborted']),
    Commit: row(P_STATES, ['None >Committed', 'Aborting !InvalidState', 'Aborting !InvalidState', 'Committing', 'Committing ~ignore', 'Aborting !InconsistentInternalState']),
    Rollback: row(P_STATES, ['None >Aborted', 'None >Aborted', 'None >Aborted', 'None >Aborted', 'Committing !InconsistentInternalState', 'None >Aborted']),
    votePrepared: onlyIn({ Preparing: 'PreparedSuccess >Prepared' }),
    voteReadOnly: onlyIn({ Active: 'None >ReadOnly', Preparing: 'None >ReadOnly' }),
    voteAborted: onlyIn({ Active: 'None >Aborted', Preparing: 'None >Aborted', Aborting: 'None >Aborted' }),
    commitDone: onlyIn({ Committing: 'None >Committed' }),
    commsTimeout: row(P_STATES, ['None ~ignore', 'Active ~ignore', 'Preparing ~ignore', 'PreparedSuccess >Prepared', 'Committing ~ignore', 'Aborting ~ignore']),
    recover: row(P_STATES, ['None ~ignore', 'Active ~ignore', 'Preparing ~ignore', v === '1.0' ? 'PreparedSuccess >Replay' : 'PreparedSuccess >Prepared', 'Committing ~ignore', 'Aborting ~ignore']),
  };
}

const MACHINES: Array<[string, Machine<string, string>, (v: TxVersionId) => Expected]> = [
  ['Completion coordinator', COMPLETION_COORDINATOR as unknown as Machine<string, string>, completion],
  ['Durable2PC coordinator', DURABLE_2PC_COORDINATOR as unknown as Machine<string, string>, (v) => coordinator2pc(v, true)],
  ['Volatile2PC coordinator', VOLATILE_2PC_COORDINATOR as unknown as Machine<string, string>, (v) => coordinator2pc(v, false)],
  ['2PC participant', TWO_PC_PARTICIPANT as unknown as Machine<string, string>, participant2pc],
];

const EXPECTED_CODE: Record<string, { code: string; status: string }> = {
  transition: { code: 'AT_TRANSITION', status: 'pass' },
  forget: { code: 'AT_FORGET', status: 'pass' },
  resend: { code: 'AT_RESEND', status: 'info' },
  ignore: { code: 'AT_IGNORED', status: 'info' },
  presumedAbort: { code: 'AT_PRESUMED_ABORT', status: 'info' },
  notApplicable: { code: 'AT_EVENT_NOT_APPLICABLE', status: 'fail' },
  undefinedEvent: { code: 'AT_REPLAY_NOT_IN_11', status: 'fail' },
};
const FAULT_CODE: Record<string, string> = { InvalidState: 'AT_INVALID_STATE', UnknownTransaction: 'AT_UNKNOWN_TRANSACTION', InconsistentInternalState: 'AT_INCONSISTENT_INTERNAL_STATE' };

describe('WS-AT state machines: every (state, event) cell', () => {
  for (const v of ['1.0', '1.1'] as const) {
    for (const [name, m, expected] of MACHINES) {
      const table = expected(v);
      it(`${v} ${name}: the expected table covers exactly the machine's states and events`, () => {
        expect(Object.keys(table).sort()).toEqual([...m.inbound, ...m.internal].sort());
        for (const cells of Object.values(table)) expect(Object.keys(cells).sort()).toEqual([...m.states].sort());
      });
      for (const [event, cells] of Object.entries(table)) {
        it(`${v} ${name}: ${event} in every state`, () => {
          const got = Object.fromEntries(m.states.map((s) => [s, render(stepMachine(m, v, s, event))]));
          expect(got).toEqual(cells);
        });
      }
      it(`${v} ${name}: allowed cells pass, refused ones fail with the fault's code, and every message names the state`, () => {
        for (const event of [...m.inbound, ...m.internal]) {
          for (const s of m.states) {
            const t = stepMachine(m, v, s, event, 'Envelope/Body');
            // A fault in state None answers a transaction the party has no record of: 1.0 has no
            // UnknownTransaction fault and answers with InvalidState, but the check keeps its code.
            const faultCode = t.fault && (s === 'None' ? 'AT_UNKNOWN_TRANSACTION' : FAULT_CODE[t.fault.local]!);
            const want = faultCode ? { code: faultCode, status: 'fail' } : EXPECTED_CODE[t.answer]!;
            expect({ code: t.check.code, status: t.check.status }).toEqual(want);
            expect(t.check.message).toContain(s);
            expect(t.check.message).toContain(event);
            expect(t.check.specRef).toMatch(v === '1.0' ? /^WS-AT 2004\/10/ : /^WS-AT 1\.1/);
            expect(t.check.path).toBe('Envelope/Body');
          }
        }
      });
    }
  }

  it('a refused message says which messages the state accepts and which fault answers it', () => {
    const t = stepMachine(DURABLE_2PC_COORDINATOR, '1.1', 'Committing', 'Aborted');
    expect(t.check.message).toBe('Durable2PC (coordinator view): expected Prepared | Committed | commsTimeout in state Committing, found Aborted; answered with the wscoor:InvalidState fault (the participant already voted Prepared and Commit was sent), state Committing');
    expect(t.check.specRef).toContain('WS-Coordination 1.1 §4.1');
  });

  it('Replay exists in WS-AT 1.0 only', () => {
    expect(allowedEvents(DURABLE_2PC_COORDINATOR, '1.0')).toContain('Replay');
    expect(allowedEvents(DURABLE_2PC_COORDINATOR, '1.1')).not.toContain('Replay');
    const t = stepMachine(DURABLE_2PC_COORDINATOR, '1.1', 'Committing', 'Replay');
    expect(t.to).toBe('Committing');
    expect(t.check.message).toContain('found Replay, which WS-AT 1.1 does not define');
  });
});

describe('WS-AT state machines: edited state', () => {
  it('a state or event outside the table is a failed check, not a crash (actor state is editable JSON)', () => {
    const t = stepMachine(TWO_PC_PARTICIPANT as unknown as Machine<string, string>, '1.1', 'Limbo', 'Prepare');
    expect(t).toMatchObject({ to: 'Limbo', send: [], fault: null });
    expect(t.check).toMatchObject({ code: 'AT_UNKNOWN_STATE_OR_EVENT', status: 'fail' });
    expect(t.check.message).toContain('found state Limbo and event Prepare');
  });
});
