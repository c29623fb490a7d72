/**
 * Lines a real run wrote (lab 3 and lab 2 on the sample data; per_minute shortened), for tests:
 * taken from the labs' output rather than written by hand, so the tests read what labs write.
 */
import type { RunResultFiles } from './contract';

export const SUMMARY = {
  contract_version: 1,
  lab_id: '03-streaming',
  mode: 'stream',
  spark_version: '3.5.6',
  python_version: '3.11.7',
  started_at: '2026-11-28T10:58:25Z',
  finished_at: '2026-11-28T10:58:39Z',
  duration_s: 13.767,
  locations: {
    input: '../labs/sample-data/raw',
    output: 'runs/03-streaming',
    store: 'runs/store',
    checkpoint: 'runs/checkpoints/03-streaming',
  },
  counts: {
    input: 2000,
    classified: 1790,
    quarantined: 144,
    duplicates_dropped: 66,
    late_dropped: 0,
  },
  by_severity: { CRITICAL: 173, WARNING: 169, INFO: 1448 },
  by_category: { SAFETY: 117, SECURITY: 154, OPERATIONS: 183, MAINTENANCE: 42, TELEMETRY: 1294 },
  by_device_type: { gas_sensor: 668, vehicle: 367, position_tag: 572, activity: 183 },
  by_rule: {
    'ACT-FAILED': 10,
    'ACT-OK': 154,
    'ACT-OVERDUE': 19,
    'GAS-BATTERY-LOW': 26,
    'GAS-CH4-CRITICAL': 9,
    'GAS-CH4-WARNING': 5,
    'GAS-CO-CRITICAL': 11,
    'GAS-CO-WARNING': 19,
    'GAS-H2S-CRITICAL': 18,
    'GAS-H2S-WARNING': 11,
    'GAS-OK': 569,
    'POS-ASSET-RESTRICTED': 35,
    'POS-EMPLOYEE-RESTRICTED': 119,
    'POS-OK': 418,
    'VEH-HARSH-BRAKING': 18,
    'VEH-OK': 307,
    'VEH-OVERHEAT': 16,
    'VEH-SPEEDING': 26,
  },
  per_minute: [
    { minute: '2025-06-02T08:00:00Z', severity: 'INFO', category: 'TELEMETRY', count: 20 },
    { minute: '2025-06-02T08:00:00Z', severity: 'CRITICAL', category: 'SAFETY', count: 2 },
    { minute: '2025-06-02T08:01:00Z', severity: 'WARNING', category: 'OPERATIONS', count: 3 },
    { minute: '2025-06-02T08:03:00Z', severity: 'CRITICAL', category: 'SECURITY', count: 1 },
    { minute: '2025-06-02T08:03:00Z', severity: 'INFO', category: 'TELEMETRY', count: 5 },
  ],
  per_minute_truncated: false,
  quarantine_by_reason: {
    blank_line: 0,
    malformed_json: 31,
    missing_field: 28,
    unknown_device_type: 20,
    wrong_type: 18,
    invalid_value: 12,
    impossible_value: 17,
    future_timestamp: 18,
  },
  latency_ms: { p50: 561713.4, p95: 561749.4, p99: 561749.4, max: 561749.4, events: 1934 },
  throughput_events_per_s: 203.7,
  load_id: 'stream-2f42f3b8-0733-4f6e-a0c6-a7feb3504236',
  stream: {
    query_id: '2f42f3b8-0733-4f6e-a0c6-a7feb3504236',
    batches: 2,
    batch_ids: [0, 1],
    trigger: 'availableNow',
    trigger_seconds: 1.0,
    watermark_minutes: 10,
    max_files_per_trigger: 10,
    feed_rate: 0.0,
  },
  checks: [
    {
      id: 'identity',
      title: 'Every input line is accounted for',
      exercise: null,
      passed: true,
      detail: '1790 classified + 144 quarantined + 66 duplicates + 0 late = 2000; input 2000',
      hint: 'classified + quarantined + duplicates + late must equal the lines read.',
    },
    {
      id: 'classified',
      title: 'Events were classified',
      exercise: null,
      passed: true,
      detail: 'counts.classified = 1790 (want >= 1)',
      hint: 'Is anything landing in --landing? Use --feed-rate, or run lab 1 with --continuous.',
    },
    {
      id: 'watermark-30',
      title: 'Exercise 3: the watermark waits 30 minutes for late events',
      exercise: 3,
      passed: false,
      detail: 'stream.watermark_minutes = 10 (want == 30)',
      hint: 'Set WATERMARK_MINUTES = 30 (minutes, a number).',
    },
  ],
  samples: { events: 1790, quarantine: 144 },
};

