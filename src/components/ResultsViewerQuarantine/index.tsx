import type { ReactNode } from 'react';

import type { QuarantinedLine, RunSummary } from '@site/src/lib/results/contract';
import { formatCount } from '@site/src/lib/results/format';
import { QUARANTINE_REASON_TEXT } from '@site/src/lib/results/labContract';
import { quarantineReasons, truncate } from '@site/src/lib/results/summary';

import styles from './styles.module.css';

/** Why lines were quarantined: a count per reason, what it means, and sample lines. */
export default function ResultsViewerQuarantine(props: {
  summary: RunSummary;
  quarantine: readonly QuarantinedLine[];
}): ReactNode {
  const { summary, quarantine } = props;
  const rows = quarantineReasons(summary, quarantine, QUARANTINE_REASON_TEXT, 2);
  if (rows.length === 0) {
    return <p>No line was quarantined: every input line was a valid event.</p>;
  }
  return (
    <div>
      <table className={styles.table}>
        <caption className={styles.caption}>
          Quarantined lines by reason ({formatCount(summary.counts.quarantined)} in all)
        </caption>
        <thead>
          <tr>
            <th scope="col">Reason</th>
            <th scope="col" className={styles.number}>
              Lines
            </th>
            <th scope="col">Sample lines</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.code}>
              <th scope="row">
                <code className={styles.code}>{row.code}</code>
                {row.description && <span className={styles.description}>{row.description}</span>}
              </th>
              <td className={styles.number}>{formatCount(row.count)}</td>
              <td>
                {row.samples.length === 0 ? (
                  <span className={styles.none}>none in the sample</span>
                ) : (
                  <ul className={styles.samples}>
                    {row.samples.map((line, i) => (
                      <li key={i}>
                        <code className={styles.raw}>
                          {line.raw === '' ? '(empty line)' : truncate(line.raw, 140)}
                        </code>
                        <span className={styles.reason}>{line.reason}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
