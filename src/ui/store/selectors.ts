// Derived values the components select. Each returns a primitive or an object from the store
// itself, so selecting it does not re-render on unrelated changes.

import type { StepRecord } from '../../engine/index.ts';
import { decryptedDocument } from '../report/details.ts';
import type { StoreState } from './types.ts';

type PaneSource = Pick<StoreState, 'run' | 'current' | 'edits'>;

export function selectStep(s: Pick<StoreState, 'run' | 'current'>): StepRecord | null {
  return s.run?.steps[s.current] ?? null;
}

/** The pane's text: the unsaved edit, else what was delivered, else what the sender produced. */
export function paneTextOf(s: PaneSource): string {
  const step = selectStep(s);
  if (!step) return '';
  return s.edits[String(s.current)] ?? step.delivered ?? step.produced;
}

export const selectPaneText = (s: StoreState): string => paneTextOf(s);

/** True when the pane differs from what the sender produced (the "edited" badge). */
export const selectPaneEdited = (s: StoreState): boolean => {
  const step = selectStep(s);
  return !!step && paneTextOf(s) !== step.produced;
};

/** True when the pane holds text not yet delivered (an unsaved edit). */
export const selectPaneUnsaved = (s: StoreState): boolean => s.edits[String(s.current)] !== undefined;

export const selectIsPending = (s: StoreState): boolean => selectStep(s)?.delivered === null;

export const selectCanForward = (s: StoreState): boolean => {
  const step = selectStep(s);
  if (!step || !s.run) return false;
  return step.delivered === null || s.current + 1 < s.run.steps.length;
};

export const selectScenario = (s: StoreState) => s.scenarios.find((x) => x.id === s.scenarioId) ?? null;

export const selectVariant = (s: StoreState) =>
  selectScenario(s)?.variants.find((v) => v.id === s.variantId) ?? null;

/** The text of the main editor: the scenario pane, or the inspector's message. */
export function mainTextOf(s: StoreState): string {
  return s.mode === 'scenarios' ? paneTextOf(s) : s.inspectText;
}

/** The decrypted document the main pane can show (the step's report, or the inspection), or null. */
export function decryptedTextOf(s: StoreState): string | null {
  if (s.mode === 'scenarios') return decryptedDocument(selectStep(s)?.report);
  return s.inspection?.decrypted ?? decryptedDocument(s.inspection?.report);
}

export const selectDecryptedText = (s: StoreState): string | null => decryptedTextOf(s);
