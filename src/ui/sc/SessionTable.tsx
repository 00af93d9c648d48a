// The "Sessions" tab (issue 5, "seeing it"): each actor's session table at the step on screen —
// every security context it holds or knows (SCT Identifier, instance, the secret masked until
// revealed, created / expires, status at the step's clock) and the keys derived from it so far
// (DKT Id, signature or encryption, sent or received, the step, the key). It follows the stepping.

import { useMemo, useState } from 'react';
import { selectScenario, selectStep, useStore } from '../store/index.ts';
import { CopyButton } from '../token/CopyButton.tsx';
import { byteLength, Mark, shortTime } from './Bytes.tsx';
import { actorSessions, stepClock, type ActorSessions, type ContextRow, type ContextStatus, type KeyRow } from './sessionModel.ts';
import './sc.css';

const STATUS: Record<ContextStatus, { word: string; icon: string; tone: string }> = {
  active: { word: 'active', icon: '●', tone: 'ok' },
  cancelled: { word: 'cancelled', icon: '✗', tone: 'off' },
  expired: { word: 'expired', icon: '⌛', tone: 'bad' },
  'amended-away': { word: 'amended away', icon: '↷', tone: 'off' },
  'renewed-away': { word: 'renewed away', icon: '↷', tone: 'off' },
  learned: { word: 'leaked to this actor', icon: '⚠', tone: 'bad' },
  guessed: { word: 'guessed', icon: '?', tone: 'off' },
};

function StepButton({ k }: { k: KeyRow }) {
  const goTo = useStore((s) => s.goTo);
  const current = useStore((s) => s.current);
  if (!k.step) return <span className="muted">—</span>;
  const at = k.step.index;
  return (
    <button type="button" className={`ss-step${at === current ? ' is-current' : ''}`} title={`Go to step ${k.step.n} (${k.message})`} aria-label={`Go to step ${k.step.n} (${k.dktId})`} onClick={() => goTo(at)}>
      #{k.step.n}
    </button>
  );
}

function KeysTable({ row, actor }: { row: ContextRow; actor: string }) {
  if (row.keys.length === 0) return <p className="ss-nokeys muted">No key derived from it yet.</p>;
  // Two rows per key: its DKT, usage, direction and step; then the key itself, on one line.
  return (
    <table className="ss-keys" aria-label={`Keys derived from ${row.identifier}${row.instance ? ` instance ${row.instance}` : ''} (${actor})`}>
      <thead>
        <tr>
          <th scope="col">DKT · key (base64)</th>
          <th scope="col">usage</th>
          <th scope="col">direction</th>
          <th scope="col">step</th>
        </tr>
      </thead>
      {row.keys.map((k) => (
        <tbody key={`${k.dktId}-${k.direction}`} className="ss-keygroup">
          <tr>
            <th scope="row"><code>{k.dktId}</code></th>
            <td className={`ss-usage ss-${k.usage}`}>{k.usage === 'signature' ? 'sign' : 'encrypt'}</td>
            <td className="ss-dir" title={k.direction === 'sent' ? 'derived by this actor to protect a message it sent' : 'recomputed from a message it received'}>{k.direction === 'sent' ? '→ sent' : '← received'}</td>
            <td><StepButton k={k} /></td>
          </tr>
          <tr className="ss-keyrow">
            <td colSpan={4} className="ss-key">
              <code title={`${k.length} bytes from ${k.generation !== undefined ? `generation ${k.generation}` : `byte ${k.offset ?? 0}`}, nonce ${k.nonceB64}`}>{k.keyB64}</code>
            </td>
          </tr>
        </tbody>
      ))}
    </table>
  );
}

function SecretCell({ row, actor }: { row: ContextRow; actor: string }) {
  const [shown, setShown] = useState(false);
  const n = byteLength(row.secretB64);
  const what = `the secret of ${row.identifier}${row.instance ? ` instance ${row.instance}` : ''} (${actor})`;
  return (
    <span className="ss-secret">
      <code className={shown ? '' : 'ss-masked'} aria-label={shown ? undefined : 'secret hidden'}>{shown ? row.secretB64 : '•'.repeat(16)}</code>
      {n !== null && <span className="muted"> {n} bytes</span>}
      <button type="button" className="link-button" aria-pressed={shown} aria-label={`${shown ? 'Hide' : 'Reveal'} ${what}`} onClick={() => setShown((s) => !s)}>
        {shown ? 'hide' : 'reveal'}
      </button>
      <CopyButton value={row.secretB64} what={what} />
    </span>
  );
}

