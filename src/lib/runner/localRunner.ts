/**
 * The local Spark runner (runner/ in this repository), reached on the page's own origin with
 * the token the runner injected into the page. See runner/src/security.ts.
 */
import { readRunResult, type RunResult } from '../results/contract';
import { RunnerRequestError } from './errors';
import { readSse } from './sse';
import {
  FINISHED_STATUSES,
  type LabFiles,
  type LabRun,
  type LabRunner,
  type RunListener,
  type RunnerAvailability,
  type RunState,
  type StreamBatch,
} from './types';

export const TOKEN_META = 'lab-runner-token';
export const NOT_SERVED_BY_RUNNER =
  'the local runner: start the site with `npm start` (it serves this page and runs labs on your machine)';

/** The runner's token, present only when the page came from the runner itself. */
export function tokenFromPage(doc: Document): string | undefined {
  return doc.querySelector(`meta[name="${TOKEN_META}"]`)?.getAttribute('content') ?? undefined;
}

type Fetch = typeof fetch;

export class LocalSparkRunner implements LabRunner {
  readonly target = 'local' as const;
  readonly label = 'Local Spark';

  constructor(
    private readonly token: string | undefined,
    private readonly baseUrl = '',
    private readonly fetchFn: Fetch = (...args) => fetch(...args),
  ) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    if (!this.token) throw new RunnerRequestError(`Labs need ${NOT_SERVED_BY_RUNNER}.`);
    let response: Response;
    try {
      response = await this.fetchFn(`${this.baseUrl}${path}`, {
        ...init,
        headers: { 'x-runner-token': this.token, ...init.headers },
      });
    } catch (cause) {
      throw new RunnerRequestError(
        'The local runner does not answer: is `npm start` still running? Start it again, then reload this page.',
        undefined,
        { cause },
      );
    }
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { error?: string };
      throw new RunnerRequestError(
        body.error ?? `The local runner answered ${response.status} to ${path}.`,
        response.status,
      );
    }
    return response;
  }

  async availability(): Promise<RunnerAvailability> {
    if (!this.token) return { ready: false, missing: [NOT_SERVED_BY_RUNNER] };
    try {
      const response = await this.request('/api/health');
      return (await response.json()) as RunnerAvailability;
    } catch (error) {
      return { ready: false, missing: [(error as Error).message] };
    }
  }

  async start(lab: string, files: LabFiles): Promise<LabRun> {
    const response = await this.request('/api/runs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ lab, files }),
    });
    const state = (await response.json()) as RunState;
    return new LocalLabRun(this, state.id);
  }
}

class LocalLabRun implements LabRun {
  constructor(
    private readonly runner: LocalSparkRunner,
    readonly id: string,
  ) {}

  watch(listener: RunListener): () => void {
    const controller = new AbortController();
    let last: RunState | undefined;
    const follow = async () => {
      const response = await this.runner.request(`/api/runs/${this.id}/events`, {
        signal: controller.signal,
      });
      await readSse(
        response,
        ({ event, data }) => {
          const payload = JSON.parse(data) as Record<string, unknown>;
          if (event === 'log') listener.onLog(payload.line as string);
          if (event === 'stream') listener.onStreamBatch?.(payload.batch as StreamBatch);
          if (event === 'status') last = payload.run as RunState;
          if (event === 'progress' && last) {
            last = { ...last, progress: payload.progress as RunState['progress'] };
          }
          if ((event === 'status' || event === 'progress') && last) listener.onState(last);
        },
        controller.signal,
      );
      if (!controller.signal.aborted && last && !FINISHED_STATUSES.includes(last.status)) {
        throw new RunnerRequestError('The connection to the local runner ended mid-run.');
      }
    };
    follow().catch((error: unknown) => {
      if (controller.signal.aborted) return;
      listener.onLog(`⚠ ${(error as Error).message}`);
      // The run itself may still be going: show its last known state as failed to follow.
      listener.onState({
        ...(last ?? { id: this.id, lab: '', createdAt: new Date().toISOString() }),
        status: 'failed',
        failure: { error: (error as Error).message },
      });
    });
    return () => controller.abort();
  }

  async cancel(): Promise<void> {
    await this.runner.request(`/api/runs/${this.id}/cancel`, { method: 'POST' });
  }

  async stop(): Promise<void> {
    await this.runner.request(`/api/runs/${this.id}/stop`, { method: 'POST' });
  }

  result(): Promise<RunResult> {
    return readRunResult(async (file, optional) => {
      try {
        return await (await this.runner.request(`/api/runs/${this.id}/result/${file}`)).text();
      } catch (error) {
        if (optional && error instanceof RunnerRequestError && error.status === 404) return '';
        throw error;
      }
    });
  }
}
