// The inspector's left column: the key material form and the Keys panel (demo PKI, generate,
// import), as two tabs.

import { useState } from 'react';
import { TabList } from '../TabList.tsx';
import { KeyMaterialForm } from './KeyMaterialForm.tsx';
import { KeysPanel } from './KeysPanel.tsx';

type Tab = 'material' | 'pki';
const TABS: Array<{ id: Tab; title: string }> = [
  { id: 'material', title: 'Key material' },
  { id: 'pki', title: 'Keys (PKI)' },
];

export function KeysSide() {
  const [tab, setTab] = useState<Tab>('material');
  return (
    <div className="keys-side panel">
      <TabList<Tab>
        label="Keys" className="tabs" tabClassName="tab" selected={tab} onSelect={setTab} items={TABS}
        tabId={(id) => `keys-tab-${id}`} controls={(id) => `keys-panel-${id}`}
      />
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
