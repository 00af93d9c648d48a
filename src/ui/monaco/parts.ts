// Signed and encrypted parts in an editor (issue 3 point 7): each part the engine's messageParts
// names is marked over its whole extent (a coloured bar beside every line of the element, a glyph
// on its first line), and each ds:Signature links to the elements it references — hovering the
// Signature, or clicking a "signed" glyph, highlights them.

import type { PartMarker } from '../../engine/index.ts';
import type { Monaco } from './monaco.ts';
import { elementAtPosition, elementByPath, innermostAt, scanElements, type ElementSpan } from './xmlElements.ts';

type CodeEditor = ReturnType<Monaco['editor']['create']>;
type Decorations = ReturnType<CodeEditor['createDecorationsCollection']>;
type DecorationSpec = Parameters<Decorations['set']>[0][number];

/** A part placed in the text: the element's extent as offsets. */
export interface PlacedPart {
  marker: PartMarker;
  element: ElementSpan;
}

export interface PartsProbe {
  parts: Array<{ kind: PartMarker['kind']; by: string; ref: string; path: string; startLine: number; endLine: number }>;
  linked: { signature: string | null; lines: number[] };
}

/** Finds each marker's element: by the position the engine gave, else by its path. */
export function placeParts(spans: readonly ElementSpan[], parts: readonly PartMarker[]): PlacedPart[] {
  return parts.flatMap((marker) => {
    const element = elementAtPosition(spans, marker.line, marker.column) ?? elementByPath(spans, marker.path);
    return element ? [{ marker, element }] : [];
  });
}

function glyphHover(kind: PartMarker['kind'], parts: PlacedPart[]): string {
  if (kind === 'encrypted') {
    return parts.map((p) => `**Encrypted** — \`${p.marker.path}\`\n\n${p.marker.by}${p.marker.ref ? ` · Id \`${p.marker.ref}\`` : ''}`).join('\n\n---\n\n');
  }
  const lines = parts.map((p) => `**Signed** — \`${p.marker.path}\` (Reference \`${p.marker.ref}\`)\n\nby \`${p.marker.by}\``);
  return `${lines.join('\n\n---\n\n')}\n\n*Click the glyph to highlight everything this signature covers; hover the ds:Signature to do the same.*`;
}

export class PartDecorations {
  private spans: ElementSpan[] = [];
  private placed: PlacedPart[] = [];
  private readonly marks: Decorations;
  private readonly links: Decorations;
  private hovered: string | null = null;
  private pinned: string | null = null;

  constructor(
    private readonly monaco: Monaco,
    private readonly editor: CodeEditor,
    private readonly onPin: (signature: string | null) => void,
  ) {
    this.marks = editor.createDecorationsCollection();
    this.links = editor.createDecorationsCollection();
    editor.onMouseMove((e) => this.hover(e.target.position ?? null));
    editor.onMouseLeave(() => this.hover(null));
    editor.onMouseDown((e) => {
      if (e.target.type !== monaco.editor.MouseTargetType.GUTTER_GLYPH_MARGIN || !e.target.position) return;
      const line = e.target.position.lineNumber;
      const part = this.placed.find((p) => p.marker.kind === 'signed' && p.element.line === line);
      if (part) this.onPin(this.pinned === part.marker.by ? null : part.marker.by);
    });
  }

  /** New markers for the editor's current text. */
  set(parts: readonly PartMarker[]): void {
    const model = this.editor.getModel();
    if (!model) return;
    this.spans = scanElements(model.getValue());
    this.placed = placeParts(this.spans, parts);
    this.marks.set(this.markDecorations(model));
    this.renderLinks();
  }

  /** The signature whose references stay highlighted (legend button, glyph click), or null. */
  pin(signature: string | null): void {
    this.pinned = signature;
    this.renderLinks();
  }

  /** The path of the element at an engine path, as a 1-based line (for reveal), or null. */
  lineOfPath(path: string): { line: number; column: number } | null {
    const model = this.editor.getModel();
    if (!model) return null;
    const el = elementByPath(this.spans.length ? this.spans : scanElements(model.getValue()), path);
    return el ? { line: el.line, column: el.column } : null;
  }

