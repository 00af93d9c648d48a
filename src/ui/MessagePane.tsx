// The message pane: the step's wire text, editable. What it holds when Deliver is pressed is
// exactly what the receiver parses (DESIGN decision 1). Signed and encrypted parts are marked; the
// Decrypted tab shows the document the receiver decrypted, with each part's key chain.

import { useEffect, useState } from 'react';
import { DecryptedView } from './DecryptedView.tsx';
import { MessageEditor } from './MessageEditor.tsx';
import { PaneViewTabs, shownView } from './PaneViewTabs.tsx';
import { PartsLegend } from './PartsLegend.tsx';
import {
  selectDecryptedText,
  selectCanForward,
  selectIsPending,
  selectPaneEdited,
  selectPaneText,
  selectPaneUnsaved,
  selectScenario,
  selectStep,
  useStore,
  type PaneView,
} from './store/index.ts';
import { ProofKeyChainView } from './token/ProofKeyChainView.tsx';
import { TokenCardView } from './token/TokenCardView.tsx';
import { usePaneTokenViews } from './token/useTokenViews.ts';
import { useMessageParts } from './useMessageParts.ts';
import { useXmlCheck, type XmlStatus } from './useXmlCheck.ts';

function Toolbar() {
  const current = useStore((s) => s.current);
  const canForward = useStore(selectCanForward);
  const pending = useStore(selectIsPending);
  const edited = useStore(selectPaneEdited);
  const unsaved = useStore(selectPaneUnsaved);
  const stepBack = useStore((s) => s.stepBack);
  const stepForward = useStore((s) => s.stepForward);
  const deliverCurrent = useStore((s) => s.deliverCurrent);
  const resetEdit = useStore((s) => s.resetEdit);
  const playToEnd = useStore((s) => s.playToEnd);
  return (
    <div className="toolbar" role="toolbar" aria-label="Message">
      <button type="button" aria-label="Back" title="Previous step (←)" disabled={current === 0} onClick={stepBack}>
        <span aria-hidden="true">◀</span> Back
      </button>
      <button
        type="button"
        aria-label="Forward"
        title={pending ? 'Deliver this step (→)' : 'Next step (→)'}
        disabled={!canForward}
        onClick={() => void stepForward()}
      >
        Forward <span aria-hidden="true">▶</span>
      </button>
      <span className="toolbar-sep" aria-hidden="true" />
      <button
        type="button"
        className="primary"
        aria-label="Deliver"
        title={pending ? 'Deliver the pane to the receiver (Ctrl+Enter)' : 'Deliver again: later steps are dropped and re-run (Ctrl+Enter)'}
        onClick={() => void deliverCurrent()}
      >
        <span aria-hidden="true">⤷</span> Deliver
      </button>
      <button type="button" aria-label="Reset edit" title="Back to the text the sender produced" disabled={!edited && !unsaved} onClick={() => resetEdit(current)}>
        <span aria-hidden="true">⟲</span> Reset edit
      </button>
      <button type="button" aria-label="Play" title="Deliver every remaining step as produced" onClick={() => void playToEnd()}>
        <span aria-hidden="true">▶▶</span> Play
      </button>
      <span className="toolbar-fill" />
      <span className={`badge-text badge-edited${edited ? '' : ' invisible'}`} aria-hidden={!edited}>
        edited
      </span>
      <span className={`badge-text badge-unsaved${unsaved ? '' : ' invisible'}`} aria-hidden={!unsaved} title="Not delivered yet">
        not delivered
      </span>
    </div>
  );
}

