// Canonical bytes exactly as digested: monospace, every space, tab and line break visible (drawn
// by CSS, so copying gives the exact text), a byte count and a Copy button. `mark` highlights one
// character (the first difference in the compare view).

import { Fragment, useRef, useState, type ReactNode } from 'react';

const encoder = new TextEncoder();
const WHITESPACE = /( +|\t|\n)/;

function visible(text: string, keyBase: number): ReactNode[] {
  return text.split(WHITESPACE).map((part, i) => {
    const key = keyBase + i;
    if (i % 2 === 0) return part ? <Fragment key={key}>{part}</Fragment> : null;
    if (part === '\n') return <Fragment key={key}><span className="ws-nl" />{'\n'}</Fragment>;
    if (part === '\t') return <span key={key} className="ws-tab">{'\t'}</span>;
    return <span key={key} className="ws-sp">{part}</span>;
  });
}

function marked(text: string, mark: number | undefined): ReactNode[] {
  if (mark === undefined || mark < 0 || mark > text.length) return visible(text, 0);
  const ch = text.slice(mark, mark + 1);
  return [
    ...visible(text.slice(0, mark), 0),
    <mark key="mark" className="canon-mark">{ch === '' ? '\u2205' : ch === '\n' ? '↵\n' : ch}</mark>,
    ...visible(text.slice(mark + 1), 1_000_000),
  ];
}

export function CanonicalBytes({ text, label, mark }: { text: string; label: string; mark?: number }) {
  const pre = useRef<HTMLPreElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('copied');
    } catch {
      // No clipboard permission (e.g. an insecure origin): select the text for Ctrl+C instead.
      if (pre.current) window.getSelection()?.selectAllChildren(pre.current);
      setCopied('selected: press Ctrl+C');
    }
    setTimeout(() => setCopied(null), 2000);
  };
  return (
    <div className="canon">
      <div className="canon-bar">
        <span className="muted">{encoder.encode(text).length} bytes · whitespace shown as · → ↵</span>
        <span className="canon-copied" aria-live="polite">{copied ?? ''}</span>
        <button type="button" className="small-button" aria-label={`Copy ${label}`} onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <pre ref={pre} className="canon-pre" aria-label={label} tabIndex={0}>
        {text === '' ? <span className="muted">(empty)</span> : marked(text, mark)}
      </pre>
    </div>
  );
}
