import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import type { RunSummary } from '../results/contract';
import {
  describeSource,
  measurementsFromSummary,
  mergeMeasurements,
  parseMeasurements,
} from './measurements';

/** The committed sample runs: real summaries written by the labs. */
const sample = (lab: string): RunSummary =>
  JSON.parse(readFileSync(`static/lab-results/${lab}/_summary.json`, 'utf8')) as RunSummary;

const liveStream = (): RunSummary => {
  const summary = sample('03-streaming');
  return {
    ...summary,
    latency_ms: { p50: 1200.4, p95: 2480.6, p99: 3100, max: 4000, events: 900 },
    event_time_latency_ms: {
      late_arrival_ms: 60_000,
      on_time: { p50: 1330.2, p95: 2610.4, p99: 3200, max: 4100, events: 820 },
      late_arrivals: { p50: 1_900_000, p95: 5_000_000, p99: 5_100_000, max: 5_100_000, events: 4 },
    },
    throughput_events_per_s: null,
    stream: { ...summary.stream, trigger: 'processingTime', feed_rate: 100 },
  };
};

describe('what a run measured', () => {
  it('takes throughput and the quarantined share from a batch run', () => {
    const summary = sample('02-batch');
    const measured = measurementsFromSummary(summary, 'local');
    const source = { lab: '02-batch', runner: 'local', finishedAt: summary.finished_at };
    expect(measured).toEqual({
      throughputEventsPerSecond: { ...source, value: summary.throughput_events_per_s },
      quarantinedSharePercent: { ...source, value: 7.2 }, // 144 of 2,000 lines
    });
  });

  it('takes stream latency only from a live stream, not from draining waiting files', () => {
    expect(measurementsFromSummary(sample('03-streaming'), 'local').streamLatencyP95Ms).toBe(
      undefined,
    );
    expect(measurementsFromSummary(liveStream(), 'emr').streamLatencyP95Ms).toMatchObject({
      value: 2481,
      lab: '03-streaming',
      runner: 'emr',
    });
  });

  it('keeps the latency from event_time (NFR-1’s) apart from the one from file landing', () => {
    const measured = measurementsFromSummary(liveStream(), 'local');
    expect(measured.eventTimeLatencyP95Ms?.value).toBe(2610); // on-time events only
    expect(measured.streamLatencyP95Ms?.value).toBe(2481);
    expect(
      measurementsFromSummary(sample('03-streaming'), 'local').eventTimeLatencyP95Ms,
    ).toBeUndefined();
    // A result written before the labs measured it, or a run with no event on time.
    const { event_time_latency_ms: _, ...older } = liveStream();
    expect(measurementsFromSummary(older, 'local').eventTimeLatencyP95Ms).toBeUndefined();
    const noneOnTime = liveStream();
    noneOnTime.event_time_latency_ms = {
      late_arrival_ms: 60_000,
      on_time: null,
      late_arrivals: null,
    };
    expect(measurementsFromSummary(noneOnTime, 'local').eventTimeLatencyP95Ms).toBeUndefined();
  });

  it('measures nothing from the simulator or from serving the store', () => {
    expect(measurementsFromSummary(sample('01-devices'), 'local')).toEqual({});
    expect(measurementsFromSummary(sample('04-serve'), 'local')).toEqual({});
  });

  it('keeps each figure from the latest run that measured it', () => {
    const batch = measurementsFromSummary(sample('02-batch'), 'local');
    const stream = measurementsFromSummary(liveStream(), 'local');
    const merged = mergeMeasurements(batch, stream);
    expect(merged.throughputEventsPerSecond?.lab).toBe('02-batch');
    expect(merged.streamLatencyP95Ms?.lab).toBe('03-streaming');
    expect(merged.quarantinedSharePercent?.lab).toBe('03-streaming');
    expect(mergeMeasurements(merged, {})).toBe(merged);
  });

  it('reads back what it stored and drops what it cannot read', () => {
    const stored = measurementsFromSummary(sample('02-batch'), 'local');
    expect(parseMeasurements(JSON.stringify(stored))).toEqual(stored);
    expect(parseMeasurements(null)).toEqual({});
    expect(parseMeasurements('not json')).toEqual({});
    expect(parseMeasurements('[1, 2]')).toEqual({});
    expect(
      parseMeasurements(
        JSON.stringify({
          noSuchMetric: { value: 1, lab: 'x', runner: 'local', finishedAt: 'now' },
          throughputEventsPerSecond: { value: 'fast', lab: 'x', runner: 'local', finishedAt: '' },
          quarantinedSharePercent: { value: 2, lab: '02-batch', runner: 'mars', finishedAt: '' },
          streamLatencyP95Ms: { value: 900, lab: '03-streaming', runner: 'local', finishedAt: 'x' },
        }),
      ),
    ).toEqual({
      streamLatencyP95Ms: { value: 900, lab: '03-streaming', runner: 'local', finishedAt: 'x' },
    });
  });

  it('names the run a figure came from', () => {
    expect(
      describeSource({
        value: 1,
        lab: '03-streaming',
        runner: 'local',
        finishedAt: '2026-11-29T10:02:33.120Z',
      }),
    ).toBe('lab 03-streaming on local Spark, 2026-11-29 10:02 UTC');
  });
});
