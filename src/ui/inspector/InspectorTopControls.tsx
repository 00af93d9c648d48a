// Inspector mode's part of the top bar: Inspect one message | Compare two.

import type { KeyboardEvent } from 'react';
import { useStore, type InspectorView } from '../store/index.ts';

const VIEWS: Array<{ id: InspectorView; title: string }> = [
  { id: 'inspect', title: 'Inspect a message' },
  { id: 'compare', title: 'Compare two messages' },
];

export function InspectorTopControls() {
  const view = useStore((s) => s.inspectorView);
  const setView = useStore((s) => s.setInspectorView);
  const onKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    const next = view === 'inspect' ? 'compare' : 'inspect';
    setView(next);
    document.getElementById(`inspector-view-${next}`)?.focus();
  };
  return (
    <div className="mode-switch sub-switch" role="tablist" aria-label="Inspector view" onKeyDown={onKey}>
      {VIEWS.map((v) => (
        <button
          key={v.id}
          id={`inspector-view-${v.id}`}
          type="button"
          role="tab"
          className="mode-tab"
          aria-selected={view === v.id}
          tabIndex={view === v.id ? 0 : -1}
          onClick={() => setView(v.id)}
        >
          {v.title}
        </button>
      ))}
    </div>
  );
}
