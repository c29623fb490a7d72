import { useId, type ReactNode } from 'react';

import type { Effect } from '@site/src/lib/worksheet/pieces';

import styles from './styles.module.css';

export { styles as dataTableStyles };

/**
 * A table of facts the page renders from the code: a caption, and a wrapper that scrolls
 * sideways on a narrow screen (focusable, so the keyboard can scroll it too).
 */
export default function DataTable({
  caption,
  children,
}: {
  caption: ReactNode;
  children: ReactNode;
}): ReactNode {
  const captionId = useId();
  return (
    <div className={styles.scroll} role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className={styles.table}>
        <caption id={captionId} className={styles.caption}>
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}

const MARKS: Record<Effect, { mark: string; words: string; className?: string }> = {
  1: { mark: '✔', words: 'Helps: ', className: styles.plus },
  0: { mark: '~', words: 'Depends: ' },
  [-1]: { mark: '✘', words: 'Against: ', className: styles.minus },
};

/** ✔, ~ or ✘ before a trade-off, with the word a screen reader says instead. */
export function EffectMark({ effect }: { effect: Effect }): ReactNode {
  const { mark, words, className } = MARKS[effect];
  return (
    <>
      <span aria-hidden="true" className={className}>
        {mark}{' '}
      </span>
      <span className={styles.visuallyHidden}>{words}</span>
    </>
  );
}

/** An empty cell: a dash to see, words to hear. */
export function NoEntry({ words = 'no particular effect' }: { words?: string }): ReactNode {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className={styles.visuallyHidden}>{words}</span>
    </>
  );
}
