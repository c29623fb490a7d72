import Link from '@docusaurus/Link';
import type { ReactNode } from 'react';

import { useWorkshopProgress } from '@site/src/components/WorkshopProgress/useWorkshopProgress';
import { formatMinutes } from '@site/src/lib/progress';

import styles from './styles.module.css';

/** Compact progress above the sidebar: share done, time left, and where to resume. */
export default function ProgressPanel(): ReactNode {
  const { summary } = useWorkshopProgress();
  return (
    <section className={styles.panel} aria-label="Workshop progress">
      <div className={styles.line}>
        <strong>{summary.percent}% done</strong>
        <span>{formatMinutes(summary.minutesLeft)} left</span>
      </div>
      <progress
        className={styles.bar}
        max={100}
        value={summary.percent}
        aria-label={`Workshop progress: ${summary.doneCount} of ${summary.pageCount} pages done`}
      />
      {summary.resume && summary.doneCount > 0 && (
        <Link className={styles.resume} to={summary.resume.permalink}>
          Resume: {summary.resume.title}
        </Link>
      )}
    </section>
  );
}
