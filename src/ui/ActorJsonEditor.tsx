// An actor's state as editable JSON text. Apply reads it (a syntax error shows its line:column and
// keeps the text), then replaces the state before the step on screen, as the registry's Apply does.

import { useMemo, useRef, type KeyboardEvent } from 'react';
import type { Json } from '../engine/index.ts';
import { editableText } from './actorState.ts';
import { useStore } from './store/index.ts';

interface Props {
  actorId: string;
  actorName: string;
  /** The actor's state before the step on screen (what Apply replaces). */
  state: Json | undefined;
  stepN: number;
  /** The registry table owns `users`: the text leaves it out and Apply keeps it. */
  hasRegistry: boolean;
  textareaId: string;
  /** Called when the editor closes by itself (Cancel, Apply done), to put focus back on the toggle. */
  onClosed: () => void;
}

export function ActorJsonEditor({ actorId, actorName, state, stepN, hasRegistry, textareaId, onClosed }: Props) {
  const draft = useStore((s) => s.actorDrafts[actorId]);
  const busy = useStore((s) => s.busy);
  const setDraft = useStore((s) => s.setActorDraft);
  const cancel = useStore((s) => s.cancelActorDraft);
  const applyDraft = useStore((s) => s.applyActorDraft);
  const area = useRef<HTMLTextAreaElement>(null);
  const source = useMemo(() => editableText(state), [state]);
  const text = draft?.text ?? source;
  const error = draft?.error ?? null;
  const stale = draft?.text != null && draft.base !== null && draft.base !== source;
  const statusId = `${textareaId}-status`;

  const onApply = async (): Promise<void> => {
    if (await applyDraft(actorId)) onClosed();
  };
  const onCancel = (): void => {
    cancel(actorId);
    onClosed();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void onApply();
    }
  };
  const goToError = (): void => {
    const el = area.current;
    if (!el || !error) return;
    el.focus();
    el.setSelectionRange(error.offset, Math.min(error.offset + 1, el.value.length));
  };

  return (
    <div className="json-edit">
      <label htmlFor={textareaId} className="small muted">
        {actorName} state (JSON)
      </label>
      <textarea
        id={textareaId}
        ref={area}
        value={text}
        onChange={(e) => setDraft(actorId, e.target.value)}
        onKeyDown={onKeyDown}
        readOnly={busy !== null}
        spellCheck={false}
        autoComplete="off"
        autoCapitalize="off"
        autoCorrect="off"
        wrap="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={statusId}
      />
      <div className="json-edit-actions">
        <button type="button" className="primary" onClick={() => void onApply()} aria-keyshortcuts="Control+Enter" aria-label={`Apply JSON to ${actorName}`} title={`Step ${stepN} is produced again with this state; later steps are dropped`}>
          Apply JSON
        </button>
        <button type="button" onClick={onCancel} aria-label={`Cancel editing ${actorName} JSON`}>
          Cancel
        </button>
        {error && (
          <button type="button" className="link-button" onClick={goToError}>
            Go to error
          </button>
        )}
      </div>
      <p id={statusId} className={`json-status small${error ? ' bad' : ' muted'}`} aria-live="polite">
        {error ? (
          <>
            <strong>JSON error at {error.line}:{error.column}</strong> — {error.message}
          </>
        ) : stale ? (
          `The state changed since this draft began: Apply replaces the state before step ${stepN} with the draft; Cancel shows the new state.`
        ) : (
          `Applies before step ${stepN} (Ctrl+Enter); later steps are dropped.${hasRegistry ? ' Users stay in the registry table.' : ''}`
        )}
      </p>
    </div>
  );
}
