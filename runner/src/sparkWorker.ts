/**
 * The warm Python worker that owns a SparkSession (runner/worker/spark_worker.py).
 *
 * It runs in a process group of its own, so that killing the group ends Python and the JVM
 * it started together: that is how cancel and time-out work, leaving no process behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

import type { StreamBatch } from '../../src/lib/runner/types';

export type WorkerMessage =
  | { type: 'ready'; spark_version: string; startup_s: number }
  | { type: 'started'; run_id: string }
  | {
      type: 'progress';
      run_id: string;
      jobs: number;
      stages: number;
      tasks_done: number;
      tasks_total: number;
      stage_name: string;
    }
  | ({ type: 'stream'; run_id: string } & StreamBatch)
  | { type: 'stopping'; run_id: string; queries: number }
  | { type: 'succeeded'; run_id: string }
  | {
      type: 'failed';
      run_id: string;
      error: string;
      file: string | null;
      line: number | null;
      traceback: string;
    };

export type RunRequest = { run_id: string; entry: string; argv: string[]; cwd: string };
export type RunOutcome = Extract<WorkerMessage, { type: 'succeeded' | 'failed' }>;

export type SparkWorkerOptions = {
  python: string;
  script: string;
  labsDir: string;
  env?: NodeJS.ProcessEnv;
  onLog: (line: string) => void;
  onMessage: (message: WorkerMessage) => void;
};

export class WorkerExitedError extends Error {
  override name = 'WorkerExitedError';
  constructor(
    readonly exitCode: number | null,
    readonly signal: NodeJS.Signals | null,
  ) {
    super(`The Spark worker stopped (exit code ${exitCode}, signal ${signal}).`);
  }
}

export class SparkWorker {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private ready: Promise<Extract<WorkerMessage, { type: 'ready' }>> | undefined;
  private pending:
    { resolve: (outcome: RunOutcome) => void; reject: (error: Error) => void } | undefined;

  constructor(private readonly options: SparkWorkerOptions) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get isStarted(): boolean {
    return this.child !== undefined;
  }

  /** Starts the worker if needed and waits until its SparkSession is up. */
  start(): Promise<Extract<WorkerMessage, { type: 'ready' }>> {
    if (this.ready) return this.ready;
    const { python, script, labsDir, env, onLog } = this.options;
    const child = spawn(python, ['-u', script], {
      detached: true, // its own process group: see kill()
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...env, WORKSHOP_LABS_DIR: labsDir, PYTHONUNBUFFERED: '1' },
    });
    this.child = child;
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', onLog);
    }
    this.ready = new Promise((resolve, reject) => {
      createInterface({ input: child.stdio[3] as Readable }).on('line', (line) => {
        const message = JSON.parse(line) as WorkerMessage;
        if (message.type === 'ready') resolve(message);
        if (message.type === 'succeeded' || message.type === 'failed') {
          this.pending?.resolve(message);
          this.pending = undefined;
        }
        this.options.onMessage(message);
      });
      this.exited = new Promise((resolveExit) => {
        child.on('exit', (code, signal) => {
          const error = new WorkerExitedError(code, signal);
          reject(error);
          this.pending?.reject(error);
          this.pending = undefined;
          this.child = undefined;
          this.ready = undefined;
          resolveExit();
        });
      });
      child.on('error', reject);
    });
    return this.ready;
  }

  /** Runs one lab; the worker takes one request at a time. */
  async run(request: RunRequest): Promise<RunOutcome> {
    await this.start();
    if (this.pending) throw new Error('The Spark worker is already running a lab.');
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.child?.stdin?.write(`${JSON.stringify(request)}\n`);
    });
  }

  /** Asks the worker to stop the run's streaming queries cleanly (see spark_worker.py). */
  stopStreams(runId: string): void {
    this.child?.stdin?.write(`${JSON.stringify({ type: 'stop', run_id: runId })}\n`);
  }

  /** Ends the worker and everything it started (the JVM included), and waits for it. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL'); // the group is gone already; make sure the leader is too
    }
    await this.exited;
  }
}
