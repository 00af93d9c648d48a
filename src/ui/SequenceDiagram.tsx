// The flow at a glance: one lifeline per actor, one numbered arrow per step, coloured by outcome
// (pending / as expected / unexpected) and badged ✓ accepted or ✗ rejected. Click or Enter on an
// arrow opens that step; the current step is kept in view. On a transaction flow (seed 002) rows are
// denser and each is tagged with its message class.

import { useRef } from 'react';
import type { ActorInfo, StepRecord, TxClassInfo } from '../engine/index.ts';
import { selectScenario, useStore } from './store/index.ts';
import { ClassLegend, ClassTag, labelBesideTag, TAG_GUTTER } from './wsat/ClassTag.tsx';
import { useKeepInView } from './wsat/useKeepInView.ts';
import { shortName, useTxClasses } from './wsat/useTxView.ts';

const WIDTH = 340;
const HEAD = 62;
const ROW = 48;

/** Row geometry: the default, and a denser one for a transaction flow's 22 messages (seed 002), with a class tag in the gutter. */
interface Geometry { row: number; first: number; hitTop: number; labelDy: number; badgeDy: number; badgeR: number }
const ROOMY: Geometry = { row: ROW, first: 36, hitTop: -27, labelDy: -9, badgeDy: 12, badgeR: 7.5 };
const DENSE: Geometry = { row: 32, first: 26, hitTop: -17, labelDy: -8, badgeDy: 0, badgeR: 6 };
const CHAR_W = 6.1;

/** Actor box width: as wide as the lifelines' spacing allows (2 actors: 110, 4 actors: 77). */
function boxWidth(count: number): number {
  return Math.min(110, (WIDTH - 8) / Math.max(1, count) - 6);
}

function lifelineX(index: number, count: number): number {
  if (count <= 1) return WIDTH / 2;
  const pad = boxWidth(count) / 2 + 4;
  return pad + (index * (WIDTH - 2 * pad)) / (count - 1);
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function outcomeWord(step: StepRecord): string {
  if (step.outcome === 'pending') return 'pending';
  const verdict = step.report?.accepted ? 'accepted' : 'rejected';
  return `${verdict}, ${step.outcome === 'as-expected' ? 'as expected' : 'unexpected'}`;
}

function ActorHead({ actor, x, width }: { actor: ActorInfo; x: number; width: number }) {
  return (
    <g className={`actor role-${actor.role}`}>
      <title>{`${actor.name} (${actor.role})`}</title>
      <rect x={x - width / 2} y={8} width={width} height={40} rx={5} className="actor-box" />
      <text x={x} y={25} className="actor-name" textAnchor="middle">
        {clip(actor.name.length > Math.floor(width / 7) ? shortName(actor.name) : actor.name, Math.floor(width / 7))}
      </text>
      <text x={x} y={40} className="actor-role" textAnchor="middle">
        {actor.role}
      </text>
    </g>
  );
}

interface ArrowProps {
  step: StepRecord;
  y: number;
  x1: number;
  x2: number;
  current: boolean;
  fromName: string;
  toName: string;
  onOpen(): void;
  geom?: Geometry;
  /** The message's class, when the flow is a transaction flow: tagged in the gutter, label kept clear of it. */
  cls?: TxClassInfo | undefined;
}

/** A tagged row's label: without the class prefix, clipped to the row and moved off the gutter and the edge. */
function taggedLabel(step: StepRecord, cls: TxClassInfo | undefined, midX: number): { text: string; x: number } {
  const room = WIDTH - TAG_GUTTER - 6;
  const text = clip(labelBesideTag(step.label, cls), Math.floor(room / CHAR_W) - String(step.n).length - 2);
  const half = ((String(step.n).length + 2 + text.length) * CHAR_W) / 2;
  return { text, x: Math.min(Math.max(midX, TAG_GUTTER + 2 + half), WIDTH - 4 - half) };
}

function Arrow({ step, y, x1, x2, current, fromName, toName, onOpen, geom = ROOMY, cls }: ArrowProps) {
  const dir = x2 >= x1 ? 1 : -1;
  const self = Math.abs(x2 - x1) < 1;
  const path = self
    ? `M ${x1} ${y - 6} h 34 v 14 h -30`
    : `M ${x1 + dir * 3} ${y} L ${x2 - dir * 5} ${y}`;
  const midX = self ? x1 + 40 : (x1 + x2) / 2;
  const badgeX = self ? x1 + 46 : x2 - dir * 24;
  const accepted = step.report?.accepted;
  const tagged = geom === DENSE ? taggedLabel(step, cls, midX) : null;
  const plain = clip(step.label, 34);
  // Any label stays inside the diagram: centred on its arrow unless that would cut it at an edge.
  const plainHalf = ((String(step.n).length + 2 + plain.length) * 6.6) / 2; // 11.5px sans, bold when current
  const plainX = Math.min(Math.max(midX, 4 + plainHalf), WIDTH - 4 - plainHalf);
  return (
    <g
      className={`arrow outcome-${step.outcome}${current ? ' current' : ''}`}
      data-msg-class={cls?.cls ?? undefined}
      role="button"
      tabIndex={0}
      aria-label={`Step ${step.n}: ${step.label}, ${fromName} to ${toName}, ${outcomeWord(step)}`}
      aria-current={current ? 'step' : undefined}
      onClick={onOpen}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onOpen();
        }
      }}
    >
      <title>{`${step.n}. ${step.label} (${outcomeWord(step)})`}</title>
      <rect className="row-hit" x={3} y={y + geom.hitTop} width={WIDTH - 6} height={geom.row - 6} rx={5} />
      {geom === DENSE && <ClassTag info={cls} y={y - 1} />}
      <text className="arrow-label" x={self ? x1 + 6 : (tagged?.x ?? plainX)} y={y + geom.labelDy} textAnchor={self ? 'start' : 'middle'}>
        <tspan className="arrow-n">{step.n}.</tspan> {tagged?.text ?? plain}
      </text>
      <path d={path} className="arrow-line" markerEnd={`url(#head-${step.outcome})`} fill="none" />
      {step.delivered !== null && step.report && (
        <g className={`badge ${accepted ? 'badge-ok' : 'badge-bad'}`} aria-hidden="true">
          <circle cx={badgeX} cy={y + geom.badgeDy} r={geom.badgeR} />
          <text x={badgeX} y={y + geom.badgeDy + 3.5} textAnchor="middle">
            {accepted ? '✓' : '✗'}
          </text>
        </g>
      )}
    </g>
  );
}