function PaneHeader() {
  const step = useStore(selectStep);
  const scenario = useStore(selectScenario);
  const take = useStore((s) => s.takeScenarioMessage);
  const nameOf = (id: string): string => scenario?.actors.find((a) => a.id === id)?.name ?? id;
  return (
    <div className="pane-header">
      {step ? (
        <>
          <span className="pane-n">#{step.n}</span>
          <span className="pane-route mono">
            {nameOf(step.from)} → {nameOf(step.to)}
          </span>
          <span className="pane-label">{step.label}</span>
          <span className="pill pill-transport" title={step.transport === 'https' ? 'Sent over TLS (simulated HTTPS)' : 'Sent over plain HTTP'}>
            {step.transport === 'https' ? 'HTTPS' : 'HTTP'}
          </span>
          <span className={`pill pill-${step.outcome}`}>{step.delivered === null ? 'pending' : 'delivered'}</span>
          <button type="button" className="small-button" aria-label="Open in the inspector" title="Open this message in the inspector (keys of your choice, canonical bytes, compare)" onClick={() => take('inspect')}>
            Inspect <span aria-hidden="true">⤴</span>
          </button>
        </>
      ) : (
        <span className="muted">No step</span>
      )}
    </div>
  );
}

export function XmlStatusLine({ xml, text, hint = 'Ctrl+Enter delivers' }: { xml: XmlStatus | null; text: string; hint?: string }) {
  const stale = !xml || xml.text !== text;
  if (text === '') {
    return (
      <div className="xml-status" role="status" aria-label="Well-formedness">
        <span className="muted">No message yet</span>
      </div>
    );
  }
  if (xml?.problem && !stale) {
    const p = xml.problem;
    return (
      <div className="xml-status bad" role="status" aria-label="Well-formedness">
        <span aria-hidden="true">✗</span> Not well-formed: {p.message} (line {p.line}, column {p.column})
      </div>
    );
  }
  return (
    <div className="xml-status" role="status" aria-label="Well-formedness">
      {stale ? (
        <span className="muted">checking…</span>
      ) : (
        <>
          <span className="ok" aria-hidden="true">✓</span> Well-formed XML
          <span className="muted"> · {text.split('\n').length} lines · {new TextEncoder().encode(text).length} bytes · {hint}</span>
        </>
      )}
    </div>
  );
}

const VIEW_LABEL: Record<PaneView, string> = { wire: 'Wire message', decrypted: 'Decrypted message', token: 'SAML token', proofkey: 'Proof key' };

export function MessagePane() {
  const text = useStore(selectPaneText);
  const current = useStore((s) => s.current);
  const report = useStore((s) => selectStep(s)?.report ?? null);
  const decrypted = useStore(selectDecryptedText);
  const paneView = useStore((s) => s.paneView);
  const xml = useXmlCheck(text);
  const parts = useMessageParts(text);
  const [pinned, setPinned] = useState<string | null>(null);
  useEffect(() => setPinned(null), [current]);
  const run = useStore((s) => s.run);
  const step = useStore(selectStep);
  const receiver = useStore((s) => selectScenario(s)?.actors.find((a) => a.id === step?.to)?.name ?? step?.to ?? '');
  const token = usePaneTokenViews(text, decrypted, run, step);
  const view = shownView(paneView, { decrypted: decrypted !== null, ...token.available });
  const showDecrypted = view === 'decrypted' && decrypted !== null;
  return (
    <section className="message panel" aria-label="Message pane">
      <PaneHeader />
      <Toolbar />
      <div className="view-bar">
        <PaneViewTabs decryptedAvailable={decrypted !== null} more={token.available} />
        <PartsLegend parts={parts?.parts ?? null} pinned={pinned} onPin={setPinned} label="Signed and encrypted parts" />
      </div>
      <div className="pane-body" id="pane-view-panel" role="tabpanel" aria-label={VIEW_LABEL[view]}>
        <MessageEditor
          text={text}
          name="main"
          ariaLabel="Message XML"
          hidden={view !== 'wire'}
          xml={xml}
          checks={report?.checks ?? null}
          parts={parts}
          pinned={pinned}
          onPinSignature={setPinned}
          onEdit={(t) => {
            const s = useStore.getState();
            s.setEdit(s.current, t);
          }}
          onSubmit={() => void useStore.getState().deliverCurrent()}
        />
        {showDecrypted && <DecryptedView document={decrypted} report={report} />}
        {view === 'token' && token.card && <TokenCardView card={token.card} report={report} receiver={receiver} />}
        {view === 'proofkey' && token.chain && <ProofKeyChainView chain={token.chain} />}
      </div>
      <XmlStatusLine xml={xml} text={text} />
    </section>
  );
}
