// The line around a difference with a caret under the first differing character, as a compiler
// points at an error: "line 1, column 246 (byte 245)".

import type { Difference } from './firstDifference.ts';
import { lineAround } from './firstDifference.ts';

const WINDOW = 36;

function excerpt(text: string, index: number): { shown: string; caret: number } {
  const { text: line, at } = lineAround(text, index);
  const from = Math.max(0, at - WINDOW);
  const to = Math.min(line.length, at + WINDOW);
  const head = from > 0 ? '…' : '';
  return { shown: head + line.slice(from, to) + (to < line.length ? '…' : ''), caret: head.length + at - from };
}

export function CaretExcerpt({ text, diff, label }: { text: string; diff: Difference; label: string }) {
  const { shown, caret } = excerpt(text, diff.index);
  const beyond = diff.index >= text.length;
  return (
    <div className="caret-excerpt">
      <span className="caret-label">{label}</span>
      <pre aria-label={`${label} at line ${diff.line}, column ${diff.column}`}>
        {shown.slice(0, caret)}
        <mark className="canon-mark">{beyond ? '∅' : shown.slice(caret, caret + 1)}</mark>
        {shown.slice(caret + 1)}
        {'\n'}
        <span className="caret" aria-hidden="true">{' '.repeat(caret)}^</span>
      </pre>
    </div>
  );
}

export function differenceText(diff: Difference): string {
  return `first difference at byte ${diff.byte} — line ${diff.line}, column ${diff.column}`;
}
