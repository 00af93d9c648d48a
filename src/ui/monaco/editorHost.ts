// The message pane's editor: one Monaco instance for the XML of the step on screen. React never
// touches Monaco directly; MessageEditor.tsx drives it through this handle.

import type { Check } from '../../engine/index.ts';
import { installElementHover, type ExplainElement } from './hover.ts';
import { REPORT_OWNER, XML_OWNER, setCheckMarkers, setXmlProblem, type XmlProblem } from './markers.ts';
import { monaco } from './monaco.ts';

export interface MessageEditorOptions {
  text: string;
  ariaLabel: string;
  explain: ExplainElement;
  /** Called with the pane's text after each user edit (not after setText). */
  onEdit(text: string): void;
  /** Ctrl/Cmd+Enter. */
  onDeliver(): void;
}

export interface MessageEditorHandle {
  /** Replace the text (step switch, reset); keeps the cursor line where possible. */
  setText(text: string): void;
  getText(): string;
  setXmlProblem(problem: XmlProblem | null): void;
  setChecks(checks: readonly Check[]): void;
  reveal(line: number, column: number): void;
  focus(): void;
  dispose(): void;
}

/** What the e2e tests and the screenshot script read: the markers as the user sees them. */
export interface EditorProbe {
  markers(): Array<{ owner: string; severity: 'error' | 'warning' | 'info'; line: number; column: number; message: string; lineText: string }>;
  text(): string;
  /** The cursor's line number and that line's text. */
  cursor(): { line: number; lineText: string };
}

declare global {
  interface Window {
    wsbenchEditor?: EditorProbe;
  }
}

export function createMessageEditor(container: HTMLElement, opts: MessageEditorOptions): MessageEditorHandle {
  installElementHover(monaco, opts.explain);
  const editor = monaco.editor.create(container, {
    value: opts.text,
    language: 'xml',
    theme: 'wsbench',
    ariaLabel: opts.ariaLabel,
    automaticLayout: true,
    glyphMargin: true,
    minimap: { enabled: false },
    wordWrap: 'on',
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
  let applying = false;

  editor.onDidChangeModelContent(() => {
    if (!applying) opts.onEdit(editor.getValue());
  });
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => opts.onDeliver());

  window.wsbenchEditor = {
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
    reveal(line, column) {
      const lineNumber = Math.min(Math.max(line, 1), model.getLineCount());
      const col = Math.min(Math.max(column, 1), model.getLineMaxColumn(lineNumber));
      editor.revealLineInCenter(lineNumber);
      editor.setSelection(new monaco.Selection(lineNumber, col, lineNumber, model.getLineMaxColumn(lineNumber)));
      editor.focus();
    },
    focus: () => editor.focus(),
    dispose() {
      if (window.wsbenchEditor) delete window.wsbenchEditor;
      editor.dispose();
      model.dispose();
    },
  };
}
