// The variant's configuration: what it is, where it comes from, and its WS-SecurityPolicy XML.

import { XmlView } from './XmlView.tsx';
import { selectVariant, useStore } from './store/index.ts';

export function PolicyPanel() {
  const variant = useStore(selectVariant);
  return (
    <section className="policy panel" aria-label="Policy">
      <h2 className="panel-title">
        Policy <span className="muted">· {variant?.title ?? '—'}</span>
      </h2>
      <div className="policy-body">
        {variant?.description && <p className="policy-desc">{variant.description}</p>}
        {variant?.source && (
          <p className="policy-source">
            <span className="muted">source:</span> {variant.source}
          </p>
        )}
        {variant?.policyXml ? (
          <XmlView xml={variant.policyXml} label="Policy XML" />
        ) : (
          <p className="muted">This variant has no policy document.</p>
        )}
      </div>
    </section>
  );
}
