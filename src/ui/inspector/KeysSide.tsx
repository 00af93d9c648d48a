// The inspector's left column: the key material form and the Keys panel (demo PKI, generate,
// import), as two tabs.

import { useState, type KeyboardEvent } from 'react';
import { KeyMaterialForm } from './KeyMaterialForm.tsx';
import { KeysPanel } from './KeysPanel.tsx';

type Tab = 'material' | 'pki';
const TABS: Array<{ id: Tab; title: string }> = [
  { id: 'material', title: 'Key material' },
  { id: 'pki', title: 'Keys (PKI)' },
];

export function KeysSide() {
  const [tab, setTab] = useState<Tab>('material');
  const onKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const next = tab === 'material' ? 'pki' : 'material';
    setTab(next);
    document.getElementById(`keys-tab-${next}`)?.focus();
  };
  return (
    <div className="keys-side panel">
      <div className="tabs" role="tablist" aria-label="Keys" onKeyDown={onKey}>
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`keys-tab-${t.id}`}
            type="button"
            role="tab"
            className="tab"
            aria-selected={tab === t.id}
            aria-controls={`keys-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
          >
            {t.title}
          </button>
        ))}
      </div>
      {/* Both stay mounted (hidden), so a chosen file or a half-typed password survives switching. */}
      <div className="tabpanel" role="tabpanel" id="keys-panel-material" aria-labelledby="keys-tab-material" hidden={tab !== 'material'}>
        <KeyMaterialForm />
      </div>
      <div className="tabpanel" role="tabpanel" id="keys-panel-pki" aria-labelledby="keys-tab-pki" hidden={tab !== 'pki'}>
        <KeysPanel onUsed={() => setTab('material')} />
      </div>
    </div>
  );
}
