// The secrets this step used (passwords, nonces, derived keys with their inputs).

import { JsonTree } from './JsonTree.tsx';
import { selectStep, useStore } from './store/index.ts';

export function SecretsTab() {
  const step = useStore(selectStep);
  const secrets = step ? Object.entries(step.secrets) : [];
  if (secrets.length === 0) return <p className="muted">This step used no secrets.</p>;
  return (
    <table className="secrets" aria-label="Secrets">
      <tbody>
        {secrets.map(([name, value]) => (
          <tr key={name}>
            <th scope="row" className="mono">{name}</th>
            <td>{typeof value === 'object' && value !== null ? <JsonTree value={value} label={name} /> : <code className="secret-value">{String(value)}</code>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
