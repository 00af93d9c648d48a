// Wire | Decrypted (| Token | Proof key): which view the message pane shows. Decrypted is there only
// when the report has a decrypted document (WSS_DECRYPTED_MESSAGE); Token when the message carries
// a SAML assertion; Proof key when the step is part of a holder-of-key proof key's chain. The
// scenario pane passes the last two; the inspector shows only Wire and Decrypted.

import { useStore, type PaneView } from './store/index.ts';
import { TabList } from './TabList.tsx';

export type ViewAvailability = Partial<Record<PaneView, boolean>>;

const TITLES: Record<PaneView, string> = { wire: 'Wire', decrypted: 'Decrypted', token: 'Token', proofkey: 'Proof key' };
const WHY_NOT: Record<PaneView, string> = {
  wire: '',
  decrypted: 'Nothing was decrypted in this message (or it has not been delivered yet)',
  token: 'This message carries no SAML assertion',
  proofkey: 'This step is not part of a holder-of-key symmetric proof key’s chain',
};

/** The view the pane really shows: the chosen one when it is available here, else the wire text. */
export function shownView(paneView: PaneView, available: ViewAvailability): PaneView {
  return paneView !== 'wire' && available[paneView] ? paneView : 'wire';
}

export function PaneViewTabs({ decryptedAvailable, more }: { decryptedAvailable: boolean; more?: { token: boolean; proofkey: boolean } }) {
  const paneView = useStore((s) => s.paneView);
  const setPaneView = useStore((s) => s.setPaneView);
  const available: ViewAvailability = { wire: true, decrypted: decryptedAvailable, ...(more ?? {}) };
  const view = shownView(paneView, available);
  const ids: PaneView[] = more ? ['wire', 'decrypted', 'token', 'proofkey'] : ['wire', 'decrypted'];
  return (
    <TabList
      label="Message view" className="view-tabs" tabClassName="view-tab" selected={view} onSelect={setPaneView}
      tabId={(id) => `pane-view-${id}`} controls={() => 'pane-view-panel'}
      items={ids.map((id) => ({ id, title: TITLES[id], ...(available[id] ? {} : { disabled: true, hint: WHY_NOT[id] }) }))}
    />
  );
}
