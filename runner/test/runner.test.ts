import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { isAlive, startTestRunner, waitFor as until, type TestRunner } from './helpers';

let runner: TestRunner | undefined;
afterEach(async () => {
  await runner?.close();
  runner = undefined;
});

describe('runs', () => {
  it('runs a lab with the edited file, streams its logs and serves its result contract', async () => {
    runner = await startTestRunner({ worker: 'plain' });
    const edited = readFileSync(join(__dirname, 'fixtures/labs/hello/hello.py'), 'utf8').replace(
      'from the lab',
      'from the edited lab',
    );
    const submitted = await runner.json('POST', '/api/runs', {
      lab: 'hello',
      files: { 'hello.py': edited },
    });
    expect(submitted.status).toBe(202);
    const id = submitted.json.id as string;

    const events = await runner.follow(id);
    const statuses = events
      .filter((e) => e.type === 'status')
      .map((e) => (e.run as { status: string }).status);
    expect(statuses.at(-1)).toBe('succeeded');
    expect(events).toContainEqual({ type: 'log', line: 'hello from the edited lab' });

    const files = await runner.json('GET', `/api/runs/${id}/result`);
    expect(files.json.files).toEqual(['_summary.json', 'events/part-0.jsonl']);
    const summary = await runner.json('GET', `/api/runs/${id}/result/_summary.json`);
    expect(summary.json).toEqual({ lab_id: 'hello', greeting: 'hello' });
  });

  it('points a failure at the learner’s file and line', async () => {
    runner = await startTestRunner({ worker: 'plain' });
    const { json } = await runner.json('POST', '/api/runs', { lab: 'broken', files: {} });
    await runner.follow(json.id as string);
    const run = await runner.json('GET', `/api/runs/${json.id as string}`);
    expect(run.json.status).toBe('failed');
    expect(run.json.failure).toMatchObject({
      error: "KeyError: 'severity'",
      file: 'broken.py',
      line: 2,
    });
    expect((run.json.failure as { traceback: string }).traceback).toContain(
      'File "broken.py", line 2',
    );
  });

  it('points a syntax error at the learner’s line, not at Python’s import machinery', async () => {
    runner = await startTestRunner({ worker: 'plain' });
    const code =
      'def main(argv, spark=None):\n    print("ok")\n\nfrom __future__ import annotations\n';
    const { json } = await runner.json('POST', '/api/runs', {
      lab: 'broken',
      files: { 'broken.py': code },
    });
    await runner.follow(json.id as string);
    const run = await runner.json('GET', `/api/runs/${json.id as string}`);
    expect(run.json.status).toBe('failed');
    expect(run.json.failure).toMatchObject({ file: 'broken.py', line: 4 });
    expect((run.json.failure as { error: string }).error).toMatch(/^SyntaxError: /);
  });

  it('queues runs one at a time and answers "busy" past the queue', async () => {
    runner = await startTestRunner({ worker: 'plain', limits: { maxQueued: 1 } });
    const first = await runner.json('POST', '/api/runs', { lab: 'sleepy', files: {} });
    const second = await runner.json('POST', '/api/runs', { lab: 'hello', files: {} });
    expect(second.json).toMatchObject({ status: 'queued', position: 1 });
    const third = await runner.json('POST', '/api/runs', { lab: 'hello', files: {} });
    expect(third.status).toBe(429);
    expect(third.json.error).toMatch(/busy/);

    await runner.json('POST', `/api/runs/${first.json.id as string}/cancel`);
    const events = await runner.follow(second.json.id as string);
    expect(events.at(-1)).toMatchObject({ type: 'status', run: { status: 'succeeded' } });
  });

  it('answers a stop for a run with no streaming query in its log, and keeps it running', async () => {
    const started = await startTestRunner({ worker: 'plain' });
    runner = started;
    const { json } = await started.json('POST', '/api/runs', { lab: 'sleepy', files: {} });
    const id = json.id as string;
    await until(() => started.runs.get(id).logs.includes('started a child'), 'the lab to start');
    const stopped = await started.json('POST', `/api/runs/${id}/stop`);
    expect(stopped.json).toMatchObject({ status: 'running' });
    await until(
      () => started.runs.get(id).logs.some((line) => line.includes('no streaming query to stop')),
      'the worker to answer the stop',
    );
    expect(started.runs.get(id).status).toBe('running');
    await started.json('POST', `/api/runs/${id}/cancel`);
  });

  for (const how of ['cancel', 'time-out'] as const) {
    it(`ends the whole process tree on ${how}`, async () => {
      // The time limit fires when the test says, once the lab's child runs: no race with startup.
      const limits: Array<{ ms: number; fire: () => void }> = [];
      runner = await startTestRunner({
        worker: 'plain',
        limits: { timeLimitMs: 4321 },
        startTimeLimit: (fire, ms) => {
          limits.push({ fire, ms });
          return () => undefined;
        },
      });
      const { json } = await runner.json('POST', '/api/runs', { lab: 'sleepy', files: {} });
      const id = json.id as string;
      const childPidFile = join(runner.workDir, 'runs', id, 'child.pid');
      await until(
        () => existsSync(childPidFile) && readFileSync(childPidFile, 'utf8') !== '',
        'the lab to start',
      );
      const workerPid = runner.worker.pid as number;
      const childPid = Number(readFileSync(childPidFile, 'utf8'));
      expect(isAlive(workerPid) && isAlive(childPid)).toBe(true);
      expect(limits.map((limit) => limit.ms)).toEqual([4321]);

      if (how === 'cancel') await runner.json('POST', `/api/runs/${id}/cancel`);
      else limits[0]?.fire();
      const events = await runner.follow(id);
      expect(events.at(-1)).toMatchObject({
        type: 'status',
        run: { status: how === 'cancel' ? 'cancelled' : 'timed-out' },
      });
      await until(() => !isAlive(workerPid) && !isAlive(childPid), 'every process to end');
    });
  }
});