  probe(): PartsProbe {
    const model = this.editor.getModel();
    const line = (offset: number): number => model?.getPositionAt(offset).lineNumber ?? 0;
    return {
      parts: this.placed.map(({ marker, element }) => ({
        kind: marker.kind, by: marker.by, ref: marker.ref, path: marker.path, startLine: element.line, endLine: line(element.end - 1),
      })),
      linked: { signature: this.hovered ?? this.pinned, lines: this.links.getRanges().map((r) => r.startLineNumber) },
    };
  }

  private markDecorations(model: NonNullable<ReturnType<CodeEditor['getModel']>>): DecorationSpec[] {
    const { monaco } = this;
    const out: DecorationSpec[] = [];
    const glyphs = new Map<string, PlacedPart[]>();
    for (const p of this.placed) {
      const from = model.getPositionAt(p.element.start);
      const to = model.getPositionAt(p.element.end);
      const signed = p.marker.kind === 'signed';
      out.push({
        range: new monaco.Range(from.lineNumber, from.column, to.lineNumber, to.column),
        options: {
          linesDecorationsClassName: signed ? 'wsb-bar-signed' : 'wsb-bar-encrypted',
          overviewRuler: { color: signed ? '#0f9f8f' : '#8b5cf6', position: signed ? monaco.editor.OverviewRulerLane.Left : monaco.editor.OverviewRulerLane.Center },
        },
      });
      // The start tag is underlined in the part's colour: bars are per line, this is exact.
      const tagEnd = model.getPositionAt(p.element.startTagEnd);
      out.push({
        range: new monaco.Range(from.lineNumber, from.column, tagEnd.lineNumber, tagEnd.column),
        options: { inlineClassName: signed ? 'wsb-tag-signed' : 'wsb-tag-encrypted' },
      });
      const key = `${p.marker.kind} ${from.lineNumber}`;
      glyphs.set(key, [...(glyphs.get(key) ?? []), p]);
    }
    for (const [key, parts] of glyphs) {
      const [kind, line] = key.split(' ') as [PartMarker['kind'], string];
      out.push({
        range: new monaco.Range(Number(line), 1, Number(line), 1),
        options: {
          glyphMarginClassName: kind === 'signed' ? 'wsb-glyph-signed' : 'wsb-glyph-encrypted',
          glyphMarginHoverMessage: { value: glyphHover(kind, parts) },
          glyphMargin: { position: kind === 'signed' ? monaco.editor.GlyphMarginLane.Left : monaco.editor.GlyphMarginLane.Center },
        },
      });
    }
    return out;
  }

  private hover(position: { lineNumber: number; column: number } | null): void {
    const model = this.editor.getModel();
    let signature: string | null = null;
    if (position && model) {
      const offset = model.getOffsetAt(position);
      const sig = innermostAt(this.spans, offset, (s) => s.localName === 'Signature');
      if (sig && this.placed.some((p) => p.marker.by === sig.path)) signature = sig.path;
    }
    if (signature === this.hovered) return;
    this.hovered = signature;
    this.renderLinks();
  }

  private renderLinks(): void {
    const model = this.editor.getModel();
    const signature = this.hovered ?? this.pinned;
    if (!model || !signature) {
      this.links.clear();
      return;
    }
    const { monaco } = this;
    // Each highlighted element also marks the overview ruler, so off-screen ones are found too.
    const whole = (el: ElementSpan, className: string, ruler: string): DecorationSpec => {
      const from = model.getPositionAt(el.start);
      const to = model.getPositionAt(el.end);
      // The element's own text, not whole lines: a SOAP message often has many elements on one line.
      return { range: new monaco.Range(from.lineNumber, from.column, to.lineNumber, to.column), options: { className, overviewRuler: { color: ruler, position: monaco.editor.OverviewRulerLane.Full } } };
    };
    const refs = this.placed.filter((p) => p.marker.kind === 'signed' && p.marker.by === signature).map((p) => whole(p.element, 'wsb-linked', '#0f9f8f'));
    const sig = elementByPath(this.spans, signature);
    this.links.set(sig ? [...refs, whole(sig, 'wsb-linked-signature', '#2458d3')] : refs);
  }
}
