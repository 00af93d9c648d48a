// Every actor's state at the step on screen: after it was delivered, or before it while pending.
// The service's user registry is editable as a table; every state can be edited as JSON.

import { useId, useRef } from 'react';
import { flushSync } from 'react-dom';
import type { ActorInfo, StepRecord } from '../engine/index.ts';
import { ActorJsonEditor } from './ActorJsonEditor.tsx';
import { isJsonObject, registryOf, withoutUsers } from './actorState.ts';
import { JsonTree } from './JsonTree.tsx';
import { UserRegistry } from './UserRegistry.tsx';
import { selectScenario, selectStep, useStore } from './store/index.ts';

/** Large configuration opens on demand; caches, keys and the last request stay open. */
const CLOSED = ['policy'];

function ActorCard({ actor, step }: { actor: ActorInfo; step: StepRecord }) {
  const draft = useStore((s) => s.actorDrafts[actor.id]);
  const toggleEditor = useStore((s) => s.toggleActorEditor);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const textareaId = useId();
  const pending = step.delivered === null;
  const shown = pending ? step.before[actor.id] : (step.after?.[actor.id] ?? step.before[actor.id]);
  const before = step.before[actor.id];
  const users = registryOf(before);
  const editing = !!draft?.open && before !== undefined;

  const onToggle = (): void => {
    // Render the editor now so focus can move into it; closing leaves focus on the toggle.
    flushSync(() => toggleEditor(actor.id));
    if (!editing) document.getElementById(textareaId)?.focus();
  };

  return (
    <article className="actor-card" aria-label={`${actor.name} state`}>
      <header className="actor-head">
        <h3>
          {actor.name} <span className="muted">({actor.role}) · {pending ? `before step ${step.n}` : `after step ${step.n}`}</span>
        </h3>
        {!editing && draft?.text != null && <span className="small muted">unsaved JSON</span>}
        <button ref={toggleRef} type="button" className="json-toggle" aria-pressed={editing} aria-label={`Edit JSON of ${actor.name}`} disabled={before === undefined} onClick={onToggle}>
          Edit JSON
        </button>
      </header>
      <div className={users ? 'actor-body with-registry' : 'actor-body'}>
        {users && isJsonObject(before) && (
          <UserRegistry actorId={actor.id} actorName={actor.name} state={before} users={users} stepN={step.n} />
        )}
        {editing ? (
          <ActorJsonEditor
            actorId={actor.id}
            actorName={actor.name}
            state={before}
            stepN={step.n}
            hasRegistry={!!users}
            textareaId={textareaId}
            onClosed={() => toggleRef.current?.focus()}
          />
        ) : shown === undefined ? (
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
    <div className="actors-grid" style={{ gridTemplateColumns: `repeat(${Math.max(1, scenario.actors.length)}, minmax(300px, 1fr))` }}>
      {scenario.actors.map((a) => (
        <ActorCard key={a.id} actor={a} step={step} />
      ))}
    </div>
  );
}
