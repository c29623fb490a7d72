import { describe, expect, it } from 'vitest';

import { toDecisionRecord } from './decisionRecord';
import { emptyWorksheet } from './model';
import { filledWorksheet } from './testFixtures';

const now = new Date('2026-11-28T12:00:00Z');

describe('toDecisionRecord', () => {
  it('exports an empty worksheet cleanly, saying what is missing', () => {
    const record = toDecisionRecord(emptyWorksheet(), { now });
    expect(record).toMatch(/^# Architecture decision record/);
    expect(record).toContain('- Date: 2026-11-28');
    expect(record).toContain(
      '| F1 | Receive events in real time from every device type | Devices | Not decided |',
    );
    expect(record).toContain('1. **Latency** — not rated: not rated yet');
    // Scenarios, requirements, decision and diagram are empty.
    expect(record.match(/_Nothing recorded yet\._/g)).toHaveLength(4);
    expect(record).toContain('- Where do the company’s systems run today? _Not answered._');
    expect(record).not.toContain('undefined');
    expect(record).not.toContain('null');
  });

  it('contains every part of a filled worksheet', () => {
    const record = toDecisionRecord(filledWorksheet(), { now });
    // Functionalities, by priority, with table cells escaped.
    expect(record).toMatch(
      /\| F1 \| .* \| Must \|[\s\S]*\| F14 \| Detect a tag \\\| in the tank farm/,
    );
    expect(record).toContain(
      "| F13 | Control devices (stop a vehicle, lock a door) | — | Won't (out of scope) |",
    );
    expect(record).toContain('An employee enters the restricted tank-farm zone.');
    // Drivers in the learner's order.
    expect(record).toContain(
      '1. **Reliability** — business importance high, technical difficulty high: driver',
    );
    expect(record).toContain('3. **Testability** — not rated: not rated yet');
    // The scenario's six parts.
    expect(record).toContain('#### QAS-1: Latency');
    expect(record).toContain(
      '| Stimulus | Sends a reading of 18.4 ppm H₂S, above the alarm level |',
    );
    // Requirements with the measured column and its source.
    expect(record).toContain(
      '| NFR-1 | Latency | p95 under 3 s | A load test | Latency from file landing to stored, p95: at most 3,000 ms | No run yet |',
    );
    expect(record).toContain('No lab run yet: measured values appear after you run the labs.');
    // Environment and its advice.
    expect(record).toContain('- Where must the data live? In the EU');
    expect(record).toContain('- What does the team know? Python and SQL, Apache Spark');
    expect(record).toContain('Data stays in the EU: an EU Region for every piece');
    // Pieces, reasons, cost.
    expect(record).toContain(
      '| Device ingestion | Amazon Kinesis Data Streams, provisioned | Replay after outages | about $70 |',
    );
    expect(record).toContain('**Approximate total: about $610 a month**.');
    expect(record).toContain(
      'No piece chosen yet for: Batch processing, Storage, Serving, Visualisation.',
    );
    expect(record).toMatch(/as of \d{4}-\d{2}-\d{2}, for 1,000 events\/s/);
    // The diagram, as Mermaid and JSON.
    expect(record).toContain('```mermaid\nflowchart LR\n  n1["Sensors, vehicles, tags"]');
    expect(record).toContain('  n1 -->|"MQTT"| n4');
    expect(record).toContain('- Present: Site gateway, as “Site gateway”');
    expect(record).toContain('- Missing: Quarantine (the reference has S3: quarantine)');
    expect(record).toContain(
      '- Reference connections missing: Site gateway → Device ingestion, Site gateway → Raw landing',
    );
    expect(record).toContain('"format": "emr-spark-workshop/architecture-board"');
  });

  it('shows a run’s measured values beside the requirements: met or not', () => {
    const measurements = {
      streamLatencyP95Ms: {
        value: 3400,
        lab: '03-streaming',
        runner: 'emr' as const,
        finishedAt: '2026-11-28T11:00:00.123Z',
      },
    };
    const record = toDecisionRecord(filledWorksheet(), { now, measurements });
    expect(record).toContain(
      '| 3,400 ms (lab 03-streaming on Amazon EMR, 2026-11-28 11:00 UTC): not met |',
    );
    expect(record).toContain(
      'Measured values come from your own lab runs: each from the latest run that measured it.',
    );
  });
});
