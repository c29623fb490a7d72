import BrowserOnly from '@docusaurus/BrowserOnly';
import ErrorBoundary from '@docusaurus/ErrorBoundary';
import { useColorMode } from '@docusaurus/theme-common';
import CodeBlock from '@theme/CodeBlock';
import {
  lazy,
  Suspense,
  useEffect,
  useRef,
  useState,
  type CSSProperties,
  type FocusEvent,
  type ReactNode,
} from 'react';

import { editorHeightPx } from '@site/src/lib/labEditor/layout';

import type { Reveal } from './MonacoPane';
import PlainEditor from './PlainEditor';
import styles from './styles.module.css';
import { usePhone } from './usePhone';

// Monaco is about a megabyte of gzipped script and seconds of main-thread work: loading it with
// the page would make every lab page slow to become usable, on phones most of all. So the page
// shows the theme's highlighted code, and Monaco loads only when the learner starts editing
// (Edit, or focus on the code) or the editor scrolls into view.
const MonacoPane = lazy(() => import('./MonacoPane'));

type Activation = 'none' | 'in-view' | 'asked';

const HIGHLIGHTED_LINE = '.theme-code-block-highlighted-line';

export default function CodeArea(props: {
  labId: string;
  generation: number;
  code: Readonly<Record<string, string>>;
  active: string;
  /** The active file is there to be read, not edited: it stays highlighted code. */
  readOnly?: boolean;
  reveal?: Reveal;
  onChange: (name: string, code: string) => void;
}): ReactNode {
  const { labId, generation, code, active, readOnly = false, reveal, onChange } = props;
  const phone = usePhone();
  const { colorMode } = useColorMode();
  const [activation, setActivation] = useState<Activation>('none');
  const [focusPending, setFocusPending] = useState(false);
  // Which editor replaced the static code, once one has: Monaco, or the plain fallback.
  const [shown, setShown] = useState<'monaco' | 'plain'>();
  const area = useRef<HTMLDivElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const text = code[active] ?? '';
  const height = editorHeightPx(text);
  const monacoWanted = activation !== 'none' && !phone;

  useEffect(() => {
    const node = area.current;
    if (phone || activation !== 'none' || !node || typeof IntersectionObserver === 'undefined') {
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          setActivation((current) => (current === 'none' ? 'in-view' : current));
        }
      },
      { rootMargin: '200px 0px' },
    );
    observer.observe(node);
    return () => observer.disconnect();
  }, [phone, activation]);

  // In the static code (phones, before Monaco, or if it failed), bring the error's line into view.
  useEffect(() => {
    if (!reveal || (monacoWanted && shown)) return;
    area.current?.querySelector(HIGHLIGHTED_LINE)?.scrollIntoView({ block: 'center' });
  }, [reveal, monacoWanted, shown]);

  const askForEditor = () => {
    setActivation('asked');
    setFocusPending(true);
  };
  // The editor (Monaco, or the plain fallback) is in place: Edit has done its job.
  const onEditorShown = (kind: 'monaco' | 'plain') => {
    setShown(kind);
    setFocusPending(false);
  };
  const onStaticFocus = (event: FocusEvent<HTMLDivElement>) => {
    if (!phone && event.target instanceof HTMLPreElement) askForEditor();
  };

  const staticView = (
    <div
      className={styles.static}
      style={{ '--lab-editor-height': `${height}px` } as CSSProperties}
      onFocus={onStaticFocus}
    >
      <CodeBlock
        language="python"
        showLineNumbers
        metastring={reveal?.file === active ? `{${reveal.line}}` : undefined}
      >
        {text}
      </CodeBlock>
    </div>
  );

  if (readOnly) {
    return (
      <div ref={area}>
        <p className={styles.note}>
          <strong>Read-only:</strong> {active} is part of the workshop package every lab shares, so
          Run uses it as shipped. Make your changes in the lab’s own file.
        </p>
        {staticView}
      </div>
    );
  }

  if (phone) {
    return (
      <div ref={area}>
        <p className={styles.note}>
          The code is read-only on small touch screens: edit it on a computer. Run still runs the
          lab as saved on this device.
        </p>
        {staticView}
      </div>
    );
  }

  return (
    <div ref={area}>
      <div className={styles.codeHeader}>
        {!shown && (
          <button
            ref={editButton}
            type="button"
            className="button button--sm button--primary"
            onClick={askForEditor}
          >
            {activation === 'none' ? 'Edit' : 'Loading the editor…'}
          </button>
        )}
        {shown !== 'plain' && (
          <p className={styles.help}>
            <strong>Keyboard:</strong> Tab indents inside the editor. To leave it, press{' '}
            <kbd>Esc</kbd> then <kbd>Tab</kbd> (or <kbd>Shift</kbd>+<kbd>Tab</kbd>), or press{' '}
            <kbd>Ctrl</kbd>+<kbd>M</kbd> (<kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>M</kbd> on a Mac) to
            make Tab move focus.
          </p>
        )}
      </div>
      {monacoWanted ? (
        <BrowserOnly fallback={staticView}>
          {() => (
            <ErrorBoundary
              fallback={({ error }) => (
                <PlainEditor
                  name={active}
                  code={text}
                  height={height}
                  reason={error.message}
                  onChange={onChange}
                  onShown={() => onEditorShown('plain')}
                />
              )}
            >
              <Suspense fallback={staticView}>
                <MonacoPane
                  key={generation}
                  labId={labId}
                  generation={generation}
                  code={code}
                  active={active}
                  height={height}
                  dark={colorMode === 'dark'}
                  shouldFocusOnMount={() =>
                    focusPending || document.activeElement === editButton.current
                  }
                  reveal={reveal}
                  onChange={onChange}
                  onReady={() => onEditorShown('monaco')}
                />
              </Suspense>
            </ErrorBoundary>
          )}
        </BrowserOnly>
      ) : (
        staticView
      )}
    </div>
  );
}
