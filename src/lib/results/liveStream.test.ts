import { describe, expect, it } from 'vitest';

import type { StreamBatch } from '../runner/types';
import { addLiveBatch, liveBars, liveBatch, liveTotals } from './liveStream';

const batch = (id: number, overrides: Partial<StreamBatch> = {}): StreamBatch => ({
  query_id: 'q-1',
  batch_id: id,
  timestamp: `2026-11-29T10:00:0${id}.000Z`,
  input_rows: 100,
  input_rows_per_s: 95.5,
  processed_rows_per_s: 180.2,
  duration_ms: 540,
  late_dropped: 2,
  observed: {
    valid_events: { rows: 96 },
    classified: { rows: 90, critical: 3, warning: 12, info: 75 },
    quarantined: { rows: 4 },
  },
  ...overrides,
});

describe('the live view of a streaming run', () => {
  it('reads a micro-batch’s outcomes from the lab’s observed metrics', () => {
    // Spark counts the source once per branch that reads it: 200 rows for 100 lines.
    expect(liveBatch(batch(3, { input_rows: 200 }))).toEqual({
      key: 'q-1:3',
      batchId: 3,
      timestamp: '2026-11-29T10:00:03.000Z',
      inputRows: 100,
      classified: 90,
      bySeverity: { CRITICAL: 3, WARNING: 12, INFO: 75 },
      quarantined: 4,
      lateDropped: 2,
      duplicatesDropped: 4,
      durationMs: 540,
      rowsPerSecond: 180.2,
    });
  });

  it('shows rows in even when the lab observes nothing, and reads null sums as zero', () => {
    const bare = liveBatch(batch(0, { observed: {}, late_dropped: 0 }));
    expect(bare).toMatchObject({
      inputRows: 100,
      classified: 0,
      quarantined: 0,
      lateDropped: 0,
      duplicatesDropped: 0,
    });
    const empty = liveBatch(
      batch(1, { input_rows: 0, observed: { classified: { rows: 0, critical: null } } }),
    );
    expect(empty.bySeverity).toEqual({ CRITICAL: 0, WARNING: 0, INFO: 0 });
  });

  it('does not count a micro-batch twice when the page reconnects and is sent it again', () => {
    let seen = addLiveBatch([], batch(0));
    seen = addLiveBatch(seen, batch(1));
    seen = addLiveBatch(seen, batch(1));
    seen = addLiveBatch(seen, batch(0, { query_id: 'q-2' })); // a restarted query
    expect(seen.map((b) => b.key)).toEqual(['q-1:0', 'q-1:1', 'q-2:0']);
    expect(liveTotals(seen)).toEqual({
      batches: 3,
      inputRows: 300,
      classified: 270,
      bySeverity: { CRITICAL: 9, WARNING: 36, INFO: 225 },
      quarantined: 12,
      lateDropped: 6,
      duplicatesDropped: 12,
    });
  });

  it('stacks each bar by severity then quarantine, scaled to the largest batch shown', () => {
    const small = batch(1, {
      observed: { classified: { rows: 10, critical: 0, warning: 5, info: 5 }, quarantined: {} },
    });
    const bars = liveBars([liveBatch(batch(0)), liveBatch(small)]);
    expect(bars[0]?.total).toBe(94);
    expect(bars[0]?.segments.map((s) => [s.kind, s.rows])).toEqual([
      ['CRITICAL', 3],
      ['WARNING', 12],
      ['INFO', 75],
      ['QUARANTINED', 4],
    ]);
    const top = bars[0]?.segments.at(-1);
    expect((top?.y ?? 0) + (top?.height ?? 0)).toBeCloseTo(1);
    // No empty segment for the severity it did not see; heights relative to the 94-row bar.
    expect(bars[1]?.segments.map((s) => s.kind)).toEqual(['WARNING', 'INFO']);
    expect(bars[1]?.segments[1]?.y).toBeCloseTo(5 / 94);
  });

  it('keeps only the last batches in the chart', () => {
    const many = Array.from({ length: 50 }, (_, i) => liveBatch(batch(i)));
    const bars = liveBars(many, 40);
    expect(bars).toHaveLength(40);
    expect(bars[0]?.batchId).toBe(10);
  });
});
