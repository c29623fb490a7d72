import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import {
  CATEGORIES,
  CONTRACT_VERSION,
  COUNT_KEYS,
  DEVICE_TYPES,
  QUARANTINE_REASONS,
  RUN_MODES,
  ResultContractError,
  SEVERITIES,
  parseRunResult,
} from './contract';
import { EVENTS, LATENCIES, QUARANTINE, at, files, summaryObject } from './fixtures';
import { LATE_ARRIVAL_MS, LATE_ARRIVAL_TEXT } from './lateArrival';

const CONTRACT_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../labs/contract');

function labContract(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(CONTRACT_DIR, name), 'utf8')) as Record<string, unknown>;
}

function errorOf(run: () => unknown): ResultContractError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ResultContractError);
    return error as ResultContractError;
  }
  throw new Error('expected a ResultContractError');
}

const summaryText = (summary: object) => JSON.stringify(summary);

describe('parseRunResult on a real run', () => {
  it('reads the summary, every event and every quarantined line', () => {
    const result = parseRunResult(files());
    expect(result.summary.lab_id).toBe('03-streaming');
    expect(result.summary.mode).toBe('stream');
    expect(result.summary.counts).toEqual({
      input: 2000,
      classified: 1790,
      quarantined: 144,
      duplicates_dropped: 66,
      late_dropped: 0,
    });
    expect(result.summary.latency_ms?.p50).toBe(561713.4);
    expect(result.summary.stream?.watermark_minutes).toBe(10);
    expect(result.summary.checks.map((c) => [c.id, c.passed, c.exercise])).toEqual([
      ['identity', true, null],
      ['classified', true, null],
      ['watermark-30', false, 3],
    ]);
    expect(result.events).toEqual(EVENTS);
    expect(result.quarantine).toEqual(QUARANTINE);
  });

  it('takes empty events and quarantine files as empty lists', () => {
    const result = parseRunResult(files({ events: '', quarantine: '\n' }));
    expect(result.events).toEqual([]);
    expect(result.quarantine).toEqual([]);
  });

  it('skips blank lines and tolerates Windows line ends', () => {
    const [a, b] = EVENTS.map((e) => JSON.stringify(e));
    const result = parseRunResult(files({ events: `\n${a}\r\n   \r\n${b}\r\n\n` }));
    expect(result.events.map((e) => e.event_id)).toEqual([
      EVENTS[0]?.event_id,
      EVENTS[1]?.event_id,
    ]);
  });

  it('treats a null field of an event as absent', () => {
    const line = JSON.stringify({ ...EVENTS[1], zone: null });
    const [event] = parseRunResult(files({ events: line })).events;
    expect(event).toBeDefined();
    expect(event && 'zone' in event).toBe(false);
  });

  it('reads lab 1 events, which are not classified yet', () => {
    const summary = { ...summaryObject(), lab_id: '01-devices', mode: 'simulate' };
    const raw = {
      event_id: 'evt-7-000000001',
      device_id: 'gas-036',
      device_type: 'gas_sensor',
      site_id: 'plant-a',
      event_time: '2025-06-02T08:00:00.851Z',
      gas: 'CO',
      ppm: 5.8,
      battery_pct: 68.4,
    };
    const result = parseRunResult(
      files({ summary: summaryText(summary), events: JSON.stringify(raw) }),
    );
    expect(result.events[0]?.severity).toBeUndefined();
  });
});

