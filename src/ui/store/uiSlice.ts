// Layout preferences and one-shot requests to the editor.

import type { SliceCreator, UiSlice } from './types.ts';

export const createUiSlice: SliceCreator<UiSlice> = (set, get) => ({
  bottomTab: 'actors',
  reveal: null,
  setBottomTab(tab) {
    set({ bottomTab: tab });
  },
  revealInEditor(line, column) {
    set({ reveal: { line, column, seq: (get().reveal?.seq ?? 0) + 1 } });
  },
});
