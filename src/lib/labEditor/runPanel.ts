/**
 * What the Run control shows, as a reducer over what happens to a run: the learner asks, the
 * runner accepts (or refuses), the run reports states and log lines, the clock ticks.
 * Elapsed time is measured on the page's clock from the click on Run, so it needs no agreement
 * with the runner's clock and includes queueing and Spark's start, which the learner waits for.
 */
import {
  FINISHED_STATUSES,
  type RunLink,
  type RunProgress,
  type RunState,
  type RunStatus,
} from '../runner/types';
import { appendLog, emptyLog, type LogBuffer } from './logBuffer';

export type RunPanelState = {
  /** idle: nothing asked yet; requesting: waiting for the runner to accept the run. */
  phase: 'idle' | 'requesting' | 'watching' | 'finished' | 'refused';
  run?: RunState;
  /** Why the runner did not accept the run (phase "refused"). */
  refusal?: string;
  requestedAt?: number;
  finishedAt?: number;
  now: number;
  cancelling: boolean;
  cancelError?: string;
  /** A live stream asked to stop cleanly (it still finishes its micro-batch and result). */
  stopping: boolean;
  stopError?: string;
  log: LogBuffer;
};

export type RunPanelAction =
  | { type: 'request'; at: number }
  | { type: 'refused'; error: string; at: number }
  | { type: 'state'; state: RunState; at: number }
  | { type: 'log'; line: string }
  | { type: 'tick'; at: number }
  | { type: 'cancel' }
  | { type: 'cancel-failed'; error: string }
  | { type: 'stop' }
  | { type: 'stop-failed'; error: string };

export const initialRunPanel = (now = 0): RunPanelState => ({
  phase: 'idle',
  now,
  cancelling: false,
  stopping: false,
  log: emptyLog(),
});

export const isFinished = (status: RunStatus): boolean => FINISHED_STATUSES.includes(status);

export function runPanelReducer(state: RunPanelState, action: RunPanelAction): RunPanelState {
  switch (action.type) {
    case 'request':
      return { ...initialRunPanel(action.at), phase: 'requesting', requestedAt: action.at };
    case 'refused':
      return { ...state, phase: 'refused', refusal: action.error, finishedAt: action.at };
    case 'state': {
      // A late update after the end (a reconnecting stream) must not reopen a finished run.
      if (state.phase === 'finished' || state.phase === 'idle') return state;
      const finished = isFinished(action.state.status);
      return {
        ...state,
        phase: finished ? 'finished' : 'watching',
        run: action.state,
        now: action.at,
        finishedAt: finished ? action.at : undefined,
        cancelling: finished ? false : state.cancelling,
        stopping: finished ? false : state.stopping,
      };
    }
    case 'log':
      return { ...state, log: appendLog(state.log, action.line) };
    case 'tick':
      return state.finishedAt === undefined ? { ...state, now: action.at } : state;
    case 'cancel':
      return { ...state, cancelling: true, cancelError: undefined };
    case 'cancel-failed':
      return { ...state, cancelling: false, cancelError: action.error };
    case 'stop':
      return { ...state, stopping: true, stopError: undefined };
    case 'stop-failed':
      return { ...state, stopping: false, stopError: action.error };
  }
}

/** True while a run is asked for or going: Run is unavailable and Cancel may be. */
export const isActive = (state: RunPanelState): boolean =>
  state.phase === 'requesting' || state.phase === 'watching';

export function elapsedMs(state: RunPanelState): number | undefined {
  if (state.requestedAt === undefined) return undefined;
  return Math.max(0, (state.finishedAt ?? state.now) - state.requestedAt);
}

/** Whole percent of the current stage's tasks done, or undefined when Spark reported none. */
export function progressPercent(progress: RunProgress | undefined): number | undefined {
  if (!progress || !(progress.tasks_total > 0)) return undefined;
  const ratio = Math.min(1, Math.max(0, progress.tasks_done / progress.tasks_total));
  return Math.floor(ratio * 100);
}

const STATUS_TEXT: Record<RunStatus, string> = {
  queued: 'Queued',
  starting: 'Starting Spark',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  'timed-out': 'Timed out',
};

/** The status in words, as the live region announces it. */
export function statusText(state: RunPanelState): string {
  switch (state.phase) {
    case 'idle':
      return 'Not run yet';
    case 'requesting':
      return 'Sending the lab to the runner';
    case 'refused':
      return 'Could not start';
    case 'watching':
    case 'finished': {
      const run = state.run;
      if (!run) return 'Waiting for the runner';
      if (run.status === 'queued' && run.position !== undefined) {
        return `Queued, position ${run.position}`;
      }
      if (state.cancelling && !isFinished(run.status))
        return `${STATUS_TEXT[run.status]}, cancelling`;
      if (state.stopping && !isFinished(run.status)) return `${STATUS_TEXT[run.status]}, stopping`;
      return STATUS_TEXT[run.status];
    }
  }
}

/**
 * The run's links the panel shows (its logs, the Spark UI), while it runs and after: only web
 * addresses (https), once each.
 */
export function runLinks(state: RunPanelState): RunLink[] {
  if (state.phase !== 'watching' && state.phase !== 'finished') return [];
  const seen = new Set<string>();
  return (state.run?.links ?? []).filter((link) => {
    let url: URL;
    try {
      url = new URL(link.href);
    } catch {
      return false;
    }
    if (url.protocol !== 'https:' || !link.label.trim() || seen.has(url.href)) return false;
    seen.add(url.href);
    return true;
  });
}

/** Elapsed time as m:ss (or h:mm:ss). */
export function formatElapsed(ms: number): string {
  const total = Math.floor(Math.max(0, ms) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`
    : `${minutes}:${seconds}`;
}
