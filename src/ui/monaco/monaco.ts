// The only file that imports Monaco: the core API, the editor features the message pane uses and
// the XML tokenizer, all bundled and served from this origin. The editor worker comes from a Vite
// `?worker` import, so nothing is fetched from a CDN (the app works offline).

import * as monaco from 'monaco-editor/editor/editor.api';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/smartSelect/register';
import 'monaco-editor/features/suggest/register';
// The suggest feature's register module leaves out its controller (0.57 packaging): Ctrl+Space needs it.
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/wordOperations/register';
import 'monaco-editor/features/toggleTabFocusMode/register';
import 'monaco-editor/features/readOnlyMessage/register';
import 'monaco-editor/languages/definitions/xml/register';

self.MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

monaco.editor.defineTheme('wsbench', {
  base: 'vs',
  inherit: true,
  rules: [
    { token: 'tag', foreground: '1d4ed8' },
    { token: 'attribute.name', foreground: '9a3412' },
    { token: 'attribute.value', foreground: '047857' },
    { token: 'delimiter', foreground: '64748b' },
    { token: 'comment', foreground: '6b7280', fontStyle: 'italic' },
  ],
  colors: {
    'editor.background': '#ffffff',
    'editorLineNumber.foreground': '#9aa3af',
    'editorLineNumber.activeForeground': '#374151',
    'editor.lineHighlightBackground': '#f3f6fb',
    'editorGutter.background': '#f8fafc',
  },
});

export { monaco };
export type Monaco = typeof monaco;
