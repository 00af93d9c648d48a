// What the UI's WS-AT views show (src/engine/facade/tx_view.ts), from real runs of the wsat
// scenario (seed 002): the seed's message classes read from each message's wsa:Action, every
// coordinator's and participant's machine with the state and the transitions taken at a step, and
// the requirement IDs of a step with the checks that prove them.

import { describe, expect, it } from 'vitest';
import {
  COMPLETION_COORDINATOR, DURABLE_2PC_COORDINATOR, TWO_PC_PARTICIPANT, TX_VERSIONS, requirementIds, rewind, runToEnd, startRun,
  stepRequirements, txEnlistmentPairs, txMachines, txMessageClass, type RunState, type StepRecord, type TxMachineRow,
} from '../../src/engine/index.ts';

const runs = new Map<string, Promise<RunState>>();
const run = (variant: string): Promise<RunState> => {
  if (!runs.has(variant)) runs.set(variant, startRun('wsat', variant).then(runToEnd));
  return runs.get(variant)!;
};
const step = (r: RunState, n: number): StepRecord => r.steps.find((s) => s.n === n)!;
const machine = (rows: TxMachineRow[], actor: string, name: string): TxMachineRow => {
  const row = rows.find((m) => m.actor === actor && m.machine === name);
  if (!row) throw new Error(`no ${name} at ${actor}: ${rows.map((m) => `${m.actor}/${m.machine}`).join(', ')}`);
  return row;
};

describe('txMessageClass', () => {
  it('classes the 22 messages of 1.1-mixed-commit as the seed does, from their wsa:Action', async () => {
    const r = await run('1.1-mixed-commit');
    const classes = r.steps.map((s) => txMessageClass(s.delivered!, s.label));
    expect(classes.map((c) => c.cls)).toEqual([
      'activation', 'activation', 'registration', 'registration', 'application', 'activation', 'registration', 'registration',
      'activation', 'registration', 'registration', 'application', ...Array(10).fill('protocol'),
    ]);
    expect(classes.every((c) => c.source === 'action')).toBe(true);
    const wscoor = TX_VERSIONS['1.1'].coor.actions;
    expect(classes[0]!.action).toBe(wscoor.createCoordinationContext);
    expect(classes[6]!.action).toBe(wscoor.register);
    expect(classes[13]!.action).toBe(TX_VERSIONS['1.1'].wsat.actions.prepare);
  });

  it('reads WS-AT 1.0 (2004/10) actions too', async () => {
    const r = await run('1.0-https-commit');
    const c = txMessageClass(step(r, 3).delivered!);
    expect(c).toEqual({ cls: 'registration', action: TX_VERSIONS['1.0'].coor.actions.register, source: 'action' });
    expect(txMessageClass(step(r, 19).delivered!).cls).toBe('protocol');
  });

  it('follows the wire, not the label: a Register edited into a Prepare is a protocol message', async () => {
    const r = await run('1.1-mixed-commit');
    const wire = step(r, 3).delivered!.replace(TX_VERSIONS['1.1'].coor.actions.register, TX_VERSIONS['1.1'].wsat.actions.prepare);
    expect(txMessageClass(wire, step(r, 3).label)).toMatchObject({ cls: 'protocol', source: 'action' });
  });

  it('takes the scenario\'s class only where the action cannot decide: a WS-Coordination fault', async () => {
    const r = await run('1.1-mixed-wrong-key');
    const eight = step(r, 8);
    expect(eight.label).toMatch(/^Registration: Fault/);
    expect(txMessageClass(eight.delivered!, eight.label)).toEqual({ cls: 'registration', action: TX_VERSIONS['1.1'].coor.actions.fault, source: 'scenario' });
    expect(txMessageClass(step(r, 9).delivered!, step(r, 9).label).cls).toBe('activation');
    expect(txMessageClass(eight.delivered!)).toEqual({ cls: null, action: TX_VERSIONS['1.1'].coor.actions.fault, source: 'none' });
  });

  it('says nothing for text that is no envelope, unless the scenario named the class', () => {
    expect(txMessageClass('not xml <')).toEqual({ cls: null, action: null, source: 'none' });
    expect(txMessageClass('<!-- wsbench: nothing sent -->', 'Protocol: nothing to send (Prepare)')).toEqual({ cls: 'protocol', action: null, source: 'scenario' });
  });
});

