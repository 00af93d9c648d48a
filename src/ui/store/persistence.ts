// localStorage for the workspace. The RunState carries every actor snapshot, so serializing it on
// every keystroke would be wasteful: writes are debounced and flushed when the page is hidden or
// unloaded, so a reload right after typing still finds the edit.

import type { PersistStorage, StorageValue } from 'zustand/middleware';

export function debouncedLocalStorage<S>(delayMs: number): PersistStorage<S> {
  const pending = new Map<string, StorageValue<S>>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    for (const [name, value] of pending) {
      try {
        localStorage.setItem(name, JSON.stringify(value));
      } catch (e) {
        // Quota exceeded or storage disabled: the workbench keeps working, only unsaved.
        console.warn(`wsbench: could not save the workspace: ${String(e)}`);
      }
    }
    pending.clear();
  };

  if (typeof window !== 'undefined') {
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', flush);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') flush();
    });
  }

  return {
    getItem(name) {
      const queued = pending.get(name);
      if (queued) return queued;
      const raw = localStorage.getItem(name);
      if (raw === null) return null;
      try {
        return JSON.parse(raw) as StorageValue<S>;
      } catch {
        return null;
      }
    },
    setItem(name, value) {
      pending.set(name, value);
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(flush, delayMs);
    },
    removeItem(name) {
      pending.delete(name);
      localStorage.removeItem(name);
    },
  };
}
