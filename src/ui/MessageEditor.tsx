// Hosts the Monaco editor for the message pane. Monaco is loaded lazily (its own chunk, served from
// this origin); until it is ready the text shows read-only, so the pane is never blank.

import { useEffect, useRef, useState } from 'react';
import type { Check } from '../engine/index.ts';
import { explainElement } from '../engine/index.ts';
import type { MessageEditorHandle } from './monaco/editorHost.ts';
import { useStore } from './store/index.ts';
import type { XmlStatus } from './useXmlCheck.ts';

const NO_CHECKS: readonly Check[] = [];

interface Props {
  text: string;
  xml: XmlStatus | null;
  checks: readonly Check[] | null;
}

function useMonacoEditor(host: React.RefObject<HTMLDivElement | null>, initialText: string) {
  const [handle, setHandle] = useState<MessageEditorHandle | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const initial = useRef(initialText);
  useEffect(() => {
    let disposed = false;
    let created: MessageEditorHandle | null = null;
    import('./monaco/editorHost.ts')
      .then(({ createMessageEditor }) => {
        if (disposed || !host.current) return;
        created = createMessageEditor(host.current, {
          text: initial.current,
          ariaLabel: 'Message XML',
          explain: explainElement,
          onEdit: (text) => {
            const s = useStore.getState();
            s.setEdit(s.current, text);
          },
          onDeliver: () => void useStore.getState().deliverCurrent(),
        });
        setHandle(created);
      })
      .catch((e: unknown) => setFailed(e instanceof Error ? e.message : String(e)));
    return () => {
      disposed = true;
      created?.dispose();
    };
  }, [host]);
  return { handle, failed };
}

export function MessageEditor({ text, xml, checks }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const { handle, failed } = useMonacoEditor(host, text);
  const reveal = useStore((s) => s.reveal);

  useEffect(() => handle?.setText(text), [handle, text]);
  useEffect(() => handle?.setXmlProblem(xml?.problem ?? null), [handle, xml]);
  useEffect(() => handle?.setChecks(checks ?? NO_CHECKS), [handle, checks, text]);
  useEffect(() => {
    if (reveal) handle?.reveal(reveal.line, reveal.column);
  }, [handle, reveal]);

  return (
    <div className="editor-frame">
      <div ref={host} className="editor-host" />
      {!handle && (
        <div className="editor-fallback">
          <p className="muted">{failed ? `The editor failed to load: ${failed}` : 'Loading the editor…'}</p>
          <pre className="xml-pre">{text}</pre>
        </div>
      )}
    </div>
  );
}
