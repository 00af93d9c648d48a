// The scenario catalogue (DESIGN.md §2). Adding a scenario = one module + one line here.

import { UsageError } from '../report/index.ts';
import type { ScenarioDef, ScenarioInfo } from './types.ts';
import { usernameTokenScenario } from './usernametoken.ts';
import { x509MutualScenario } from './x509_mutual.ts';
import { stsIssuanceScenario } from './sts_issuance.ts';

export const SCENARIOS: ScenarioDef[] = [usernameTokenScenario, x509MutualScenario, stsIssuanceScenario];

export function findScenario(id: string): ScenarioDef {
  const s = SCENARIOS.find((x) => x.id === id);
  if (!s) throw new UsageError('UNKNOWN_SCENARIO', `expected one of ${SCENARIOS.map((x) => x.id).join(', ')}, found "${id}"`);
  return s;
}

/** The catalogue as plain data (no functions), for the UI and the command line. */
export function listScenarios(): ScenarioInfo[] {
  return SCENARIOS.map(({ id, title, summary, seed, actors, variants, versions }) => ({ id, title, summary, seed, actors, variants, versions }));
}
