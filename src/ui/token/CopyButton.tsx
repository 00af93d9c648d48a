// A small "Copy" button for a value (a key, a CipherValue, an Id): it says "Copied" for a moment,
// or why it could not copy (the page may not be allowed the clipboard).

import { useEffect, useState } from 'react';

export function CopyButton({ value, what }: { value: string; what: string }) {
  const [said, setSaid] = useState<'copied' | 'failed' | null>(null);
  useEffect(() => {
    if (!said) return;
    const t = window.setTimeout(() => setSaid(null), 1400);
    return () => window.clearTimeout(t);
  }, [said]);
  const copy = (): void => {
    navigator.clipboard.writeText(value).then(
      () => setSaid('copied'),
      () => setSaid('failed'),
    );
  };
  return (
    <button
      type="button"
      className={`copy-button${said ? ` copy-${said}` : ''}`}
      aria-label={`Copy ${what}`}
      title={said === 'failed' ? 'The browser refused the clipboard: select the text and copy it' : `Copy ${what}`}
      onClick={copy}
    >
      {said === 'copied' ? '✓ Copied' : said === 'failed' ? '✗ Not copied' : 'Copy'}
    </button>
  );
}