function ContextCard({ row, actor }: { row: ContextRow; actor: string }) {
  const st = STATUS[row.status];
  const name = `${row.identifier}${row.instance ? ` instance ${row.instance}` : ''}`;
  return (
    <article className={`ss-context ss-tone-${st.tone}`} aria-label={`Context ${name} (${actor})`}>
      <div className="ss-ctx-head">
        <code className="ss-id">{row.identifier}</code>
        {row.instance && <span className="dk-chip">instance {row.instance}</span>}
        <span className={`ss-status ss-tone-${st.tone}`} title={row.statusNote}>
          <span aria-hidden="true">{st.icon}</span> {st.word}
        </span>
      </div>
      <dl className="ss-dl">
        <dt>secret</dt>
        <dd><SecretCell row={row} actor={actor} /></dd>
        {row.sameAs && (
          <>
            <dt>same as</dt>
            <dd>
              {row.sameAs.length > 0
                ? <Mark state="bad">= the session secret of {row.sameAs.join(' and ')}</Mark>
                : <Mark state="ok">≠ any session's secret for this context</Mark>}
            </dd>
          </>
        )}
        {row.expires && (
          <>
            <dt>lifetime</dt>
            <dd className="mono">{shortTime(row.created)} → {shortTime(row.expires)}</dd>
          </>
        )}
        {(row.entropy || row.claims.length > 0) && (
          <>
            <dt>issued</dt>
            <dd>{row.entropy ? `entropy: ${row.entropy}${row.keySize ? ` · ${row.keySize}-bit key` : ''}` : ''}{row.claims.length ? ` · claims ${row.claims.join(', ')}` : ''}</dd>
          </>
        )}
        {row.status !== 'active' && (
          <>
            <dt>status</dt>
            <dd className="ss-note">{row.statusNote}</dd>
          </>
        )}
      </dl>
      <KeysTable row={row} actor={actor} />
    </article>
  );
}

function ActorColumn({ a, stepN }: { a: ActorSessions; stepN: number }) {
  const keys = a.rows.reduce((n, r) => n + r.keys.length, 0);
  return (
    <section className="ss-actor" aria-label={`${a.name} session table`}>
      <h3 className="ss-actor-head" title={`${a.name} · ${a.when} step ${stepN} · ${a.rows.length} context(s), ${keys} key(s)`}>
        {a.name} <span className="muted">· {a.when} #{stepN} · {keys} key{keys === 1 ? '' : 's'}</span>
      </h3>
      <div className="ss-actor-body">
        {a.rows.length === 0 ? <p className="muted">No security context yet.</p> : a.rows.map((r) => <ContextCard key={`${r.identifier}-${r.instance ?? ''}-${r.status}`} row={r} actor={a.name} />)}
      </div>
    </section>
  );
}

/** The tab's content; the wrapper keeps the details panel tall on every step. */
export function SessionTable() {
  return (
    <div className="sc-tall">
      <SessionTables />
    </div>
  );
}

function SessionTables() {
  const run = useStore((s) => s.run);
  const current = useStore((s) => s.current);
  const step = useStore(selectStep);
  const scenario = useStore(selectScenario);
  const tables = useMemo(() => (run && scenario ? actorSessions(run, current, scenario.actors) : []), [run, current, scenario]);
  if (!step) return <p className="muted">No step.</p>;
  if (tables.length === 0) return <p className="dk-empty muted">No actor of this scenario keeps security contexts (WS-SecureConversation sessions).</p>;
  return (
    <div className="ss-view" aria-label="Session tables">
      <div className="ss-grid" style={{ gridTemplateColumns: `repeat(${tables.length}, minmax(0, 1fr))` }}>
        {tables.map((a) => <ActorColumn key={a.actorId} a={a} stepN={step.n} />)}
      </div>
      <p className="ss-clock muted small">Status at the step's clock: {new Date(stepClock(step)).toISOString().replace('T', ' ').replace(/\.000Z$/, 'Z')}</p>
    </div>
  );
}
