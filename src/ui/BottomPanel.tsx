// Details of the step on screen, in tabs: actor state, secrets, raw trace; and (issue 5) the key
// derivation of the message's DerivedKeyTokens and every actor's session table; and (issue 6) the
// WS-AT state machines of a transaction flow.

import { useEffect, useState, type KeyboardEvent } from 'react';
import { ActorsTab } from './ActorsTab.tsx';
import { SecretsTab } from './SecretsTab.tsx';
import { TraceTab } from './TraceTab.tsx';
import { KeyDerivationView } from './sc/KeyDerivationView.tsx';
import { SessionTable } from './sc/SessionTable.tsx';
import { useStore, type BottomTab } from './store/index.ts';
import { StateMachines } from './wsat/StateMachines.tsx';
import { useIsTxFlow } from './wsat/useTxView.ts';

/** Issue 5's tabs: which one is open is this panel's own state (the store's BottomTab names the others). */
type ScTab = 'derivation' | 'sessions';
/** Issue 6's tab: only on a transaction flow, where it opens by default. */
type TxTab = 'machines';
type Tab = BottomTab | ScTab | TxTab;
const isScTab = (t: Tab): t is ScTab => t === 'derivation' || t === 'sessions';

const TABS: Array<{ id: Tab; title: string }> = [
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
  const [scTab, setScTab] = useState<ScTab | null>(null);
  const txFlow = useIsTxFlow();
  // null: not chosen, so a transaction flow opens on its state machines.
  const [txTab, setTxTab] = useState<boolean | null>(null);
  useEffect(() => {
    if (txFlow) setTxTab(null);
  }, [txFlow]);
  const tabs = TABS.filter((t) => t.id !== 'machines' || txFlow);
  const tab: Tab = txFlow && (txTab ?? true) ? 'machines' : (scTab ?? stored);
  const setTab = (t: Tab): void => {
    setTxTab(t === 'machines');
    if (t === 'machines') return;
    setScTab(isScTab(t) ? t : null);
    if (!isScTab(t)) setStored(t);
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const i = tabs.findIndex((t) => t.id === tab);
    const next = tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    if (!next) return;
    setTab(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  };
  return (
    <div className="bottom panel">
      <div className="tabs" role="tablist" aria-label="Step details" onKeyDown={onKey}>
        {tabs.map((t) => (
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
        {tab === 'derivation' && <KeyDerivationView />}
        {tab === 'sessions' && <SessionTable />}
        {tab === 'machines' && <StateMachines />}
      </div>
    </div>
  );
}
