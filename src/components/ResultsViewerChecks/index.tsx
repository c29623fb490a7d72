import clsx from 'clsx';
import type { ReactNode } from 'react';

import { exerciseAnchor } from '@site/src/lib/labs/manifest';
import type { CheckResult } from '@site/src/lib/results/contract';
import { checkViews } from '@site/src/lib/results/summary';

import styles from './styles.module.css';

function StatusIcon(props: { passed: boolean }): ReactNode {
  return (
    <svg
      className={styles.icon}
      width="18"
      height="18"
      viewBox="0 0 18 18"
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="9" cy="9" r="8.5" />
      {props.passed ? (
        <path d="M4.8 9.4 7.6 12.2 13.2 6" />
      ) : (
        <path d="M5.8 5.8 12.2 12.2M12.2 5.8 5.8 12.2" />
      )}
    </svg>
  );
}

/**
 * The lab's checks on this run's result, each Passed or Failed (a word and an icon, not only a
 * colour). A failure says what the check saw and gives a hint; an exercise's answer waits
 * behind "Show solution".
 */
export default function ResultsViewerChecks(props: { checks: readonly CheckResult[] }): ReactNode {
  const { items, passed } = checkViews(props.checks);
  if (items.length === 0) return <p>This lab has no checks on its result.</p>;
  return (
    <div>
      <p className={styles.tally}>
        {passed} of {items.length} checks pass.
      </p>
      <ul className={styles.checks}>
        {items.map((check) => (
          <li
            key={check.id}
            className={clsx(styles.check, check.passed ? styles.passed : styles.failed)}
          >
            <StatusIcon passed={check.passed} />
            <div className={styles.body}>
              <p className={styles.title}>
                <span className={styles.status}>{check.passed ? 'Passed' : 'Failed'}:</span>{' '}
                {check.title}
              </p>
              <p className={styles.detail}>{check.detail}</p>
              {check.hint && (
                <p className={styles.hint}>
                  <strong>Hint:</strong> {check.hint}
                </p>
              )}
              {check.solution && (
                <details className={styles.solution}>
                  <summary>Show solution</summary>
                  <p>{check.solution}</p>
                  {check.exercise !== null && (
                    <a href={`#${exerciseAnchor(check.exercise)}`}>
                      The complete code is under Exercise {check.exercise} on this page.
                    </a>
                  )}
                </details>
              )}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
