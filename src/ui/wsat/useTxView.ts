// The WS-AT views' data (issue 6, "seeing it"), read from the engine's tx_view facade: the seed's
// message class of every step, the state machines at the step on screen, its requirement IDs. A
// run is a transaction flow when at least one of its messages carries a WS-Coordination or WS-AT
// action; otherwise these views stay out of the way.

import { useMemo } from 'react';
import { isTxAction, stepRequirements, txMachines, txMessageClass, type RequirementProof, type StepRecord, type TxClassInfo, type TxMachineRow } from '../../engine/index.ts';
import { selectStep, useStore } from '../store/index.ts';

// Step records are immutable and shared between run states, so a class is computed once per record.
const classCache = new WeakMap<StepRecord, TxClassInfo>();
const runCache = new WeakMap<readonly StepRecord[], TxClassInfo[] | null>();

export function classOfStep(step: StepRecord): TxClassInfo {
  let hit = classCache.get(step);
  if (!hit) {
    hit = txMessageClass(step.delivered ?? step.produced, step.label);
    classCache.set(step, hit);
  }
  return hit;
}

/** Every step's class, or null when the run is not a transaction flow. */
export function txClassesOf(steps: readonly StepRecord[]): TxClassInfo[] | null {
  const have = runCache.get(steps);
  if (have !== undefined) return have;
  const classes = steps.map(classOfStep);
  const out = classes.some((c) => c.source === 'action' && isTxAction(c.action)) ? classes : null;
  runCache.set(steps, out);
  return out;
}

const EMPTY: readonly StepRecord[] = [];

export function useTxClasses(): TxClassInfo[] | null {
  const steps = useStore((s) => s.run?.steps ?? EMPTY);
  return txClassesOf(steps);
}

export function useIsTxFlow(): boolean {
  return useStore((s) => txClassesOf(s.run?.steps ?? EMPTY) !== null);
}

/** The machines at the step on screen (empty for other flows). */
export function useTxMachines(): { step: StepRecord | null; rows: TxMachineRow[] } {
  const step = useStore(selectStep);
  const tx = useIsTxFlow();
  const rows = useMemo(() => (step && tx ? txMachines(step) : []), [step, tx]);
  return { step, rows };
}

/** The step's requirement IDs with their checks (empty for other flows). */
export function useStepRequirements(step: StepRecord | null): RequirementProof[] {
  const tx = useIsTxFlow();
  return useMemo(() => (step && tx ? stepRequirements(step) : []), [step, tx]);
}

/** "App1, the initiator (client…)" → "App1": the actor's short name for compact labels. */
export function shortName(name: string): string {
  return name.split(/[,(]/)[0]?.trim() || name;
}
