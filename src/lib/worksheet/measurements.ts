/**
 * The figures the learner's own lab runs measured, for step 2c: each metric from the latest run
 * that measured it, with where it came from. Kept in the browser (see measurementsStore.ts);
 * a run's result contract (`_summary.json`) is the only source, whichever runner produced it.
 */
import type { RunSummary } from '../results/contract';
import type { MetricId } from './model';
import { isMetricId } from './requirements';

export type Measurement = {
  value: number;
  /** The lab whose run measured it, e.g. "03-streaming". */
  lab: string;
  runner: 'local' | 'emr';
  /** When that run finished, ISO-8601. */
  finishedAt: string;
};

export type Measurements = Partial<Record<MetricId, Measurement>>;

const round = (value: number, digits: number) => Number(value.toFixed(digits));

/**
 * What a finished run measured. Stream latency counts only from a live stream (processing-time
 * trigger): a stream that drains files already waiting measures how long they waited, not the
 * stream. Two latencies, each kept under its own definition: from event_time (NFR-1's; the
 * events that arrived on time) and from file landing. No run measures events lost on restart:
 * the streaming lab's restart test proves there are none.
 */
export function measurementsFromSummary(
  summary: RunSummary,
  runner: Measurement['runner'],
): Measurements {
  // Lab 4 (serve) reads the store back: its counts are the store's, not a stream of input.
  if (summary.mode !== 'batch' && summary.mode !== 'stream') return {};
  const source = { lab: summary.lab_id, runner, finishedAt: summary.finished_at };
  const measured: Measurements = {};
  const { latency_ms: latency, throughput_events_per_s: throughput, counts } = summary;
  if (summary.mode === 'stream' && summary.stream?.trigger === 'processingTime') {
    if (latency && latency.events > 0)
      measured.streamLatencyP95Ms = { ...source, value: round(latency.p95, 0) };
    const onTime = summary.event_time_latency_ms?.on_time;
    if (onTime && onTime.events > 0)
      measured.eventTimeLatencyP95Ms = { ...source, value: round(onTime.p95, 0) };
  }
  if (typeof throughput === 'number' && throughput > 0) {
    measured.throughputEventsPerSecond = { ...source, value: round(throughput, 1) };
  }
  if (counts.input > 0) {
    const share = (100 * counts.quarantined) / counts.input;
    measured.quarantinedSharePercent = { ...source, value: round(share, 2) };
  }
  return measured;
}

/** The newer run's figures replace the older ones; the others stay. */
export function mergeMeasurements(older: Measurements, newer: Measurements): Measurements {
  return Object.keys(newer).length === 0 ? older : { ...older, ...newer };
}

const isMeasurement = (value: unknown): value is Measurement => {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  return (
    typeof m.value === 'number' &&
    Number.isFinite(m.value) &&
    typeof m.lab === 'string' &&
    (m.runner === 'local' || m.runner === 'emr') &&
    typeof m.finishedAt === 'string'
  );
};

/** Stored measurements; anything unreadable is dropped rather than shown. */
export function parseMeasurements(raw: string | null): Measurements {
  if (!raw) return {};
  let stored: unknown;
  try {
    stored = JSON.parse(raw);
  } catch {
    return {};
  }
  if (typeof stored !== 'object' || stored === null) return {};
  const measurements: Measurements = {};
  for (const [id, value] of Object.entries(stored)) {
    if (isMetricId(id) && isMeasurement(value)) measurements[id] = value;
  }
  return measurements;
}

/** "lab 03-streaming on local Spark, 2026-11-29 10:02 UTC". */
export function describeSource(measurement: Measurement): string {
  const where = measurement.runner === 'emr' ? 'Amazon EMR' : 'local Spark';
  const when = measurement.finishedAt.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
  return `lab ${measurement.lab} on ${where}, ${when}`;
}
