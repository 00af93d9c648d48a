// The timeline is the state (DESIGN.md decision 2). A RunState is plain data: save it, export it,
// reload it. Every function of the runner takes a RunState and returns a new one.

import type { Report } from '../report/index.ts';
import type { ActorsState, Expectation, Json } from '../scenarios/types.ts';

export type Outcome = 'pending' | 'as-expected' | 'unexpected';

export interface StepRecord {
  index: number;
  n: number;
  from: string;
  to: string;
  label: string;
  explain: string;
  specRefs: string[];
  expect: Expectation;
  /** Scenario clock at this step (ISO 8601). */
  time: string;
  /** The simulated channel (https = TLS between the two parties). */
  transport: 'https' | 'http';
  /** Scenario clock when the receiver processes the message (ISO 8601). */
  receivedAt: string;
  /** What the sender produced. */
  produced: string;
  /** What was delivered (the pane's text at Deliver), or null while pending. */
  delivered: string | null;
  /** True when the delivered text differs from the produced text. */
  edited: boolean;
  report: Report | null;
  outcome: Outcome;
  /** Secrets this step used, by name (for keys.json and the inspector). */
  secrets: Record<string, Json>;
  /** Every actor's state before this step was produced, and after it was delivered. */
  before: ActorsState;
  /** Every actor's state after the sender produced the message (the receiver starts from this). */
  sent: ActorsState;
  after: ActorsState | null;
}

export interface RunState {
  version: 1;
  scenarioId: string;
  variantId: string;
  seed: number;
  /** Chosen value for each version axis of the scenario (e.g. soap: '1.2'). */
  versions: Record<string, string>;
  /** Scenario clock start (ms since epoch). */
  start: number;
  steps: StepRecord[];
  /** Total number of steps the scenario has for this variant. */
  total: number;
}

export interface RunOptions {
  seed?: number;
  /** Clock start, ms since epoch; defaults to 2026-01-01T00:00:00Z for reproducible runs. */
  start?: number;
  versions?: Record<string, string>;
}
