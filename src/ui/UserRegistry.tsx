// The service's user registry (`state.users`: username → password) as a small editable table.
// Applying it edits the actor's state before the step on screen, which is then produced again.

import { useEffect, useState } from 'react';
import type { Json } from '../engine/index.ts';
import { useStore } from './store/index.ts';

interface Row {
  user: string;
  password: string;
}

function rowsOf(users: Record<string, string>): Row[] {
  return Object.entries(users).map(([user, password]) => ({ user, password }));
}

interface Props {
  actorId: string;
  actorName: string;
  state: { [k: string]: Json };
  users: Record<string, string>;
  stepN: number;
}

export function UserRegistry({ actorId, actorName, state, users, stepN }: Props) {
  const apply = useStore((s) => s.applyActorState);
  const source = JSON.stringify(users);
  const [rows, setRows] = useState<Row[]>(() => rowsOf(users));
  useEffect(() => setRows(rowsOf(JSON.parse(source) as Record<string, string>)), [source]);
  const dirty = JSON.stringify(Object.fromEntries(rows.map((r) => [r.user, r.password]))) !== source;
  const update = (i: number, patch: Partial<Row>): void => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const onApply = (): void => {
    const next: { [k: string]: Json } = {};
    for (const r of rows) if (r.user.trim()) next[r.user.trim()] = r.password;
    void apply(actorId, { ...state, users: next });
  };

  return (
    <div className="registry">
      <table aria-label={`${actorName} user registry`}>
        <thead>
          <tr>
            <th scope="col">username</th>
            <th scope="col">password</th>
            <th scope="col"><span className="sr-only">actions</span></th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td>
                <input aria-label={`Username ${i + 1}`} value={r.user} onChange={(e) => update(i, { user: e.target.value })} />
              </td>
              <td>
                <input aria-label={`Password of ${r.user || `user ${i + 1}`}`} value={r.password} onChange={(e) => update(i, { password: e.target.value })} />
              </td>
              <td>
                <button type="button" className="icon-button" aria-label={`Remove ${r.user || `user ${i + 1}`}`} onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="registry-actions">
        <button type="button" onClick={() => setRows([...rows, { user: '', password: '' }])}>
          Add user
        </button>
        <button type="button" className="primary" disabled={!dirty} onClick={onApply} title={`Step ${stepN} is produced again with this registry; later steps are dropped`}>
          Apply registry
        </button>
        <span className="muted small">applies before step {stepN}</span>
      </div>
    </div>
  );
}
