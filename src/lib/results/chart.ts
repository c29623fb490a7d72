import {
  CATEGORIES,
  SEVERITIES,
  type Category,
  type PerMinuteCount,
  type Severity,
} from './contract';

export type SeriesBy = 'severity' | 'category';
export type SeriesKey = Severity | Category;

export type TimeBucket = {
  /** Start of the bucket, ISO-8601 UTC. */
  start: string;
  startMs: number;
  /** Count of each key (every key present, zero when none). */
  counts: Record<string, number>;
  total: number;
};

export type TimeSeries = {
  by: SeriesBy;
  keys: readonly SeriesKey[];
  /** Minutes per bucket: 1 unless the run spans more minutes than the chart has bars. */
  bucketMinutes: number;
  /** Consecutive buckets, gaps included as zeros, so the x axis is a time axis. */
  buckets: TimeBucket[];
  /** The largest bucket total (the y axis' extent before rounding up). */
  maxTotal: number;
  /** Total of each key over the whole run. */
  totals: Record<string, number>;
};

/** Bucket sizes the chart may use, in minutes. */
export const BUCKET_MINUTES = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440] as const;

const MINUTE_MS = 60_000;

/** The smallest bucket size that fits `spanMinutes` into at most `maxBuckets` bars. */
export function bucketSize(spanMinutes: number, maxBuckets: number): number {
  for (const size of BUCKET_MINUTES) {
    if (Math.ceil(spanMinutes / size) <= maxBuckets) return size;
  }
  return Math.ceil(spanMinutes / maxBuckets / 1440) * 1440;
}

/**
 * Counts per minute of the summary (`per_minute`) as a series by severity or by category, in
 * consecutive time buckets of at most `maxBuckets` bars.
 */
export function timeSeries(
  perMinute: readonly PerMinuteCount[],
  by: SeriesBy,
  maxBuckets = 60,
): TimeSeries {
  const keys: readonly SeriesKey[] = by === 'severity' ? SEVERITIES : CATEGORIES;
  const zero = () => Object.fromEntries(keys.map((key) => [key, 0]));
  const totals = zero();
  const rows = perMinute
    .map((row) => ({ ...row, ms: Date.parse(row.minute) }))
    .filter((row) => !Number.isNaN(row.ms) && row.count > 0);
  if (rows.length === 0) {
    return { by, keys, bucketMinutes: 1, buckets: [], maxTotal: 0, totals };
  }
  const first = Math.min(...rows.map((row) => row.ms));
  const last = Math.max(...rows.map((row) => row.ms));
  const spanMinutes = Math.floor((last - first) / MINUTE_MS) + 1;
  const bucketMinutes = bucketSize(spanMinutes, Math.max(1, maxBuckets));
  const bucketMs = bucketMinutes * MINUTE_MS;
  const origin = Math.floor(first / bucketMs) * bucketMs;
  const count = Math.floor((last - origin) / bucketMs) + 1;
  const buckets: TimeBucket[] = Array.from({ length: count }, (_, i) => {
    const startMs = origin + i * bucketMs;
    return { start: new Date(startMs).toISOString(), startMs, counts: zero(), total: 0 };
  });
  for (const row of rows) {
    const bucket = buckets[Math.floor((row.ms - origin) / bucketMs)];
    const key = row[by];
    if (!bucket) continue;
    bucket.counts[key] = (bucket.counts[key] ?? 0) + row.count;
    bucket.total += row.count;
    totals[key] = (totals[key] ?? 0) + row.count;
  }
  return {
    by,
    keys,
    bucketMinutes,
    buckets,
    maxTotal: Math.max(...buckets.map((b) => b.total)),
    totals,
  };
}

/** Round axis ticks from 0 to at least `max`: steps of 1, 2 or 5 times a power of ten. */
export function axisTicks(max: number, approximateCount = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / Math.max(1, approximateCount);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step =
    [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough) ?? 10 * power;
  const wholeStep = Math.max(1, Math.round(step));
  const ticks = [0];
  while ((ticks[ticks.length - 1] ?? 0) < max) ticks.push(ticks.length * wholeStep);
  return ticks;
}

/** One sentence for screen readers: the series' extent and its totals. */
export function describeSeries(series: TimeSeries, keyLabel: (key: SeriesKey) => string): string {
  const subject = `Classified events per ${
    series.bucketMinutes === 1 ? 'minute' : `${series.bucketMinutes} minutes`
  } by ${series.by}`;
  const first = series.buckets[0];
  const last = series.buckets[series.buckets.length - 1];
  if (!first || !last) return `${subject}: no events.`;
  const totals = series.keys.map((key) => `${series.totals[key] ?? 0} ${keyLabel(key)}`);
  const span = `${first.start.slice(11, 16)} to ${new Date(
    last.startMs + series.bucketMinutes * MINUTE_MS,
  )
    .toISOString()
    .slice(11, 16)} UTC`;
  return `${subject}, ${span}: ${totals.join(', ')}. Busiest ${
    series.bucketMinutes === 1 ? 'minute' : 'interval'
  }: ${series.maxTotal} events.`;
}
