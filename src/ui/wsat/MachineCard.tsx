// One WS-AT state machine at the step on screen: its states from the engine's table in a row of
// small boxes (in the table's order), the current state lit (filled, ●, and "now" in the caption),
// the state before the step outlined (○, "was"), and each transition the step took drawn as an arc
// under the row, labelled with its event — solid when the receiver's check reported it, dashed when
// it is the sender's own move found in the state table. Box widths depend only on the table, so
// nothing moves while stepping.

import { useId } from 'react';
import type { TxMachineHop, TxMachineRow } from '../../engine/index.ts';

const BOX_H = 17;
const GAP = 4;
const ARC = 8;
const HEIGHT = BOX_H + ARC + 12;
const STATE_FONT = '700 10.5px system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Roboto, sans-serif';

export const ROLE: Record<TxMachineRow['role'], string> = { coordinator: 'coordinator view', participant: 'participant view', initiator: 'initiator view' };

let canvas: CanvasRenderingContext2D | null | undefined;
const widths = new Map<string, number>();

/** Width of a state's box: its name in bold with the ● marker, measured once. */
function boxWidth(state: string): number {
  const have = widths.get(state);
  if (have !== undefined) return have;
  if (canvas === undefined) canvas = document.createElement('canvas').getContext('2d');
  let w = `● ${state}`.length * 7; // no canvas (tests without layout): a generous estimate
  if (canvas) {
    canvas.font = STATE_FONT;
    w = canvas.measureText(`● ${state}`).width;
  }
  const out = Math.ceil(w) + 12;
  widths.set(state, out);
  return out;
}

function layout(states: readonly string[]): { x: number[]; w: number[]; width: number } {
  const w = states.map(boxWidth);
  const x: number[] = [];
  let at = 1;
  for (const wi of w) {
    x.push(at);
    at += wi + GAP;
  }
  return { x, w, width: at - GAP + 1 };
}

function hopText(h: TxMachineHop): string {
  return `${h.from} —${h.event ?? 'no table event'}→ ${h.to}: ${h.source === 'report' ? `reported by ${h.code}` : 'the sender\'s move, from the state table'}`;
}

function Hop({ hop, cx, width, head }: { hop: TxMachineHop; cx: (s: string) => number; width: number; head: string }) {
  const [a, b] = [cx(hop.from), cx(hop.to)];
  const y = BOX_H + 1;
  const path = a === b
    ? `M ${a - 5} ${y} C ${a - 10} ${y + ARC + 3}, ${a + 10} ${y + ARC + 3}, ${a + 5} ${y + 1}`
    : `M ${a} ${y} C ${a} ${y + ARC + 2}, ${b} ${y + ARC + 2}, ${b} ${y + 1}`;
  const event = hop.event ?? 'no table event';
  const half = (event.length * 5.8) / 2;
  const mid = Math.min(Math.max((a + b) / 2, half + 1), width - half - 1);
  return (
    <g className={`tx-hop tx-hop-${hop.source}`}>
      <title>{hopText(hop)}</title>
      <path d={path} markerEnd={`url(#${head})`} fill="none" />
      <text x={mid} y={HEIGHT - 2} textAnchor="middle">{event}</text>
    </g>
  );
}

export function machineAria(m: TxMachineRow, actor: string, peer: string): string {
  const moved = m.hops.map((h) => `${h.from} to ${h.to} by ${h.event ?? 'no table event'}`).join(', then ');
  const was = m.previous === null ? 'registered in this step' : m.previous !== m.state ? `was ${m.previous}` : 'unchanged';
  return `${actor} ${m.protocol} ${ROLE[m.role]} toward ${peer}: ${m.state} (${was}${moved ? `; ${moved}` : ''})`;
}

export function MachineCard({ m, actor, peer }: { m: TxMachineRow; actor: string; peer: string }) {
  const head = `tx-head-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const states = m.states.length > 0 ? m.states : [m.state];
  const { x, w, width } = layout(states);
  const cx = (s: string): number => {
    const i = Math.max(0, states.indexOf(s));
    return (x[i] ?? 0) + (w[i] ?? 0) / 2;
  };
  const moved = m.previous !== null && m.previous !== m.state;
  return (
    <figure className="tx-machine" aria-label={machineAria(m, actor, peer)} data-state={m.state} data-machine={m.machine}>
      <figcaption title={`${m.machine}\ntransaction ${m.transaction}\nenlistment ${m.enlistment}\nother side ${m.peer}`}>
        <span className="tx-m-actor">{actor}</span> <span className="tx-m-proto">{m.protocol}</span> <span className="tx-m-role">{ROLE[m.role]} → {peer}</span>
        <span className="tx-m-now">
          {m.previous === null && <span className="tx-m-new">new</span>}
          now <strong>{m.state}</strong>
          {moved && <span className="muted">, was {m.previous}</span>}
        </span>
      </figcaption>
      <svg width={width} height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`} aria-hidden="true">
        <defs>
          <marker id={head} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" className="tx-hop-head" />
          </marker>
        </defs>
        {states.map((s, i) => {
          const lit = s === m.state;
          const was = !lit && s === m.previous;
          return (
            <g key={s} className={`tx-state${lit ? ' is-lit' : ''}${was ? ' is-was' : ''}`} data-state={s}>
              <rect x={x[i]} y={0.5} width={w[i]} height={BOX_H} rx={4} />
              <text x={(x[i] ?? 0) + (w[i] ?? 0) / 2} y={12.5} textAnchor="middle">
                {lit ? '● ' : was ? '○ ' : ''}
                {s}
              </text>
            </g>
          );
        })}
        {m.hops.map((h, i) => (
          <Hop key={i} hop={h} cx={cx} width={width} head={head} />
        ))}
      </svg>
    </figure>
  );
}