describe('requests the runner refuses', () => {
  it.each([
    ['a foreign Host (DNS rebinding)', { headers: { host: 'evil.example:80' } }, 403],
    ['a foreign Origin', { headers: { origin: 'http://evil.example' } }, 403],
    ['no token', { token: null }, 403],
    ['a wrong token', { token: 'guess' }, 403],
  ])('refuses %s', async (_what, init, status) => {
    runner = await startTestRunner({ worker: 'plain' });
    const response = await runner.request('POST', '/api/runs', {
      ...init,
      body: JSON.stringify({ lab: 'hello', files: {} }),
    });
    expect(response.status).toBe(status);
    expect(runner.runs.resultFiles).toBeDefined();
    expect(existsSync(join(runner.workDir, 'runs'))).toBe(false);
  });

  it('refuses an oversized body and an oversized file', async () => {
    runner = await startTestRunner({ worker: 'plain' });
    const huge = 'x'.repeat(300 * 1024);
    const body = await runner.request('POST', '/api/runs', {
      body: JSON.stringify({ lab: 'hello', files: { 'hello.py': huge } }),
    });
    expect(body.status).toBe(413);
    const file = await runner.json('POST', '/api/runs', {
      lab: 'hello',
      files: { 'hello.py': 'y'.repeat(65 * 1024) },
    });
    expect(file.status).toBe(413);
  });

  it('refuses files that are not the lab’s, and paths outside the run folder', async () => {
    runner = await startTestRunner({ worker: 'plain' });
    const stray = await runner.json('POST', '/api/runs', {
      lab: 'hello',
      files: { '../../evil.py': 'x' },
    });
    expect(stray.status).toBe(400);
    const unknownLab = await runner.json('POST', '/api/runs', { lab: 'nope', files: {} });
    expect(unknownLab.status).toBe(404);

    const { json } = await runner.json('POST', '/api/runs', { lab: 'hello', files: {} });
    await runner.follow(json.id as string);
    for (const path of ['..%2F..%2F..%2Fetc%2Fpasswd', 'events%2F..%2F..%2F..%2Fsecret.jsonl']) {
      const escape = await runner.request('GET', `/api/runs/${json.id as string}/result/${path}`);
      expect(escape.status).toBe(403);
    }
    const notContract = await runner.request(
      'GET',
      `/api/runs/${json.id as string}/result/..%2Fhello%2Fnotes.txt`,
    );
    expect(notContract.status).toBe(403);
  });

  it('answers a broken percent escape with 400 and what to do, for pages and results alike', async () => {
    const siteDir = mkdtempSync(join(tmpdir(), 'runner-site-'));
    writeFileSync(join(siteDir, 'index.html'), '<p>home</p>');
    writeFileSync(join(siteDir, '404.html'), '<p>not found</p>');
    runner = await startTestRunner({ worker: 'plain', siteDir });
    for (const path of ['/%E0%A4%A', '/labs/%zz', '/api/runs/some-run/result/events%2F%E0%A4%A']) {
      const response = await runner.request('GET', path);
      expect(response.status, path).toBe(400);
      expect(JSON.parse(response.body).error).toMatch(/broken percent escape.*fix the link/);
    }
    // A well-formed escape still finds its page.
    expect((await runner.request('GET', '/%69ndex')).status).toBe(200);
  });

  it('refuses a body that is not JSON', async () => {
    runner = await startTestRunner({ worker: 'plain' });
    const response = await runner.request('POST', '/api/runs', { body: '{oops' });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).error).toMatch(/not a JSON object/);
  });
});
