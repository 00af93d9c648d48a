// The shape of a scenario (DESIGN.md §2): actors, variants and numbered steps, each step with its
// sender's build and its receiver's processing. Everything here is plain data except the step
// functions, which never leak DOM objects: they take and return wire strings and plain state.

import type { Report } from '../report/index.ts';
import type { RandomSource } from '../crypto/random.ts';

/** Plain, JSON-serializable data. */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Each actor's state: plain data, snapshotted before and after every step. */
export type ActorsState = Record<string, Json>;

export interface ActorInfo {
  id: string;
  name: string;
  /** 'client' | 'service' | 'sts' | 'tm' | 'app': drives the icon and colour of the lifeline. */
  role: string;
}

export interface VariantInfo {
  id: string;
  title: string;
  description: string;
  /** Policy XML (WS-SecurityPolicy) this variant is configured with, shown beside the flow. */
  policyXml?: string;
  /** Where the variant comes from, e.g. `seed 003: SupportingTokens + HashPassword`. */
  source?: string;
}

/** A version axis the user can pick independently of the variant (DESIGN.md decision 6). */
export interface VersionAxis {
  id: string;
  title: string;
  values: string[];
  default: string;
}

export interface ScenarioInfo {
  id: string;
  title: string;
  summary: string;
  seed: string;
  actors: ActorInfo[];
  variants: VariantInfo[];
  versions: VersionAxis[];
}

/** What a step's receiver should do with the message as produced. */
export type Expectation = { accept: true } | { accept: false; code: string };

export interface StepContext {
  /** Randomness for this step: derived from the run seed and the step index, so re-running a step gives the same bytes. */
  random: RandomSource;
  /** The scenario clock for this step (ms since epoch). */
  now: number;
  /** Every actor's current state; step functions return the new state rather than mutating. */
  actors: ActorsState;
  /** Wire text delivered at earlier steps, by step index. */
  delivered: string[];
  /** The simulated channel the message travels on (set by the sender, read by the receiver). */
  transport: 'https' | 'http';
  /** Record secrets this step used (passwords, nonces, derived keys) for keys.json and the inspector. */
  secret(name: string, value: Json): void;
}

export interface Produced {
  wire: string;
  actors?: ActorsState;
  /** The channel the message is sent on; default 'http'. */
  transport?: 'https' | 'http';
  /** What the message turned out to be, when it depends on earlier steps (e.g. a Fault). */
  label?: string;
  explain?: string;
}

export interface Received {
  report: Report;
  actors: ActorsState;
}

export interface StepDef {
  /** The number the seed gives this message, when it numbers them. */
  n: number;
  from: string;
  to: string;
  label: string;
  /** Short explanation for someone who never read the spec. */
  explain: string;
  specRefs: string[];
  expect: Expectation;
  /** Seconds the scenario clock moves before this step is produced (default 1). */
  delay?: number;
  /** Seconds the message spends in transit: the receiver's clock is this much later (default 0). */
  transit?: number;
  produce(ctx: StepContext): Promise<Produced>;
  receive(ctx: StepContext, wire: string): Promise<Received>;
}

export interface ScenarioDef extends ScenarioInfo {
  /** Initial actor state for a variant (user registry, caches, policy model, configuration). */
  initialState(variantId: string, versions: Record<string, string>): ActorsState;
  steps(variantId: string, versions: Record<string, string>): StepDef[];
}
