// The flow at a glance: one lifeline per actor, one numbered arrow per step, coloured by outcome
// (pending / as expected / unexpected) and badged ✓ accepted or ✗ rejected. Click or Enter on an
// arrow opens that step.

import type { ActorInfo, StepRecord } from '../engine/index.ts';
import { selectScenario, useStore } from './store/index.ts';

const WIDTH = 340;
const HEAD = 62;
const ROW = 48;

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
        {clip(actor.name, Math.floor(width / 7))}
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
}

function Arrow({ step, y, x1, x2, current, fromName, toName, onOpen }: ArrowProps) {
  const dir = x2 >= x1 ? 1 : -1;
  const self = Math.abs(x2 - x1) < 1;
  const path = self
    ? `M ${x1} ${y - 6} h 34 v 14 h -30`
    : `M ${x1 + dir * 3} ${y} L ${x2 - dir * 5} ${y}`;
  const midX = self ? x1 + 40 : (x1 + x2) / 2;
  const badgeX = self ? x1 + 46 : x2 - dir * 24;
  const accepted = step.report?.accepted;
  return (
    <g
      className={`arrow outcome-${step.outcome}${current ? ' current' : ''}`}
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
      <rect className="row-hit" x={3} y={y - 27} width={WIDTH - 6} height={ROW - 6} rx={5} />
      <text className="arrow-label" x={self ? x1 + 6 : midX} y={y - 9} textAnchor={self ? 'start' : 'middle'}>
        <tspan className="arrow-n">{step.n}.</tspan> {clip(step.label, 34)}
      </text>
      <path d={path} className="arrow-line" markerEnd={`url(#head-${step.outcome})`} fill="none" />
      {step.delivered !== null && step.report && (
        <g className={`badge ${accepted ? 'badge-ok' : 'badge-bad'}`} aria-hidden="true">
          <circle cx={badgeX} cy={y + 12} r={7.5} />
          <text x={badgeX} y={y + 15.5} textAnchor="middle">
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
  const height = HEAD + 20 + (steps.length + (remaining > 0 ? 1 : 0)) * ROW + 8;
  const xOf = (id: string): number => lifelineX(Math.max(0, actors.findIndex((a) => a.id === id)), actors.length);
  const nameOf = (id: string): string => actors.find((a) => a.id === id)?.name ?? id;

  return (
    <section className="diagram panel" aria-label="Sequence diagram">
      <h2 className="panel-title">
        {scenario?.title ?? 'Flow'} <span className="muted">· {steps.length}/{run?.total ?? 0} steps</span>
      </h2>
      <div className="diagram-scroll">
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
              y={HEAD + 36 + step.index * ROW}
              x1={xOf(step.from)}
              x2={xOf(step.to)}
              current={step.index === current}
              fromName={nameOf(step.from)}
              toName={nameOf(step.to)}
              onOpen={() => goTo(step.index)}
            />
          ))}
          {remaining > 0 && (
            <text className="remaining" x={WIDTH / 2} y={HEAD + 30 + steps.length * ROW} textAnchor="middle">
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
      </ul>
    </section>
  );
}
