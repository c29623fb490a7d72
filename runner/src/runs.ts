/**
 * Lab runs: one at a time, a bounded queue, a time limit, cancel. Each run's status, progress
 * and logs are kept (capped) and pushed to whoever listens, e.g. the page's event stream.
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { badRequest, busy, notFound, tooLarge } from './errors';
import { labArguments, outputFolder, type LabManifest } from './labs';
import type { StreamBatch } from '../../src/lib/runner/types';

import type { RunOutcome, SparkWorker, WorkerMessage } from './sparkWorker';

export type RunStatus =
  'queued' | 'starting' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'timed-out';

const FINISHED: readonly RunStatus[] = ['succeeded', 'failed', 'cancelled', 'timed-out'];
export const isFinished = (status: RunStatus) => FINISHED.includes(status);

/** The files of the result contract (DESIGN.md §3): the only ones the runner serves. */
export const isContractPath = (path: string): boolean =>
  /^(_summary\.json|(events|quarantine)\/[^/]+\.jsonl?)$/.test(path);

export type RunProgress = Omit<Extract<WorkerMessage, { type: 'progress' }>, 'type' | 'run_id'>;
export type RunFailure = Omit<Extract<RunOutcome, { type: 'failed' }>, 'type' | 'run_id'>;

export type Run = {
  id: string;
  lab: string;
  status: RunStatus;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  progress?: RunProgress;
  failure?: RunFailure | { error: string };
  logs: string[];
  logsTruncated: boolean;
  /** A streaming run's micro-batches so far (the last `maxStreamBatches`). */
  stream: StreamBatch[];
  /** The folder the lab writes its result contract into. */
  outputDir: string;
  /** The folder the lab's (edited) files were written to. */
  dir: string;
  /** What the worker runs: the entry script in `dir`, with these arguments. */
  entry: string;
  argv: string[];
};

export type RunEvent =
  | { type: 'status'; run: PublicRun }
  | { type: 'progress'; progress: RunProgress }
  | { type: 'log'; line: string }
  | { type: 'stream'; batch: StreamBatch };

export type PublicRun = Omit<Run, 'logs' | 'stream' | 'dir' | 'outputDir' | 'entry' | 'argv'> & {
  position?: number;
};

export type RunLimits = {
  maxQueued: number;
  timeLimitMs: number;
  maxLogLines: number;
  maxFileBytes: number;
  /** How many of a streaming run's micro-batches are kept for a page that connects late. */
  maxStreamBatches?: number;
};

export type RunsOptions = {
  worker: SparkWorker;
  labs: Map<string, LabManifest>;
  labsDir: string;
  workDir: string;
  limits: RunLimits;
  /** Starts the time limit of a run; tests pass their own to end a run when they choose. */
  startTimeLimit?: (onTimeOut: () => void, ms: number) => () => void;
};

const startTimer = (onTimeOut: () => void, ms: number): (() => void) => {
  const timer = setTimeout(onTimeOut, ms);
  return () => clearTimeout(timer);
};

/** Names a lab file may have: the manifest's own, so a request cannot write anywhere else. */
function checkedFiles(lab: LabManifest, files: unknown, maxBytes: number): Map<string, string> {
  if (typeof files !== 'object' || files === null) {
    throw badRequest('Send the lab files as {"files": {"<name>": "<code>"}}.');
  }
  const checked = new Map<string, string>();
  for (const [name, content] of Object.entries(files)) {
    if (!lab.files.includes(name)) {
      throw badRequest(`"${name}" is not a file of lab ${lab.id} (${lab.files.join(', ')}).`);
    }
    if (typeof content !== 'string') throw badRequest(`The content of "${name}" must be text.`);
    if (Buffer.byteLength(content) > maxBytes) {
      throw tooLarge(`"${name}" is larger than ${maxBytes} bytes.`);
    }
    checked.set(name, content);
  }
  return checked;
}

export class Runs {
  private readonly runs = new Map<string, Run>();
  private readonly queue: string[] = [];
  private readonly listeners = new Map<string, Set<(event: RunEvent) => void>>();
  private current: { id: string; clearTimeLimit?: () => void; stop?: RunStatus } | undefined;

  constructor(private readonly options: RunsOptions) {}

  /** Worker output belongs to the run in progress. */
  onWorkerLog = (line: string): void => {
    const run = this.current && this.runs.get(this.current.id);
    if (run) this.log(run, line);
  };

  onWorkerMessage = (message: WorkerMessage): void => {
    if (message.type !== 'progress' && message.type !== 'stream' && message.type !== 'stopping') {
      return;
    }
    const run = this.runs.get(message.run_id);
    if (!run) return;
    if (message.type === 'stopping') {
      this.log(
        run,
        message.queries > 0
          ? '■ Stopping the stream after the micro-batch in progress; the result follows.'
          : '■ This run has no streaming query to stop: use Cancel to end it.',
      );
    } else if (message.type === 'stream') {
      const { type: _type, run_id: _runId, ...batch } = message;
      run.stream.push(batch);
      const keep = this.options.limits.maxStreamBatches ?? 500;
      if (run.stream.length > keep) run.stream.splice(0, run.stream.length - keep);
      this.emit(run.id, { type: 'stream', batch });
    } else {
      const { type: _type, run_id: _runId, ...progress } = message;
      run.progress = progress;
      this.emit(run.id, { type: 'progress', progress });
    }
  };

  private log(run: Run, line: string): void {
    if (run.logs.length < this.options.limits.maxLogLines) run.logs.push(line);
    else run.logsTruncated = true;
    this.emit(run.id, { type: 'log', line });
  }

