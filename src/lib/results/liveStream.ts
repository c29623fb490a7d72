/**
 * A streaming run as it happens: the micro-batches Spark's query listener reports (see
 * runner/worker/spark_worker.py), turned into what the live view shows — each micro-batch's
 * rows by outcome, running totals, and the bars of a chart. The final result still comes from
 * the run's result contract; this is only what the learner watches meanwhile.
 */
import type { StreamBatch } from '../runner/types';
import { SEVERITIES, type Severity } from './contract';

export type LiveBatch = {
  /** Unique across the run's queries (a lab may restart its query). */
  key: string;
  batchId: number;
  timestamp: string;
  inputRows: number;
  classified: number;
  bySeverity: Record<Severity, number>;
  quarantined: number;
  lateDropped: number;
  duplicatesDropped: number;
  durationMs: number;
  rowsPerSecond: number;
};

export type LiveTotals = {
  batches: number;
  inputRows: number;
  classified: number;
  bySeverity: Record<Severity, number>;
  quarantined: number;
  lateDropped: number;
  duplicatesDropped: number;
};

const count = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;

const noSeverities = (): Record<Severity, number> => ({ CRITICAL: 0, WARNING: 0, INFO: 0 });

/**
 * One micro-batch in the page's terms, from the lab's `observe()` metrics where it reports them.
 * Lines read are valid events plus quarantined lines: Spark's own `numInputRows` counts the
 * source once per branch that reads it (lab 3 reads it twice, for events and for quarantine).
 * A lab that observes nothing still shows Spark's rows in and late drops.
 */
export function liveBatch(batch: StreamBatch): LiveBatch {
  const { observed } = batch;
  const classified = observed.classified ?? {};
  const bySeverity = noSeverities();
  for (const severity of SEVERITIES) {
    bySeverity[severity] = count(classified[severity.toLowerCase()]);
  }
  const valid = observed.valid_events?.rows;
  const quarantined = count(observed.quarantined?.rows);
  const lateDropped = count(batch.late_dropped);
  const observesInput = typeof valid === 'number' && observed.quarantined !== undefined;
  return {
    key: `${batch.query_id}:${batch.batch_id}`,
    batchId: batch.batch_id,
    timestamp: batch.timestamp,
    inputRows: observesInput ? count(valid) + quarantined : count(batch.input_rows),
    classified: count(classified.rows),
    bySeverity,
    quarantined,
    lateDropped,
    duplicatesDropped: observesInput
      ? Math.max(0, count(valid) - lateDropped - count(classified.rows))
      : 0,
    durationMs: count(batch.duration_ms),
    rowsPerSecond: count(batch.processed_rows_per_s),
  };
}

/**
 * Adds a reported micro-batch to those seen, in order. A page that reconnects is sent the
 * run's batches again: a batch already there is not counted twice.
 */
export function addLiveBatch(batches: readonly LiveBatch[], batch: StreamBatch): LiveBatch[] {
  const next = liveBatch(batch);
  if (batches.some((seen) => seen.key === next.key)) return [...batches];
  return [...batches, next];
}

export function liveTotals(batches: readonly LiveBatch[]): LiveTotals {
  const totals: LiveTotals = {
    batches: batches.length,
    inputRows: 0,
    classified: 0,
    bySeverity: noSeverities(),
    quarantined: 0,
    lateDropped: 0,
    duplicatesDropped: 0,
  };
  for (const batch of batches) {
    totals.inputRows += batch.inputRows;
    totals.classified += batch.classified;
    totals.quarantined += batch.quarantined;
    totals.lateDropped += batch.lateDropped;
    totals.duplicatesDropped += batch.duplicatesDropped;
    for (const severity of SEVERITIES) totals.bySeverity[severity] += batch.bySeverity[severity];
  }
  return totals;
}

export type LiveBarSegment = {
  kind: Severity | 'QUARANTINED';
  rows: number;
  /** Bottom and height as fractions of the chart's height (0..1). */
  y: number;
  height: number;
};

export type LiveBar = { key: string; batchId: number; total: number; segments: LiveBarSegment[] };

/**
 * The last `limit` micro-batches as stacked bars — critical at the bottom, then warning, info
 * and quarantined lines — scaled to the largest batch shown.
 */
export function liveBars(batches: readonly LiveBatch[], limit = 40): LiveBar[] {
  const shown = batches.slice(-limit);
  const totalOf = (batch: LiveBatch) =>
    SEVERITIES.reduce((sum, s) => sum + batch.bySeverity[s], 0) + batch.quarantined;
  const max = Math.max(1, ...shown.map(totalOf));
  return shown.map((batch) => {
    let y = 0;
    const segments: LiveBarSegment[] = [];
    for (const kind of [...SEVERITIES, 'QUARANTINED'] as const) {
      const rows = kind === 'QUARANTINED' ? batch.quarantined : batch.bySeverity[kind];
      if (rows === 0) continue;
      segments.push({ kind, rows, y, height: rows / max });
      y += rows / max;
    }
    return { key: batch.key, batchId: batch.batchId, total: totalOf(batch), segments };
  });
}
