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
import { EVENTS, QUARANTINE, at, files, summaryObject } from './fixtures';

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

  it('fails on a summary missing any field the schema requires', () => {
    for (const key of summary.required) {
      const { [key]: _, ...broken } = summaryObject() as Record<string, unknown>;
      expect(() => parseRunResult(files({ summary: JSON.stringify(broken) })), key).toThrow(
        `_summary.json has no ${key}`,
      );
    }
  });
});
