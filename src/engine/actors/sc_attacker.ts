// The attacker of seed 000's warning: "the secret must be kept in memory and protected by the
// session's participants; if it leaks, the secure conversation between them is compromised."
// Having learned a context's secret (here: read from the initiator's memory), it derives keys of
// its own and forges application requests the recipient cannot tell from the initiator's. With a
// wrong secret its forgeries fail — the derived-key signature does not verify.

import { toBase64 } from '../crypto/encoding.ts';
import type { ScVersionId } from '../sc/sct.ts';
import type { SoapVersion } from '../soap/envelope.ts';
import type { WsaVersion } from '../wsa/headers.ts';
import { echoBody } from './client.ts';
import { buildDerivedKeyMessage, ECHO_ACTION, type SenderContext } from './sc_messages.ts';
import type { InitiatorState } from './sc_initiator.ts';
import type { Env, Produced } from './sc_token_service.ts';

export interface AttackerState {
  id: string;
  version: ScVersionId;
  soap: SoapVersion;
  wsa: WsaVersion;
  endpoint: string;
  encryptBody: boolean;
  /** The context the attacker learned: its Identifier (seen on the wire) and its secret (leaked). */
  learned: SenderContext | null;
  /** A secret of the attacker's own making, for the forgery that must fail. */
  guessedSecretB64?: string;
}

/** The compromise itself: the initiator's session secret leaks (a memory dump, a log line, a debugger). */
export function learnSecret(a: AttackerState, initiator: InitiatorState): AttackerState {
  const s = initiator.session;
  if (!s) return a;
  return { ...a, learned: { identifier: s.identifier, secretB64: s.secretB64, ...(s.instance ? { instance: s.instance } : {}), ...(s.sctId ? { sctId: s.sctId } : {}) } };
}

/** A forged application request under the learned context — with its real secret, or a guessed one. */
export async function forgeRequest(a: AttackerState, text: string, o: { guess: boolean }, env: Env): Promise<Produced<AttackerState>> {
  const learned = a.learned ?? { identifier: 'urn:uuid:00000000-0000-4000-8000-000000000000', secretB64: '' };
  const guessedSecretB64 = a.guessedSecretB64 ?? toBase64(env.random.bytes(32));
  // Nothing learned (the session was never set up): the forgery goes out unprotected.
  const sct = o.guess ? { ...learned, secretB64: guessedSecretB64 } : a.learned;
  const m = await buildDerivedKeyMessage(a, {
    addressing: { action: ECHO_ACTION, to: a.endpoint, replyTo: 'anonymous' }, body: echoBody('e:Echo', text),
    sct, includeSct: true, encryptBody: a.encryptBody, random: env.random, now: env.now,
  });
  return {
    wire: m.wire, state: { ...a, ...(o.guess ? { guessedSecretB64 } : {}) }, secrets: o.guess ? { "attacker's guessed secret": guessedSecretB64 } : {},
    ...(sct ? { sent: { identifier: sct.identifier, ...(sct.instance ? { instance: sct.instance } : {}), derived: m.derived } } : {}),
  };
}
