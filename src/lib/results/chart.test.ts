import { describe, expect, it } from 'vitest';

import { axisTicks, bucketSize, describeSeries, timeSeries } from './chart';
import type { PerMinuteCount } from './contract';
import { SUMMARY } from './fixtures';

const perMinute = SUMMARY.per_minute as PerMinuteCount[];

describe('timeSeries', () => {
  it('counts per minute by severity, with empty minutes as zeros', () => {
    const series = timeSeries(perMinute, 'severity');
    expect(series.keys).toEqual(['CRITICAL', 'WARNING', 'INFO']);
    expect(series.bucketMinutes).toBe(1);
    expect(series.buckets.map((b) => [b.start, b.counts, b.total])).toEqual([
      ['2025-06-02T08:00:00.000Z', { CRITICAL: 2, WARNING: 0, INFO: 20 }, 22],
      ['2025-06-02T08:01:00.000Z', { CRITICAL: 0, WARNING: 3, INFO: 0 }, 3],
      ['2025-06-02T08:02:00.000Z', { CRITICAL: 0, WARNING: 0, INFO: 0 }, 0],
      ['2025-06-02T08:03:00.000Z', { CRITICAL: 1, WARNING: 0, INFO: 5 }, 6],
    ]);
    expect(series.maxTotal).toBe(22);
    expect(series.totals).toEqual({ CRITICAL: 3, WARNING: 3, INFO: 25 });
  });

  it('counts by category from the same rows', () => {
    const series = timeSeries(perMinute, 'category');
    expect(series.keys).toEqual(['SAFETY', 'SECURITY', 'OPERATIONS', 'MAINTENANCE', 'TELEMETRY']);
    expect(series.buckets[0]?.counts).toEqual({
      SAFETY: 2,
      SECURITY: 0,
      OPERATIONS: 0,
      MAINTENANCE: 0,
      TELEMETRY: 20,
    });
    expect(series.totals.TELEMETRY).toBe(25);
  });

  it('merges minutes into wider buckets when the run spans more minutes than bars', () => {
    const rows: PerMinuteCount[] = Array.from({ length: 180 }, (_, i) => ({
      minute: new Date(Date.UTC(2025, 5, 2, 6, 0) + i * 60_000).toISOString(),
      severity: 'INFO',
      category: 'TELEMETRY',
      count: 1,
    }));
    const series = timeSeries(rows, 'severity', 60);
    expect(series.bucketMinutes).toBe(5);
    expect(series.buckets).toHaveLength(36);
    expect(series.buckets.every((b) => b.total === 5)).toBe(true);
    expect(series.totals.INFO).toBe(180);
  });

  it('aligns wide buckets to round times', () => {
    const rows: PerMinuteCount[] = [
      { minute: '2025-06-02T06:47:00Z', severity: 'WARNING', category: 'SAFETY', count: 1 },
      { minute: '2025-06-02T08:33:00Z', severity: 'INFO', category: 'TELEMETRY', count: 2 },
    ];
    const series = timeSeries(rows, 'severity', 30);
    expect(series.bucketMinutes).toBe(5);
    expect(series.buckets[0]?.start).toBe('2025-06-02T06:45:00.000Z');
    expect(series.buckets.at(-1)?.start).toBe('2025-06-02T08:30:00.000Z');
    expect(series.buckets.at(-1)?.counts.INFO).toBe(2);
  });

  it('is empty without rows', () => {
    const series = timeSeries([], 'category');
    expect(series.buckets).toEqual([]);
    expect(series.maxTotal).toBe(0);
    expect(series.totals.SAFETY).toBe(0);
  });
});

describe('chart helpers', () => {
  it('picks the smallest bucket that fits', () => {
    expect(bucketSize(1, 60)).toBe(1);
    expect(bucketSize(60, 60)).toBe(1);
    expect(bucketSize(61, 60)).toBe(2);
    expect(bucketSize(1440, 60)).toBe(30);
    expect(bucketSize(30 * 1440, 10)).toBe(4320);
  });

  it('makes round axis ticks reaching the maximum', () => {
    expect(axisTicks(22)).toEqual([0, 10, 20, 30]);
    expect(axisTicks(3)).toEqual([0, 1, 2, 3]);
    expect(axisTicks(1)).toEqual([0, 1]);
    expect(axisTicks(0)).toEqual([0, 1]);
    expect(axisTicks(1290)).toEqual([0, 500, 1000, 1500]);
  });

  it('describes the series in one sentence', () => {
    const text = describeSeries(timeSeries(perMinute, 'severity'), (key) => key.toLowerCase());
    expect(text).toBe(
      'Classified events per minute by severity, 08:00 to 08:04 UTC: 3 critical, 3 warning, 25 info. Busiest minute: 22 events.',
    );
    expect(describeSeries(timeSeries([], 'category'), String)).toBe(
      'Classified events per minute by category: no events.',
    );
  });
});
