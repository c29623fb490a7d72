import clsx from 'clsx';
import type { ReactNode } from 'react';

import { SeverityShape } from '@site/src/components/ResultsViewerSeverity';
import { SEVERITIES } from '@site/src/lib/results/contract';
import { formatCount, formatDuration, formatTime, titleCase } from '@site/src/lib/results/format';
import { liveBars, liveTotals, type LiveBatch } from '@site/src/lib/results/liveStream';

import styles from './styles.module.css';

const WIDTH = 640;
const HEIGHT = 120;
const TABLE_ROWS = 8;

/** The totals in one sentence: what the live region announces as batches arrive. */
function totalsText(batches: readonly LiveBatch[]): string {
  const t = liveTotals(batches);
  const severities = SEVERITIES.map((s) => `${formatCount(t.bySeverity[s])} ${s.toLowerCase()}`);
  return `${formatCount(t.batches)} micro-batch${t.batches === 1 ? '' : 'es'}: ${formatCount(
    t.inputRows,
  )} lines read, ${formatCount(t.classified)} classified (${severities.join(', ')}), ${formatCount(
    t.quarantined,
  )} quarantined, ${formatCount(t.duplicatesDropped)} duplicates and ${formatCount(
    t.lateDropped,
  )} late dropped.`;
}

/**
 * A streaming run while it runs: each micro-batch Spark stores, as a stacked bar (critical,
 * warning, info, quarantined) and a row of the table, with running totals. The run's full
 * result replaces the viewer below when the stream stops.
 */
export default function LiveStream(props: {
  batches: readonly LiveBatch[];
  running: boolean;
}): ReactNode {
  const { batches, running } = props;
  const bars = liveBars(batches);
  const slot = WIDTH / Math.max(bars.length, 20);
  const recent = batches.slice(-TABLE_ROWS).reverse();
  return (
    <section className={styles.live} aria-label="Live stream">
      <h3 className={styles.title}>
        {running && <span className={styles.pulse} aria-hidden="true" />}
        Live stream: micro-batches as they are stored
      </h3>
      <p className={styles.totals} aria-live="polite">
        {batches.length === 0
          ? 'Waiting for the first micro-batch: the simulator drops a file of events every second.'
          : totalsText(batches)}
      </p>
      {bars.length > 0 && (
        <>
          <svg
            className={styles.chart}
            viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
            role="img"
            aria-label={`Rows per micro-batch, the last ${bars.length}, by outcome`}
          >
            <line x1="0" x2={WIDTH} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} className={styles.axis} />
            {bars.map((bar, index) =>
              bar.segments.map((segment) => (
                <rect
                  key={`${bar.key}-${segment.kind}`}
                  x={index * slot + 1}
                  width={Math.max(1, slot - 2)}
                  y={HEIGHT - (segment.y + segment.height) * (HEIGHT - 4)}
                  height={segment.height * (HEIGHT - 4)}
                  className={styles[`fill${segment.kind}`]}
                >
                  <title>
                    Batch {bar.batchId}: {formatCount(segment.rows)} {segment.kind.toLowerCase()}
                  </title>
                </rect>
              )),
            )}
          </svg>
          <ul className={styles.legend}>
            {SEVERITIES.map((severity) => (
              <li key={severity}>
                <SeverityShape severity={severity} size={10} /> {titleCase(severity)}
              </li>
            ))}
            <li>
              <span className={clsx(styles.swatch, styles.fillQUARANTINED)} aria-hidden="true" />{' '}
              Quarantined
            </li>
          </ul>
          <div
            className={styles.tableWrap}
            tabIndex={0}
            role="region"
            aria-label="Latest micro-batches"
          >
            <table className={styles.table}>
              <caption className={styles.caption}>Latest micro-batches, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Batch</th>
                  <th scope="col">Started</th>
                  <th scope="col">Lines read</th>
                  <th scope="col">Classified</th>
                  {SEVERITIES.map((severity) => (
                    <th scope="col" key={severity}>
                      {titleCase(severity)}
                    </th>
                  ))}
                  <th scope="col">Quarantined</th>
                  <th scope="col">Duplicates</th>
                  <th scope="col">Late dropped</th>
                  <th scope="col">Took</th>
                </tr>
              </thead>
              <tbody>
                {recent.map((batch) => (
                  <tr key={batch.key}>
                    <th scope="row">{batch.batchId}</th>
                    <td>{formatTime(batch.timestamp)}</td>
                    <td>{formatCount(batch.inputRows)}</td>
                    <td>{formatCount(batch.classified)}</td>
                    {SEVERITIES.map((severity) => (
                      <td key={severity}>{formatCount(batch.bySeverity[severity])}</td>
                    ))}
                    <td>{formatCount(batch.quarantined)}</td>
                    <td>{formatCount(batch.duplicatesDropped)}</td>
                    <td>{formatCount(batch.lateDropped)}</td>
                    <td>{formatDuration(batch.durationMs)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className={styles.note}>
            <em>Took</em> is how long Spark spent on each micro-batch, not how late its events are.
            The run’s latencies come with its result when the stream stops: from each event’s{' '}
            <code>event_time</code> to its row stored (how NFR-1 measures it), and from its file
            landing to its row stored.
          </p>
        </>
      )}
    </section>
  );
}
