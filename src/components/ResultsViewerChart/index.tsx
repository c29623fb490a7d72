import clsx from 'clsx';
import { useId, useMemo, useState, type ReactNode } from 'react';

import {
  axisTicks,
  describeSeries,
  timeSeries,
  type SeriesBy,
  type SeriesKey,
} from '@site/src/lib/results/chart';
import type { PerMinuteCount } from '@site/src/lib/results/contract';
import { formatCount, formatMinute, titleCase } from '@site/src/lib/results/format';

import styles from './styles.module.css';

const WIDTH = 720;
const HEIGHT = 230;
const PLOT = { left: 44, right: 8, top: 10, bottom: 26 };
const MAX_BARS = 72;

/**
 * Besides its colour, each series has a fill pattern (solid, stripes, dots, ...), repeated in
 * the legend, so the stacks can be told apart without colour.
 */
function Patterns(props: { prefix: string; keys: readonly SeriesKey[] }): ReactNode {
  const { prefix, keys } = props;
  return (
    <defs>
      {keys.map((key, i) => (
        <pattern
          key={key}
          id={`${prefix}-${key}`}
          width="6"
          height="6"
          patternUnits="userSpaceOnUse"
          patternTransform={i === 1 ? 'rotate(45)' : undefined}
        >
          <rect width="6" height="6" className={styles[`fill${key}`]} />
          {i === 1 && <rect width="2" height="6" className={styles.patternMark} />}
          {i === 2 && <circle cx="3" cy="3" r="1.2" className={styles.patternMark} />}
          {i === 3 && <rect y="2.5" width="6" height="1.2" className={styles.patternMark} />}
          {i === 4 && <rect x="2.5" width="1.2" height="6" className={styles.patternMark} />}
        </pattern>
      ))}
    </defs>
  );
}

function Swatch(props: { prefix: string; seriesKey: SeriesKey }): ReactNode {
  return (
    <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
      <rect
        width="14"
        height="14"
        rx="2"
        fill={`url(#${props.prefix}-${props.seriesKey})`}
        className={styles.swatch}
      />
    </svg>
  );
}

/**
 * Counts of classified events over time (the summary's per-minute counts) as stacked bars, by
 * severity or by category. The picture is an image with a one-sentence label; the same numbers
 * are in a visually hidden table for screen readers.
 */
