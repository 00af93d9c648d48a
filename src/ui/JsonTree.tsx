// Plain data (actor state, secrets, check details) as a readable, selectable tree.

import { useState } from 'react';
import type { Json } from '../engine/index.ts';

const LONG = 120;

function LongString({ value }: { value: string }) {
  const [open, setOpen] = useState(false);
  if (value.length <= LONG) return <span className="j-str">"{value}"</span>;
  return (
    <span className="j-str">
      "{open ? value : `${value.slice(0, LONG)}…`}"
      <button type="button" className="link-button" aria-label={open ? 'Show less' : `Show all ${value.length} characters`} onClick={() => setOpen(!open)}>
        {open ? 'less' : `+${value.length - LONG}`}
      </button>
    </span>
  );
}

function Leaf({ value }: { value: Json | undefined }) {
  if (value === null || value === undefined) return <span className="j-null">null</span>;
  if (typeof value === 'string') return <LongString value={value} />;
  if (typeof value === 'number') return <span className="j-num">{value}</span>;
  if (typeof value === 'boolean') return <span className="j-bool">{String(value)}</span>;
  return null;
}

function entriesOf(value: Json[] | { [k: string]: Json }): Array<[string, Json]> {
  return Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
}

interface NodeProps {
  name: string;
  value: Json;
  depth: number;
  openDepth: number;
  /** Keys whose subtree starts closed (large configuration such as the policy model). */
  closed: readonly string[];
}

function Node({ name, value, depth, openDepth, closed }: NodeProps) {
  if (value === null || typeof value !== 'object') {
    return (
      <li className="j-row">
        <span className="j-key">{name}</span>: <Leaf value={value} />
      </li>
    );
  }
  const entries = entriesOf(value);
  const summary = Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`;
  return (
    <li className="j-row">
      <details open={depth < openDepth && !closed.includes(name)}>
        <summary>
          <span className="j-key">{name}</span> <span className="muted">{summary}</span>
        </summary>
        <ul className="j-list">
          {entries.map(([k, v]) => (
            <Node key={k} name={k} value={v} depth={depth + 1} openDepth={openDepth} closed={closed} />
          ))}
          {entries.length === 0 && <li className="j-row muted">empty</li>}
        </ul>
      </details>
    </li>
  );
}

const NONE: readonly string[] = [];

interface TreeProps {
  value: Json;
  label: string;
  openDepth?: number;
  closed?: readonly string[];
}

export function JsonTree({ value, label, openDepth = 3, closed = NONE }: TreeProps) {
  if (value === null || typeof value !== 'object') {
    return (
      <div className="j-tree" aria-label={label}>
        <Leaf value={value} />
      </div>
    );
  }
  return (
    <ul className="j-tree j-list" aria-label={label}>
      {entriesOf(value).map(([k, v]) => (
        <Node key={k} name={k} value={v} depth={1} openDepth={openDepth} closed={closed} />
      ))}
    </ul>
  );
}
