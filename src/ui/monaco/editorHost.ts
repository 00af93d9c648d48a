// A message editor: one Monaco instance over one XML text (the scenario step, the inspector's
// message, a compare side, or the read-only decrypted document). React never touches Monaco
// directly; MessageEditor.tsx drives it through this handle.

import type { Check, PartMarker } from '../../engine/index.ts';
import { installElementHover, type ExplainElement } from './hover.ts';
import { REPORT_OWNER, XML_OWNER, setCheckMarkers, setXmlProblem, type XmlProblem } from './markers.ts';
import { monaco } from './monaco.ts';
import { PartDecorations, type PartsProbe } from './parts.ts';

export interface MessageEditorOptions {
  text: string;
  ariaLabel: string;
  explain: ExplainElement;
  /** Name under which the e2e probe is registered (window.wsbenchEditors); 'main' is also window.wsbenchEditor. */
  probe: string;
  readOnly?: boolean;
  /** Called with the editor's text after each user edit (not after setText). */
  onEdit?(text: string): void;
  /** Ctrl/Cmd+Enter (deliver, inspect). */
  onSubmit?(): void;
  /** A "signed" glyph was clicked: pin (or unpin, null) the signature's highlight. */
  onPinSignature?(signature: string | null): void;
}

export interface MessageEditorHandle {
  /** Replace the text (step switch, reset); keeps the cursor line where possible. */
  setText(text: string): void;
  getText(): string;
  setXmlProblem(problem: XmlProblem | null): void;
  setChecks(checks: readonly Check[]): void;
  /** Signed and encrypted parts of the current text (messageParts). */
  setParts(parts: readonly PartMarker[]): void;
  /** Keep the references of this signature highlighted (null: only while hovering). */
  pinSignature(signature: string | null): void;
  reveal(line: number, column: number): void;
  /** Reveal the element at an engine path; false when the text has no such element. */
  revealPath(path: string): boolean;
  /** Scroll the element at an engine path to the top, without moving focus or the cursor. */
  scrollToPath(path: string): void;
  focus(): void;
  dispose(): void;
}

/** What the e2e tests and the screenshot script read: the markers as the user sees them. */
export interface EditorProbe {
  markers(): Array<{ owner: string; severity: 'error' | 'warning' | 'info'; line: number; column: number; message: string; lineText: string }>;
  text(): string;
  /** The cursor's line number and that line's text. */
  cursor(): { line: number; lineText: string };
  /** Signed and encrypted parts as marked, and what the signature link highlights now. */
  parts(): PartsProbe;
  /** Select the first occurrence of `needle`, reveal and focus it (for keyboard edits in tests). */
  select(needle: string): boolean;
}

declare global {
  interface Window {
    /** The main message editor (scenario pane or inspector). */
    wsbenchEditor?: EditorProbe;
    /** Every message editor on screen, by name: main, decrypted, compareA, compareB. */
    wsbenchEditors?: Record<string, EditorProbe>;
  }
}

function registerProbe(name: string, probe: EditorProbe): () => void {
  window.wsbenchEditors ??= {};
  window.wsbenchEditors[name] = probe;
  if (name === 'main') window.wsbenchEditor = probe;
  return () => {
    if (window.wsbenchEditors?.[name] === probe) delete window.wsbenchEditors[name];
    if (window.wsbenchEditor === probe) delete window.wsbenchEditor;
  };
}

