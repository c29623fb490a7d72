import Link from '@docusaurus/Link';
import type { ReactNode } from 'react';

import { emptyProgress, formatMinutes } from '@site/src/lib/progress';
import { updateProgress } from '@site/src/lib/progressStore';

import styles from './styles.module.css';
import { useWorkshopProgress } from './useWorkshopProgress';

/** The welcome page's overview: total time, progress so far, and a way to resume. */
export default function WorkshopProgress(): ReactNode {
  const { pages, summary, isDone } = useWorkshopProgress();
  const started = summary.doneCount > 0;
  return (
    <section className={styles.card} aria-labelledby="workshop-progress-title">
      <h2 id="workshop-progress-title" className={styles.title}>
        Your progress
      </h2>
      <p>
        {summary.pageCount} pages, about {formatMinutes(summary.totalMinutes)} in all.{' '}
        {started
          ? `${summary.doneCount} done, ${formatMinutes(summary.minutesLeft)} to go.`
          : 'Mark each page done at its end; your progress stays in this browser.'}
      </p>
      <progress
        className={styles.bar}
        max={100}
        value={summary.percent}
        aria-label={`Workshop progress: ${summary.percent}%`}
      />
      <ol className={styles.pages}>
        {pages.map((page) => (
          <li key={page.id} className={isDone(page.id) ? styles.done : undefined}>
            <Link to={page.permalink}>{page.title}</Link>{' '}
            <span className={styles.minutes}>
              {formatMinutes(page.minutes)}
              {isDone(page.id) ? ' · done' : ''}
            </span>
          </li>
        ))}
      </ol>
      <div className={styles.actions}>
        {summary.resume ? (
          <Link className="button button--primary" to={summary.resume.permalink}>
            {started ? `Resume: ${summary.resume.title}` : 'Start the workshop'}
          </Link>
        ) : (
          <strong>Every page is done. Well done!</strong>
        )}
        {started && (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              if (window.confirm('Clear your progress on every page?')) {
                updateProgress(() => emptyProgress());
              }
            }}
          >
            Reset progress
          </button>
        )}
      </div>
    </section>
  );
}
