// Compare: two messages side by side, "ours" and "theirs" — a scenario step, the inspector's
// message, a file or a paste on each side — inspected with the same key material.

import { useRef } from 'react';
import { MessageEditor } from '../MessageEditor.tsx';
import { PartsLegend } from '../PartsLegend.tsx';
import { selectStep, useStore, type CompareSide } from '../store/index.ts';
import { useMessageParts } from '../useMessageParts.ts';
import { useXmlCheck } from '../useXmlCheck.ts';

const SIDES: Record<CompareSide, { title: string; name: 'compareA' | 'compareB' }> = {
  a: { title: 'Ours', name: 'compareA' },
  b: { title: 'Theirs', name: 'compareB' },
};

function SideBar({ side }: { side: CompareSide }) {
  const take = useStore((s) => s.takeScenarioMessage);
  const setText = useStore((s) => s.setCompareText);
  const inspectText = useStore((s) => s.inspectText);
  const hasStep = useStore((s) => selectStep(s) !== null);
  const input = useRef<HTMLInputElement>(null);
  const title = SIDES[side].title.toLowerCase();
  return (
    <div className="side-bar" role="toolbar" aria-label={`${SIDES[side].title} message`}>
      <strong className="side-title">{SIDES[side].title}</strong>
      <button type="button" className="small-button" disabled={!hasStep} aria-label={`Take scenario step as ${title}`} onClick={() => take(side)}>
        Scenario step
      </button>
      <button type="button" className="small-button" disabled={!inspectText} aria-label={`Take the inspector's message as ${title}`} onClick={() => setText(side, inspectText)}>
        Inspector's
      </button>
      <button type="button" className="small-button" aria-label={`Open a file as ${title}`} onClick={() => input.current?.click()}>
        File…
      </button>
      <input
        ref={input}
        type="file"
        className="sr-only"
        tabIndex={-1}
        aria-label={`${SIDES[side].title} message file`}
        accept=".xml,.txt,.soap,text/xml,application/xml"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void f.text().then((t) => setText(side, t));
          e.target.value = '';
        }}
      />
    </div>
  );
}

function Side({ side }: { side: CompareSide }) {
  const text = useStore((s) => (side === 'a' ? s.compareA : s.compareB));
  const setText = useStore((s) => s.setCompareText);
  const xml = useXmlCheck(text);
  const parts = useMessageParts(text);
  const problem = xml?.text === text ? xml.problem : null;
  return (
    <section className="compare-side" aria-label={`${SIDES[side].title} (${side.toUpperCase()})`}>
      <SideBar side={side} />
      <MessageEditor
        text={text}
        name={SIDES[side].name}
        ariaLabel={`${SIDES[side].title} message XML`}
        xml={xml}
        parts={parts}
        onEdit={(t) => setText(side, t)}
        onSubmit={() => void useStore.getState().compare()}
      />
      <PartsLegend parts={parts?.parts ?? null} pinned={null} onPin={() => undefined} label={`${SIDES[side].title}: signed and encrypted parts`} />
      <div className={`xml-status${problem ? ' bad' : ''}`} role="status" aria-label={`${SIDES[side].title} well-formedness`}>
        {problem ? `✗ ${problem.message}` : text ? `✓ Well-formed · ${new TextEncoder().encode(text).length} bytes` : <span className="muted">empty</span>}
      </div>
    </section>
  );
}

export function ComparePane() {
  const compare = useStore((s) => s.compare);
  const a = useStore((s) => s.compareA);
  const b = useStore((s) => s.compareB);
  const setText = useStore((s) => s.setCompareText);
  return (
    <section className="compare panel" aria-label="Compare messages">
      <div className="toolbar" role="toolbar" aria-label="Compare">
        <button type="button" className="primary" onClick={() => void compare()} disabled={!a || !b} title="Inspect both with the key material and compare (Ctrl+Enter)">
          Compare
        </button>
        <button
          type="button"
          onClick={() => {
            setText('a', b);
            setText('b', a);
          }}
          title="Swap ours and theirs"
        >
          Swap
        </button>
        <span className="muted small">Both sides are inspected with the key material on the left.</span>
      </div>
      <div className="compare-sides">
        <Side side="a" />
        <Side side="b" />
      </div>
    </section>
  );
}
