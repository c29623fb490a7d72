import clsx from 'clsx';
import { useId, type ReactNode } from 'react';

import ResultsViewerChart from '@site/src/components/ResultsViewerChart';
import ResultsViewerChecks from '@site/src/components/ResultsViewerChecks';
import ResultsViewerEvents from '@site/src/components/ResultsViewerEvents';
import ResultsViewerQuarantine from '@site/src/components/ResultsViewerQuarantine';
import ResultsViewerSitePlan from '@site/src/components/ResultsViewerSitePlan';
import { classifies, type RunResult, type RunSummary } from '@site/src/lib/results/contract';
import {
  formatCount,
  formatDateTime,
  formatDuration,
  formatNumber,
} from '@site/src/lib/results/format';
import { latestPositions } from '@site/src/lib/results/sitePlan';
import { accountingIdentity, latencyBlocks } from '@site/src/lib/results/summary';

import styles from './styles.module.css';

const MODE_LABEL: Record<RunSummary['mode'], string> = {
  simulate: 'device simulation',
  continuous: 'continuous simulation',
  batch: 'batch run',
  stream: 'stream run',
  serve: 'serving view',
};

/** A part of the viewer under its heading (not a landmark: the viewer itself is one). */
function Section(props: { title: string; children: ReactNode }): ReactNode {
  return (
    <div className={styles.section}>
      <h4 className={styles.sectionTitle}>{props.title}</h4>
      {props.children}
    </div>
  );
}

function Counts(props: { summary: RunSummary }): ReactNode {
  const { summary } = props;
  const identity = accountingIdentity(summary);
  const tiles = [
    { label: identity.applies ? 'Input lines' : 'Lines written', value: identity.input },
    ...identity.terms.map((term) => ({
      label: term.label.charAt(0).toUpperCase() + term.label.slice(1),
      value: term.value,
    })),
  ];
  return (
    <>
      <dl className={styles.tiles}>
        {tiles.map((tile) => (
          <div key={tile.label} className={styles.tile}>
            <dt>{tile.label}</dt>
            <dd>{formatCount(tile.value)}</dd>
          </div>
        ))}
      </dl>
      <p
        className={clsx(
          styles.identity,
          identity.applies && (identity.holds ? styles.holds : styles.broken),
        )}
      >
        {identity.applies && (
          <span className={styles.identityMark}>{identity.holds ? '✓ Adds up' : '✗ Off'}</span>
        )}{' '}
        {identity.text}
      </p>
    </>
  );
}

function Latency(props: { summary: RunSummary }): ReactNode {
  return (
    <>
      {latencyBlocks(props.summary).map((block) => (
        <div key={block.title} className={styles.latency}>
          <p className={styles.latencyTitle}>
            <strong>{block.title}</strong>
            {block.definition && ` (${block.definition})`}
          </p>
          {block.rows && (
            <dl className={styles.tiles}>
              {block.rows.map((row) => (
                <div key={row.label} className={styles.tile}>
                  <dt>
                    {row.label} <span className={styles.tileNote}>({row.description})</span>
                  </dt>
                  <dd>{row.value}</dd>
                </div>
              ))}
            </dl>
          )}
          <p className={styles.note}>{block.note}</p>
        </div>
      ))}
    </>
  );
}

/**
 * A lab run's result, read only from its result contract (DESIGN.md §3): the counts and their
 * accounting identity, the lab's checks, counts over time, the classified events, the site plan,
 * quarantine reasons and, for a stream, latency. `stale`: a new run is in progress, so this
 * (earlier) result stays, dimmed, until the next one arrives.
 */
export default function ResultsViewer(props: {
  result: RunResult | undefined;
  title?: string;
  stale?: boolean;
}): ReactNode {
  const { result, title = 'Result', stale = false } = props;
  const titleId = useId();

  if (!result) {
    return (
      <section className={styles.viewer} aria-labelledby={titleId}>
        <h3 id={titleId} className={styles.title}>
          {title}
        </h3>
        <p className={styles.empty}>
          {stale
            ? 'The lab is running; its classified events will appear here when it finishes.'
            : 'No result yet. Run the lab to see its classified events.'}
        </p>
      </section>
    );
  }

  const { summary, events, quarantine } = result;
  const classified = classifies(summary.mode);
  const hasPositions = latestPositions(events).length > 0;
  const meta = [
    `Lab ${summary.lab_id}`,
    MODE_LABEL[summary.mode],
    `Spark ${summary.spark_version} on Python ${summary.python_version}`,
    `finished ${formatDateTime(summary.finished_at)}`,
    `took ${formatDuration(summary.duration_s * 1000)}`,
    summary.throughput_events_per_s === null
      ? null
      : `${formatNumber(summary.throughput_events_per_s)} events/s`,
  ].filter(Boolean);

  return (
    <section className={clsx(styles.viewer, stale && styles.stale)} aria-labelledby={titleId}>
      <header className={styles.header}>
        <h3 id={titleId} className={styles.title}>
          {title}
        </h3>
        <p className={styles.meta}>{meta.join(' · ')}</p>
      </header>
      {stale && (
        <p className={styles.staleNote}>
          <span aria-hidden="true">⏳</span> This is the result of an earlier run. A new run is in
          progress; its result replaces this one when it finishes.
        </p>
      )}
      <div className={styles.content}>
        <Section title="Counts">
          <Counts summary={summary} />
        </Section>
        {summary.checks.length > 0 && (
          <Section title="Checks">
            <ResultsViewerChecks checks={summary.checks} />
          </Section>
        )}
        {summary.mode === 'stream' && (
          <Section title="Latency">
            <Latency summary={summary} />
          </Section>
        )}
        {classified && (
          <Section title="Events over time">
            <ResultsViewerChart
              perMinute={summary.per_minute}
              truncated={summary.per_minute_truncated}
            />
          </Section>
        )}
        <Section title={classified ? 'Classified events' : 'Events written'}>
          <ResultsViewerEvents events={events} classified={summary.counts.classified} />
        </Section>
        {hasPositions && (
          <Section title="Site plan">
            <ResultsViewerSitePlan events={events} />
          </Section>
        )}
        {(classified || quarantine.length > 0) && (
          <Section title="Quarantine">
            <ResultsViewerQuarantine summary={summary} quarantine={quarantine} />
          </Section>
        )}
      </div>
    </section>
  );
}
