// Well-formedness of the pane's text, recomputed ~300 ms after the last edit.

import { useEffect, useState } from 'react';
import { checkXml } from '../engine/index.ts';

export interface XmlStatus {
  /** The text this status is about (it lags the pane by the debounce). */
  text: string;
  problem: { message: string; line: number; column: number } | null;
}

export function useXmlCheck(text: string, delayMs = 300): XmlStatus | null {
  const [status, setStatus] = useState<XmlStatus | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => {
      let problem: XmlStatus['problem'];
      try {
        const r = checkXml(text);
        problem = r.ok ? null : { message: r.message, line: r.line, column: r.column };
      } catch (e) {
        problem = { message: e instanceof Error ? e.message : String(e), line: 1, column: 1 };
      }
      setStatus({ text, problem });
    }, delayMs);
    return () => clearTimeout(timer);
  }, [text, delayMs]);
  return status;
}
