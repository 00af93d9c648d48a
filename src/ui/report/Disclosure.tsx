// A button that shows and hides a block below it; the block is only rendered while open (canonical
// bytes can be large).

import { useId, useState, type ReactNode } from 'react';

export function Disclosure({ label, summary, defaultOpen = false, children }: { label: string; summary?: ReactNode; defaultOpen?: boolean; children: () => ReactNode }) {
  const [open, setOpen] = useState(defaultOpen);
  const id = useId();
  return (
    <div className="disclosure">
      <button type="button" className="disclosure-button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        <span className="disclosure-arrow" aria-hidden="true">{open ? '▾' : '▸'}</span> {label}
        {summary && <span className="disclosure-summary"> {summary}</span>}
      </button>
      <div id={id} className="disclosure-body" hidden={!open}>
        {open && children()}
      </div>
    </div>
  );
}
