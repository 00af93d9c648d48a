// Read-only XML with light syntax colouring (tags, attribute names, values), for small documents
// such as a variant's policy. Selectable text, no editor.

import { Fragment } from 'react';

const TOKEN = /(<\/?[\w:.-]+|\/?>|<!--[\s\S]*?-->|[\w:.-]+(?==)|"[^"]*"|'[^']*')/g;

function classOf(token: string): string | null {
  if (token.startsWith('<!--')) return 'x-comment';
  if (token.startsWith('<') || token.endsWith('>')) return 'x-tag';
  if (token.startsWith('"') || token.startsWith("'")) return 'x-value';
  if (/^[\w:.-]+$/.test(token)) return 'x-attr';
  return null;
}

export function XmlView({ xml, label }: { xml: string; label: string }) {
  const parts = xml.split(TOKEN);
  return (
    <pre className="xml-pre" aria-label={label} tabIndex={0}>
      {parts.map((part, i) => {
        // split() with a capture group alternates text (even) and tokens (odd).
        const cls = i % 2 === 1 ? classOf(part) : null;
        return cls ? (
          <span key={i} className={cls}>
            {part}
          </span>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        );
      })}
    </pre>
  );
}
