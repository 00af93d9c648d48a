// Wire | Decrypted: which text the message pane shows. The Decrypted tab is there only when the
// report has a decrypted document (WSS_DECRYPTED_MESSAGE).

import type { KeyboardEvent } from 'react';
import { useStore, type PaneView } from './store/index.ts';

export function PaneViewTabs({ decryptedAvailable }: { decryptedAvailable: boolean }) {
  const paneView = useStore((s) => s.paneView);
  const setPaneView = useStore((s) => s.setPaneView);
  const view: PaneView = paneView === 'decrypted' && decryptedAvailable ? 'decrypted' : 'wire';
  const tabs: Array<{ id: PaneView; title: string; disabled: boolean }> = [
    { id: 'wire', title: 'Wire', disabled: false },
    { id: 'decrypted', title: 'Decrypted', disabled: !decryptedAvailable },
  ];
  const onKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    if ((e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') || !decryptedAvailable) return;
    const next = view === 'wire' ? 'decrypted' : 'wire';
    setPaneView(next);
    document.getElementById(`pane-view-${next}`)?.focus();
  };
  return (
    <div className="view-tabs" role="tablist" aria-label="Message view" onKeyDown={onKey}>
      {tabs.map((t) => (
        <button
          key={t.id}
          id={`pane-view-${t.id}`}
          type="button"
          role="tab"
          className="view-tab"
          aria-selected={view === t.id}
          aria-controls="pane-view-panel"
          aria-disabled={t.disabled || undefined}
          title={t.disabled ? 'Nothing was decrypted in this message (or it has not been delivered yet)' : undefined}
          tabIndex={view === t.id ? 0 : -1}
          onClick={() => !t.disabled && setPaneView(t.id)}
        >
          {t.title}
        </button>
      ))}
    </div>
  );
}
