// One decrypted part: its target (click to reveal it in the decrypted view), the data algorithm and
// the key chain that led to the data key — each step's algorithm, where its key came from and
// (when the engine gives it) the resulting key bytes.

import { Algorithm } from './Algorithm.tsx';
import type { DecryptionDetails, KeyChainStep } from './details.ts';
import type { RevealPath } from './SignatureView.tsx';

export function KeyChain({ chain }: { chain: readonly KeyChainStep[] }) {
  if (chain.length === 0) return <p className="muted small">No key chain recorded.</p>;
  return (
    <ol className="chain" aria-label="Key chain">
      {chain.map((s, i) => (
        <li key={i} className="chain-step">
          <div>
            <strong>{s.what}</strong> <Algorithm uri={s.algorithm} />
          </div>
          <div className="small">key from: {s.keySource}</div>
          {s.keyBytes && (
            <div className="small">
              → key <code className="key-bytes">{s.keyBytes}</code>
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}

export function DecryptionView({ details, onRevealPath }: { details: DecryptionDetails; onRevealPath: RevealPath }) {
  return (
    <div className="dec-view">
      <dl className="kv">
        <dt>target</dt>
        <dd>
          <button type="button" className="link-button path-button" title="Reveal the decrypted element" onClick={() => onRevealPath(details.target)}>
            {details.target}
          </button>
        </dd>
        {details.id && (
          <>
            <dt>Id</dt>
            <dd><code>{details.id}</code></dd>
          </>
        )}
        <dt>data</dt>
        <dd><Algorithm uri={details.algorithm} /></dd>
      </dl>
      <KeyChain chain={details.chain} />
    </div>
  );
}
