// The compromised-secret demonstration (seed 000: "if the secret is compromised, the secure
// conversation between the participants is compromised"): for a step the attacker sent, what it
// forged, which secret it derived its keys from (the leaked one — the receiver's own session
// secret — or a guessed one), and the receiver's verdict; beside it, the attacker's other steps in
// the run with theirs. Everything comes from the timeline: labels, reports, keys.json, session tables.

import type { ActorInfo, RunState, StepRecord } from '../../engine/index.ts';
import { secretsUpTo, sentKeyRecords, sessionsIn } from './sessionModel.ts';

export interface AttackStep {
  index: number;
  n: number;
  label: string;
  /** 'leaked' / 'guessed' from the step's label; 'replayed' for a captured message sent again. */
  secret: 'leaked' | 'guessed' | 'replayed' | 'other';
  delivered: boolean;
  accepted: boolean | null;
  /** The failed check that says why it was refused (the expected code when it is among the failures). */
  failCode: string | null;
  /** The secret its keys came from, compared with the receiver's session secret for that context. */
  sameSecretAsReceiver: boolean | null;
}

export interface AttackModel {
  attacker: string;
  receiver: string;
  current: AttackStep;
  /** The attacker's other steps already in the timeline. */
  others: AttackStep[];
  /** The run has steps still to come (they may hold more of the attacker's messages). */
  moreToCome: boolean;
}

export function isAttacker(actor: ActorInfo | undefined): boolean {
  return !!actor && (actor.id === 'attacker' || /^attacker\b/i.test(actor.name));
}

function kindOf(label: string): AttackStep['secret'] {
  if (/leak/i.test(label)) return 'leaked';
  if (/guess/i.test(label)) return 'guessed';
  if (/replay/i.test(label)) return 'replayed';
  return 'other';
}

function sameSecret(run: RunState, step: StepRecord): boolean | null {
  const record = sentKeyRecords(step).find((r) => r.secret && r.sctIdentifier);
  if (!record?.secret || !record.sctIdentifier) return null;
  const used = secretsUpTo(run, step.index)[record.secret];
  const session = sessionsIn(step.sent[step.to] ?? step.before[step.to]).find((s) => s.identifier === record.sctIdentifier);
  if (!used || !session) return null;
  return used === session.secretB64;
}

function attackStep(run: RunState, step: StepRecord): AttackStep {
  const fails = step.report?.checks.filter((c) => c.status === 'fail') ?? [];
  const expected = step.expect.accept ? null : step.expect.code;
  const why = fails.find((c) => c.code === expected) ?? fails[0];
  return {
    index: step.index, n: step.n, label: step.label, secret: kindOf(step.label), delivered: step.delivered !== null,
    accepted: step.report ? step.report.accepted : null, failCode: why?.code ?? null, sameSecretAsReceiver: sameSecret(run, step),
  };
}

/** The demonstration for the step at `index`, or null when the attacker did not send it. */
export function attackModel(run: RunState | null, index: number, actors: ActorInfo[]): AttackModel | null {
  const step = run?.steps[index];
  if (!run || !step) return null;
  const sender = actors.find((a) => a.id === step.from);
  if (!isAttacker(sender)) return null;
  const others = run.steps.filter((s) => s.index !== index && s.from === step.from).map((s) => attackStep(run, s));
  return {
    attacker: sender?.name ?? step.from, receiver: actors.find((a) => a.id === step.to)?.name ?? step.to,
    current: attackStep(run, step), others, moreToCome: run.steps.length < run.total,
  };
}