/**
 * The latencies of two more real lab 3 runs (SUMMARY above predates `event_time_latency_ms`).
 * `sample`: on the sample data, whose event times are a 2025 simulation's, so no event counts as
 * on time and all 1,769 classified are late arrivals. `live`: fed by its simulator at 200
 * events/s for 20 s (on a busy machine); the first micro-batch's late uploads are apart.
 */
export const LATENCIES = {
  sample: {
    event_time_latency_ms: {
      late_arrival_ms: 60000,
      on_time: null,
      late_arrivals: {
        p50: 47197301356.4,
        p95: 47197317332.5,
        p99: 47197317332.5,
        max: 47197317332.5,
        events: 1769,
      },
    },
  },
  live: {
    latency_ms: { p50: 22198.8, p95: 26526.7, p99: 27526.7, max: 27526.7, events: 4039 },
    event_time_latency_ms: {
      late_arrival_ms: 60000,
      on_time: { p50: 22619.4, p95: 26836.7, p99: 27796.7, max: 27856.7, events: 3683 },
      late_arrivals: { p50: 3176074.8, p95: 5110195.8, p99: 5159037.8, max: 5159037.8, events: 36 },
    },
  },
};

export const EVENTS = [
  {
    event_id: 'evt-7-000001955',
    device_id: 'veh-002',
    device_type: 'vehicle',
    site_id: 'plant-a',
    event_time: '2025-06-02T08:32:34.894Z',
    speed_kmh: 3.9,
    engine_temp_c: 110.0,
    fuel_pct: 4.6,
    harsh_braking: false,
    x: 123.3,
    y: 2.9,
    landed_at: '2026-11-28T10:49:15.225Z',
    zone: 'open-area',
    zone_restricted: false,
    category: 'MAINTENANCE',
    severity: 'CRITICAL',
    rule_id: 'VEH-OVERHEAT',
    reason: 'Engine at 110 °C, at or above 110 °C',
    source: 'batch',
    load_id: 'batch-8959a1e900be',
    batch_id: 0,
    event_date: '2025-06-02',
  },
  {
    event_id: 'evt-7-000001999',
    device_id: 'gas-025',
    device_type: 'gas_sensor',
    site_id: 'plant-a',
    event_time: '2025-06-02T08:33:18.773Z',
    gas: 'H2S',
    ppm: 0.3,
    battery_pct: 27.3,
    landed_at: '2026-11-28T10:49:15.225Z',
    category: 'TELEMETRY',
    severity: 'INFO',
    rule_id: 'GAS-OK',
    reason: 'H2S at 0.3 ppm, within limits',
    source: 'batch',
    load_id: 'batch-8959a1e900be',
    batch_id: 0,
    event_date: '2025-06-02',
  },
  {
    event_id: 'evt-7-000001926',
    device_id: 'tag-016',
    device_type: 'position_tag',
    site_id: 'plant-a',
    event_time: '2025-06-02T08:32:05.850Z',
    x: 430.6,
    y: 234.4,
    subject_kind: 'asset',
    subject_id: 'A-016',
    landed_at: '2026-11-28T10:49:15.225Z',
    zone: 'substation',
    zone_restricted: true,
    category: 'SECURITY',
    severity: 'WARNING',
    rule_id: 'POS-ASSET-RESTRICTED',
    reason: 'Asset A-016 inside restricted zone substation',
    source: 'batch',
    load_id: 'batch-8959a1e900be',
    batch_id: 0,
    event_date: '2025-06-02',
  },
  {
    event_id: 'evt-7-000001996',
    device_id: 'act-007',
    device_type: 'activity',
    site_id: 'plant-a',
    event_time: '2025-06-02T08:33:15.939Z',
    task_id: 'T-5963',
    task: 'fire door test',
    status: 'done',
    due_time: '2025-06-02T07:04:05.437Z',
    completed_time: '2025-06-02T06:46:08.663Z',
    operator_id: 'OP-15',
    landed_at: '2026-11-28T10:49:15.225Z',
    overdue_min: -18.0,
    category: 'OPERATIONS',
    severity: 'INFO',
    rule_id: 'ACT-OK',
    reason: 'Task fire door test (T-5963) done',
    source: 'batch',
    load_id: 'batch-8959a1e900be',
    batch_id: 0,
    event_date: '2025-06-02',
  },
  {
    event_id: 'evt-7-000001990',
    device_id: 'tag-049',
    device_type: 'position_tag',
    site_id: 'plant-a',
    event_time: '2025-06-02T08:33:09.970Z',
    x: 375.4,
    y: 38.3,
    subject_kind: 'employee',
    subject_id: 'E-049',
    landed_at: '2026-11-28T10:49:15.225Z',
    zone: 'blasting-area',
    zone_restricted: true,
    category: 'SECURITY',
    severity: 'CRITICAL',
    rule_id: 'POS-EMPLOYEE-RESTRICTED',
    reason: 'Employee E-049 inside restricted zone blasting-area',
    source: 'batch',
    load_id: 'batch-8959a1e900be',
    batch_id: 0,
    event_date: '2025-06-02',
  },
  {
    event_id: 'evt-7-000001987',
    device_id: 'gas-021',
    device_type: 'gas_sensor',
    site_id: 'plant-a',
    event_time: '2025-06-02T08:33:06.873Z',
    gas: 'CO',
    ppm: 57.4,
    battery_pct: 83.3,
    landed_at: '2026-11-28T10:49:15.225Z',
    category: 'SAFETY',
    severity: 'CRITICAL',
    rule_id: 'GAS-CO-CRITICAL',
    reason: 'CO at 57.4 ppm, at or above the critical 50 ppm',
    source: 'batch',
    load_id: 'batch-8959a1e900be',
    batch_id: 0,
    event_date: '2025-06-02',
  },
];

