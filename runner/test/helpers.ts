import { mkdtempSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { freePort } from '../../src/lib/testing/freePort';
import { loadLabs } from '../src/labs';
import { Runs, type RunLimits, type RunsOptions } from '../src/runs';
import { newToken } from '../src/security';
import { createRunnerServer } from '../src/server';
import { SparkWorker } from '../src/sparkWorker';

export const repoRoot = resolve(__dirname, '..', '..');
export const venvPython = join(repoRoot, '.venv', 'bin', 'python');
const fixtures = join(__dirname, 'fixtures');

export type TestRunner = Awaited<ReturnType<typeof startTestRunner>>;

/** A real runner on a random port, with the plain (no Spark) worker or the real Spark one. */
export async function startTestRunner(options: {
  worker: 'plain' | 'spark';
  limits?: Partial<RunLimits>;
  siteDir?: string;
  startTimeLimit?: RunsOptions['startTimeLimit'];
}) {
  const spark = options.worker === 'spark';
  const labsDir = spark ? join(repoRoot, 'labs') : join(fixtures, 'labs');
  const workDir = mkdtempSync(join(tmpdir(), 'runner-test-'));
  const logs: string[] = [];
  const worker = new SparkWorker({
    python: spark ? venvPython : 'python3',
    script: spark
      ? join(repoRoot, 'runner', 'worker', 'spark_worker.py')
      : join(fixtures, 'plain_worker.py'),
    labsDir,
    onLog: (line) => {
      logs.push(line);
      runs.onWorkerLog(line);
    },
    onMessage: (message) => runs.onWorkerMessage(message),
  });
  const labs = loadLabs(labsDir);
  const runs = new Runs({
    worker,
    labs,
    labsDir,
    workDir,
    startTimeLimit: options.startTimeLimit,
    limits: {
      maxQueued: 2,
      timeLimitMs: 120_000,
      maxLogLines: 1000,
      maxFileBytes: 64 * 1024,
      ...options.limits,
    },
  });
  const port = await freePort();
  const token = newToken();
  const server = createRunnerServer({
    siteDir: options.siteDir,
    runs,
    labs,
    token,
    port,
    maxBodyBytes: 256 * 1024,
    health: () => ({ ready: true, missing: [] }),
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));

  /** A raw HTTP request, so tests can send any Host or Origin header. */
  function request(
    method: string,
    path: string,
    init: { headers?: Record<string, string>; body?: string; token?: string | null } = {},
  ): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
    const headers: Record<string, string> = { host: `localhost:${port}`, ...init.headers };
    if (init.token !== null) headers['x-runner-token'] = init.token ?? token;
    if (init.body !== undefined) headers['content-type'] ??= 'application/json';
    return new Promise((resolveResponse, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolveResponse({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
            headers: res.headers,
          }),
        );
      });
      req.on('error', reject);
      req.end(init.body);
    });
  }

  const json = async (method: string, path: string, body?: unknown) => {
    const response = await request(
      method,
      path,
      body === undefined ? {} : { body: JSON.stringify(body) },
    );
    return { status: response.status, json: JSON.parse(response.body) as Record<string, unknown> };
  };

  /** Follows a run's event stream until it ends; returns every event. */
  async function follow(runId: string): Promise<Array<{ type: string; [key: string]: unknown }>> {
    const response = await request('GET', `/api/runs/${runId}/events`);
    return response.body
      .split('\n\n')
      .filter((block) => block.includes('data: '))
      .map((block) => JSON.parse(block.slice(block.indexOf('data: ') + 6)) as { type: string });
  }

  return {
    port,
    token,
    runs: runs,
    worker,
    workDir,
    logs,
    request,
    json,
    follow,
    async close() {
      await runs.close();
      await new Promise((done) => server.close(done));
    },
  };
}

/** Whether a process still runs (a zombie waiting to be reaped has ended: it counts as gone). */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/**
 * Polls `check` until it holds. The limit is a backstop far above any healthy wait, so a slow
 * machine waits longer instead of failing; a check that never holds still fails, by name.
 */
export async function waitFor(check: () => boolean, what: string, limitMs = 90_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > deadline)
      throw new Error(`Gave up after ${limitMs / 1000} s waiting for ${what}.`);
    await new Promise((done) => setTimeout(done, 50));
  }
}
