import clsx from 'clsx';
import type { ReactNode } from 'react';

import type { Severity } from '@site/src/lib/results/contract';
import { titleCase } from '@site/src/lib/results/format';

import styles from './styles.module.css';

/**
 * Each severity has a shape as well as a colour, so it never rests on colour alone: a diamond
 * for CRITICAL, a triangle for WARNING, a circle for INFO.
 */
export function SeverityShape(props: { severity: Severity; size?: number }): ReactNode {
  const { severity, size = 12 } = props;
  return (
    <svg
      className={clsx(styles.shape, styles[severity])}
      width={size}
      height={size}
      viewBox="0 0 12 12"
      aria-hidden="true"
      focusable="false"
    >
      {severity === 'CRITICAL' && <path d="M6 0.5 11.5 6 6 11.5 0.5 6Z" />}
      {severity === 'WARNING' && <path d="M6 0.8 11.4 11H0.6Z" />}
      {severity === 'INFO' && <circle cx="6" cy="6" r="5" />}
    </svg>
  );
}

/** A severity as a badge: shape, word and a tint that keeps its contrast in both modes. */
export default function SeverityBadge(props: { severity: Severity | undefined }): ReactNode {
  const { severity } = props;
  if (!severity) return <span className={styles.none}>Not classified</span>;
  return (
    <span className={clsx(styles.badge, styles[`badge${severity}`])}>
      <SeverityShape severity={severity} size={10} />
      {titleCase(severity)}
    </span>
  );
}