function ArrowHeads() {
  return (
    <defs>
      {(['pending', 'as-expected', 'unexpected'] as const).map((o) => (
        <marker key={o} id={`head-${o}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className={`head head-${o}`} />
        </marker>
      ))}
    </defs>
  );
}

export function SequenceDiagram() {
  const scenario = useStore(selectScenario);
  const run = useStore((s) => s.run);
  const current = useStore((s) => s.current);
  const goTo = useStore((s) => s.goTo);
  const actors = scenario?.actors ?? [];
  const steps = run?.steps ?? [];
  const remaining = Math.max(0, (run?.total ?? 0) - steps.length);
  const classes = useTxClasses();
  const geom = classes ? DENSE : ROOMY;
  const scroller = useRef<HTMLDivElement>(null);
  useKeepInView(scroller, '.arrow.current .row-hit', [current, steps.length, geom]);
  const height = HEAD + 20 + (steps.length + (remaining > 0 ? 1 : 0)) * geom.row + 8;
  const xOf = (id: string): number => lifelineX(Math.max(0, actors.findIndex((a) => a.id === id)), actors.length);
  const nameOf = (id: string): string => actors.find((a) => a.id === id)?.name ?? id;

  return (
    <section className="diagram panel" aria-label="Sequence diagram">
      <h2 className="panel-title">
        {scenario?.title ?? 'Flow'} <span className="muted">· {steps.length}/{run?.total ?? 0} steps</span>
      </h2>
      <div className="diagram-scroll" ref={scroller}>
        <svg width={WIDTH} height={height} viewBox={`0 0 ${WIDTH} ${height}`} className="seq" role="group" aria-label="Message flow">
          <ArrowHeads />
          {actors.map((a, i) => (
            <line key={a.id} className="lifeline" x1={lifelineX(i, actors.length)} x2={lifelineX(i, actors.length)} y1={48} y2={height - 4} />
          ))}
          {actors.map((a, i) => (
            <ActorHead key={a.id} actor={a} x={lifelineX(i, actors.length)} width={boxWidth(actors.length)} />
          ))}
          {steps.map((step) => (
            <Arrow
              key={step.index}
              step={step}
              y={HEAD + geom.first + step.index * geom.row}
              x1={xOf(step.from)}
              x2={xOf(step.to)}
              current={step.index === current}
              fromName={nameOf(step.from)}
              toName={nameOf(step.to)}
              onOpen={() => goTo(step.index)}
              geom={geom}
              cls={classes?.[step.index]}
            />
          ))}
          {remaining > 0 && (
            <text className="remaining" x={WIDTH / 2} y={HEAD + geom.first - 6 + steps.length * geom.row} textAnchor="middle">
              {remaining} more step{remaining > 1 ? 's' : ''} not produced yet
            </text>
          )}
        </svg>
      </div>
      <ul className="legend" aria-label="Legend">
        <li><span className="key key-expected" aria-hidden="true" /> as expected</li>
        <li><span className="key key-unexpected" aria-hidden="true" /> unexpected</li>
        <li><span className="key key-pending" aria-hidden="true" /> pending</li>
        <li><span className="ok">✓</span> accepted</li>
        <li><span className="bad">✗</span> rejected</li>
        {classes && <ClassLegend />}
      </ul>
    </section>
  );
}