describe('parseRunResult says what is wrong', () => {
  it('names a missing count', () => {
    const summary = summaryObject();
    delete (summary.counts as Record<string, unknown>).input;
    const error = errorOf(() => parseRunResult(files({ summary: summaryText(summary) })));
    expect(error.message).toBe('_summary.json has no counts.input');
    expect(error.file).toBe('_summary.json');
  });

  it('names a count of the wrong type', () => {
    const summary = summaryObject();
    (summary.by_severity as Record<string, unknown>).WARNING = '169';
    expect(() => parseRunResult(files({ summary: summaryText(summary) }))).toThrow(
      '_summary.json has by_severity.WARNING = "169", not a number',
    );
  });

  it('rejects a summary that is not JSON, empty, or not an object', () => {
    expect(() => parseRunResult(files({ summary: '{"lab_id": ' }))).toThrow(
      /^_summary\.json is not JSON: /,
    );
    expect(() => parseRunResult(files({ summary: '  ' }))).toThrow(
      '_summary.json is empty: the run did not finish',
    );
    expect(() => parseRunResult(files({ summary: '[1]' }))).toThrow(
      '_summary.json is not a JSON object',
    );
  });

  it('rejects another contract version', () => {
    const summary = { ...summaryObject(), contract_version: 2 };
    expect(() => parseRunResult(files({ summary: summaryText(summary) }))).toThrow(
      '_summary.json has contract_version 2; this site reads version 1',
    );
  });

  it('rejects an unknown mode and an unknown severity in per_minute', () => {
    const badMode = { ...summaryObject(), mode: 'nightly' };
    expect(() => parseRunResult(files({ summary: summaryText(badMode) }))).toThrow(
      '_summary.json has mode = "nightly"; expected simulate, continuous, batch, stream or serve',
    );
    const badMinute = summaryObject();
    badMinute.per_minute[1] = { ...at(badMinute.per_minute, 1), severity: 'FATAL' };
    expect(() => parseRunResult(files({ summary: summaryText(badMinute) }))).toThrow(
      '_summary.json has per_minute.1.severity = "FATAL"; expected CRITICAL, WARNING or INFO',
    );
  });

  it('rejects a check without passed, and a latency without p99', () => {
    const noPassed = summaryObject();
    delete (noPassed.checks[2] as Record<string, unknown>).passed;
    expect(() => parseRunResult(files({ summary: summaryText(noPassed) }))).toThrow(
      '_summary.json has no checks.2.passed',
    );
    const noP99 = summaryObject();
    delete (noP99.latency_ms as Record<string, unknown>).p99;
    expect(() => parseRunResult(files({ summary: summaryText(noP99) }))).toThrow(
      '_summary.json has no latency_ms.p99',
    );
  });

  it('reads both latencies of a stream, each under its own name', () => {
    const summary = { ...summaryObject(), ...LATENCIES.live };
    const read = parseRunResult(files({ summary: summaryText(summary) })).summary;
    expect(read.latency_ms).toEqual(LATENCIES.live.latency_ms);
    expect(read.event_time_latency_ms).toEqual(LATENCIES.live.event_time_latency_ms);
    const sample = { ...summaryObject(), ...LATENCIES.sample };
    const replayed = parseRunResult(files({ summary: summaryText(sample) })).summary;
    expect(replayed.event_time_latency_ms?.on_time).toBeNull();
    expect(replayed.event_time_latency_ms?.late_arrivals?.events).toBe(1769);
  });

  it('reads a result written before the labs measured latency from event_time', () => {
    const result = parseRunResult(files());
    expect('event_time_latency_ms' in result.summary).toBe(false);
    expect(result.summary.latency_ms?.events).toBe(1934);
    const batch = { ...summaryObject(), latency_ms: null, event_time_latency_ms: null };
    const read = parseRunResult(files({ summary: summaryText(batch) })).summary;
    expect(read.event_time_latency_ms).toBeNull();
  });

  it('names what is wrong in a latency from event_time', () => {
    const broken = (change: (latency: Record<string, unknown>) => void) => {
      const latency = structuredClone(LATENCIES.live.event_time_latency_ms) as Record<
        string,
        unknown
      >;
      change(latency);
      const summary = { ...summaryObject(), event_time_latency_ms: latency };
      return () => parseRunResult(files({ summary: summaryText(summary) }));
    };
    expect(broken((l) => delete l.late_arrival_ms)).toThrow(
      '_summary.json has no event_time_latency_ms.late_arrival_ms',
    );
    expect(broken((l) => delete (l.on_time as Record<string, unknown>).p95)).toThrow(
      '_summary.json has no event_time_latency_ms.on_time.p95',
    );
    expect(broken((l) => delete l.late_arrivals)).toThrow(
      '_summary.json has no event_time_latency_ms.late_arrivals',
    );
    const notObject = { ...summaryObject(), event_time_latency_ms: 2610 };
    expect(() => parseRunResult(files({ summary: summaryText(notObject) }))).toThrow(
      '_summary.json has event_time_latency_ms = 2610, not an object',
    );
  });

  it('accepts a null latency and a null throughput (batch runs)', () => {
    const summary = { ...summaryObject(), latency_ms: null, throughput_events_per_s: null };
    const result = parseRunResult(files({ summary: summaryText(summary) }));
    expect(result.summary.latency_ms).toBeNull();
    expect(result.summary.throughput_events_per_s).toBeNull();
  });

  it('gives the line number of an events line that is not JSON, counting blank lines', () => {
    const good = JSON.stringify(EVENTS[0]);
    const text = [good, '', good, '{"event_id": "x",'].join('\n');
    const error = errorOf(() => parseRunResult(files({ events: text })));
    expect(error.message).toMatch(/^events line 4 is not JSON: /);
    expect(error.line).toBe(4);
    expect(error.file).toBe('events');
  });

  it('rejects an events line that is not an object or lacks the envelope', () => {
    expect(() => parseRunResult(files({ events: '[]' }))).toThrow(
      'events line 1 is not a JSON object',
    );
    const { device_id: _, ...noDevice } = at(EVENTS, 0);
    expect(() => parseRunResult(files({ events: JSON.stringify(noDevice) }))).toThrow(
      'events line 1 has no device_id',
    );
  });

  it('rejects an event field of the wrong type or value', () => {
    const textX = JSON.stringify({ ...EVENTS[0], x: '12.5' });
    expect(() => parseRunResult(files({ events: textX }))).toThrow(
      'events line 1 has x = "12.5", not a number',
    );
    const badSeverity = JSON.stringify({ ...EVENTS[0], severity: 'HIGH' });
    expect(() => parseRunResult(files({ events: badSeverity }))).toThrow(
      'events line 1 has severity = "HIGH"; expected CRITICAL, WARNING or INFO',
    );
    const drone = JSON.stringify({ ...EVENTS[0], device_type: 'drone' });
    expect(() => parseRunResult(files({ events: drone }))).toThrow(
      'events line 1 has device_type = "drone"; expected gas_sensor, vehicle, position_tag or activity',
    );
  });

  it('rejects a quarantine line without its reason code', () => {
    const { reason_code: _, ...line } = at(QUARANTINE, 0);
    expect(() => parseRunResult(files({ quarantine: `\n${JSON.stringify(line)}` }))).toThrow(
      'quarantine line 2 has no reason_code',
    );
  });
});

