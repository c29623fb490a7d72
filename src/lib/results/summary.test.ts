import { describe, expect, it } from 'vitest';

import { parseRunResult, type RunSummary } from './contract';
import { at, files, LATENCIES, SUMMARY } from './fixtures';
import { QUARANTINE_REASON_TEXT } from './labContract';
import {
  accountingIdentity,
  checkViews,
  latencyBlocks,
  latencyRows,
  quarantineReasons,
  truncate,
} from './summary';

const { summary, quarantine } = parseRunResult(files());
const withCounts = (counts: Partial<RunSummary['counts']>, mode: RunSummary['mode'] = 'batch') =>
  ({ ...summary, mode, counts: { ...summary.counts, ...counts } }) as RunSummary;

describe('accountingIdentity', () => {
  it('holds when every input line is classified, quarantined or dropped', () => {
    const identity = accountingIdentity(summary);
    expect(identity).toMatchObject({ applies: true, input: 2000, total: 2000, holds: true });
    expect(identity.terms.map((t) => t.value)).toEqual([1790, 144, 66, 0]);
    expect(identity.text).toBe(
      '1,790 classified + 144 quarantined + 66 duplicates dropped + 0 late dropped = 2,000, the input: every line is accounted for.',
    );
  });

  it('says how many lines are missing when it does not hold', () => {
    const identity = accountingIdentity(withCounts({ classified: 1780 }));
    expect(identity.holds).toBe(false);
    expect(identity.missing).toBe(10);
    expect(identity.text).toMatch(
      /= 1,990, but the input was 2,000: 10 lines are not accounted for\.$/,
    );
    expect(accountingIdentity(withCounts({ late_dropped: 5 })).text).toMatch(
      /5 too many are counted\.$/,
    );
  });

  it('does not apply to lab 1, which only writes lines', () => {
    const identity = accountingIdentity(
      withCounts({ input: 2000, classified: 0, quarantined: 0, duplicates_dropped: 0 }, 'simulate'),
    );
    expect(identity.applies).toBe(false);
    expect(identity.text).toBe('This run only wrote 2,000 input lines; nothing is classified yet.');
  });
});

describe('latencyRows', () => {
  it('formats the percentiles of a stream run', () => {
    expect(latencyRows({ p50: 850, p95: 1234, p99: 61_500, max: 561_749.4, events: 10 })).toEqual([
      { label: 'p50', value: '850 ms', description: 'half of the events' },
      { label: 'p95', value: '1.2 s', description: '95% of the events' },
      { label: 'p99', value: '1 min 2 s', description: '99% of the events' },
      { label: 'max', value: '9 min 22 s', description: 'the slowest event' },
    ]);
  });

  it('is null for batch runs and streams that measured nothing', () => {
    expect(latencyRows(null)).toBeNull();
    expect(latencyRows({ p50: 0, p95: 0, p99: 0, max: 0, events: 0 })).toBeNull();
  });
});

