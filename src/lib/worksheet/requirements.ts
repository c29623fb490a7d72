/**
 * Step 2c: measurable requirements, and the comparison of a requirement the labs measure with
 * the value a run measured. The runs themselves come from the labs; this module only compares.
 */
import type { Measurement, Measurements } from './measurements';
import type { MetricId, Requirement, RequirementCheck, Scenario } from './model';

export type Metric = {
  id: MetricId;
  name: string;
  unit: string;
  /** `atMost`: the measured value must not exceed the target; `atLeast`: must reach it. */
  direction: 'atMost' | 'atLeast';
};

/** What the labs measure on each run (the result contract's `_summary.json`). */
export const METRICS: Record<MetricId, Metric> = {
  eventTimeLatencyP95Ms: {
    id: 'eventTimeLatencyP95Ms',
    name: 'Latency from event_time to stored, p95 of events on time',
    unit: 'ms',
    direction: 'atMost',
  },
  streamLatencyP95Ms: {
    id: 'streamLatencyP95Ms',
    name: 'Latency from file landing to stored, p95',
    unit: 'ms',
    direction: 'atMost',
  },
  throughputEventsPerSecond: {
    id: 'throughputEventsPerSecond',
    name: 'Throughput',
    unit: 'events/s',
    direction: 'atLeast',
  },
  quarantinedSharePercent: {
    id: 'quarantinedSharePercent',
    name: 'Quarantined share of input',
    unit: '%',
    direction: 'atMost',
  },
};

export const METRIC_IDS = Object.keys(METRICS) as MetricId[];

export const isMetricId = (value: unknown): value is MetricId =>
  typeof value === 'string' && value in METRICS;

export type CheckResult =
  | { status: 'not-measured' }
  | { status: 'no-run' }
  | {
      status: 'met' | 'not-met';
      measured: number;
      target: number;
      metric: Metric;
      /** The run that measured it. */
      source: Measurement;
    };

/** Compares a requirement with the learner's runs: met, not met, or nothing to compare yet. */
export function checkRequirement(
  check: RequirementCheck | null,
  measurements: Measurements | undefined,
): CheckResult {
  if (!check) return { status: 'not-measured' };
  const source = measurements?.[check.metric];
  const measured = source?.value;
  if (!source || measured === undefined || !Number.isFinite(measured)) return { status: 'no-run' };
  const metric = METRICS[check.metric];
  const met = metric.direction === 'atMost' ? measured <= check.target : measured >= check.target;
  return { status: met ? 'met' : 'not-met', measured, target: check.target, metric, source };
}

/** "at most 3,000 ms", "at least 1,000 events/s". */
export function describeCheck(check: RequirementCheck): string {
  const metric = METRICS[check.metric];
  const bound = metric.direction === 'atMost' ? 'at most' : 'at least';
  return `${metric.name}: ${bound} ${check.target.toLocaleString('en-US')} ${metric.unit}`;
}

type Example = Omit<Requirement, 'id' | 'scenarioId'> & { title: string };

/** Step 2c's example requirements, ready to add: those with a check, the labs' runs measure. */
export const MEASURED_EXAMPLES: readonly Example[] = [
  {
    title: 'Latency (NFR-1)',
    attribute: 'latency',
    text: '95 % of events visible in the classified store within 3 s of event_time, 99 % within 5 s, at a sustained 1,000 events/s',
    verifiedBy:
      'A load test with simulated devices; percentiles computed from event_time and the time each event was stored',
    check: { metric: 'eventTimeLatencyP95Ms', target: 3000 },
  },
  {
    title: 'Throughput (NFR-2)',
    // A backlog that grows is latency that grows: the peak is a latency concern.
    attribute: 'latency',
    text: 'Sustains 3,000 events/s for 10 minutes without a growing backlog',
    verifiedBy:
      'The same load test, with a peak phase; the lag must return to normal within 5 minutes',
    check: { metric: 'throughputEventsPerSecond', target: 3000 },
  },
  {
    title: 'No loss on restart (NFR-3)',
    attribute: 'reliability',
    text: 'No event lost or duplicated when the streaming job restarts from its checkpoint',
    // No run from the page measures it: the streaming lab's tests kill the stream (SIGKILL)
    // mid-way, restart it from its checkpoint, and compare the store with the batch's rows.
    verifiedBy:
      'Kill the job mid-stream, restart it, compare distinct event_id values sent and stored (the streaming lab’s restart test does this; no run from the page measures it)',
    check: null,
  },
  {
    title: 'Quarantine (NFR-5)',
    attribute: 'reliability',
    text: 'Malformed records are quarantined with a reason and stay a small share of the input; counts reconcile',
    verifiedBy: 'Inject malformed lines at a known rate (2 %); check the counts',
    check: { metric: 'quarantinedSharePercent', target: 2 },
  },
];

/**
 * A requirement drafted from a scenario: its response measure (or response), for its artifact
 * under its environment — a draft the learner sharpens.
 */
export function requirementFromScenario(scenario: Scenario, id: string): Requirement {
  const measure = (scenario.responseMeasure || scenario.response).trim();
  const context = [
    scenario.artifact.trim(),
    scenario.environment.trim() && `under ${lowerFirst(scenario.environment.trim())}`,
  ]
    .filter(Boolean)
    .join(', ');
  return {
    id,
    attribute: scenario.attribute,
    text: measure && context ? `${measure} (${context})` : measure || context,
    verifiedBy: '',
    scenarioId: scenario.id,
    check: null,
  };
}

const lowerFirst = (text: string) =>
  /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
