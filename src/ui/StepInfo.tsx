// The step on screen in words: who sends what to whom, why, what the receiver should do, and the
// spec rules involved.

import type { Expectation } from '../engine/index.ts';
import { selectScenario, selectStep, useStore } from './store/index.ts';

export function expectationText(expect: Expectation): string {
  return expect.accept ? 'accept' : `reject with ${expect.code}`;
}

export function StepInfo() {
  const step = useStore(selectStep);
  const scenario = useStore(selectScenario);
  const nameOf = (id: string): string => scenario?.actors.find((a) => a.id === id)?.name ?? id;
  if (!step) {
    return <section className="stepinfo panel" aria-label="Step" />;
  }
  return (
    <section className="stepinfo panel" aria-label="Step">
      <h2 className="panel-title">
        Step {step.n}: {step.label}
      </h2>
      <div className="stepinfo-body">
        <p className="stepinfo-meta">
          <span className="mono">{nameOf(step.from)} → {nameOf(step.to)}</span>
          <span className="muted"> · {step.time.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')}</span>
        </p>
        <p className="stepinfo-explain">{step.explain}</p>
        <p className="stepinfo-expect">
          Receiver should <strong>{expectationText(step.expect)}</strong>
        </p>
        {step.specRefs.length > 0 && (
          <ul className="chips" aria-label="Spec references">
            {step.specRefs.map((r) => (
              <li key={r} className="chip">
                {r}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
