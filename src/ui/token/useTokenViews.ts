// What the Token and Proof key views show for the step on screen: the SAML assertion in the pane's
// text as a card (named with the certificates the run's actors hold), and the chain of the run's
// holder-of-key proof key — computed by the engine, the chain asynchronously (it recomputes
// P_SHA1 and verifies the signature made with the key).

import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { certificatesIn, describeSamlToken, proofKeyChain, type Json, type ProofKeyChain, type RunState, type StepRecord, type TokenCard } from '../../engine/index.ts';

/**
 * The card of the first SAML assertion in `text` — or in the decrypted document, when the token
 * travelled encrypted — or null. Typing stays smooth: it reads a deferred copy.
 */
export function useTokenCard(text: string, decrypted: string | null, step: StepRecord | null): TokenCard | null {
  const deferred = useDeferredValue(text);
  const before = step?.before;
  const certificates = useMemo(() => (before ? certificatesIn(before as Json) : []), [before]);
  return useMemo(
    () => describeSamlToken(deferred, { certificates }) ?? (decrypted ? describeSamlToken(decrypted, { certificates }) : null),
    [deferred, decrypted, certificates],
  );
}

/**
 * The chain of the run's proof key (of `assertionId` when the pane shows one). The last chain stays
 * until the next one is computed, so the tabs do not flicker while the engine works.
 */
export function useProofKeyChain(run: RunState | null, assertionId: string | null): ProofKeyChain | null {
  const [chain, setChain] = useState<ProofKeyChain | null>(null);
  useEffect(() => {
    if (!run) {
      setChain(null);
      return;
    }
    let live = true;
    proofKeyChain(run.steps, assertionId ?? undefined).then(
      (c) => live && setChain(c),
      (e: unknown) => {
        console.error(e);
        if (live) setChain(null);
      },
    );
    return () => {
      live = false;
    };
  }, [run, assertionId]);
  return chain;
}

/** The steps (by number) a chain passes through: entropy, issue, unwrap, signature. */
export function chainSteps(chain: ProofKeyChain | null): number[] {
  if (!chain) return [];
  const all = [chain.clientEntropy?.step, chain.issuedAt, chain.encryptedForService?.unwrapped?.step, chain.signature?.step];
  return [...new Set(all.filter((n): n is number => typeof n === 'number'))];
}

/** The Token and Proof key views of the step on screen: what they show and whether each has something to show. */
export function usePaneTokenViews(text: string, decrypted: string | null, run: RunState | null, step: StepRecord | null) {
  const card = useTokenCard(text, decrypted, step);
  const chain = useProofKeyChain(run, card?.id ?? null);
  const available = { token: card !== null, proofkey: !!step && chainSteps(chain).includes(step.n) };
  return { card, chain, available };
}
