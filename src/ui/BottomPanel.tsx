// Details of the step on screen, in tabs: actor state, secrets, raw trace.

import type { KeyboardEvent } from 'react';
import { ActorsTab } from './ActorsTab.tsx';
import { SecretsTab } from './SecretsTab.tsx';
import { TraceTab } from './TraceTab.tsx';
import { useStore, type BottomTab } from './store/index.ts';

const TABS: Array<{ id: BottomTab; title: string }> = [
  { id: 'actors', title: 'Actors' },
  { id: 'secrets', title: 'Secrets' },
  { id: 'trace', title: 'Trace' },
];

export function BottomPanel() {
  const tab = useStore((s) => s.bottomTab);
  const setTab = useStore((s) => s.setBottomTab);
  const onKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const i = TABS.findIndex((t) => t.id === tab);
    const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
    if (!next) return;
    setTab(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  };
  return (
    <div className="bottom panel">
      <div className="tabs" role="tablist" aria-label="Step details" onKeyDown={onKey}>
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`tab-${t.id}`}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            aria-controls={`tabpanel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            className="tab"
            onClick={() => setTab(t.id)}
          >
            {t.title}
          </button>
        ))}
      </div>
      <div className="tabpanel" role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'actors' && <ActorsTab />}
        {tab === 'secrets' && <SecretsTab />}
        {tab === 'trace' && <TraceTab />}
      </div>
    </div>
  );
}
