import clsx from 'clsx';
import { lazy, Suspense, useId, type ReactNode } from 'react';

import InView from '@site/src/components/InView';
import ResultsViewerChecks from '@site/src/components/ResultsViewerChecks';
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

// The heavy panels are chunks of their own, fetched when the viewer first shows a result (never
// on the server: the page renders without one) and rendered when they come into view or the
// browser is idle, so the counts and checks appear at once and the page stays responsive.
const ResultsViewerChart = lazy(() => import('@site/src/components/ResultsViewerChart'));
const ResultsViewerEvents = lazy(() => import('@site/src/components/ResultsViewerEvents'));
const ResultsViewerQuarantine = lazy(() => import('@site/src/components/ResultsViewerQuarantine'));
const ResultsViewerSitePlan = lazy(() => import('@site/src/components/ResultsViewerSitePlan'));

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

/**
 * A heavy part of the viewer: its heading at once, its content when it comes into view (or the
 * browser is idle). `rows`: the content needs the run's events and quarantine lines, which may
 * still be on their way (`rows.pending`); it asks for them when it first shows.
 */
function LazySection(props: {
  title: string;
  minHeight: string;
  rows?: Rows;
  children: ReactNode;
}): ReactNode {
  const { title, minHeight, rows, children } = props;
  const waiting = <p className={styles.note}>Loading…</p>;
  return (
    <Section title={title}>
      <InView minHeight={minHeight} onShow={rows?.pending ? rows.onNeed : undefined}>
        {rows?.pending ? (
          <p className={styles.note}>Loading the run’s events…</p>
        ) : (
          <Suspense fallback={waiting}>{children}</Suspense>
        )}
      </InView>
    </Section>
  );
}

/** Whether the result's events and quarantine lines are still to be fetched. */
type Rows = { pending: boolean; onNeed?: () => void };

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
  /**
   * The result holds the summary only so far (the sample run's first view): its events and
   * quarantine lines come when a panel that shows them asks, through this.
   */
  onNeedRows?: () => void;
}): ReactNode {
  const { result, title = 'Result', stale = false, onNeedRows } = props;
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
  const rows: Rows = { pending: onNeedRows !== undefined, onNeed: onNeedRows };
  // Before the rows arrive, the summary says whether any device reports a position.
  const hasPositions = rows.pending
    ? summary.by_device_type.position_tag + summary.by_device_type.vehicle > 0
    : latestPositions(events).length > 0;
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
          <LazySection title="Events over time" minHeight="16rem">
            <ResultsViewerChart
              perMinute={summary.per_minute}
              truncated={summary.per_minute_truncated}
            />
          </LazySection>
        )}
        <LazySection
          title={classified ? 'Classified events' : 'Events written'}
          minHeight="30rem"
          rows={rows}
        >
          <ResultsViewerEvents events={events} classified={summary.counts.classified} />
        </LazySection>
        {hasPositions && (
          <LazySection title="Site plan" minHeight="24rem" rows={rows}>
            <ResultsViewerSitePlan events={events} />
          </LazySection>
        )}
        {(classified || quarantine.length > 0 || summary.counts.quarantined > 0) && (
          <LazySection title="Quarantine" minHeight="10rem" rows={rows}>
            <ResultsViewerQuarantine summary={summary} quarantine={quarantine} />
          </LazySection>
        )}
      </div>
    </section>
  );
}
