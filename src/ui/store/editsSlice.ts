// Unsaved pane text per step. The pane shows edit ?? delivered ?? produced (see selectors.ts).

import type { EditsSlice, SliceCreator } from './types.ts';

export const createEditsSlice: SliceCreator<EditsSlice> = (set, get) => ({
  edits: {},

  setEdit(index, text) {
    const step = get().run?.steps[index];
    if (!step) return;
    const edits = { ...get().edits };
    // Typing back to what the step already holds is no edit at all.
    if (text === (step.delivered ?? step.produced)) delete edits[String(index)];
    else edits[String(index)] = text;
    set({ edits });
  },

  resetEdit(index) {
    const step = get().run?.steps[index];
    if (!step) return;
    const edits = { ...get().edits };
    // "Reset" means back to what the sender produced, even when an edited text was delivered.
    if (step.delivered !== null && step.delivered !== step.produced) edits[String(index)] = step.produced;
    else delete edits[String(index)];
    set({ edits });
  },
});

/** Edits of steps that survive a timeline truncated to `keep` steps, minus the listed indices. */
export function pruneEdits(edits: Record<string, string>, keep: number, drop: number[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(edits)) {
    const i = Number(k);
    if (i < keep && !drop.includes(i)) out[k] = v;
  }
  return out;
}
