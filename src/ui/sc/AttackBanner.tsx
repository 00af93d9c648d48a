// Beside the receiver's verdict, on a step the attacker sent: what it did (forged with the leaked
// secret, with a guessed one, replayed) and whether the receiver ACCEPTED it — the seed's warning
// that a compromised secret compromises the whole conversation, made visible — with the attacker's
// other messages of the run beside it, each one click away.

import { useMemo } from 'react';
import { selectScenario, useStore } from '../store/index.ts';
import { attackModel, type AttackStep } from './attackModel.ts';
import './sc.css';

const WHAT: Record<AttackStep['secret'], string> = {
  leaked: 'Forged by the attacker with the leaked secret',
  guessed: 'Forged by the attacker with a guessed secret',
  replayed: 'Replayed by the attacker',
  other: 'Sent by the attacker',
};

function verdict(s: AttackStep): { word: string; tone: 'danger' | 'safe' | 'pending' } {
  if (!s.delivered || s.accepted === null) return { word: 'not delivered yet', tone: 'pending' };
  return s.accepted ? { word: 'ACCEPTED', tone: 'danger' } : { word: 'REFUSED', tone: 'safe' };
}

function secretNote(s: AttackStep, receiver: string): string {
  if (s.sameSecretAsReceiver === true) return `keys derived from the context's own secret (= ${receiver}'s session secret)`;
  if (s.sameSecretAsReceiver === false) return `keys derived from a secret that is not the context's (≠ ${receiver}'s session secret)`;
  return '';
}

function Why({ s, receiver }: { s: AttackStep; receiver: string }) {
  const note = secretNote(s, receiver);
  if (s.accepted && s.sameSecretAsReceiver) {
    return (
      <p className="atk-why">
        Its {note}: {receiver} cannot tell it from the initiator's messages. Seed 000: if the secret is compromised, the secure conversation is compromised — the remedy is Cancel and a new context.
      </p>
    );
  }
  return (
    <p className="atk-why">
      {note ? `Its ${note}. ` : ''}
      {s.accepted === null ? `${receiver} has not processed it yet.` : `${receiver} ${s.accepted ? 'accepted' : 'refused'} it${s.failCode ? ` (${s.failCode})` : ''}.`}
    </p>
  );
}

function Other({ s, receiver }: { s: AttackStep; receiver: string }) {
  const goTo = useStore((st) => st.goTo);
  const v = verdict(s);
  const note = secretNote(s, receiver);
  return (
    <li className={`atk-other atk-${v.tone}`}>
      <button type="button" className="ss-step" aria-label={`Go to step ${s.n}: ${s.label}`} title={`Go to step ${s.n}`} onClick={() => goTo(s.index)}>
        #{s.n}
      </button>
      <span className="atk-other-label">{s.label}</span>
      <strong className="atk-word">
        <span aria-hidden="true">{v.tone === 'danger' ? '⚠' : v.tone === 'safe' ? '✓' : '…'}</span> {v.word}
      </strong>
      {s.failCode && <code className="atk-code">{s.failCode}</code>}
      {note && <span className="atk-other-note muted">{note}</span>}
    </li>
  );
}

export function AttackBanner() {
  const run = useStore((s) => s.run);
  const current = useStore((s) => s.current);
  const scenario = useStore(selectScenario);
  const m = useMemo(() => attackModel(run, current, scenario?.actors ?? []), [run, current, scenario]);
  if (!m) return null;
  const v = verdict(m.current);
  return (
    <section className={`atk atk-${v.tone}`} aria-label="Attacker's message">
      <div className="atk-title">
        <span className="atk-icon" aria-hidden="true">{v.tone === 'danger' ? '⚠' : v.tone === 'safe' ? '✓' : '…'}</span>
        <span>
          {WHAT[m.current.secret]} — <strong className="atk-word">{v.word}</strong>
          {m.current.failCode && <code className="atk-code">{m.current.failCode}</code>}
        </span>
      </div>
      <Why s={m.current} receiver={m.receiver} />
      {m.others.length > 0 && (
        <ul className="atk-others" aria-label="The attacker's other messages">
          {m.others.map((s) => <Other key={s.index} s={s} receiver={m.receiver} />)}
        </ul>
      )}
      {m.moreToCome && <p className="atk-more muted small">More steps follow: step forward to see the rest of the attack.</p>}
    </section>
  );
}