export function createMessageEditor(container: HTMLElement, opts: MessageEditorOptions): MessageEditorHandle {
  installElementHover(monaco, opts.explain);
  const editor = monaco.editor.create(container, {
    value: opts.text,
    language: 'xml',
    theme: 'wsbench',
    ariaLabel: opts.ariaLabel,
    readOnly: opts.readOnly ?? false,
    automaticLayout: true,
    glyphMargin: true,
    minimap: { enabled: false },
    wordWrap: 'on',
    lineNumbersMinChars: 3,
    lineDecorationsWidth: 12,
    wrappingIndent: 'indent',
    fontSize: 12.5,
    lineHeight: 19,
    fontFamily: "'JetBrains Mono', 'DejaVu Sans Mono', Menlo, Consolas, monospace",
    scrollBeyondLastLine: false,
    renderLineHighlight: 'line',
    // Tab moves focus on (Ctrl+M toggles), so every control stays reachable from the keyboard.
    tabFocusMode: true,
    // Base64 values (digests, nonces, keys) select as one word on double-click.
    wordSeparators: '`~!@#$%^&*()[{]}\\|;:\'",.<>?',
    fixedOverflowWidgets: true,
    hover: { delay: 250 },
    // Completion of words already in the message on Ctrl+Space only (computed in the editor
    // worker); nothing pops up while typing.
    quickSuggestions: false,
    suggestOnTriggerCharacters: false,
    wordBasedSuggestions: 'currentDocument',
  });
  const model = editor.getModel();
  if (!model) throw new Error('Monaco created an editor without a model');
  const glyphs = editor.createDecorationsCollection();
  const xmlGlyphs = editor.createDecorationsCollection();
  const parts = new PartDecorations(monaco, editor, (sig) => opts.onPinSignature?.(sig));
  let applying = false;

  editor.onDidChangeModelContent(() => {
    // Text pasted into an empty model can switch it to CRLF; XML parsers normalize line ends to LF
    // anyway (XML 1.0 §2.11), and LF keeps offsets, columns and the stored workspace simple.
    if (model.getEOL() !== '\n') {
      model.pushEOL(monaco.editor.EndOfLineSequence.LF);
      return;
    }
    if (!applying) opts.onEdit?.(editor.getValue());
  });
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => opts.onSubmit?.());

  const unregister = registerProbe(opts.probe, {
    markers: () =>
      [XML_OWNER, REPORT_OWNER].flatMap((owner) =>
        monaco.editor.getModelMarkers({ owner, resource: model.uri }).map((m) => ({
          owner,
          severity: m.severity === monaco.MarkerSeverity.Error ? 'error' : m.severity === monaco.MarkerSeverity.Warning ? 'warning' : 'info',
          line: m.startLineNumber,
          column: m.startColumn,
          message: m.message,
          lineText: model.getLineContent(m.startLineNumber),
        })),
      ),
    text: () => editor.getValue(),
    cursor: () => {
      const line = editor.getPosition()?.lineNumber ?? 1;
      return { line, lineText: model.getLineContent(line) };
    },
    parts: () => parts.probe(),
    select: (needle) => {
      const at = model.getValue().indexOf(needle);
      if (at < 0) return false;
      const from = model.getPositionAt(at);
      const to = model.getPositionAt(at + needle.length);
      editor.setSelection(new monaco.Selection(from.lineNumber, from.column, to.lineNumber, to.column));
      editor.revealRangeInCenter(new monaco.Range(from.lineNumber, from.column, to.lineNumber, to.column));
      editor.focus();
      return true;
    },
  });

  const reveal = (line: number, column: number): void => {
    const lineNumber = Math.min(Math.max(line, 1), model.getLineCount());
    const col = Math.min(Math.max(column, 1), model.getLineMaxColumn(lineNumber));
    editor.revealLineInCenter(lineNumber);
    editor.setSelection(new monaco.Selection(lineNumber, col, lineNumber, model.getLineMaxColumn(lineNumber)));
    editor.focus();
  };

  return {
    setText(text) {
      if (text === editor.getValue()) return;
      const position = editor.getPosition();
      applying = true;
      try {
        // pushEditOperations would keep undo across steps, which mixes steps; a fresh value is clearer.
        editor.setValue(text);
      } finally {
        applying = false;
      }
      if (position) editor.setPosition({ lineNumber: Math.min(position.lineNumber, model.getLineCount()), column: 1 });
    },
    getText: () => editor.getValue(),
    setXmlProblem: (problem) => setXmlProblem(monaco, model, problem, xmlGlyphs),
    setChecks: (checks) => setCheckMarkers(monaco, editor, checks, glyphs),
    setParts: (markers) => parts.set(markers),
    pinSignature: (signature) => parts.pin(signature),
    reveal,
    revealPath(path) {
      const at = parts.lineOfPath(path);
      if (at) reveal(at.line, at.column);
      return at !== null;
    },
    scrollToPath(path) {
      const at = parts.lineOfPath(path);
      if (at) editor.revealLineNearTop(at.line);
    },
    focus: () => editor.focus(),
    dispose() {
      unregister();
      editor.dispose();
      model.dispose();
    },
  };
}
