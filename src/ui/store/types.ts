// The one store's shape: typed slices combined by `index.ts` (DESIGN §6.7).

import type { StateCreator } from 'zustand';
import type { Json, RunState, ScenarioInfo } from '../../engine/index.ts';

export type BottomTab = 'actors' | 'secrets' | 'trace';

/** Which scenario, variant and seed the top bar has selected (the next Restart uses them). */
export interface ScenarioSlice {
  scenarios: ScenarioInfo[];
  scenarioId: string;
  variantId: string;
  seed: number;
  /** Chosen value per version axis of the scenario (SOAP 1.1/1.2, WS-Addressing …); missing = default. */
  versions: Record<string, string>;
  selectScenario(id: string): Promise<void>;
  selectVariant(id: string): Promise<void>;
  setSeed(seed: number): void;
  selectVersion(axis: string, value: string): Promise<void>;
}

/** The run (the engine's timeline), the step on screen and the engine calls that change them. */
export interface RunSlice {
  run: RunState | null;
  current: number;
  /** What the engine is doing right now, or null when idle. */
  busy: string | null;
  error: string | null;
  /** Milliseconds the last "run to end" took in this page. */
  runMs: number | null;
  init(): Promise<void>;
  restart(): Promise<void>;
  goTo(index: number): void;
  stepBack(): void;
  stepForward(): Promise<void>;
  deliverCurrent(): Promise<void>;
  playToEnd(): Promise<void>;
  applyActorState(actorId: string, value: Json): Promise<void>;
  dismissError(): void;
}

/** Unsaved pane text per step index (kept until delivered, reset or the run restarts). */
export interface EditsSlice {
  edits: Record<string, string>;
  setEdit(index: number, text: string): void;
  resetEdit(index: number): void;
}

/** Layout preferences and one-shot UI requests. */
export interface UiSlice {
  bottomTab: BottomTab;
  /** Ask the editor to reveal a position; `seq` makes repeated clicks on the same row count. */
  reveal: { line: number; column: number; seq: number } | null;
  setBottomTab(tab: BottomTab): void;
  revealInEditor(line: number, column: number): void;
}

export type StoreState = ScenarioSlice & RunSlice & EditsSlice & UiSlice;

export type SliceCreator<T> = StateCreator<StoreState, [['zustand/persist', unknown]], [], T>;
