// The inspector's message: paste it, drop a file on it, open a file, or take the scenario step on
// screen; Inspect (Ctrl+Enter) processes it as a recipient would with the key material. Signed and
// encrypted parts are marked; the Decrypted tab shows the document after decryption.

import { useEffect, useRef, useState } from 'react';
import { DecryptedView } from '../DecryptedView.tsx';
import { MessageEditor } from '../MessageEditor.tsx';
import { XmlStatusLine } from '../MessagePane.tsx';
import { PaneViewTabs } from '../PaneViewTabs.tsx';
import { PartsLegend } from '../PartsLegend.tsx';
import { selectDecryptedText, selectStep, useStore } from '../store/index.ts';
import { useMessageParts } from '../useMessageParts.ts';
import { useXmlCheck } from '../useXmlCheck.ts';

function OpenFileButton({ onText, label }: { onText(text: string): void; label: string }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" onClick={() => input.current?.click()} title="Open an XML file (or drop it on the editor)">
        Open file…
      </button>
      <input
        ref={input}
        type="file"
        className="sr-only"
        tabIndex={-1}
        aria-label={label}
        accept=".xml,.txt,.soap,text/xml,application/xml"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void f.text().then(onText);
          e.target.value = '';
        }}
      />
    </>
  );
}

function Toolbar() {
  const inspect = useStore((s) => s.inspect);
  const setText = useStore((s) => s.setInspectText);
  const take = useStore((s) => s.takeScenarioMessage);
  const hasStep = useStore((s) => selectStep(s) !== null);
  const stale = useStore((s) => s.inspection !== null && s.inspectedText !== s.inspectText);
  return (
    <div className="toolbar" role="toolbar" aria-label="Inspector">
      <button type="button" className="primary" onClick={() => void inspect()} title="Process the message as a recipient would (Ctrl+Enter)">
        <span aria-hidden="true">⚲</span> Inspect
      </button>
      <OpenFileButton label="Message file" onText={setText} />
      <button type="button" disabled={!hasStep} onClick={() => take('inspect')} title="Copy the message of the scenario step on screen">
        Take scenario step
      </button>
      <span className="toolbar-fill" />
      <span className={`badge-text badge-unsaved${stale ? '' : ' invisible'}`} aria-hidden={!stale}>
        edited since inspected
      </span>
    </div>
  );
}

/** Always rendered (empty when fine), so the pane's grid rows never shift. */
function MessageError() {
  const error = useStore((s) => s.fieldErrors.message);
  return (
    <div className="message-error" role={error ? 'alert' : undefined}>
      {error && (
        <>
          <span aria-hidden="true">✗</span> <code>{error.code}</code>: {error.message}
        </>
      )}
    </div>
  );
}

export function InspectorPane() {
  const text = useStore((s) => s.inspectText);
  const setText = useStore((s) => s.setInspectText);
  const inspection = useStore((s) => s.inspection);
  const inspectedText = useStore((s) => s.inspectedText);
  const decrypted = useStore(selectDecryptedText);
  const paneView = useStore((s) => s.paneView);
  const xml = useXmlCheck(text);
  const parts = useMessageParts(text);
  const [pinned, setPinned] = useState<string | null>(null);
  useEffect(() => setPinned(null), [inspectedText]);
  const showDecrypted = paneView === 'decrypted' && decrypted !== null;
  // Report markers belong to the text that was inspected; an edited text keeps them until re-inspected.
  const checks = inspection?.report.checks ?? null;
  return (
    <section className="message inspector-pane panel" aria-label="Message pane">
      <div className="pane-header">
        <span className="pane-label">Message to inspect</span>
        <span className="muted small">paste it, drop a file on the editor, or open one</span>
      </div>
      <Toolbar />
      <div className="view-bar">
        <PaneViewTabs decryptedAvailable={decrypted !== null} />
        <PartsLegend parts={parts?.parts ?? null} pinned={pinned} onPin={setPinned} label="Signed and encrypted parts" />
      </div>
      <div className="pane-body" id="pane-view-panel" role="tabpanel" aria-label={showDecrypted ? 'Decrypted message' : 'Wire message'}>
        <MessageEditor
          text={text}
          name="main"
          ariaLabel="Message XML to inspect"
          hidden={showDecrypted}
          xml={text ? xml : null}
          checks={checks}
          parts={parts}
          pinned={pinned}
          onPinSignature={setPinned}
          onEdit={setText}
          onSubmit={() => void useStore.getState().inspect()}
        />
        {showDecrypted && <DecryptedView document={decrypted} report={inspection?.report ?? null} />}
        {!text && (
          <div className="empty-hint" aria-hidden="true">
            Paste a SOAP message here, or drop a file on this editor
          </div>
        )}
      </div>
      <MessageError />
      <XmlStatusLine xml={xml} text={text} hint="Ctrl+Enter inspects" />
    </section>
  );
}