export default function ResultsViewerChart(props: {
  perMinute: readonly PerMinuteCount[];
  truncated: boolean;
}): ReactNode {
  const { perMinute, truncated } = props;
  const [by, setBy] = useState<SeriesBy>('severity');
  const [hidden, setHidden] = useState<ReadonlySet<SeriesKey>>(new Set());
  const prefix = `rvc${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const series = useMemo(() => timeSeries(perMinute, by, MAX_BARS), [perMinute, by]);
  const shownKeys = series.keys.filter((key) => !hidden.has(key));

  if (series.buckets.length === 0) {
    return <p className={styles.empty}>No classified events to chart yet.</p>;
  }

  const label = (key: SeriesKey) => titleCase(key);
  const shownMax = Math.max(
    1,
    ...series.buckets.map((b) => shownKeys.reduce((sum, key) => sum + (b.counts[key] ?? 0), 0)),
  );
  const ticks = axisTicks(shownMax);
  const top = ticks[ticks.length - 1] ?? 1;
  const plotWidth = WIDTH - PLOT.left - PLOT.right;
  const plotHeight = HEIGHT - PLOT.top - PLOT.bottom;
  const slot = plotWidth / series.buckets.length;
  const barWidth = Math.max(1, slot * 0.8);
  const y = (value: number) => PLOT.top + plotHeight - (value / top) * plotHeight;
  const labelEvery = Math.max(1, Math.ceil(series.buckets.length / 8));
  const interval = series.bucketMinutes === 1 ? 'minute' : `${series.bucketMinutes} minutes`;

  return (
    <div className={styles.chart}>
      <div className={styles.controls}>
        <fieldset className={styles.group}>
          <legend>Count by</legend>
          {(['severity', 'category'] as const).map((option) => (
            <label key={option}>
              <input
                type="radio"
                name={`${prefix}-by`}
                value={option}
                checked={by === option}
                onChange={() => {
                  setBy(option);
                  setHidden(new Set());
                }}
              />{' '}
              {titleCase(option)}
            </label>
          ))}
        </fieldset>
        <fieldset className={styles.group}>
          <legend>Show</legend>
          {series.keys.map((key) => (
            <label key={key} className={styles.legendItem}>
              <input
                type="checkbox"
                checked={!hidden.has(key)}
                onChange={() => {
                  const next = new Set(hidden);
                  if (next.has(key)) next.delete(key);
                  else next.add(key);
                  setHidden(next);
                }}
              />
              <Swatch prefix={prefix} seriesKey={key} />
              {label(key)}{' '}
              <span className={styles.total}>{formatCount(series.totals[key] ?? 0)}</span>
            </label>
          ))}
        </fieldset>
      </div>
      <svg
        className={styles.svg}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={describeSeries(series, (key) => key.toLowerCase())}
      >
        <Patterns prefix={prefix} keys={series.keys} />
        {ticks.map((tick) => (
          <g key={tick}>
            <line
              className={styles.grid}
              x1={PLOT.left}
              x2={WIDTH - PLOT.right}
              y1={y(tick)}
              y2={y(tick)}
            />
            <text
              className={styles.axis}
              x={PLOT.left - 6}
              y={y(tick)}
              dy="0.32em"
              textAnchor="end"
            >
              {formatCount(tick)}
            </text>
          </g>
        ))}
        {series.buckets.map((bucket, i) => {
          let base = 0;
          const x = PLOT.left + i * slot + (slot - barWidth) / 2;
          const tip = `${formatMinute(bucket.start)} UTC: ${series.keys
            .map((key) => `${bucket.counts[key] ?? 0} ${key.toLowerCase()}`)
            .join(', ')}`;
          return (
            <g key={bucket.start}>
              <title>{tip}</title>
              {/* A transparent full-height target, so thin bars still show their tooltip. */}
              <rect
                x={PLOT.left + i * slot}
                y={PLOT.top}
                width={slot}
                height={plotHeight}
                fill="transparent"
              />
              {shownKeys.map((key) => {
                const count = bucket.counts[key] ?? 0;
                if (count === 0) return null;
                const rect = (
                  <rect
                    key={key}
                    x={x}
                    y={y(base + count)}
                    width={barWidth}
                    height={y(base) - y(base + count)}
                    fill={`url(#${prefix}-${key})`}
                  />
                );
                base += count;
                return rect;
              })}
              {i % labelEvery === 0 && (
                <text
                  className={styles.axis}
                  x={PLOT.left + i * slot + slot / 2}
                  y={HEIGHT - 8}
                  textAnchor="middle"
                >
                  {formatMinute(bucket.start)}
                </text>
              )}
            </g>
          );
        })}
        <line
          className={styles.baseline}
          x1={PLOT.left}
          x2={WIDTH - PLOT.right}
          y1={y(0)}
          y2={y(0)}
        />
      </svg>
      <p className={styles.caption}>
        Event time, UTC; one bar per {interval}.
        {truncated && ' Only the last 24 hours of the run are charted.'}
      </p>
      <table className={clsx(styles.srOnly)}>
        <caption>
          Classified events per {interval} by {by}
        </caption>
        <thead>
          <tr>
            <th scope="col">From (UTC)</th>
            {series.keys.map((key) => (
              <th scope="col" key={key}>
                {label(key)}
              </th>
            ))}
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {series.buckets
            .filter((bucket) => bucket.total > 0)
            .map((bucket) => (
              <tr key={bucket.start}>
                <th scope="row">{formatMinute(bucket.start)}</th>
                {series.keys.map((key) => (
                  <td key={key}>{bucket.counts[key] ?? 0}</td>
                ))}
                <td>{bucket.total}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}
