// One screen, fixed grid. Scenarios: top bar; flow (diagram, step, policy) | message pane |
// report; details. Inspector: top bar; key material and Keys | message(s) | report or comparison.
// Matrix: top bar; seed 001's token matrix beside the engine's decisions.

import { useEffect } from 'react';
import { BottomPanel } from './BottomPanel.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { InspectorLayout } from './inspector/InspectorLayout.tsx';
import { MatrixView } from './matrix/MatrixView.tsx';
import { MessagePane } from './MessagePane.tsx';
import { PolicyPanel } from './PolicyPanel.tsx';
import { ReportPanel } from './ReportPanel.tsx';
import { AttackBanner } from './sc/AttackBanner.tsx';
import { SequenceDiagram } from './SequenceDiagram.tsx';
import { StepInfo } from './StepInfo.tsx';
import { TopBar } from './TopBar.tsx';
import { useStore } from './store/index.ts';
import { useGlobalKeys } from './useGlobalKeys.ts';

export function App() {
  useGlobalKeys();
  const runMs = useStore((s) => s.runMs);
  const busy = useStore((s) => s.busy);
  const mode = useStore((s) => s.mode);
  useEffect(() => {
    // Read by the e2e tests and the screenshot script (performance of runToEnd in this browser).
    if (runMs === null) delete document.body.dataset.runMs;
    else document.body.dataset.runMs = String(runMs);
  }, [runMs]);

  if (mode === 'matrix') {
    return (
      <div className="app app-matrix" aria-busy={busy !== null}>
        <TopBar />
        <main className="area-centre">
          <ErrorBoundary name="token matrix">
            <MatrixView />
          </ErrorBoundary>
        </main>
      </div>
    );
  }
  if (mode === 'inspector') {
    return (
      <div className="app app-inspector" aria-busy={busy !== null}>
        <TopBar />
        <InspectorLayout />
      </div>
    );
  }
  return (
    <div className="app" aria-busy={busy !== null}>
      <TopBar />
      <aside className="area-left" aria-label="Flow">
        <ErrorBoundary name="sequence diagram">
          <SequenceDiagram />
        </ErrorBoundary>
        <ErrorBoundary name="step">
          <StepInfo />
        </ErrorBoundary>
        <ErrorBoundary name="policy">
          <PolicyPanel />
        </ErrorBoundary>
      </aside>
      <main className="area-centre">
        <ErrorBoundary name="message">
          <MessagePane />
        </ErrorBoundary>
      </main>
      <aside className="area-right" aria-label="Receiver's report">
        <ErrorBoundary name="attacker's message">
          <AttackBanner />
        </ErrorBoundary>
        <ErrorBoundary name="report">
          <ReportPanel />
        </ErrorBoundary>
      </aside>
      <section className="area-bottom" aria-label="Details">
        <ErrorBoundary name="details">
          <BottomPanel />
        </ErrorBoundary>
      </section>
    </div>
  );
}
