// Details of the step on screen, in tabs: actor state, secrets, raw trace, the key derivation of the
// message's DerivedKeyTokens, every actor's session table, and (on a transaction flow) the WS-AT
// state machines.

import { useEffect, useState } from 'react';
import { ActorsTab } from './ActorsTab.tsx';
import { SecretsTab } from './SecretsTab.tsx';
import { TraceTab } from './TraceTab.tsx';
import { KeyDerivationView } from './sc/KeyDerivationView.tsx';
import { SessionTable } from './sc/SessionTable.tsx';
import { useStore, type BottomTab } from './store/index.ts';
import { TabList } from './TabList.tsx';
import { StateMachines } from './wsat/StateMachines.tsx';
import { useIsTxFlow } from './wsat/useTxView.ts';

const TABS: Array<{ id: BottomTab; title: string }> = [
  { id: 'actors', title: 'Actors' },
  { id: 'secrets', title: 'Secrets' },
  { id: 'trace', title: 'Trace' },
  { id: 'derivation', title: 'Key derivation' },
  { id: 'sessions', title: 'Sessions' },
  { id: 'machines', title: 'State machines' },
];

export function BottomPanel() {
  const stored = useStore((s) => s.bottomTab);
  const setStored = useStore((s) => s.setBottomTab);
  const txFlow = useIsTxFlow();
  // A transaction flow opens on its state machines until the user picks a tab.
  const [picked, setPicked] = useState(false);
  useEffect(() => {
    if (txFlow) setPicked(false);
  }, [txFlow]);
  const tabs = TABS.filter((t) => t.id !== 'machines' || txFlow);
  const tab: BottomTab = txFlow && !picked ? 'machines' : !txFlow && stored === 'machines' ? 'actors' : stored;
  const setTab = (t: BottomTab): void => {
    setPicked(true);
    setStored(t);
  };
  return (
    <div className="bottom panel">
      <TabList
        label="Step details" className="tabs" tabClassName="tab" selected={tab} onSelect={setTab} items={tabs}
        tabId={(id) => `tab-${id}`} controls={(id) => `tabpanel-${id}`}
      />
      <div className="tabpanel" role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'actors' && <ActorsTab />}
        {tab === 'secrets' && <SecretsTab />}
        {tab === 'trace' && <TraceTab />}
        {tab === 'derivation' && <KeyDerivationView />}
        {tab === 'sessions' && <SessionTable />}
        {tab === 'machines' && <StateMachines />}
      </div>
    </div>
  );
}
