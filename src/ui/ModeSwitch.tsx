// Scenarios | Inspector | Matrix: the app's modes, as tabs in the top bar (arrow keys switch,
// wrapping round; the choice is saved with the workspace).

import { useStore, type AppMode } from './store/index.ts';
import { TabList } from './TabList.tsx';

const MODES: Array<{ id: AppMode; title: string; hint: string }> = [
  { id: 'scenarios', title: 'Scenarios', hint: 'Step through a message flow between simulated parties' },
  { id: 'inspector', title: 'Inspector', hint: 'Inspect any SOAP message with keys you give: canonical bytes, decryption, compare' },
  { id: 'matrix', title: 'Matrix', hint: "Seed 001's OpenSSO token matrix (table 3-3): the seed's output beside the engine's decision, row by row" },
];

export function ModeSwitch() {
  const mode = useStore((s) => s.mode);
  const setMode = useStore((s) => s.setMode);
  // deferFocus: the tab is rendered again in the other layout; focus it once it is there.
  return (
    <TabList
      label="Mode" className="mode-switch" tabClassName="mode-tab" selected={mode} onSelect={setMode} deferFocus
      tabId={(id) => `mode-${id}`} items={MODES.map((m) => ({ id: m.id, title: m.title, hint: m.hint }))}
    />
  );
}
