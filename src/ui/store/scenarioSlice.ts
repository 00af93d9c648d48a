// Scenario selection: picking a scenario or a variant starts a fresh run; the seed applies on Restart.

import type { ScenarioSlice, SliceCreator } from './types.ts';

export const createScenarioSlice: SliceCreator<ScenarioSlice> = (set, get) => ({
  scenarios: [],
  scenarioId: '',
  variantId: '',
  seed: 1,
  versions: {},

  async selectScenario(id) {
    const scenario = get().scenarios.find((s) => s.id === id);
    if (!scenario || get().busy) return;
    set({ scenarioId: id, variantId: scenario.variants[0]?.id ?? '', versions: {} });
    await get().restart();
  },

  async selectVariant(id) {
    if (get().busy) return;
    set({ variantId: id });
    await get().restart();
  },

  async selectVersion(axis, value) {
    if (get().busy) return;
    set({ versions: { ...get().versions, [axis]: value } });
    await get().restart();
  },

  async openFlow(scenarioId, variantId) {
    if (get().busy) return `The engine is busy (${get().busy}); try again in a moment.`;
    const scenario = get().scenarios.find((s) => s.id === scenarioId);
    if (!scenario) return `The engine has no scenario "${scenarioId}" (yet), so this row cannot be run as a flow. Scenarios it has: ${get().scenarios.map((s) => s.id).join(', ')}.`;
    if (!scenario.variants.some((v) => v.id === variantId)) return `Scenario "${scenario.title}" has no variant "${variantId}".`;
    set({ scenarioId, variantId, versions: {}, mode: 'scenarios', reveal: null });
    await get().restart();
    return null;
  },

  setSeed(seed) {
    if (Number.isSafeInteger(seed) && seed >= 0) set({ seed });
  },
});
