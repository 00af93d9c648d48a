// Scenarios | Inspector | Matrix: the app's modes, as tabs in the top bar (arrow keys switch,
// wrapping round; the choice is saved with the workspace).

import type { KeyboardEvent } from 'react';
import { useStore, type AppMode } from './store/index.ts';

const MODES: Array<{ id: AppMode; title: string; hint: string }> = [
  { id: 'scenarios', title: 'Scenarios', hint: 'Step through a message flow between simulated parties' },
  { id: 'inspector', title: 'Inspector', hint: 'Inspect any SOAP message with keys you give: canonical bytes, decryption, compare' },
  { id: 'matrix', title: 'Matrix', hint: "Seed 001's OpenSSO token matrix (table 3-3): the seed's output beside the engine's decision, row by row" },
];

export function ModeSwitch() {
  const mode = useStore((s) => s.mode);
  const setMode = useStore((s) => s.setMode);
  const onKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    const at = MODES.findIndex((m) => m.id === mode);
    const step = e.key === 'ArrowRight' ? 1 : -1;
    const next = MODES[(at + step + MODES.length) % MODES.length].id;
    setMode(next);
    // The tab is rendered again in the other layout: focus it once it is there.
    requestAnimationFrame(() => document.getElementById(`mode-${next}`)?.focus());
  };
  return (
    <div className="mode-switch" role="tablist" aria-label="Mode" onKeyDown={onKey}>
      {MODES.map((m) => (
        <button
          key={m.id}
          id={`mode-${m.id}`}
          type="button"
          role="tab"
          className="mode-tab"
          aria-selected={mode === m.id}
          tabIndex={mode === m.id ? 0 : -1}
          title={m.hint}
          onClick={() => setMode(m.id)}
        >
          {m.title}
        </button>
      ))}
    </div>
  );
}
