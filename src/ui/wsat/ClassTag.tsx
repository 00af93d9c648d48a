// Seed 002's four message classes on the sequence diagram: a tag in the row's gutter (colour with
// a word, never colour alone) and the legend naming each class and its messages.

import { TX_MESSAGE_CLASSES, type TxClassInfo, type TxMessageClass } from '../../engine/index.ts';
import './wsat.css';

const INFO = new Map(TX_MESSAGE_CLASSES.map((c) => [c.id, c]));

export function classTitle(cls: TxMessageClass): string {
  return INFO.get(cls)?.title ?? cls;
}

/** Why the tag says what it says, for the tooltip. */
export function classSource(info: TxClassInfo): string {
  if (info.source === 'action') return `from wsa:Action ${info.action ?? ''}`;
  if (info.source === 'scenario') return info.action ? `wsa:Action ${info.action} answers more than one class: the scenario's class for this step` : 'no message: the scenario\'s class for this step';
  return 'no class';
}

/**
 * The label without the class prefix the scenario writes ("Registration: Register (Durable)"),
 * when the tag beside it says the same class; otherwise the label as it is.
 */
export function labelBesideTag(label: string, info: TxClassInfo | undefined): string {
  if (!info?.cls) return label;
  const prefix = `${classTitle(info.cls)}: `;
  return label.startsWith(prefix) ? label.slice(prefix.length) : label;
}

export const TAG_GUTTER = 32;

/** The tag at the left of an arrow's row; `y` is the row's centre line. */
export function ClassTag({ info, y }: { info: TxClassInfo | undefined; y: number }) {
  if (!info?.cls) return null;
  const c = INFO.get(info.cls);
  return (
    <g className={`tx-tag tx-${info.cls}`} aria-hidden="true">
      <title>{`${c?.title ?? info.cls} message (${classSource(info)})`}</title>
      <rect x={4} y={y - 6.5} width={TAG_GUTTER - 8} height={13} rx={3} />
      <text x={4 + (TAG_GUTTER - 8) / 2} y={y + 3} textAnchor="middle">{c?.short ?? '?'}</text>
    </g>
  );
}

/** Legend entries for the classes (inside the diagram's legend list). */
export function ClassLegend() {
  return (
    <>
      {TX_MESSAGE_CLASSES.map((c) => (
        <li key={c.id} className={`tx-legend tx-${c.id}`} title={c.messages}>
          <span className="tx-key">{c.short}</span> {c.title.toLowerCase()}
        </li>
      ))}
    </>
  );
}
