// The run: every engine call the UI makes goes through these actions. Engine calls are async;
// `busy` names the call in flight and further calls wait for it to finish (they are ignored).

import { deliver, listScenarios, rewind, runToEnd, setActorState, startRun } from '../../engine/index.ts';
import type { RunState } from '../../engine/index.ts';
import { pruneEdits } from './editsSlice.ts';
import { paneTextOf } from './selectors.ts';
import type { RunSlice, SliceCreator, StoreState } from './types.ts';

type Set = Parameters<SliceCreator<RunSlice>>[0];
type Get = () => StoreState;

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Run one engine call with the busy flag set; a failure becomes the error line, never a blank page.
 * True when the call ran and succeeded (false: it failed, or another call was in flight).
 */
async function engineCall(set: Set, get: Get, label: string, call: () => Promise<Partial<StoreState>>): Promise<boolean> {
  if (get().busy) return false;
  set({ busy: label, error: null });
  try {
    const patch = await call();
    set({ ...patch, busy: null });
    return true;
  } catch (e) {
    console.error(e);
    set({ busy: null, error: `${label} failed: ${errorText(e)}` });
    return false;
  }
}

function isPending(run: RunState | null, index: number): boolean {
  return run?.steps[index]?.delivered === null;
}

/** Is the saved run still one the engine knows? */
function usable(state: StoreState): boolean {
  const run = state.run;
  if (!run || run.version !== 1 || run.steps.length === 0) return false;
  const scenario = state.scenarios.find((s) => s.id === run.scenarioId);
  return !!scenario?.variants.some((v) => v.id === run.variantId);
}

export const createRunSlice: SliceCreator<RunSlice> = (set, get) => ({
  run: null,
  current: 0,
  busy: null,
  error: null,
  runMs: null,

  async init() {
    const scenarios = listScenarios();
    set({ scenarios });
    const state = get();
    if (usable(state) && state.run) {
      const run = state.run;
      set({
        scenarioId: run.scenarioId,
        variantId: run.variantId,
        versions: run.versions,
        current: Math.min(state.current, run.steps.length - 1),
      });
      return;
    }
    const scenario =
      scenarios.find((s) => s.id === state.scenarioId) ?? scenarios.find((s) => s.id === 'usernametoken') ?? scenarios[0];
    if (!scenario) {
      set({ error: 'The engine lists no scenarios.' });
      return;
    }
    const variant = scenario.variants.find((v) => v.id === state.variantId) ?? scenario.variants[0];
    set({ run: null, edits: {}, scenarioId: scenario.id, variantId: variant?.id ?? '' });
    await get().restart();
  },

  async restart() {
    const { scenarioId, variantId, seed, versions } = get();
    await engineCall(set, get, 'Starting the run', async () => {
      const run = await startRun(scenarioId, variantId, { seed, versions });
      return { run, current: 0, edits: {}, actorDrafts: {}, runMs: null };
    });
  },

  goTo(index) {
    const run = get().run;
    if (run && index >= 0 && index < run.steps.length) set({ current: index });
  },

  stepBack() {
    get().goTo(get().current - 1);
  },

  async stepForward() {
    const { run, current } = get();
    if (!run || get().busy) return;
    // A pending step is delivered first (so its report shows); a delivered one moves to the next.
    if (isPending(run, current)) await get().deliverCurrent();
    else get().goTo(current + 1);
  },

  async deliverCurrent() {
    const { run, current } = get();
    if (!run?.steps[current]) return;
    const wire = paneTextOf(get());
    await engineCall(set, get, `Delivering step ${current + 1}`, async () => {
      const next = await deliver(run, current, wire);
      return { run: next, edits: pruneEdits(get().edits, current, [current]) };
    });
  },

  async playToEnd() {
    if (get().busy || !get().run) return;
    // An unsaved edit of the pending step is what the user wants delivered, so it goes first.
    const { run, current, edits } = get();
    if (isPending(run, current) && edits[String(current)] !== undefined) await get().deliverCurrent();
    await engineCall(set, get, 'Running to the end', async () => {
      const from = get().run;
      if (!from) return {};
      const t0 = performance.now();
      const done = await runToEnd(from);
      const runMs = Math.round((performance.now() - t0) * 10) / 10;
      console.info(`wsbench: runToEnd(${done.scenarioId}/${done.variantId}) took ${runMs} ms`);
      return { run: done, current: done.steps.length - 1, runMs, edits: pruneEdits(get().edits, done.steps.length) };
    });
  },

  async applyActorState(actorId, value) {
    const { run, current } = get();
    if (!run) return false;
    return engineCall(set, get, `Updating ${actorId}`, async () => {
      // The edit applies before the step on screen: that step becomes pending again and is re-produced.
      const base = isPending(run, current) ? run : rewind(run, current);
      const next = await setActorState(base, actorId, value);
      return { run: next, edits: pruneEdits(get().edits, current) };
    });
  },

  dismissError() {
    set({ error: null });
  },
});
