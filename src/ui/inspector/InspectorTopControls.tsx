// Inspector mode's part of the top bar: Inspect one message | Compare two.

import { useStore, type InspectorView } from '../store/index.ts';
import { TabList } from '../TabList.tsx';

const VIEWS: Array<{ id: InspectorView; title: string }> = [
  { id: 'inspect', title: 'Inspect a message' },
  { id: 'compare', title: 'Compare two messages' },
];

export function InspectorTopControls() {
  const view = useStore((s) => s.inspectorView);
  const setView = useStore((s) => s.setInspectorView);
  return (
    <TabList
      label="Inspector view" className="mode-switch sub-switch" tabClassName="mode-tab" selected={view} onSelect={setView}
      tabId={(id) => `inspector-view-${id}`} items={VIEWS}
    />
  );
}
