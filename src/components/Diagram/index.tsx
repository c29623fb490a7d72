import { useEffect, useState, type CSSProperties, type ReactNode } from 'react';

import * as serverOnly from '@site/src/diagrams';
import { diagramLoaders, type DiagramName } from '@site/src/diagrams/loaders';
import type { Diagram as DiagramData } from '@site/src/diagrams/types';

import styles from './styles.module.css';

/**
 * Below this share of its natural width a diagram's 16px text would be too small to read
 * (under 9px): the diagram stops shrinking there, and the figure scrolls sideways instead. At
 * 0.55 the widest diagram (the labs' flow) still fits a desktop column, as it did before.
 */
const MIN_SCALE = 0.55;

/** Every diagram's SVGs, on the server only: the browser's bundle has an empty module here. */
const serverDiagrams = (serverOnly as { diagrams?: Record<string, DiagramData> }).diagrams;

/** Whether React is hydrating the page's first HTML (Docusaurus marks <html> once it has). */
const hydrating = () =>
  typeof document !== 'undefined' && document.documentElement.dataset.hasHydrated !== 'true';

/**
 * A diagram from src/diagrams/<name>.mmd, rendered to SVG ahead of time by
 * scripts/render-diagrams.mjs: no diagram code runs in the browser, and no page's scripts carry
 * an SVG. The server inlines both renderings in the page's HTML; CSS shows the one for the
 * current colour mode and removes the other (display: none) from the accessibility tree. Each
 * SVG carries its own name and description (Mermaid's accTitle and accDescr).
 *
 * In the browser, a diagram in the page's first HTML keeps the server's SVG: React leaves the
 * inside of an element set through `dangerouslySetInnerHTML` alone when it hydrates, and the
 * value never changes afterwards. A diagram on a page opened later in the app fetches its own
 * chunk and renders it.
 */
export default function Diagram({ name }: { name: DiagramName }): ReactNode {
  const { title, width, load } = diagramLoaders[name];
  const [keepServerHtml] = useState(hydrating);
  const [svgs, setSvgs] = useState<DiagramData | undefined>(serverDiagrams?.[name]);
  useEffect(() => {
    if (keepServerHtml || svgs) return undefined;
    let current = true;
    void load().then((module) => current && setSvgs(module.default));
    return () => {
      current = false;
    };
  }, [keepServerHtml, svgs, load]);

  const size = {
    '--diagram-width': `${width}px`,
    '--diagram-min-width': `${Math.round(width * MIN_SCALE)}px`,
  } as CSSProperties;
  const html = (variant: 'light' | 'dark') => ({
    __html: keepServerHtml ? '' : (svgs?.[variant] ?? ''),
  });
  return (
    // Focusable so that keyboard users can scroll it when it is wider than the column.
    <figure
      className={styles.figure}
      style={size}
      tabIndex={0}
      aria-label={title}
      data-diagram={name}
    >
      <div
        className={styles.light}
        dangerouslySetInnerHTML={html('light')}
        suppressHydrationWarning
      />
      <div
        className={styles.dark}
        dangerouslySetInnerHTML={html('dark')}
        suppressHydrationWarning
      />
    </figure>
  );
}
