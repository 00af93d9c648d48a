// The "Key derivation" tab (issue 5, "seeing it"): for the message on screen, each
// wsc:DerivedKeyToken from the SCT's secret through P_SHA1(secret, label ‖ nonce) and its
// offset/length to the key, and the Signature or EncryptedData that uses it — every input and
// output in hex and base64, recomputed by the engine, and editable in recompute mode.

import { useDeferredValue, useMemo, useState } from 'react';
import { TabList } from '../TabList.tsx';
import { selectPaneText, selectScenario, selectStep, useStore } from '../store/index.ts';
import { Mark } from './Bytes.tsx';
import { DerivationChain } from './DerivationChain.tsx';
import { derivationModel, type DktView } from './derivationModel.ts';
import './sc.css';

function usageOf(v: DktView): string {
  const kinds = [...new Set(v.uses.map((u) => u.kind))];
  return kinds.length ? kinds.join(' + ') : 'unused';
}

function verdictOf(v: DktView): 'ok' | 'bad' | 'pending' | 'info' {
  if (v.refusal || v.uses.some((u) => u.status === 'failed')) return 'bad';
  if (v.uses.some((u) => u.status === 'pending')) return 'pending';
  return v.uses.length > 0 && v.uses.every((u) => u.status === 'ok') ? 'ok' : 'info';
}

const VERDICT_WORD = { ok: 'verified', bad: 'failed', pending: 'not delivered', info: '' } as const;

function DktTabs({ dkts, selected, onSelect }: { dkts: DktView[]; selected: number; onSelect: (i: number) => void }) {
  return (
    <TabList
      label="DerivedKeyTokens in this message" className="dk-tabs" tabClassName="dk-tab" selected={selected} onSelect={onSelect}
      tabId={(i) => `dk-tab-${i}`} controls={() => 'dk-panel'}
      items={dkts.map((d, i) => ({ id: i, title: <><code>{d.dktId || '(no Id)'}</code> <span className="muted">{usageOf(d)}</span> <Mark state={verdictOf(d)}>{VERDICT_WORD[verdictOf(d)]}</Mark></> }))}
    />
  );
}

/** The tab's content; the wrapper keeps the details panel tall whether or not this step has DKTs. */
export function KeyDerivationView() {
  return (
    <div className="sc-tall">
      <KeyDerivationBody />
    </div>
  );
}

function KeyDerivationBody() {
  const text = useStore(selectPaneText);
  const step = useStore(selectStep);
  const run = useStore((s) => s.run);
  const scenario = useStore(selectScenario);
  const deferred = useDeferredValue(text);
  const model = useMemo(() => derivationModel(deferred, step, run, scenario?.actors ?? []), [deferred, step, run, scenario]);
  const [picked, setPicked] = useState(0);
  const [recomputing, setRecomputing] = useState(false);
  if (model.parseError) return <p className="dk-empty bad">The message is not well-formed XML: {model.parseError}</p>;
  if (!step || model.dkts.length === 0) {
    return (
      <p className="dk-empty muted">
        {step ? `Step ${step.n} (${step.label}) carries no wsc:DerivedKeyToken.` : 'No step.'} Keys derived from a security context's secret (WS-SC 1.3 §7) appear here on the steps that use them.
      </p>
    );
  }
  const selected = Math.min(picked, model.dkts.length - 1);
  const view = model.dkts[selected]!;
  return (
    <section className="dk-view" aria-label="Key derivation">
      <div className="dk-head">
        <DktTabs dkts={model.dkts} selected={selected} onSelect={setPicked} />
        <span className="dk-where muted">
          step {step.n} · {model.dkts.length} DerivedKeyToken{model.dkts.length === 1 ? '' : 's'} · WS-SC {view.version} §7
        </span>
        <button type="button" className="dk-recompute" aria-pressed={recomputing} onClick={() => setRecomputing((r) => !r)} title="Edit the secret, label, nonce, offset and length and see the key recomputed">
          Recompute
        </button>
      </div>
      <div id="dk-panel" role="tabpanel" aria-labelledby={`dk-tab-${selected}`} className="dk-panel">
        <DerivationChain key={`${step.index}:${view.dktId}:${selected}`} view={view} recomputing={recomputing} />
      </div>
    </section>
  );
}