describe('latencyBlocks', () => {
  const stream = (latencies: Partial<RunSummary>, trigger = 'processingTime'): RunSummary => ({
    ...summary,
    ...latencies,
    stream: { ...summary.stream, trigger },
  });

  it('shows NFR-1’s latency, from event_time, with the late arrivals apart, then from landing', () => {
    const [eventTime, landing] = latencyBlocks(stream(LATENCIES.live as Partial<RunSummary>));
    expect(eventTime).toMatchObject({
      title: 'From event_time to stored',
      definition: 'NFR-1’s definition',
    });
    expect(eventTime?.rows?.map((row) => row.value)).toEqual([
      '22.6 s',
      '26.8 s',
      '27.8 s',
      '27.9 s',
    ]);
    expect(eventTime?.note).toBe(
      '3,683 classified events that landed within 1 min of their event_time, from the moment each happened to its micro-batch’s rows stored. ' +
        '36 late arrivals — events whose file landed more than 1 min after their event_time — are kept out of these percentiles: p50 52 min 56 s, max 1 h 26 min.',
    );
    expect(landing).toMatchObject({ title: 'From file landing to stored', definition: null });
    expect(landing?.rows?.[1]?.value).toBe('26.5 s');
    expect(landing?.note).toMatch(
      /^4,039 stored lines, classified and quarantined, from the moment their file landed \(its modification time\) to their micro-batch’s rows stored/,
    );
  });

  it('says when no event was on time, as in a replay of the sample data', () => {
    const [eventTime] = latencyBlocks(
      stream(LATENCIES.sample as Partial<RunSummary>, 'availableNow'),
    );
    expect(eventTime?.rows).toBeNull();
    expect(eventTime?.note).toMatch(
      /^No classified event landed within 1 min of its event_time\. 1,769 late arrivals .* p50 546 d 6 h, max 546 d 6 h\. This run drained files that were already waiting/,
    );
    expect(eventTime?.note).toMatch(/the data’s age, not the stream’s/);
  });

  it('says when a result predates the latency from event_time', () => {
    const [eventTime, landing] = latencyBlocks(summary);
    expect(eventTime?.rows).toBeNull();
    expect(eventTime?.note).toMatch(/^Not in this result: it was written before the lab measured/);
    expect(landing?.rows?.[0]?.value).toBe('9 min 22 s');
  });

  it('shows only the landing block when the summary says event time measured nothing', () => {
    const blocks = latencyBlocks({ ...summary, latency_ms: null, event_time_latency_ms: null });
    expect(blocks.map((b) => [b.title, b.rows, b.note])).toEqual([
      ['From file landing to stored', null, 'No line reached the store during the run.'],
    ]);
  });
});

describe('checkViews', () => {
  it('shows a passed check without hint or solution', () => {
    const { items, passed, failed } = checkViews(summary.checks);
    expect([passed, failed]).toEqual([2, 1]);
    expect(items[0]).toMatchObject({ id: 'identity', passed: true, hint: null, solution: null });
  });

  it('keeps an exercise’s answer behind "Show solution" and gives a gentler hint', () => {
    const exercise = checkViews(summary.checks).items[2];
    expect(exercise).toMatchObject({
      id: 'watermark-30',
      passed: false,
      exercise: 3,
      detail: 'stream.watermark_minutes = 10 (want == 30)',
      solution: 'Set WATERMARK_MINUTES = 30 (minutes, a number).',
    });
    expect(exercise?.hint).toMatch(/^Exercise 3 is not done yet/);
  });

  it('shows the hint of any other failed check at once', () => {
    const failed = SUMMARY.checks.map((c) => ({ ...c, passed: false }));
    const identity = checkViews(failed).items[0];
    expect(identity?.hint).toBe(
      'classified + quarantined + duplicates + late must equal the lines read.',
    );
    expect(identity?.solution).toBeNull();
    const noHint = checkViews([{ ...at(failed, 0), hint: ' ' }]).items[0];
    expect(noHint?.hint).toBeNull();
  });
});

describe('quarantineReasons', () => {
  it('lists reasons with a count, most frequent first, with sample lines and words', () => {
    const rows = quarantineReasons(summary, quarantine, QUARANTINE_REASON_TEXT);
    expect(rows.map((r) => [r.code, r.count])).toEqual([
      ['malformed_json', 31],
      ['missing_field', 28],
      ['unknown_device_type', 20],
      ['future_timestamp', 18],
      ['wrong_type', 18],
      ['impossible_value', 17],
      ['invalid_value', 12],
    ]);
    expect(rows[0]?.description).toBe('The line is not a JSON object.');
    expect(rows[0]?.samples.map((s) => s.raw)).toEqual(['<html>502</html>']);
    expect(rows.find((r) => r.code === 'wrong_type')?.samples).toEqual([]);
  });

  it('keeps at most the asked number of samples, and reasons only the sample knows', () => {
    const lines = [1, 2, 3].map((n) => ({ raw: `x${n}`, reason_code: 'encoding', reason: 'bad' }));
    const rows = quarantineReasons(summary, lines, {}, 2);
    const encoding = rows.find((r) => r.code === 'encoding');
    expect(encoding).toMatchObject({ count: 3, description: '' });
    expect(encoding?.samples.map((s) => s.raw)).toEqual(['x1', 'x2']);
  });

  it('truncates long raw lines', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
  });
});
