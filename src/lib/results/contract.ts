/**
 * The result contract every lab run writes (DESIGN.md §3): `_summary.json`, written last, and
 * the JSON lines of `events/part-00000.jsonl` and `quarantine/part-00000.jsonl`. The labs define
 * it in `labs/workshop/` and export it to `labs/contract/*.json`; contract.test.ts fails when
 * these types drift from that export. The viewer reads nothing else, so it cannot tell which
 * runner (local Spark or EMR) produced a result.
 */

export const CONTRACT_VERSION = 1;

export const SEVERITIES = ['CRITICAL', 'WARNING', 'INFO'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CATEGORIES = ['SAFETY', 'SECURITY', 'OPERATIONS', 'MAINTENANCE', 'TELEMETRY'] as const;
export type Category = (typeof CATEGORIES)[number];

export const DEVICE_TYPES = ['gas_sensor', 'vehicle', 'position_tag', 'activity'] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

export const RUN_MODES = ['simulate', 'continuous', 'batch', 'stream', 'serve'] as const;
export type RunMode = (typeof RUN_MODES)[number];

export const QUARANTINE_REASONS = [
  'blank_line',
  'malformed_json',
  'missing_field',
  'unknown_device_type',
  'wrong_type',
  'invalid_value',
  'impossible_value',
  'future_timestamp',
] as const;
export type QuarantineReason = (typeof QUARANTINE_REASONS)[number];

export const COUNT_KEYS = [
  'input',
  'classified',
  'quarantined',
  'duplicates_dropped',
  'late_dropped',
] as const;
export type CountKey = (typeof COUNT_KEYS)[number];

/** Known keys are always present (zero when none); a lab may add others. */
type Counts<K extends string> = Record<K, number> & Record<string, number>;

export type PerMinuteCount = {
  /** Start of the minute, ISO-8601 UTC. */
  minute: string;
  severity: Severity;
  category: Category;
  count: number;
};

/** Nearest-rank latency percentiles of a stream run, milliseconds, over `events` lines. */
export type LatencyPercentiles = {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  events: number;
};

/**
 * `event_time_latency_ms`: from each classified event's `event_time` to its micro-batch's rows
 * stored — NFR-1's definition. Events whose file landed more than `late_arrival_ms` after their
 * `event_time` (uploaded late, or replayed files) are counted apart, in `late_arrivals`.
 */
export type EventTimeLatency = {
  late_arrival_ms: number;
  /** The events that landed within `late_arrival_ms` of their event_time; null when none. */
  on_time: LatencyPercentiles | null;
  late_arrivals: LatencyPercentiles | null;
};

export type CheckResult = {
  id: string;
  title: string;
  /** The learner exercise the check belongs to; it fails until the exercise is done. */
  exercise: number | null;
  passed: boolean;
  detail: string;
  hint: string;
};

/** `_summary.json`. */
export type RunSummary = {
  contract_version: typeof CONTRACT_VERSION;
  lab_id: string;
  mode: RunMode;
  spark_version: string;
  /** The Python the lab ran on (on EMR: the interpreter the step named). */
  python_version: string;
  started_at: string;
  finished_at: string;
  duration_s: number;
  locations: Record<string, string>;
  counts: Counts<CountKey>;
  by_severity: Counts<Severity>;
  by_category: Counts<Category>;
  by_device_type: Counts<DeviceType>;
  by_rule: Record<string, number>;
  per_minute: PerMinuteCount[];
  per_minute_truncated: boolean;
  quarantine_by_reason: Counts<QuarantineReason>;
  /** Stream runs: file landed (its modification time) -> its micro-batch's rows stored. */
  latency_ms: LatencyPercentiles | null;
  /** Stream runs: event_time -> stored. Absent in results written before the labs measured it. */
  event_time_latency_ms?: EventTimeLatency | null;
  throughput_events_per_s: number | null;
  checks: CheckResult[];
  /** How many lines the bounded events/ and quarantine/ samples hold. */
  samples: { events: number; quarantine: number };
  load_id?: string;
  thresholds?: Record<string, number>;
  rules?: string[];
  stream?: Record<string, unknown>;
  serve?: Record<string, unknown>;
  simulator?: Record<string, unknown>;
};

/**
 * A line of `events/part-00000.jsonl`: the envelope, the payload fields of its device type
 * (fields of other types are absent), the derived and classification fields and the store's
 * partition columns. Lab 1 writes simulated events before any classification, so the
 * classification fields are absent there.
 */
export type ClassifiedEvent = {
  event_id: string;
  device_id: string;
  device_type: DeviceType;
  site_id: string;
  event_time: string;
  // gas_sensor
  gas?: string;
  ppm?: number;
  battery_pct?: number;
  // vehicle (and x, y)
  speed_kmh?: number;
  engine_temp_c?: number;
  fuel_pct?: number;
  harsh_braking?: boolean;
  // position_tag (and x, y)
  subject_kind?: string;
  subject_id?: string;
  x?: number;
  y?: number;
  // activity
  task_id?: string;
  task?: string;
  status?: string;
  due_time?: string;
  completed_time?: string;
  operator_id?: string;
  // derived
  landed_at?: string;
  zone?: string;
  zone_restricted?: boolean;
  overdue_min?: number;
  // classification
  category?: Category;
  severity?: Severity;
  rule_id?: string;
  reason?: string;
  // store partitions
  source?: 'batch' | 'stream';
  load_id?: string;
  batch_id?: number;
  event_date?: string;
};

/** A line of `quarantine/part-00000.jsonl`. */
export type QuarantinedLine = {
  raw: string;
  reason_code: string;
  reason: string;
  /** Absent in lab 1. */
  landed_at?: string;
};

export type RunResult = {
  summary: RunSummary;
  events: ClassifiedEvent[];
  quarantine: QuarantinedLine[];
};

/** The text of the three files of a run's result contract. */
export type RunResultFiles = { summary: string; events: string; quarantine: string };

/** A result that does not follow the contract; the message says which file and what is wrong. */
export class ResultContractError extends Error {
  override name = 'ResultContractError';
  readonly file: string;
  readonly line: number | undefined;

  constructor(message: string, options: { file: string; line?: number; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.file = options.file;
    this.line = options.line;
  }
}

type Json = Record<string, unknown>;

const SUMMARY = '_summary.json';

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'absent';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function oneOf(values: readonly string[]): string {
  return values.length < 2
    ? (values[0] ?? '')
    : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1] ?? ''}`;
}

function parseJson(text: string, where: string, file: string, line?: number): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ResultContractError(`${where} is not JSON: ${(error as Error).message}`, {
      file,
      line,
      cause: error,
    });
  }
}

/** Checks one summary field; `path` names it in messages ("counts.input"). */
class SummaryReader {
  constructor(private readonly root: Json) {}

  fail(message: string): never {
    throw new ResultContractError(`${SUMMARY} ${message}`, { file: SUMMARY });
  }

  get(path: string): unknown {
    let value: unknown = this.root;
    for (const part of path.split('.')) {
      if (Array.isArray(value)) value = value[Number(part)];
      else if (isObject(value)) value = value[part];
      else return undefined;
    }
    return value;
  }

  present(path: string): unknown {
    const value = this.get(path);
    if (value === undefined) this.fail(`has no ${path}`);
    return value;
  }

  string(path: string): string {
    const value = this.present(path);
    if (typeof value !== 'string') this.fail(`has ${path} = ${describe(value)}, not a string`);
    return value;
  }

  number(path: string): number {
    const value = this.present(path);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.fail(`has ${path} = ${describe(value)}, not a number`);
    }
    return value;
  }

  numberOrNull(path: string): number | null {
    return this.present(path) === null ? null : this.number(path);
  }

  boolean(path: string): boolean {
    const value = this.present(path);
    if (typeof value !== 'boolean') this.fail(`has ${path} = ${describe(value)}, not true/false`);
    return value;
  }

  enumValue<T extends string>(path: string, allowed: readonly T[]): T {
    const value = this.string(path);
    if (!(allowed as readonly string[]).includes(value)) {
      this.fail(`has ${path} = ${describe(value)}; expected ${oneOf(allowed)}`);
    }
    return value as T;
  }

  object(path: string): Json {
    const value = this.present(path);
    if (!isObject(value)) this.fail(`has ${path} = ${describe(value)}, not an object`);
    return value;
  }

  array(path: string): unknown[] {
    const value = this.present(path);
    if (!Array.isArray(value)) this.fail(`has ${path} = ${describe(value)}, not a list`);
    return value;
  }

  /** An object of counts: every required key present, every value a number. */
  counts<K extends string>(path: string, required: readonly K[]): Counts<K> {
    const object = this.object(path);
    for (const key of required) this.number(`${path}.${key}`);
    for (const key of Object.keys(object)) this.number(`${path}.${key}`);
    return object as Counts<K>;
  }

  strings(path: string): Record<string, string> {
    const object = this.object(path);
    for (const key of Object.keys(object)) this.string(`${path}.${key}`);
    return object as Record<string, string>;
  }
}

function parseSummary(text: string): RunSummary {
  if (text.trim() === '') {
    throw new ResultContractError(`${SUMMARY} is empty: the run did not finish`, { file: SUMMARY });
  }
  const root = parseJson(text, SUMMARY, SUMMARY);
  if (!isObject(root)) {
    throw new ResultContractError(`${SUMMARY} is not a JSON object`, { file: SUMMARY });
  }
  const read = new SummaryReader(root);
  const version = read.present('contract_version');
  if (version !== CONTRACT_VERSION) {
    read.fail(
      `has contract_version ${describe(version)}; this site reads version ${CONTRACT_VERSION}`,
    );
  }
  const perMinute = read.array('per_minute').map((_, i): PerMinuteCount => {
    const at = `per_minute.${i}`;
    return {
      minute: read.string(`${at}.minute`),
      severity: read.enumValue(`${at}.severity`, SEVERITIES),
      category: read.enumValue(`${at}.category`, CATEGORIES),
      count: read.number(`${at}.count`),
    };
  });
  const checks = read.array('checks').map((_, i): CheckResult => {
    const at = `checks.${i}`;
    return {
      id: read.string(`${at}.id`),
      title: read.string(`${at}.title`),
      exercise: read.numberOrNull(`${at}.exercise`),
      passed: read.boolean(`${at}.passed`),
      detail: read.string(`${at}.detail`),
      hint: read.string(`${at}.hint`),
    };
  });
  const percentiles = (path: string): LatencyPercentiles | null =>
    read.present(path) === null
      ? null
      : {
          p50: read.number(`${path}.p50`),
          p95: read.number(`${path}.p95`),
          p99: read.number(`${path}.p99`),
          max: read.number(`${path}.max`),
          events: read.number(`${path}.events`),
        };
  const latency = percentiles('latency_ms');
  const eventTimeLatency = (): EventTimeLatency | null =>
    read.present('event_time_latency_ms') === null
      ? null
      : read.object('event_time_latency_ms') && {
          late_arrival_ms: read.number('event_time_latency_ms.late_arrival_ms'),
          on_time: percentiles('event_time_latency_ms.on_time'),
          late_arrivals: percentiles('event_time_latency_ms.late_arrivals'),
        };
  const optionalObject = (key: string) =>
    read.get(key) === undefined ? undefined : (read.object(key) as Record<string, unknown>);
  const summary: RunSummary = {
    contract_version: CONTRACT_VERSION,
    lab_id: read.string('lab_id'),
    mode: read.enumValue('mode', RUN_MODES),
    spark_version: read.string('spark_version'),
    python_version: read.string('python_version'),
    started_at: read.string('started_at'),
    finished_at: read.string('finished_at'),
    duration_s: read.number('duration_s'),
    locations: read.strings('locations'),
    counts: read.counts('counts', COUNT_KEYS),
    by_severity: read.counts('by_severity', SEVERITIES),
    by_category: read.counts('by_category', CATEGORIES),
    by_device_type: read.counts('by_device_type', DEVICE_TYPES),
    by_rule: read.counts('by_rule', []),
    per_minute: perMinute,
    per_minute_truncated: read.boolean('per_minute_truncated'),
    quarantine_by_reason: read.counts('quarantine_by_reason', QUARANTINE_REASONS),
    latency_ms: latency,
    throughput_events_per_s: read.numberOrNull('throughput_events_per_s'),
    checks,
    samples: read.object('samples') && {
      events: read.number('samples.events'),
      quarantine: read.number('samples.quarantine'),
    },
  };
  if (read.get('event_time_latency_ms') !== undefined) {
    summary.event_time_latency_ms = eventTimeLatency();
  }
  if (read.get('load_id') !== undefined) summary.load_id = read.string('load_id');
  if (read.get('thresholds') !== undefined) summary.thresholds = read.counts('thresholds', []);
  if (read.get('rules') !== undefined) {
    summary.rules = read.array('rules').map((_, i) => read.string(`rules.${i}`));
  }
  const stream = optionalObject('stream');
  if (stream) summary.stream = stream;
  const serve = optionalObject('serve');
  if (serve) summary.serve = serve;
  const simulator = optionalObject('simulator');
  if (simulator) summary.simulator = simulator;
  return summary;
}

/** The JSON type each known field of an event must have when it is present. */
const EVENT_FIELD_TYPES: Record<string, 'string' | 'number' | 'boolean'> = {
  event_id: 'string',
  device_id: 'string',
  device_type: 'string',
  site_id: 'string',
  event_time: 'string',
  gas: 'string',
  ppm: 'number',
  battery_pct: 'number',
  speed_kmh: 'number',
  engine_temp_c: 'number',
  fuel_pct: 'number',
  harsh_braking: 'boolean',
  subject_kind: 'string',
  subject_id: 'string',
  x: 'number',
  y: 'number',
  task_id: 'string',
  task: 'string',
  status: 'string',
  due_time: 'string',
  completed_time: 'string',
  operator_id: 'string',
  landed_at: 'string',
  zone: 'string',
  zone_restricted: 'boolean',
  overdue_min: 'number',
  category: 'string',
  severity: 'string',
  rule_id: 'string',
  reason: 'string',
  source: 'string',
  load_id: 'string',
  batch_id: 'number',
  event_date: 'string',
};

const REQUIRED_EVENT_FIELDS = ['event_id', 'device_id', 'device_type', 'site_id', 'event_time'];

const EVENT_ENUMS: Record<string, readonly string[]> = {
  device_type: DEVICE_TYPES,
  severity: SEVERITIES,
  category: CATEGORIES,
};

const QUARANTINE_FIELD_TYPES: Record<string, 'string'> = {
  raw: 'string',
  reason_code: 'string',
  reason: 'string',
  landed_at: 'string',
};

/** The JSON objects of a JSON-lines file, with each one's line number; blank lines skipped. */
function parseLines(text: string, name: string): { line: number; value: Json }[] {
  const rows: { line: number; value: Json }[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === '') return;
    const line = index + 1;
    const value = parseJson(raw, `${name} line ${line}`, name, line);
    if (!isObject(value)) {
      throw new ResultContractError(`${name} line ${line} is not a JSON object`, {
        file: name,
        line,
      });
    }
    rows.push({ line, value });
  });
  return rows;
}

function checkFields(
  value: Json,
  where: { name: string; line: number },
  types: Record<string, string>,
  required: readonly string[],
  enums: Record<string, readonly string[]> = {},
): void {
  const fail = (message: string): never => {
    throw new ResultContractError(`${where.name} line ${where.line} ${message}`, {
      file: where.name,
      line: where.line,
    });
  };
  for (const field of required) {
    if (value[field] === undefined || value[field] === null) fail(`has no ${field}`);
  }
  for (const [field, type] of Object.entries(types)) {
    const got = value[field];
    if (got === undefined || got === null) continue;
    if (typeof got !== type) fail(`has ${field} = ${describe(got)}, not a ${type}`);
    const allowed = enums[field];
    if (allowed && !allowed.includes(got as string)) {
      fail(`has ${field} = ${describe(got)}; expected ${oneOf(allowed)}`);
    }
  }
}

function withoutNulls(value: Json): Json {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null));
}

/** The contract's files, relative to a run's output location. */
export const RESULT_FILES = {
  summary: '_summary.json',
  events: 'events/part-00000.jsonl',
  quarantine: 'quarantine/part-00000.jsonl',
} as const;

/**
 * Reads a run's result wherever it is (the local runner, S3, the site's committed samples):
 * `read` answers a file's text, or '' for an absent optional one (the samples). Then parses it.
 */
export async function readRunResult(
  read: (file: string, optional: boolean) => Promise<string>,
): Promise<RunResult> {
  const [summary, events, quarantine] = await Promise.all([
    read(RESULT_FILES.summary, false),
    read(RESULT_FILES.events, true),
    read(RESULT_FILES.quarantine, true),
  ]);
  return parseRunResult({ summary, events, quarantine });
}

/**
 * Reads a run's result contract from the text of its three files. An empty events or
 * quarantine file is an empty list; blank lines are skipped; JSON nulls in a line count as absent.
 * @throws ResultContractError naming the file, line and field that break the contract.
 */
export function parseRunResult(input: RunResultFiles): RunResult {
  const summary = parseSummary(input.summary);
  const events = parseLines(input.events, 'events').map(({ line, value }) => {
    checkFields(
      value,
      { name: 'events', line },
      EVENT_FIELD_TYPES,
      REQUIRED_EVENT_FIELDS,
      EVENT_ENUMS,
    );
    return withoutNulls(value) as ClassifiedEvent;
  });
  const quarantine = parseLines(input.quarantine, 'quarantine').map(({ line, value }) => {
    checkFields(value, { name: 'quarantine', line }, QUARANTINE_FIELD_TYPES, [
      'raw',
      'reason_code',
      'reason',
    ]);
    return withoutNulls(value) as QuarantinedLine;
  });
  return { summary, events, quarantine };
}

/** The classification lab modes: their counts obey the accounting identity. */
export function classifies(mode: RunMode): boolean {
  return mode === 'batch' || mode === 'stream' || mode === 'serve';
}
