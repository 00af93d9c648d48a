// The one Zustand store (DESIGN §6.7), combined from typed slices and persisted to localStorage:
// the RunState as is, the step on screen, the selection and the unsaved pane edits.

import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { createEditsSlice } from './editsSlice.ts';
import { debouncedLocalStorage } from './persistence.ts';
import { createRunSlice } from './runSlice.ts';
import { createScenarioSlice } from './scenarioSlice.ts';
import type { StoreState } from './types.ts';
import { createUiSlice } from './uiSlice.ts';

export const STORAGE_KEY = 'wsbench.workspace';

type Persisted = Pick<StoreState, 'scenarioId' | 'variantId' | 'seed' | 'versions' | 'run' | 'current' | 'edits' | 'bottomTab'>;

export const useStore = create<StoreState>()(
  persist(
    (...a) => ({
      ...createScenarioSlice(...a),
      ...createRunSlice(...a),
      ...createEditsSlice(...a),
      ...createUiSlice(...a),
    }),
    {
      name: STORAGE_KEY,
      version: 1,
      storage: debouncedLocalStorage<Persisted>(250),
      partialize: (s): Persisted => ({
        scenarioId: s.scenarioId,
        variantId: s.variantId,
        seed: s.seed,
        versions: s.versions,
        run: s.run,
        current: s.current,
        edits: s.edits,
        bottomTab: s.bottomTab,
      }),
    },
  ),
);

export * from './selectors.ts';
export type { BottomTab, StoreState } from './types.ts';
