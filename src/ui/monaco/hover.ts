// Hover help on element names (DESIGN decision 8): the engine explains what the element is, which
// spec defines it and why it is there.

import type { Monaco } from './monaco.ts';
import { elementNameAt, resolvePrefix } from './namespaces.ts';

export type ExplainElement = (
  namespaceURI: string | null,
  localName: string,
) => { title: string; text: string; specRef: string } | null;

let installed = false;

export function installElementHover(monaco: Monaco, explain: ExplainElement): void {
  if (installed) return;
  installed = true;
  monaco.languages.registerHoverProvider('xml', {
    provideHover(model, position) {
      const name = elementNameAt(model.getLineContent(position.lineNumber), position.column);
      if (!name) return null;
      const offset = model.getOffsetAt({ lineNumber: position.lineNumber, column: name.startColumn });
      const ns = resolvePrefix(model.getValue(), name.prefix, offset);
      const help = explain(ns, name.localName);
      const qname = name.prefix ? `${name.prefix}:${name.localName}` : name.localName;
      const range = new monaco.Range(position.lineNumber, name.startColumn, position.lineNumber, name.endColumn);
      if (!help) {
        return { range, contents: [{ value: `\`${qname}\` — \`{${ns ?? ''}}${name.localName}\`` }] };
      }
      return {
        range,
        contents: [
          { value: help.title.includes(qname) ? `**${help.title}**` : `**${help.title}** — \`${qname}\`` },
          { value: help.text },
          { value: `*${help.specRef}* · \`${ns ?? '(no namespace)'}\`` },
        ],
      };
    },
  });
}
