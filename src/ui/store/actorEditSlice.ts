// Drafts of the Actors tab's JSON editors, per actor: kept while the tab is closed or the editor
// hidden, so typed text is lost only by Cancel, a successful Apply or a new run. Memory only.

import { editableText, withRegistryOf } from '../actorState.ts';
import { parseJsonText } from '../jsonText.ts';
import { selectStep } from './selectors.ts';
import type { ActorDraft, ActorEditSlice, SliceCreator } from './types.ts';

export const createActorEditSlice: SliceCreator<ActorEditSlice> = (set, get) => {
  const patch = (actorId: string, change: Partial<ActorDraft> | null): void => {
    const drafts = { ...get().actorDrafts };
    const old = drafts[actorId] ?? { open: false, text: null, base: null, error: null };
    if (change) drafts[actorId] = { ...old, ...change };
    else delete drafts[actorId];
    set({ actorDrafts: drafts });
  };
  const before = (actorId: string) => selectStep(get())?.before[actorId];

  return {
    actorDrafts: {},

    toggleActorEditor(actorId) {
      const draft = get().actorDrafts[actorId];
      // Hiding an untouched editor forgets it; a typed draft waits until the editor opens again.
      if (draft?.open && draft.text === null) patch(actorId, null);
      else patch(actorId, { open: !draft?.open });
    },

    setActorDraft(actorId, text) {
      const draft = get().actorDrafts[actorId];
      patch(actorId, { text, base: draft?.base ?? editableText(before(actorId)), error: null });
    },

    cancelActorDraft(actorId) {
      patch(actorId, null);
    },

    async applyActorDraft(actorId) {
      const typed = get().actorDrafts[actorId]?.text ?? null;
      const text = typed ?? editableText(before(actorId));
      const parsed = parseJsonText(text);
      if (!parsed.ok) {
        patch(actorId, { text, error: parsed.error });
        return false;
      }
      const ok = await get().applyActorState(actorId, withRegistryOf(parsed.value, before(actorId)));
      // Text typed while the step was produced again is a new draft, not the one applied.
      if (ok && (get().actorDrafts[actorId]?.text ?? null) === typed) patch(actorId, null);
      return ok;
    },
  };
};
