// Markers in the message pane: the well-formedness error from checkXml, and every failed check of
// the receiver's report (error squiggle + glyph in the margin, on the check's line).

import type { Check } from '../../engine/index.ts';
import type { Monaco } from './monaco.ts';

type Editor = import('./monaco.ts').Monaco['editor'];
type Model = ReturnType<Editor['createModel']>;
type CodeEditor = ReturnType<Editor['create']>;
type MarkerData = Parameters<Editor['setModelMarkers']>[2][number];

export interface XmlProblem {
  message: string;
  line: number;
  column: number;
}

export const XML_OWNER = 'wsbench.xml';
export const REPORT_OWNER = 'wsbench.report';

/** A marker from (line, column) to the end of that line, clamped to the model. */
function markerAt(model: Model, line: number | undefined, column: number | undefined, message: string, severity: number, source: string, code?: string): MarkerData {
  const lineNumber = Math.min(Math.max(line ?? 1, 1), model.getLineCount());
  const maxColumn = model.getLineMaxColumn(lineNumber);
  const firstColumn = Math.max(model.getLineFirstNonWhitespaceColumn(lineNumber), 1);
  const startColumn = Math.min(Math.max(column ?? firstColumn, 1), maxColumn);
  const endColumn = Math.max(maxColumn, startColumn + 1);
  return { severity, message, source, startLineNumber: lineNumber, startColumn, endLineNumber: lineNumber, endColumn, ...(code ? { code } : {}) };
}

type Glyphs = ReturnType<CodeEditor['createDecorationsCollection']>;

export function setXmlProblem(monaco: Monaco, model: Model, problem: XmlProblem | null, glyphs: Glyphs): void {
  const marker = problem ? markerAt(model, problem.line, problem.column, problem.message, monaco.MarkerSeverity.Error, 'XML') : null;
  monaco.editor.setModelMarkers(model, XML_OWNER, marker ? [marker] : []);
  glyphs.set(
    marker
      ? [{
          range: new monaco.Range(marker.startLineNumber, 1, marker.startLineNumber, 1),
          options: {
            glyphMarginClassName: 'wsb-glyph-fail',
            glyphMarginHoverMessage: { value: `**Not well-formed** — ${marker.message}` },
            glyphMargin: { position: monaco.editor.GlyphMarginLane.Right },
          },
        }]
      : [],
  );
}

/** Failed checks as markers, warnings as warnings; returns the glyph decorations to keep. */
export function setCheckMarkers(monaco: Monaco, editor: CodeEditor, checks: readonly Check[], glyphs: Glyphs): void {
  const model = editor.getModel();
  if (!model) return;
  const shown = checks.filter((c) => c.status === 'fail' || c.status === 'warn');
  const markers = shown.map((c) =>
    markerAt(model, c.line, c.column, `${c.code}: ${c.message} (${c.specRef})`,
      c.status === 'fail' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning, 'report', c.code),
  );
  monaco.editor.setModelMarkers(model, REPORT_OWNER, markers);
  // The line tint is whole-line; the glyph sits on the first column only, so a wrapped line shows one.
  glyphs.set(
    shown.flatMap((c, i) => {
      const line = markers[i]!.startLineNumber;
      const fail = c.status === 'fail';
      return [
        { range: new monaco.Range(line, 1, line, 1), options: { isWholeLine: true, className: fail ? 'wsb-line-fail' : 'wsb-line-warn' } },
        {
          range: new monaco.Range(line, 1, line, 1),
          options: {
            glyphMarginClassName: fail ? 'wsb-glyph-fail' : 'wsb-glyph-warn',
            glyphMarginHoverMessage: { value: `**${c.code}** — ${c.message}\n\n*${c.specRef}*` },
            // Failures sit in the right lane: signed and encrypted parts use the others (parts.ts).
            glyphMargin: { position: monaco.editor.GlyphMarginLane.Right },
          },
        },
      ];
    }),
  );
}
