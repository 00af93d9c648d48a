// The scenario catalogue (DESIGN.md §2). Adding a scenario = one module + one line here.

import { UsageError } from '../report/index.ts';
import type { ScenarioDef, ScenarioInfo } from './types.ts';
import { usernameTokenScenario } from './usernametoken.ts';
import { x509MutualScenario } from './x509_mutual.ts';
import { stsIssuanceScenario } from './sts_issuance.ts';
import { openssoStsScenario } from './opensso_sts.ts';
import { openssoAgentScenario } from './opensso_agent.ts';
import { secureConversationScenario } from './secure_conversation.ts';
import { wsatScenario } from './wsat.ts';

export const SCENARIOS: ScenarioDef[] = [usernameTokenScenario, x509MutualScenario, stsIssuanceScenario, openssoStsScenario, openssoAgentScenario, secureConversationScenario, wsatScenario];

/** Other names a scenario answers to (e.g. `run sts-issue`). */
export const SCENARIO_ALIASES: Record<string, string> = { 'sts-issue': 'sts-issuance' };

/** The scenario id an id or alias names (unknown ids are returned as given). */
export function scenarioIdFor(id: string): string {
  return SCENARIO_ALIASES[id] ?? id;
}

export function findScenario(id: string): ScenarioDef {
  const s = SCENARIOS.find((x) => x.id === scenarioIdFor(id));
  if (!s) throw new UsageError('UNKNOWN_SCENARIO', `expected one of ${SCENARIOS.map((x) => x.id).join(', ')}, found "${id}"`);
  return s;
}

/** The catalogue as plain data (no functions), for the UI and the command line. */
export function listScenarios(): ScenarioInfo[] {
  return SCENARIOS.map(({ id, title, summary, seed, actors, variants, versions }) => ({ id, title, summary, seed, actors, variants, versions }));
}
