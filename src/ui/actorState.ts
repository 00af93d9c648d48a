// What the Actors tab edits of an actor's state: the user registry (`users`) has its own table,
// so the JSON editor holds the rest and Apply puts the registry back.

import type { Json } from '../engine/index.ts';

type JsonObject = { [k: string]: Json };

export function isJsonObject(value: Json | undefined): value is JsonObject {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** `state.users` (username → password) when the state has a registry the table can edit, else null. */
export function registryOf(state: Json | undefined): Record<string, string> | null {
  if (!isJsonObject(state)) return null;
  const users = state['users'];
  if (!isJsonObject(users)) return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(users)) {
    if (typeof v !== 'string') return null;
    out[k] = v;
  }
  return out;
}

/** The state without the registry, when the table shows it. */
export function withoutUsers(state: Json | undefined): Json {
  if (!isJsonObject(state) || !registryOf(state)) return state ?? null;
  const rest = { ...state };
  delete rest['users'];
  return rest;
}

/** The JSON editor's text for an actor's state. */
export function editableText(state: Json | undefined): string {
  return JSON.stringify(withoutUsers(state), null, 2);
}

/** The state to apply: the edited JSON, with the registry of `current` back unless the edit names its own. */
export function withRegistryOf(edited: Json, current: Json | undefined): Json {
  if (!isJsonObject(edited) || 'users' in edited || !isJsonObject(current) || !registryOf(current)) return edited;
  return { ...edited, users: current['users'] ?? null };
}
