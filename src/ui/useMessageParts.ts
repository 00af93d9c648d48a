// Signed and encrypted parts of an editor's text (the engine's messageParts), recomputed ~300 ms
// after the last edit (DESIGN §6.8), so marking never slows typing.

import { useEffect, useState } from 'react';
import { messageParts } from '../engine/index.ts';
import type { PartMarker } from '../engine/index.ts';

export interface PartsStatus {
  /** The text these parts are about (it lags the editor by the debounce). */
  text: string;
  parts: PartMarker[];
}

export function useMessageParts(text: string, delayMs = 300): PartsStatus | null {
  const [status, setStatus] = useState<PartsStatus | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => {
      let parts: PartMarker[];
      try {
        parts = messageParts(text);
      } catch (e) {
        // messageParts returns [] for text it cannot parse; anything else is a bug worth a log line.
        console.warn('wsbench: messageParts failed', e);
        parts = [];
      }
      setStatus({ text, parts });
    }, delayMs);
    return () => clearTimeout(timer);
  }, [text, delayMs]);
  return status;
}