export const QUARANTINE = [
  {
    raw: '<html>502</html>',
    reason_code: 'malformed_json',
    reason: 'not a JSON object',
    landed_at: '2026-11-28T10:49:15.171Z',
  },
  {
    raw: '{"event_id":"evt-7-000000100","device_id":"veh-002","device_type":"vehicle","site_id":"plant-a","event_time":"2076-06-02T08:01:39.910Z","speed_kmh":20.7,"engine_temp_c":94.6,"fuel_pct":42.5,"harsh_braking":false,"x":490.4,"y":38.0}',
    reason_code: 'future_timestamp',
    reason: "event_time in the future: '2076-06-02T08:01:39.910Z'",
    landed_at: '2026-11-28T10:49:15.171Z',
  },
  {
    raw: '{"event_id":"evt-7-000000035","device_id":"act-007","device_type":"activity","site_id":"plant-a","event_time":"2025-06-02T08:00:34.803Z","task_id":"T-3565","task":"spill kit audit","status":"pending","due_time":"2025-06-02T07:17:21.023Z"}',
    reason_code: 'missing_field',
    reason: 'missing field operator_id',
    landed_at: '2026-11-28T10:49:15.171Z',
  },
];

const lines = (rows: readonly object[]) => rows.map((row) => JSON.stringify(row) + '\n').join('');

/** The three files of the run, with any of them replaced. */
export function files(overrides: Partial<RunResultFiles> = {}): RunResultFiles {
  return {
    summary: JSON.stringify(SUMMARY, null, 2),
    events: lines(EVENTS),
    quarantine: lines(QUARANTINE),
    ...overrides,
  };
}

/** A deep copy of the summary, to break one field in a test. */
export function summaryObject(): Record<string, unknown> & typeof SUMMARY {
  return structuredClone(SUMMARY);
}

/** The item at `index`, failing the test when there is none. */
export function at<T>(list: readonly T[], index: number): T {
  const item = list[index];
  if (item === undefined) throw new Error(`no item ${index} in a list of ${list.length}`);
  return item;
}
