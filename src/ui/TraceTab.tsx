// The step record exactly as the engine keeps it (plain JSON).

import { selectStep, useStore } from './store/index.ts';

export function TraceTab() {
  const step = useStore(selectStep);
  return (
    <pre className="trace" aria-label="Step JSON" tabIndex={0}>
      {step ? JSON.stringify(step, null, 2) : ''}
    </pre>
  );
}
