// The "State machines" tab (issue 6, "seeing it"): every coordinator's and participant's WS-AT
// machine at the step on screen, one row per enlistment — the coordinator's view of a registrant
// beside the registrant's own machine (ITM ⇄ App1 for Completion, ITM ⇄ PTM and PTM ⇄ App2 for
// 2PC: the transaction tree top-down) — with the current state lit and the transitions the step
// took. It follows the stepping.

import { txEnlistmentPairs, type TxEnlistmentPair, type TxMachineRow } from '../../engine/index.ts';
import { selectScenario, useStore } from '../store/index.ts';
import { MachineCard } from './MachineCard.tsx';
import { shortName, useTxMachines } from './useTxView.ts';
import './wsat.css';

function Side({ m, nameOf, empty }: { m: TxMachineRow | null; nameOf: (id: string | null) => string; empty: string }) {
  if (!m) return <p className="tx-machine tx-machine-none muted">{empty}</p>;
  return <MachineCard m={m} actor={nameOf(m.actor)} peer={nameOf(m.peerActor)} />;
}

function PairRow({ p, nameOf }: { p: TxEnlistmentPair; nameOf: (id: string | null) => string }) {
  const c = p.coordinator;
  const r = p.registrant;
  const label = c ? `${nameOf(c.actor)} ⇄ ${nameOf(c.peerActor)} (${c.protocol}, enlistment ${c.enlistment})` : `${nameOf(r?.actor ?? null)}'s ${r?.protocol ?? ''} registration`;
  return (
    <li className="tx-pair" aria-label={label}>
      <Side m={c} nameOf={nameOf} empty="No coordinator has registered it (yet)." />
      <span className="tx-pair-link" aria-hidden="true" title={c ? `enlistment ${c.enlistment}` : undefined}>
        ⇄{c && <small>{c.enlistment}</small>}
      </span>
      <Side m={r} nameOf={nameOf} empty={c ? `${nameOf(c.peerActor)} has not read the RegisterResponse yet.` : ''} />
    </li>
  );
}

export function StateMachines() {
  const scenario = useStore(selectScenario);
  const { step, rows } = useTxMachines();
  const actors = scenario?.actors ?? [];
  const nameOf = (id: string | null): string => (id ? shortName(actors.find((a) => a.id === id)?.name ?? id) : 'not registered yet');
  if (!step) return <p className="muted">No step yet.</p>;
  if (rows.length === 0) {
    return <p className="muted">No WS-AT coordinator or participant has a state machine at step {step.n} yet: they appear with the first Register.</p>;
  }
  const order = (id: string | undefined): number => {
    const i = actors.findIndex((a) => a.id === id);
    return i < 0 ? actors.length : i;
  };
  // Stable sort: the coordinator's lifeline first, then the order the enlistments were made.
  const pairs = txEnlistmentPairs(rows).map((p, i) => ({ p, i })).sort((a, b) => order((a.p.coordinator ?? a.p.registrant)?.actor) - order((b.p.coordinator ?? b.p.registrant)?.actor) || a.i - b.i);
  return (
    <section className="tx-machines" aria-label="State machines">
      <p className="tx-machines-head">
        <span>
          After step <strong>{step.n}</strong> {step.delivered !== null ? '(delivered)' : '(not delivered yet: only the sender moved)'} · a coordinator's view ⇄ the registrant's own machine
        </span>
        <span className="tx-machines-key muted">
          <span className="tx-k-lit">● now</span>
          <span>○ before this step</span>
          <span className="tx-k-report">⌣ reported by the receiver's check</span>
          <span className="tx-k-table">⌣ dashed: the sender's move, from the state table</span>
        </span>
      </p>
      <ol className="tx-pairs">
        {pairs.map(({ p }) => (
          <PairRow key={(p.coordinator ?? p.registrant)?.key} p={p} nameOf={nameOf} />
        ))}
      </ol>
    </section>
  );
}
