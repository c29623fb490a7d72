import { existsSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestRunner, venvPython, type TestRunner } from './helpers';

// The real worker on a real local Spark, running the real batch lab on the sample data.
describe.skipIf(!existsSync(venvPython))('the warm Spark worker', () => {
  let runner: TestRunner;
  beforeAll(async () => {
    runner = await startTestRunner({ worker: 'spark' });
  });
  afterAll(async () => runner?.close());

  const runBatchLab = async () => {
    const { json } = await runner.json('POST', '/api/runs', { lab: '02-batch', files: {} });
    const events = await runner.follow(json.id as string);
    return { id: json.id as string, events };
  };

  it('runs the batch lab, reports Spark progress and serves the result contract', async () => {
    const { id, events } = await runBatchLab();
    const statuses = events
      .filter((event) => event.type === 'status')
      .map((event) => (event.run as { status: string }).status);
    expect(statuses).toEqual(expect.arrayContaining(['starting', 'running', 'succeeded']));
    expect(events.some((event) => event.type === 'progress')).toBe(true);

    const summary = await runner.json('GET', `/api/runs/${id}/result/_summary.json`);
    const counts = summary.json.counts as Record<string, number>;
    expect(summary.json.lab_id).toBe('02-batch');
    expect(counts.classified).toBeGreaterThan(0);
    expect(
      (counts.classified ?? 0) +
        (counts.quarantined ?? 0) +
        (counts.duplicates_dropped ?? 0) +
        (counts.late_dropped ?? 0),
    ).toBe(counts.input);
    const files = await runner.json('GET', `/api/runs/${id}/result`);
    expect(files.json.files).toEqual(
      expect.arrayContaining(['_summary.json', 'events/part-00000.jsonl']),
    );
  });

  it('keeps the worker warm: a second run uses the same Spark process', async () => {
    const pid = runner.worker.pid;
    const { events } = await runBatchLab();
    const statuses = events
      .filter((event) => event.type === 'status')
      .map((event) => (event.run as { status: string }).status);
    expect(statuses).not.toContain('starting');
    expect(statuses.at(-1)).toBe('succeeded');
    expect(runner.worker.pid).toBe(pid);
  });
});
