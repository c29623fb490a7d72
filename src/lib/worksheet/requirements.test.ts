import { describe, expect, it } from 'vitest';

import { emptyScenario, WORKED_SCENARIOS } from './drivers';
import {
  checkRequirement,
  describeCheck,
  MEASURED_EXAMPLES,
  METRICS,
  requirementFromScenario,
} from './requirements';
import type { Measurements } from './measurements';
import type { MetricId } from './model';

const run = (metrics: Partial<Record<MetricId, number>>): Measurements =>
  Object.fromEntries(
    Object.entries(metrics).map(([id, value]) => [
      id,
      { value, lab: '02-batch', runner: 'local', finishedAt: '2026-11-28T10:00:00Z' },
    ]),
  );

describe('checkRequirement', () => {
  it('has nothing to compare for a requirement the labs do not measure', () => {
    expect(checkRequirement(null, run({ streamLatencyP95Ms: 10 }))).toEqual({
      status: 'not-measured',
    });
  });

  it('says so when there is no run, or the run did not measure that figure', () => {
    const check = { metric: 'streamLatencyP95Ms', target: 3000 } as const;
    expect(checkRequirement(check, undefined)).toEqual({ status: 'no-run' });
    expect(checkRequirement(check, run({ throughputEventsPerSecond: 5000 }))).toEqual({
      status: 'no-run',
    });
    expect(checkRequirement(check, run({ streamLatencyP95Ms: Number.NaN }))).toEqual({
      status: 'no-run',
    });
  });

  it.each([
    ['streamLatencyP95Ms', 3000, 2400, 'met'],
    ['streamLatencyP95Ms', 3000, 3000, 'met'],
    ['streamLatencyP95Ms', 3000, 3001, 'not-met'],
    ['eventTimeLatencyP95Ms', 3000, 2999, 'met'],
    ['eventTimeLatencyP95Ms', 3000, 3001, 'not-met'],
    ['throughputEventsPerSecond', 3000, 3500, 'met'],
    ['throughputEventsPerSecond', 3000, 2999, 'not-met'],
    ['quarantinedSharePercent', 2, 1.96, 'met'],
    ['quarantinedSharePercent', 2, 2.5, 'not-met'],
  ] as const)('%s with target %d, measured %d: %s', (metric, target, measured, status) => {
    expect(checkRequirement({ metric, target }, run({ [metric]: measured }))).toMatchObject({
      status,
      measured,
      target,
    });
  });
});

describe('requirements from the page and from scenarios', () => {
  it('describes a check in words', () => {
    expect(describeCheck({ metric: 'throughputEventsPerSecond', target: 3000 })).toBe(
      'Throughput: at least 3,000 events/s',
    );
    expect(describeCheck({ metric: 'streamLatencyP95Ms', target: 3000 })).toBe(
      'Latency from file landing to stored, p95: at most 3,000 ms',
    );
    expect(describeCheck({ metric: 'eventTimeLatencyP95Ms', target: 3000 })).toBe(
      'Latency from event_time to stored, p95 of events on time: at most 3,000 ms',
    );
  });

  it('offers the page’s examples, each checked against a figure with its own definition', () => {
    expect(MEASURED_EXAMPLES.map((e) => [e.title, e.check?.metric ?? null])).toEqual([
      // NFR-1 is measured from event_time: the figure measured from event_time, not from landing.
      ['Latency (NFR-1)', 'eventTimeLatencyP95Ms'],
      ['Throughput (NFR-2)', 'throughputEventsPerSecond'],
      // No run from the page measures a restart; the lab's restart test proves it.
      ['No loss on restart (NFR-3)', null],
      ['Quarantine (NFR-5)', 'quarantinedSharePercent'],
    ]);
    expect(MEASURED_EXAMPLES[0]?.text).toMatch(/of event_time/);
    expect(METRICS.eventTimeLatencyP95Ms.name).toMatch(/^Latency from event_time to stored/);
    expect(MEASURED_EXAMPLES[2]?.verifiedBy).toMatch(/restart test/);
  });

  it('drafts a requirement from a scenario, linked to it', () => {
    const scenario = { ...WORKED_SCENARIOS.latency, id: 'QAS-1' };
    const requirement = requirementFromScenario(scenario, 'NFR-4');
    expect(requirement).toMatchObject({
      id: 'NFR-4',
      attribute: 'latency',
      scenarioId: 'QAS-1',
      check: null,
    });
    expect(requirement.text).toBe(
      '95 % of events are visible within 3 seconds of their event_time; 99 % within 5 seconds ' +
        '(Real-time path: ingestion, streaming classification, classified store, ' +
        'under normal operation, 1,000 events per second across the site)',
    );
  });

  it('drafts an empty requirement from an empty scenario', () => {
    expect(requirementFromScenario(emptyScenario('QAS-2', 'cost'), 'NFR-1').text).toBe('');
  });
});
