// The compare view: two messages ("ours" and "theirs") inspected with the same key material, so
// each signature reference can be compared down to its canonical bytes.

import { runInspection, type InspectOutcome } from './inspectorSlice.ts';
import type { CompareSideResult, CompareSlice, SliceCreator } from './types.ts';

function sideResult(text: string, r: InspectOutcome): CompareSideResult {
  if (r.ok) return { text, inspection: r.inspection, error: null };
  const first = r.general ?? Object.values(r.errors)[0] ?? { code: 'ERROR', message: 'the inspection failed' };
  const field = r.general ? '' : `${Object.keys(r.errors)[0] ?? ''}: `;
  return { text, inspection: null, error: { code: first.code, message: field === 'message: ' ? first.message : field + first.message } };
}

export const createCompareSlice: SliceCreator<CompareSlice> = (set, get) => ({
  compareA: '',
  compareB: '',
  compareResult: null,

  setCompareText(side, text) {
    set(side === 'a' ? { compareA: text } : { compareB: text });
  },

  async compare() {
    if (get().busy) return;
    const { compareA, compareB } = get();
    set({ busy: 'Comparing the two messages' });
    try {
      const [a, b] = [await runInspection(get(), compareA), await runInspection(get(), compareB)];
      set({ busy: null, compareResult: { a: sideResult(compareA, a), b: sideResult(compareB, b) } });
    } catch (e) {
      console.error(e);
      set({ busy: null, error: `Comparing failed: ${e instanceof Error ? e.message : String(e)}` });
    }
  },
});
