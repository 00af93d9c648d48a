// Layout preferences, the app's mode, and one-shot requests to the editors.

import { elementByPath, scanElements } from '../monaco/xmlElements.ts';
import { decryptedTextOf, mainTextOf } from './selectors.ts';
import type { EditorTarget, SliceCreator, StoreState, UiSlice } from './types.ts';

const has = (text: string | null, path: string): boolean => !!text && elementByPath(scanElements(text), path) !== null;

/**
 * Where the main pane shows an element: the decrypted document when it is on screen and has it,
 * else the wire text when that has it, else the decrypted document (a decrypted-only part).
 */
function paneFor(s: StoreState, path: string): { target: EditorTarget; view: StoreState['paneView'] } {
  const decrypted = decryptedTextOf(s);
  if (s.paneView === 'decrypted' && has(decrypted, path)) return { target: 'decrypted', view: 'decrypted' };
  if (has(mainTextOf(s), path) || !has(decrypted, path)) return { target: 'main', view: 'wire' };
  return { target: 'decrypted', view: 'decrypted' };
}

export const createUiSlice: SliceCreator<UiSlice> = (set, get) => ({
  bottomTab: 'actors',
  mode: 'scenarios',
  paneView: 'wire',
  reveal: null,
  setBottomTab(tab) {
    set({ bottomTab: tab });
  },
  setMode(mode) {
    if (mode !== get().mode) set({ mode, reveal: null });
  },
  setPaneView(view) {
    set({ paneView: view });
  },
  revealInEditor(line, column, target = 'main') {
    set({ reveal: { target, line, column, seq: (get().reveal?.seq ?? 0) + 1 } });
  },
  revealPath(path, target = 'main', line) {
    const seq = (get().reveal?.seq ?? 0) + 1;
    if (target !== 'main') {
      set({ reveal: { target, path, line: line ?? 1, column: 1, seq } });
      return;
    }
    const where = paneFor(get(), path);
    set({ paneView: where.view, reveal: { target: where.target, path, line: line ?? 1, column: 1, seq } });
  },
});