  submit(lab: LabManifest, files: unknown): PublicRun {
    const checked = checkedFiles(lab, files, this.options.limits.maxFileBytes);
    const waiting = this.queue.length + (this.current ? 1 : 0);
    if (waiting > this.options.limits.maxQueued) {
      throw busy(
        `The local runner is busy: ${waiting} runs are ahead. Wait for one to finish, or cancel yours.`,
      );
    }
    const id = randomUUID();
    const dir = join(this.options.workDir, 'runs', id);
    mkdirSync(dir, { recursive: true });
    for (const name of lab.files) {
      const code = checked.get(name);
      if (code === undefined) copyFileSync(join(lab.dir, name), join(dir, name));
      else writeFileSync(join(dir, name), code);
    }
    const args = labArguments(lab, {
      work: this.options.workDir,
      labs: this.options.labsDir,
      run: dir,
    });
    const outputDir = outputFolder(args) ?? join(dir, 'output');
    const run: Run = {
      id,
      lab: lab.id,
      status: 'queued',
      createdAt: new Date().toISOString(),
      logs: [],
      logsTruncated: false,
      stream: [],
      outputDir,
      dir,
      entry: lab.entry,
      argv: args,
    };
    this.runs.set(id, run);
    this.queue.push(id);
    void this.next();
    return this.publicRun(run);
  }

  get(id: string): Run {
    const run = this.runs.get(id);
    if (!run) throw notFound(`There is no run ${id}; the runner may have restarted.`);
    return run;
  }

  publicRun(run: Run): PublicRun {
    const {
      logs: _logs,
      stream: _stream,
      dir: _dir,
      outputDir: _out,
      entry: _entry,
      argv: _argv,
      ...rest
    } = run;
    const position = this.queue.indexOf(run.id);
    return position >= 0 ? { ...rest, position: position + 1 } : rest;
  }

  /** The run's result contract files, as paths relative to its output folder. */
  resultFiles(id: string): string[] {
    const { outputDir } = this.get(id);
    if (!existsSync(outputDir)) return [];
    return (
      readdirSync(outputDir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[]
    )
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(outputDir.length + 1))
      .filter(isContractPath)
      .sort();
  }

  subscribe(id: string, listener: (event: RunEvent) => void): () => void {
    const set = this.listeners.get(id) ?? new Set();
    set.add(listener);
    this.listeners.set(id, set);
    return () => set.delete(listener);
  }

  async cancel(id: string): Promise<PublicRun> {
    const run = this.get(id);
    if (isFinished(run.status)) return this.publicRun(run);
    const queued = this.queue.indexOf(id);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.finish(run, 'cancelled');
    } else if (this.current?.id === id) {
      await this.stopCurrent('cancelled');
    }
    return this.publicRun(run);
  }

  /**
   * Ends a run cleanly rather than killing it: a streaming lab's queries stop after their
   * micro-batch in progress and the lab writes its result. A queued run is just cancelled.
   */
  async stop(id: string): Promise<PublicRun> {
    const run = this.get(id);
    if (this.queue.includes(id)) return this.cancel(id);
    if (this.current?.id === id && run.status === 'running') {
      this.options.worker.stopStreams(id);
    }
    return this.publicRun(run);
  }

  /** Stops everything: used when the service shuts down. */
  async close(): Promise<void> {
    for (const id of this.queue.splice(0)) this.finish(this.get(id), 'cancelled');
    if (this.current) await this.stopCurrent('cancelled');
    await this.options.worker.kill();
  }

  private async stopCurrent(status: RunStatus): Promise<void> {
    if (!this.current) return;
    this.current.stop = status;
    await this.options.worker.kill(); // the run's promise then rejects and next() finishes it
  }

  private async next(): Promise<void> {
    const id = this.queue[0];
    if (this.current || id === undefined) return;
    this.queue.shift();
    const run = this.get(id);
    this.current = { id };
    this.current.clearTimeLimit = (this.options.startTimeLimit ?? startTimer)(
      () => void this.stopCurrent('timed-out'),
      this.options.limits.timeLimitMs,
    );
    const { worker } = this.options;
    try {
      rmSync(run.outputDir, { recursive: true, force: true });
      this.setStatus(run, worker.isStarted ? 'running' : 'starting');
      await worker.start();
      if (this.current.stop) throw new Error('stopped');
      this.setStatus(run, 'running');
      const outcome = await worker.run({
        run_id: id,
        entry: run.entry,
        argv: run.argv,
        cwd: run.dir,
      });
      if (outcome.type === 'succeeded') this.finish(run, 'succeeded');
      else {
        const { type: _type, run_id: _runId, ...failure } = outcome;
        run.failure = failure;
        this.finish(run, 'failed');
      }
    } catch (error) {
      const stop = this.current?.stop;
      if (stop) this.finish(run, stop);
      else {
        run.failure = { error: error instanceof Error ? error.message : String(error) };
        this.finish(run, 'failed');
      }
    } finally {
      this.current?.clearTimeLimit?.();
      this.current = undefined;
      void this.next();
    }
  }

  private setStatus(run: Run, status: RunStatus): void {
    run.status = status;
    if (status === 'running' || status === 'starting') run.startedAt ??= new Date().toISOString();
    this.emit(run.id, { type: 'status', run: this.publicRun(run) });
  }

  private finish(run: Run, status: RunStatus): void {
    run.finishedAt = new Date().toISOString();
    this.setStatus(run, status);
  }

  private emit(id: string, event: RunEvent): void {
    this.listeners.get(id)?.forEach((listener) => listener(event));
  }
}
