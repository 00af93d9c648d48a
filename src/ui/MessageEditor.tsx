// Hosts one Monaco message editor. Monaco is loaded lazily (its own chunk, served from this
// origin); until it is ready the text shows read-only, so the pane is never blank. A file dropped
// on the editor replaces its text (editable editors only).

import { useEffect, useRef, useState, type DragEvent } from 'react';
import type { Check } from '../engine/index.ts';
import { explainElement } from '../engine/index.ts';
import type { MessageEditorHandle } from './monaco/editorHost.ts';
import { useStore, type EditorTarget } from './store/index.ts';
import type { PartsStatus } from './useMessageParts.ts';
import type { XmlStatus } from './useXmlCheck.ts';

const NO_CHECKS: readonly Check[] = [];

export interface MessageEditorProps {
  text: string;
  /** Which editor this is: reveal requests and the e2e probe use the name. */
  name: EditorTarget;
  ariaLabel: string;
  readOnly?: boolean;
  onEdit?(text: string): void;
  /** Ctrl/Cmd+Enter. */
  onSubmit?(): void;
  xml?: XmlStatus | null;
  checks?: readonly Check[] | null;
  parts?: PartsStatus | null;
  /** The signature whose references stay highlighted. */
  pinned?: string | null;
  onPinSignature?(signature: string | null): void;
  /** Hidden (another view covers it) but kept alive, so its state and probe survive. */
  hidden?: boolean;
  /** Scroll this element (engine path) into view when the text is set, e.g. the decrypted Body. */
  scrollTo?: string | null;
}

type Callbacks = Pick<MessageEditorProps, 'onEdit' | 'onSubmit' | 'onPinSignature'>;

function useMonacoEditor(host: React.RefObject<HTMLDivElement | null>, props: MessageEditorProps) {
  const [handle, setHandle] = useState<MessageEditorHandle | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const initial = useRef(props);
  // The editor is created once; its callbacks read the latest props through this ref.
  const callbacks = useRef<Callbacks>(props);
  callbacks.current = props;
  useEffect(() => {
    let disposed = false;
    let created: MessageEditorHandle | null = null;
    const p = initial.current;
    import('./monaco/editorHost.ts')
      .then(({ createMessageEditor }) => {
        if (disposed || !host.current) return;
        created = createMessageEditor(host.current, {
          text: p.text,
          ariaLabel: p.ariaLabel,
          explain: explainElement,
          probe: p.name,
          readOnly: p.readOnly ?? false,
          onEdit: (text) => callbacks.current.onEdit?.(text),
          onSubmit: () => callbacks.current.onSubmit?.(),
          onPinSignature: (sig) => callbacks.current.onPinSignature?.(sig),
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

/** Carries out reveal requests for this editor; returns whether one was carried out. */
function useReveal(handle: MessageEditorHandle | null, name: EditorTarget): React.RefObject<boolean> {
  const reveal = useStore((s) => s.reveal);
  const revealed = useRef(false);
  useEffect(() => {
    if (!handle || !reveal || reveal.target !== name) return;
    revealed.current = true;
    if (reveal.path && handle.revealPath(reveal.path)) return;
    handle.reveal(reveal.line, reveal.column);
  }, [handle, reveal, name]);
  return revealed;
}

async function droppedText(e: DragEvent<HTMLDivElement>): Promise<string | null> {
  const file = e.dataTransfer.files[0];
  return file ? file.text() : null;
}

export function MessageEditor(props: MessageEditorProps) {
  const { text, name, xml, checks, parts, pinned, hidden, readOnly, onEdit, scrollTo } = props;
  const host = useRef<HTMLDivElement>(null);
  const { handle, failed } = useMonacoEditor(host, props);
  const [dropping, setDropping] = useState(false);

  useEffect(() => handle?.setText(text), [handle, text]);
  useEffect(() => handle?.setXmlProblem(xml?.problem ?? null), [handle, xml]);
  useEffect(() => handle?.setChecks(checks ?? NO_CHECKS), [handle, checks, text]);
  useEffect(() => {
    // Parts computed for an older text would land on the wrong lines: wait for the fresh ones.
    if (parts && parts.text === text) handle?.setParts(parts.parts);
  }, [handle, parts, text]);
  useEffect(() => handle?.pinSignature(pinned ?? null), [handle, pinned]);
  const revealed = useReveal(handle, name);
  useEffect(() => {
    // Once per text, after the parts are placed; never over a place the user asked to see.
    if (scrollTo && parts?.text === text && !revealed.current) handle?.scrollToPath(scrollTo);
  }, [handle, scrollTo, text, parts, revealed]);

  const canDrop = !readOnly && !!onEdit;
  return (
    <div
      className={`editor-frame${hidden ? ' editor-hidden' : ''}${dropping ? ' editor-dropping' : ''}`}
      aria-hidden={hidden || undefined}
      // Capture phase: Monaco handles drops inside itself; a dropped file is ours.
      onDragOverCapture={(e) => {
        if (!canDrop || !e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        setDropping(true);
      }}
      onDragLeave={() => setDropping(false)}
      onDropCapture={(e) => {
        setDropping(false);
        if (!canDrop || e.dataTransfer.files.length === 0) return;
        e.preventDefault();
        e.stopPropagation();
        void droppedText(e).then((t) => t !== null && onEdit?.(t));
      }}
    >
      <div ref={host} className="editor-host" />
      {!handle && (
        <div className="editor-fallback">
          <p className="muted">{failed ? `The editor failed to load: ${failed}` : 'Loading the editor…'}</p>
          <pre className="xml-pre">{text}</pre>
        </div>
      )}
      {dropping && <div className="drop-hint" aria-hidden="true">Drop the file to open it here</div>}
    </div>
  );
}
