import { useDoc } from '@docusaurus/plugin-content-docs/client';
import type { ReactNode } from 'react';

import { useWorkshopProgress } from '@site/src/components/WorkshopProgress/useWorkshopProgress';
import { formatMinutes } from '@site/src/lib/progress';

import styles from './styles.module.css';

/** The page's estimated time and its place in the workshop, shown above its title. */
export default function PageEstimate(): ReactNode {
  const { metadata } = useDoc();
  const { pages, isDone } = useWorkshopProgress();
  const index = pages.findIndex((page) => page.id === metadata.id);
  const page = pages[index];
  if (!page) return null;
  return (
    <p className={styles.estimate}>
      <span className={styles.time}>
        <svg className={styles.icon} viewBox="0 0 16 16" aria-hidden="true">
          <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
          <path d="M8 4.5V8l2.5 1.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
        </svg>
        About {formatMinutes(page.minutes)}
      </span>
      <span>
        Page {index + 1} of {pages.length}
      </span>
      {isDone(page.id) && <span className={styles.done}>✓ Done</span>}
    </p>
  );
}
