// ArrowLeft / ArrowRight step back and forward, unless focus is where arrows already mean
// something (the editor, a form field, a list of tabs).

import { useEffect } from 'react';
import { useStore } from './store/index.ts';

const OWNS_ARROWS = '.monaco-editor, input, select, textarea, [contenteditable="true"], [role="tablist"]';

export function useGlobalKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || e.defaultPrevented) return;
      const target = e.target instanceof Element ? e.target : null;
      if (target?.closest(OWNS_ARROWS)) return;
      const store = useStore.getState();
      if (store.mode !== 'scenarios') return;
      if (e.key === 'ArrowRight') {
        e.preventDefault();
        void store.stepForward();
      } else if (e.key === 'ArrowLeft') {
        e.preventDefault();
        store.stepBack();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
