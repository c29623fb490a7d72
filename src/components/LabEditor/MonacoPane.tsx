/**
 * Monaco, as the lab editor loads it on demand (this module is only ever imported lazily).
 * Everything here is bundled with the site: no CDN, so the editor works offline and in
 * locked-down classrooms.
 */
import Editor, { loader, type OnMount } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/editor';
// Only what a Python lab needs: the bare editor API, Python colouring and the everyday features.
// Importing all of `monaco-editor` would add every language and about 14 MB of scripts.
import 'monaco-editor/languages/definitions/python/register';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/caretOperations/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/readOnlyMessage/register';
import 'monaco-editor/features/smartSelect/register';
import 'monaco-editor/features/suggest/register';
import 'monaco-editor/features/toggleTabFocusMode/register';
import 'monaco-editor/features/unicodeHighlighter/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/wordOperations/register';
import { useEffect, useRef, useState, type ReactNode } from 'react';

import { LINE_HEIGHT_PX } from '@site/src/lib/labEditor/layout';

import styles from './styles.module.css';

// Without this, @monaco-editor/react fetches Monaco from a public CDN at run time.
loader.config({ monaco });

// Rspack emits the worker as its own chunk only through `new Worker(new URL(…))`; Monaco's
// default lookup would request a file that does not exist in the build.
self.MonacoEnvironment = {
  getWorker: () =>
    new Worker(new URL('monaco-editor/editor/editor.worker.js', import.meta.url), {
      type: 'module',
    }),
};

const MARKER_OWNER = 'lab-run';

export type Reveal = { file: string; line: number; message: string; nonce: number };

export type MonacoPaneProps = {
  labId: string;
  /** Changes when the files are replaced from outside (reset, undo): models start afresh. */
  generation: number;
  code: Readonly<Record<string, string>>;
  active: string;
  height: number;
  dark: boolean;
  /** Asked at mount: whether the learner is waiting to type (Edit, focus on the code). */
  shouldFocusOnMount: () => boolean;
  reveal?: Reveal;
  onChange: (name: string, code: string) => void;
  onReady: () => void;
};

const modelPath = (labId: string, generation: number, name: string) =>
  `file:///labs/${labId}/${generation}/${name}`;

export default function MonacoPane(props: MonacoPaneProps): ReactNode {
  const { labId, generation, code, active, height, dark, reveal } = props;
  const [editor, setEditor] = useState<monaco.editor.IStandaloneCodeEditor>();
  const wrapper = useRef<HTMLDivElement>(null);
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });

  const onMount: OnMount = (mounted) => {
    setEditor(mounted);
    if (latest.current.shouldFocusOnMount()) mounted.focus();
    latest.current.onReady();
  };

  // Edits go to the file whose model changed, whatever tab the closure last saw.
  const onChange = (value: string | undefined) => {
    const path = editor?.getModel()?.uri.path;
    const prefix = `/labs/${labId}/${generation}/`;
    if (value === undefined || !path?.startsWith(prefix)) return;
    latest.current.onChange(path.slice(prefix.length), value);
  };

  // Monaco keeps Tab for indenting. Esc then Tab (or Shift+Tab) leaves the editor, as the note
  // beside it says: catching that Tab before Monaco sees it lets the browser move focus.
  useEffect(() => {
    const node = wrapper.current;
    if (!node) return;
    let escaped = false;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Tab' && escaped) event.stopPropagation();
      escaped = event.key === 'Escape';
    };
    const onFocusOut = () => {
      escaped = false;
    };
    node.addEventListener('keydown', onKeyDown, true);
    node.addEventListener('focusout', onFocusOut);
    return () => {
      node.removeEventListener('keydown', onKeyDown, true);
      node.removeEventListener('focusout', onFocusOut);
    };
  }, []);

  // The run's error, on its line: highlighted, marked (hover shows the message), in view.
  useEffect(() => {
    const model = editor?.getModel();
    if (!editor || !model) return;
    if (!reveal || reveal.file !== active) {
      monaco.editor.setModelMarkers(model, MARKER_OWNER, []);
      return;
    }
    const line = Math.min(Math.max(1, reveal.line), model.getLineCount());
    const range = new monaco.Range(line, 1, line, model.getLineMaxColumn(line));
    monaco.editor.setModelMarkers(model, MARKER_OWNER, [
      { ...range, severity: monaco.MarkerSeverity.Error, message: reveal.message },
    ]);
    const decorations = editor.createDecorationsCollection([
      {
        range,
        options: {
          isWholeLine: true,
          className: styles.errorLine,
          linesDecorationsClassName: styles.errorGutter,
        },
      },
    ]);
    editor.revealLineInCenter(line);
    editor.setPosition({ lineNumber: line, column: 1 });
    editor.focus();
    return () => decorations.clear();
  }, [editor, reveal, active]);

  // Models belong to this generation: dispose them with it, so a reset starts from the text.
  useEffect(() => {
    const prefix = modelPath(labId, generation, '');
    return () => {
      for (const model of monaco.editor.getModels()) {
        if (model.uri.toString(true).startsWith(prefix)) model.dispose();
      }
    };
  }, [labId, generation]);

  return (
    <div ref={wrapper} className={styles.monaco}>
      <Editor
        height={height}
        theme={dark ? 'vs-dark' : 'light'}
        path={modelPath(labId, generation, active)}
        defaultLanguage="python"
        defaultValue={code[active] ?? ''}
        keepCurrentModel
        onMount={onMount}
        onChange={onChange}
        loading={<p className={styles.loading}>Loading the editor…</p>}
        options={{
          ariaLabel: `${active}: Python code of lab ${labId}. Press Escape then Tab to leave the editor.`,
          automaticLayout: true,
          detectIndentation: false,
          fontSize: 14,
          insertSpaces: true,
          lineHeight: LINE_HEIGHT_PX,
          minimap: { enabled: false },
          padding: { top: 8, bottom: 8 },
          renderLineHighlightOnlyWhenFocus: true,
          scrollBeyondLastLine: false,
          // Scrolling the page over the editor keeps scrolling the page at the file's ends.
          scrollbar: { alwaysConsumeMouseWheel: false },
          tabSize: 4,
        }}
      />
    </div>
  );
}
