// The one Zustand store (DESIGN §6.7), combined from typed slices and persisted to localStorage:
// the RunState as is, the step on screen, the selection and the unsaved pane edits; the mode, and
// the inspector's message, public key inputs (certificates, names) and compare texts. Private
// keys, PKCS#12 files, passwords and secrets are never saved: they stay in this tab's memory.

import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { createActorEditSlice } from './actorEditSlice.ts';
import { createCompareSlice } from './compareSlice.ts';
import { createEditsSlice } from './editsSlice.ts';
import { createInspectorSlice } from './inspectorSlice.ts';
import { createKeysSlice } from './keysSlice.ts';
import { debouncedLocalStorage } from './persistence.ts';
import { createRunSlice } from './runSlice.ts';
import { createScenarioSlice } from './scenarioSlice.ts';
import type { StoreState } from './types.ts';
import { createUiSlice } from './uiSlice.ts';

export const STORAGE_KEY = 'wsbench.workspace';

type Persisted = Pick<
  StoreState,
  | 'scenarioId' | 'variantId' | 'seed' | 'versions' | 'run' | 'current' | 'edits' | 'bottomTab'
  | 'mode' | 'paneView' | 'inspectorView' | 'inspectText' | 'keyInputs' | 'clock' | 'clockCustom' | 'compareA' | 'compareB'
>;

export const useStore = create<StoreState>()(
  persist(
    (...a) => ({
      ...createScenarioSlice(...a),
      ...createRunSlice(...a),
      ...createEditsSlice(...a),
      ...createActorEditSlice(...a),
      ...createUiSlice(...a),
      ...createInspectorSlice(...a),
      ...createCompareSlice(...a),
      ...createKeysSlice(...a),
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
        mode: s.mode,
        paneView: s.paneView,
        inspectorView: s.inspectorView,
        inspectText: s.inspectText,
        keyInputs: s.keyInputs,
        clock: s.clock,
        clockCustom: s.clockCustom,
        compareA: s.compareA,
        compareB: s.compareB,
      }),
    },
  ),
);

export * from './selectors.ts';
export type * from './types.ts';