describe('txMachines', () => {
  it('message 14 (Prepare) lights Preparing in the PTM\'s participant view and its coordinator view of App2', async () => {
    const rows = txMachines(step(await run('1.1-mixed-commit'), 14));
    const up = machine(rows, 'ptm', TWO_PC_PARTICIPANT.name);
    expect(up).toMatchObject({ protocol: 'Durable2PC', role: 'participant', peerActor: 'itm', previous: 'Active', state: 'Preparing' });
    expect(up.states).toEqual([...TWO_PC_PARTICIPANT.states]);
    expect(up.hops).toEqual([{ from: 'Active', to: 'Preparing', event: 'Prepare', answer: 'transition', code: 'AT_TRANSITION', source: 'report' }]);
    const down = machine(rows, 'ptm', DURABLE_2PC_COORDINATOR.name);
    expect(down).toMatchObject({ role: 'coordinator', peerActor: 'app2', previous: 'Active', state: 'Preparing' });
    expect(down.hops.map((h) => h.event)).toEqual(['prepare']);
    // The ITM's view of the PTM did not move on this step.
    expect(machine(rows, 'itm', DURABLE_2PC_COORDINATOR.name)).toMatchObject({ previous: 'Preparing', state: 'Preparing', hops: [] });
  });

  it('shows every hop of a step: App2 prepares and votes on message 15', async () => {
    const app2 = machine(txMachines(step(await run('1.1-mixed-commit'), 15)), 'app2', TWO_PC_PARTICIPANT.name);
    expect(app2.hops.map((h) => `${h.from} -${h.event}-> ${h.to}`)).toEqual(['Active -Prepare-> Preparing', 'Preparing -votePrepared-> PreparedSuccess']);
    expect(app2.state).toBe('PreparedSuccess');
  });

  it('finds the sender\'s own move in the state table (App1 commits on message 13)', async () => {
    const rows = txMachines(step(await run('1.1-mixed-commit'), 13));
    expect(machine(rows, 'app1', 'Completion (initiator view)').hops).toEqual([{ from: 'Active', to: 'Completing', event: 'commit', answer: 'transition', code: null, source: 'table' }]);
    const itm = machine(rows, 'itm', COMPLETION_COORDINATOR.name);
    expect(itm).toMatchObject({ previous: 'Active', state: 'Completing', peerActor: 'app1' });
    expect(itm.states).toEqual([...COMPLETION_COORDINATOR.states]);
  });

  it('a machine registered in this step has no previous state', async () => {
    const d = machine(txMachines(step(await run('1.1-mixed-commit'), 7)), 'itm', DURABLE_2PC_COORDINATOR.name);
    expect(d).toMatchObject({ previous: null, state: 'Active', hops: [], peerActor: 'ptm' });
  });

  it('App2 votes Aborted: its coordinator forgets it (Preparing → None), App1 learns Aborted', async () => {
    const r = await run('1.1-mixed-abort');
    const ptm = machine(txMachines(step(r, 16)), 'ptm', DURABLE_2PC_COORDINATOR.name);
    expect(ptm.hops).toEqual([{ from: 'Preparing', to: 'None', event: 'Aborted', answer: 'forget', code: 'AT_FORGET', source: 'report' }]);
    expect(machine(txMachines(step(r, 18)), 'app1', 'Completion (initiator view)')).toMatchObject({ previous: 'Completing', state: 'Aborted' });
  });

  it('App1 rolls back: the ITM\'s Durable2PC view goes to Aborting', async () => {
    const d = machine(txMachines(step(await run('1.1-mixed-rollback'), 13)), 'itm', DURABLE_2PC_COORDINATOR.name);
    expect(d).toMatchObject({ previous: 'Active', state: 'Aborting' });
    expect(d.hops.map((h) => h.event)).toEqual(['abortDecision']);
  });

  it('a step not delivered yet shows the sender\'s move only', async () => {
    const full = await run('1.1-mixed-commit');
    // Step 13 made pending again: App1 sent Commit, the ITM has not read it.
    const pending = rewind(full, 12).steps[12]!;
    expect(pending.delivered).toBeNull();
    const rows = txMachines(pending);
    expect(machine(rows, 'app1', 'Completion (initiator view)')).toMatchObject({ previous: 'Active', state: 'Completing' });
    expect(machine(rows, 'itm', COMPLETION_COORDINATOR.name)).toMatchObject({ previous: 'Active', state: 'Active', hops: [] });
    expect(machine(txMachines(step(full, 13)), 'itm', COMPLETION_COORDINATOR.name).state).toBe('Completing');
  });
});

