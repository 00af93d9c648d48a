// Every actor's state at the step on screen: after it was delivered, or before it while pending.
// The service's user registry is editable; caches and derived keys show as a tree.

import type { ActorInfo, Json, StepRecord } from '../engine/index.ts';
import { JsonTree } from './JsonTree.tsx';
import { UserRegistry, registryOf } from './UserRegistry.tsx';
import { selectScenario, selectStep, useStore } from './store/index.ts';

/** Large configuration opens on demand; caches, keys and the last request stay open. */
const CLOSED = ['policy'];

function withoutUsers(state: Json | undefined): Json {
  if (!state || typeof state !== 'object' || Array.isArray(state)) return state ?? null;
  const rest = { ...state };
  delete rest['users'];
  return rest;
}

function ActorCard({ actor, step }: { actor: ActorInfo; step: StepRecord }) {
  const pending = step.delivered === null;
  const shown = pending ? step.before[actor.id] : (step.after?.[actor.id] ?? step.before[actor.id]);
  const before = step.before[actor.id];
  const users = registryOf(before);
  return (
    <article className="actor-card" aria-label={`${actor.name} state`}>
      <h3>
        {actor.name} <span className="muted">({actor.role}) · {pending ? `before step ${step.n}` : `after step ${step.n}`}</span>
      </h3>
      <div className={users ? 'actor-body with-registry' : 'actor-body'}>
        {users && before && typeof before === 'object' && !Array.isArray(before) && (
          <UserRegistry actorId={actor.id} actorName={actor.name} state={before} users={users} stepN={step.n} />
        )}
        {shown === undefined ? (
          <p className="muted">No state recorded.</p>
        ) : (
          <JsonTree value={users ? withoutUsers(shown) : shown} label={`${actor.name} state tree`} closed={CLOSED} />
        )}
      </div>
    </article>
  );
}

export function ActorsTab() {
  const scenario = useStore(selectScenario);
  const step = useStore(selectStep);
  if (!step || !scenario) return <p className="muted">No step.</p>;
  return (
    <div className="actors-grid" style={{ gridTemplateColumns: `repeat(${Math.max(1, scenario.actors.length)}, minmax(0, 1fr))` }}>
      {scenario.actors.map((a) => (
        <ActorCard key={a.id} actor={a} step={step} />
      ))}
    </div>
  );
}
