// One WAI-ARIA tablist for every set of tabs in the app: roving tabindex, ←/→ move between the
// tabs that are enabled (wrapping), and focus follows the selection.

import type { KeyboardEvent, ReactNode } from 'react';

export interface TabItem<T extends string | number> {
  id: T;
  title: ReactNode;
  /** A disabled tab stays visible (aria-disabled) but cannot be chosen; `hint` says why. */
  disabled?: boolean;
  hint?: string;
}

interface TabListProps<T extends string | number> {
  label: string;
  items: Array<TabItem<T>>;
  selected: T;
  onSelect(id: T): void;
  /** The DOM id of a tab (focus moves to it after an arrow key). */
  tabId(id: T): string;
  /** The id of the panel the tabs control, when there is one. */
  controls?(id: T): string;
  className: string;
  tabClassName: string;
  /** Focus the next tab on the next frame: for a tablist that is rendered again when the selection changes. */
  deferFocus?: boolean;
}

export function TabList<T extends string | number>({ label, items, selected, onSelect, tabId, controls, className, tabClassName, deferFocus }: TabListProps<T>) {
  const onKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    const open = items.filter((t) => !t.disabled);
    const at = open.findIndex((t) => t.id === selected);
    const next = open[(at + (e.key === 'ArrowRight' ? 1 : open.length - 1)) % open.length];
    if (!next || next.id === selected) return;
    onSelect(next.id);
    const focus = () => document.getElementById(tabId(next.id))?.focus();
    if (deferFocus) requestAnimationFrame(focus);
    else focus();
  };
  return (
    <div className={className} role="tablist" aria-label={label} onKeyDown={onKey}>
      {items.map((t) => (
        <button
          key={String(t.id)}
          id={tabId(t.id)}
          type="button"
          role="tab"
          className={tabClassName}
          aria-selected={t.id === selected}
          aria-controls={controls?.(t.id)}
          aria-disabled={t.disabled || undefined}
          title={t.hint}
          tabIndex={t.id === selected ? 0 : -1}
          onClick={() => !t.disabled && onSelect(t.id)}
        >
          {t.title}
        </button>
      ))}
    </div>
  );
}