describe('the types follow the labs’ exported contract', () => {
  const rules = labContract('rules.json');
  const events = labContract('event-schema.json');
  const summary = labContract('summary-schema.json') as {
    required: string[];
    properties: Record<string, { required?: string[]; enum?: unknown[]; const?: unknown }> & {
      latency_ms: { oneOf: { required?: string[] }[] };
      event_time_latency_ms: {
        oneOf: {
          required?: string[];
          properties?: Record<string, { oneOf?: { required?: string[] }[]; default?: number }>;
        }[];
      };
      checks: { items: { required: string[] } };
    };
  };

  it('has the same severities, categories, device types and quarantine reasons', () => {
    expect(SEVERITIES).toEqual(rules.severities);
    expect(CATEGORIES).toEqual(rules.categories);
    expect(DEVICE_TYPES).toEqual(events.device_types);
    expect(QUARANTINE_REASONS).toEqual(
      (rules.quarantine_reasons as { code: string }[]).map((reason) => reason.code),
    );
  });

  it('has the same contract version, modes, counts, check and latency fields', () => {
    expect(summary.properties.contract_version?.const).toBe(CONTRACT_VERSION);
    expect(summary.properties.mode?.enum).toEqual(RUN_MODES);
    expect(summary.properties.counts?.required).toEqual(COUNT_KEYS);
    expect(summary.properties.checks.items.required).toEqual([
      'id',
      'title',
      'exercise',
      'passed',
      'detail',
      'hint',
    ]);
    expect(summary.properties.latency_ms.oneOf[1]?.required).toEqual([
      'p50',
      'p95',
      'p99',
      'max',
      'events',
    ]);
  });

  it('has the same latency from event_time, optional for results written before it', () => {
    const schema = summary.properties.event_time_latency_ms.oneOf[1];
    expect(schema?.required).toEqual(['late_arrival_ms', 'on_time', 'late_arrivals']);
    for (const part of ['on_time', 'late_arrivals']) {
      expect(schema?.properties?.[part]?.oneOf?.[1]?.required).toEqual(
        summary.properties.latency_ms.oneOf[1]?.required,
      );
    }
    expect(schema?.properties?.late_arrival_ms?.default).toBe(
      LATENCIES.live.event_time_latency_ms.late_arrival_ms,
    );
    expect(summary.required).toContain('latency_ms');
    expect(summary.required).not.toContain('event_time_latency_ms');
    // What the pages say about the bound is read from the same export.
    expect(LATE_ARRIVAL_MS).toBe(LATENCIES.live.event_time_latency_ms.late_arrival_ms);
    expect(LATE_ARRIVAL_TEXT).toBe('1 min');
  });

  it('fails on a summary missing any field the schema requires', () => {
    for (const key of summary.required) {
      const { [key]: _, ...broken } = summaryObject() as Record<string, unknown>;
      expect(() => parseRunResult(files({ summary: JSON.stringify(broken) })), key).toThrow(
        `_summary.json has no ${key}`,
      );
    }
  });
});
