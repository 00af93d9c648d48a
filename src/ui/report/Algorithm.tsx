// An algorithm URI as people say it (its fragment), the full URI on hover, and a "legacy" badge
// for the ones the engine warns about (rsa-1_5, tripledes-cbc).

import { algorithmName, isLegacyAlgorithm } from './details.ts';

export function LegacyBadge({ title }: { title?: string }) {
  return (
    <span className="legacy-badge" title={title ?? 'Legacy algorithm: deprecated, accepted for interoperability only (XENC_LEGACY_ALGORITHM)'}>
      legacy
    </span>
  );
}

export function Algorithm({ uri }: { uri: string }) {
  const legacy = isLegacyAlgorithm(uri);
  return (
    <span className="algorithm">
      <code title={uri}>{algorithmName(uri)}</code>
      {legacy && <LegacyBadge />}
    </span>
  );
}
