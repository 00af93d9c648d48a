// The message after decryption, beside the wire text (issue 3 point 8): a read-only editor with
// the decrypted document (WSS_DECRYPTED_MESSAGE), and the key chain of every decrypted part.

import type { Report } from '../engine/index.ts';
import { MessageEditor } from './MessageEditor.tsx';
import { Algorithm } from './report/Algorithm.tsx';
import { KeyChain } from './report/DecryptionView.tsx';
import { decryptionsOf } from './report/details.ts';
import { Disclosure } from './report/Disclosure.tsx';
import { useStore } from './store/index.ts';
import { useMessageParts } from './useMessageParts.ts';

export function DecryptedView({ document, report }: { document: string; report: Report | null }) {
  const parts = useMessageParts(document, 0);
  const decryptions = decryptionsOf(report);
  const revealPath = useStore((s) => s.revealPath);
  return (
    <div className="decrypted-view">
      <section className="chains" aria-label="Decrypted parts">
        {decryptions.length === 0 && <p className="muted small">The report names no decrypted part.</p>}
        {decryptions.map((d, i) => (
          <div key={i} className="chain-item">
            <Disclosure
              label={d.target}
              summary={<>· <Algorithm uri={d.algorithm} /> · {d.chain.length} key step(s)</>}
              defaultOpen={decryptions.length <= 2}
            >
              {() => (
                <>
                  <KeyChain chain={d.chain} />
                  <button type="button" className="small-button" onClick={() => revealPath(d.target, 'decrypted')}>
                    Reveal {d.target.split('/').pop()}
                  </button>
                </>
              )}
            </Disclosure>
          </div>
        ))}
      </section>
      <MessageEditor
        text={document}
        name="decrypted"
        ariaLabel="Decrypted message XML (read-only)"
        readOnly
        parts={parts}
        scrollTo={decryptions[0]?.target ?? null}
      />
    </div>
  );
}
