import { useDoc } from '@docusaurus/plugin-content-docs/client';
import clsx from 'clsx';
import type { ReactNode } from 'react';

import { useWorkshopProgress } from '@site/src/components/WorkshopProgress/useWorkshopProgress';

import styles from './styles.module.css';

/**
 * "Mark this page as done" at the end of a workshop page; a toggle, so it can be undone. Pages
 * outside the workshop's steps (connecting to AWS, the instructor guide) have none.
 */
export default function PageDoneToggle(): ReactNode {
  const { metadata } = useDoc();
  const { pages, isDone, toggleDone, summary } = useWorkshopProgress();
  if (!pages.some((page) => page.id === metadata.id)) return null;
  const done = isDone(metadata.id);
  return (
    <div className={styles.row}>
      <button
        type="button"
        className={clsx('button', done ? 'button--success' : 'button--primary')}
        aria-pressed={done}
        onClick={() => toggleDone(metadata.id)}
      >
        {done ? '✓ Done — click to undo' : 'Mark this page as done'}
      </button>
      <span className={styles.status} aria-live="polite">
        {summary.doneCount} of {summary.pageCount} pages done
      </span>
    </div>
  );
}
