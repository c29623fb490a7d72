import { existsSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { StreamBatch } from '../../src/lib/runner/types';

import { startTestRunner, venvPython, waitFor as until, type TestRunner } from './helpers';

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

  it('follows a live stream micro-batch by micro-batch and stops it cleanly with a result', async () => {
    const { json } = await runner.json('POST', '/api/runs', { lab: '03-streaming', files: {} });
    const id = json.id as string;
    await until(() => runner.runs.get(id).stream.length >= 2, 'two micro-batches', 120_000);
    const stopped = await runner.json('POST', `/api/runs/${id}/stop`);
    expect(stopped.status).toBe(200);
    const events = await runner.follow(id);
    expect(events.at(-1)).toMatchObject({ type: 'status', run: { status: 'succeeded' } });
    expect(
      events.some((e) => e.type === 'log' && String(e.line).includes('Stopping the stream')),
    ).toBe(true);

    // Each micro-batch as the listener saw it, against the result the lab wrote at the end.
    const batches = events
      .filter((event) => event.type === 'stream')
      .map((event) => event.batch as StreamBatch);
    const observed = (name: string) =>
      batches.reduce((sum, batch) => sum + (batch.observed[name]?.rows ?? 0), 0);
    expect(batches.length).toBeGreaterThanOrEqual(2);
    expect(observed('classified')).toBeGreaterThan(0);
    const summary = await runner.json('GET', `/api/runs/${id}/result/_summary.json`);
    const counts = summary.json.counts as Record<string, number>;
    const stream = summary.json.stream as Record<string, unknown>;
    expect(stream.trigger).toBe('processingTime');
    expect(counts.classified).toBe(observed('classified'));
    expect(counts.quarantined).toBe(observed('quarantined'));
    expect(
      (counts.classified ?? 0) +
        (counts.quarantined ?? 0) +
        (counts.duplicates_dropped ?? 0) +
        (counts.late_dropped ?? 0),
    ).toBe(counts.input);
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
