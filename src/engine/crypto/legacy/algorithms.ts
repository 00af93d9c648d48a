// The legacy algorithm list, kept apart from the node-forge code so that cipher.ts and the xenc
// layer can name legacy algorithms (for XENC_LEGACY_ALGORITHM warnings) without loading forge.
// XML Encryption 1.1 §5.1 marks rsa-1_5 as not recommended, and NIST SP 800-131A disallows
// three-key Triple DES encryption after 2023.

import { URI } from '../../xml/names.ts';

/** Algorithms that still work but are deprecated: using them adds an XENC_LEGACY_ALGORITHM warning. */
export const LEGACY_ALGORITHMS: readonly string[] = [URI.rsa15, URI.tripledesCbc];

export function isLegacyAlgorithm(uri: string): boolean {
  return LEGACY_ALGORITHMS.includes(uri);
}