describe('txEnlistmentPairs', () => {
  it('pairs each coordinator view with the registrant\'s own machine of the same enlistment', async () => {
    const pairs = txEnlistmentPairs(txMachines(step(await run('1.1-mixed-commit'), 14)));
    const name = (m: TxMachineRow | null) => (m ? `${m.actor}:${m.protocol}:${m.role}` : '-');
    expect(pairs.map((p) => `${name(p.coordinator)} ⇄ ${name(p.registrant)}`)).toEqual([
      'itm:Completion:coordinator ⇄ app1:Completion:initiator',
      'itm:Durable2PC:coordinator ⇄ ptm:Durable2PC:participant',
      'ptm:Durable2PC:coordinator ⇄ app2:Durable2PC:participant',
    ]);
  });

  it('leaves a registration the coordinator refused on its own (R1232 refused)', async () => {
    const pairs = txEnlistmentPairs(txMachines(step(await run('1.1-mixed-wrong-key'), 8)));
    expect(pairs.map((p) => [p.coordinator?.actor ?? null, p.registrant?.actor ?? null])).toEqual([['itm', 'app1'], [null, 'ptm']]);
    expect(pairs[1]!.registrant).toMatchObject({ state: 'None', peerActor: null });
  });
});

describe('requirements', () => {
  it('reads requirement IDs out of spec references', () => {
    expect(requirementIds('WS-AT interop B1221 / B1231 (request-reply over duplex HTTPS)')).toEqual(['B1221', 'B1231']);
    expect(requirementIds('WS-AT 1.1 §2 / R1002')).toEqual(['R1002']);
    expect(requirementIds('BSP R5404')).toEqual(['BSP R5404']);
    expect(requirementIds('RFC 5280 §6.1.3')).toEqual([]);
    expect(requirementIds('R10021 XR1002')).toEqual([]);
  });

  it('Register (message 3): R1232 is proven by WSAT_REGISTER_AUTHENTICATED, which passed', async () => {
    const s = step(await run('1.1-mixed-commit'), 3);
    const reqs = stepRequirements(s);
    expect(reqs.map((q) => q.id).slice(0, 3)).toEqual(['R1232', 'B1231', 'R1002']);
    const r1232 = reqs.find((q) => q.id === 'R1232')!;
    expect(r1232).toMatchObject({ declared: true, status: 'pass', text: expect.stringContaining('Timestamp is signed with the issued SCT') });
    expect(r1232.checks.map((c) => c.code)).toEqual(['WSAT_REGISTER_AUTHENTICATED']);
    expect(s.report!.checks[r1232.checks[0]!.index]!.code).toBe('WSAT_REGISTER_AUTHENTICATED');
    // B1231: the Register names its wsa:ReplyTo, so the answer correlates over duplex HTTPS.
    expect(reqs.find((q) => q.id === 'B1231')).toMatchObject({ declared: true, status: 'pass' });
    expect(reqs.find((q) => q.id === 'B1231')!.checks.map((c) => c.code)).toEqual(['WSAT_REPLY_TO']);
    // A requirement the step names that no check of this report enforces says so (message 17: Prepared
    // reaches the ITM's coordinator service, where B1241's parameters correlate it, not B1131's).
    expect(stepRequirements(step(await run('1.1-mixed-commit'), 17)).find((q) => q.id === 'B1131')).toMatchObject({ declared: true, status: 'none', checks: [] });
    // One the checks enforce without the step naming it.
    expect(reqs.find((q) => q.id === 'R1111')).toMatchObject({ declared: false, status: 'pass' });
  });

  it('Register signed with the wrong key: R1232 fails', async () => {
    const r1232 = stepRequirements(step(await run('1.1-mixed-wrong-key'), 7)).find((q) => q.id === 'R1232')!;
    expect(r1232.status).toBe('fail');
    expect(r1232.checks.map((c) => `${c.code}:${c.status}`)).toEqual(['WSAT_REGISTER_NOT_AUTHENTICATED:fail']);
  });
});
