// The legend under a message editor: what the part marks mean, and one toggle per ds:Signature
// that keeps the elements it references highlighted (the keyboard's way to what hovering the
// Signature shows).

import type { PartMarker } from '../engine/index.ts';

export function signaturesOf(parts: readonly PartMarker[]): Array<{ path: string; count: number }> {
  const counts = new Map<string, number>();
  for (const p of parts) if (p.kind === 'signed') counts.set(p.by, (counts.get(p.by) ?? 0) + 1);
  return [...counts].map(([path, count]) => ({ path, count }));
}

export function PartsLegend({ parts, pinned, onPin, label }: {
  parts: readonly PartMarker[] | null;
  pinned: string | null;
  onPin(signature: string | null): void;
  label: string;
}) {
  const signatures = signaturesOf(parts ?? []);
  const signed = (parts ?? []).filter((p) => p.kind === 'signed').length;
  const encrypted = (parts ?? []).filter((p) => p.kind === 'encrypted').length;
  return (
    <div className="parts-legend" role="group" aria-label={label}>
      <span className="legend-item">
        <span className="legend-swatch swatch-signed" aria-hidden="true">S</span> signed <span className="muted">({signed})</span>
      </span>
      <span className="legend-item">
        <span className="legend-swatch swatch-encrypted" aria-hidden="true">E</span> encrypted <span className="muted">({encrypted})</span>
      </span>
      {signatures.length > 0 && <span className="legend-sep" aria-hidden="true" />}
      {signatures.map((s, i) => (
        <button
          key={s.path}
          type="button"
          className="legend-toggle"
          aria-pressed={pinned === s.path}
          title={`Highlight the ${s.count} element(s) ${s.path} references (hovering the ds:Signature does the same)`}
          onClick={() => onPin(pinned === s.path ? null : s.path)}
        >
          Signature {signatures.length > 1 ? i + 1 : ''} covers {s.count}
        </button>
      ))}
      {signed + encrypted === 0 && <span className="muted">no signed or encrypted parts</span>}
      {signatures.length > 0 && <span className="muted legend-hint">hover a ds:Signature to see what it covers</span>}
    </div>
  );
}
