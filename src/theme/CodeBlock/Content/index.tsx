import { useCodeBlockContext } from '@docusaurus/theme-common/internal';
import { usePrismTheme } from '@docusaurus/theme-common';
import type Content from '@theme/CodeBlock/Content';
import clsx from 'clsx';
import {
  lazy,
  Suspense,
  use,
  useCallback,
  useId,
  useSyncExternalStore,
  type ComponentProps,
  type ReactNode,
} from 'react';

import styles from './styles.module.css';

type Props = ComponentProps<typeof Content>;

const loadHighlighter = () => import('./Highlighted');
const Highlighted = lazy(loadHighlighter);

/**
 * When a block's highlighted content may render in the browser, per block (by its id): once it
 * comes near the viewport. The server's HTML has the code uncoloured (cheap to parse and, when
 * the theme re-mounts every block after hydration to apply the colour mode, cheap to replace);
 * each block is coloured when it is in view and the highlighter has loaded, so Prism runs only
 * on code the learner can see (a solution in a closed <details> waits until it is opened).
 */
const gates = new Map<string, Promise<unknown>>();

function gateFor(id: string): Promise<unknown> {
  let gate = gates.get(id);
  if (!gate) {
    // Only a render after hydration asks (see Gate): the block's wrapper is in the DOM once
    // React commits it, so look for it then (a few tries), and highlight at once if it never is.
    gate = committed(id)
      .then(
        (block) =>
          new Promise<void>((resolve) => {
            if (!block || typeof IntersectionObserver === 'undefined') return resolve();
            observe(block, resolve);
          }),
      )
      .then(loadHighlighter);
    gates.set(id, gate);
  }
  return gate;
}

function committed(id: string, tries = 20): Promise<Element | null> {
  const block = document.querySelector(`[data-code-block="${CSS.escape(id)}"]`);
  if (block || tries === 0) return Promise.resolve(block);
  return new Promise((resolve) => setTimeout(resolve, 50)).then(() => committed(id, tries - 1));
}

function observe(block: Element, resolve: () => void): void {
  const observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      resolve();
    },
    { rootMargin: '200px 0px' },
  );
  observer.observe(block);
}

const subscribeToNothing = () => () => {};
const inTheBrowser = () => true;
const onTheServer = () => false;

/** After hydration only: the block waits for its gate, then renders highlighted. */
function Gate(props: Props & { id: string }): ReactNode {
  const { id, ...content } = props;
  use(gateFor(id));
  return <Highlighted {...content} />;
}

/**
 * The same block without colours, while the highlighter loads. One text node, not an element
 * per line: a lab file of 400 lines would otherwise be some 1,300 nodes for the page to parse,
 * hydrate and (when the theme re-mounts blocks after hydration) build again. Lines marked by
 * the metastring (an error's line, a `{3}`) keep their own elements, to carry the class.
 */
function PlainContent(props: Props): ReactNode {
  const { metadata } = useCodeBlockContext();
  const { plain } = usePrismTheme();
  const marked = Object.keys(metadata.lineClassNames).length > 0;
  return (
    <pre
      tabIndex={0} // it scrolls sideways, as the theme's own block does
      className={clsx(props.className, 'prism-code', styles.codeBlock, 'thin-scrollbar')}
      style={{ color: plain.color, backgroundColor: plain.backgroundColor }}
    >
      <code className={styles.codeBlockLines}>
        {marked
          ? metadata.code.split('\n').map((line, i) => (
              <span key={i} className={clsx('token-line', metadata.lineClassNames[i])}>
                {line}
                <br />
              </span>
            ))
          : metadata.code}
      </code>
    </pre>
  );
}

/**
 * The theme's code block content with Prism out of the page's first scripts: the highlighter
 * is a chunk of its own (./Highlighted), loaded when a block needs it (see gateFor).
 */
export default function CodeBlockContent(props: Props): ReactNode {
  const id = useId();
  const { wordWrap } = useCodeBlockContext();
  // The theme's word-wrap hook measures the <pre> as soon as the block mounts; while the
  // content is the plain block, point it at that element.
  const adoptPre = useCallback(
    (element: HTMLDivElement | null) => {
      const pre = element?.querySelector('pre');
      // eslint-disable-next-line react-hooks/immutability -- the theme's ref to the <pre>, set in a ref callback as React sets it
      if (pre && !wordWrap.codeBlockRef.current) wordWrap.codeBlockRef.current = pre;
    },
    [wordWrap.codeBlockRef],
  );
  // The server's HTML, and the render that hydrates it, are the plain block with no Suspense
  // boundary around it: React's streaming renderer writes a large boundary twice (its fallback,
  // then the content in a hidden copy), so a lab file would be sent and parsed twice. Once
  // hydrated, React renders again, and only then does a block wait for the highlighter.
  const hydrated = useSyncExternalStore(subscribeToNothing, inTheBrowser, onTheServer);
  return (
    <div ref={adoptPre} data-code-block={id}>
      {hydrated ? (
        <Suspense fallback={<PlainContent {...props} />}>
          <Gate {...props} id={id} />
        </Suspense>
      ) : (
        <PlainContent {...props} />
      )}
    </div>
  );
}
