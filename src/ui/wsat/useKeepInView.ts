// Keeps the selected row of a scrolling list in view when the selection moves (keyboard stepping
// through a 22-message flow). Only the list's own scroller moves, and only when the row is not
// already fully visible: nothing else on the page jumps.

import { useEffect, type RefObject } from 'react';

/** Scrolls `scroller` the least needed to show `target`, one of its descendants. */
export function revealIn(scroller: HTMLElement, target: Element, margin = 6): void {
  const box = scroller.getBoundingClientRect();
  const r = target.getBoundingClientRect();
  if (r.top < box.top + margin) scroller.scrollTop -= box.top + margin - r.top;
  else if (r.bottom > box.bottom - margin) scroller.scrollTop += r.bottom - (box.bottom - margin);
}

export function useKeepInView(scroller: RefObject<HTMLElement | null>, selector: string, deps: readonly unknown[]): void {
  useEffect(() => {
    const el = scroller.current;
    const target = el?.querySelector(selector);
    if (el && target) revealIn(el, target);
  }, deps); // the caller names what moves the selection
}
