// Inspector mode (DESIGN §3): key material and the Keys panel on the left; the message (or the two
// messages being compared) in the middle; the report (or the comparison) on the right.

import { ErrorBoundary } from '../ErrorBoundary.tsx';
import { useStore } from '../store/index.ts';
import { ComparePane } from './ComparePane.tsx';
import { CompareResults } from './CompareResults.tsx';
import { InspectionReport } from './InspectionReport.tsx';
import { InspectorPane } from './InspectorPane.tsx';
import { KeysSide } from './KeysSide.tsx';

export function InspectorLayout() {
  const view = useStore((s) => s.inspectorView);
  return (
    <>
      <aside className="area-left" aria-label="Keys">
        <ErrorBoundary name="key material">
          <KeysSide />
        </ErrorBoundary>
      </aside>
      <main className="area-centre">
        <ErrorBoundary name={view === 'inspect' ? 'message' : 'compare'}>
          {view === 'inspect' ? <InspectorPane /> : <ComparePane />}
        </ErrorBoundary>
      </main>
      <aside className="area-right" aria-label={view === 'inspect' ? 'Inspection report' : 'Comparison'}>
        <ErrorBoundary name="report">
          {view === 'inspect' ? <InspectionReport /> : <CompareResults />}
        </ErrorBoundary>
      </aside>
    </>
  );
}
