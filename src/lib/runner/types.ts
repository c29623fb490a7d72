/**
 * One interface for running a lab, whatever runs it: the local Spark runner (runner/) or,
 * later, Amazon EMR. The page talks only to this; results come back as the result contract.
 */
import type { RunResult } from '../results/contract';

export type LabFiles = Record<string, string>;

export type RunStatus =
  'queued' | 'starting' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'timed-out';

export const FINISHED_STATUSES: readonly RunStatus[] = [
  'succeeded',
  'failed',
  'cancelled',
  'timed-out',
];

export type RunProgress = {
  jobs: number;
  stages: number;
  tasks_done: number;
  tasks_total: number;
  stage_name: string;
};

/**
 * One micro-batch of a streaming lab, as Spark's query listener reports it while the stream
 * runs. `observed` holds the lab's `observe()` metrics by name (lab 3: `valid_events`,
 * `classified` with rows per severity, `quarantined`).
 */
export type StreamBatch = {
  query_id: string;
  batch_id: number;
  /** When the micro-batch started, ISO-8601. */
  timestamp: string;
  input_rows: number;
  input_rows_per_s: number;
  processed_rows_per_s: number;
  duration_ms: number;
  late_dropped: number;
  observed: Record<string, Record<string, number | null>>;
};

export type RunFailure = {
  error: string;
  /** The learner's file and line the error points at, when it is in their code. */
  file?: string | null;
  line?: number | null;
  traceback?: string;
};

/** A page about the run elsewhere (the run panel opens it in a new tab). */
export type RunLink = { label: string; href: string };

/** A run as its runner reports it; each update replaces the previous one. */
export type RunState = {
  id: string;
  lab: string;
  status: RunStatus;
  /** Place in the queue while queued (1 = next). */
  position?: number;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  progress?: RunProgress;
  failure?: RunFailure;
  /** Where to look while it runs (on EMR: the step's logs, the cluster's Spark UI). */
  links?: RunLink[];
};

export type RunListener = {
  onState: (state: RunState) => void;
  onLog: (line: string) => void;
  /** A streaming run's micro-batches, as each one is stored. */
  onStreamBatch?: (batch: StreamBatch) => void;
};

export interface LabRun {
  readonly id: string;
  /** Streams state and logs until the run finishes; returns a function that stops listening. */
  watch(listener: RunListener): () => void;
  cancel(): Promise<void>;
  /**
   * Ends a streaming run cleanly: the micro-batch in progress finishes and the lab writes its
   * result, as at the end of its run. Absent where the runner cannot do that.
   */
  stop?(): Promise<void>;
  /** The run's result contract, once it succeeded. */
  result(): Promise<RunResult>;
}

export type RunnerAvailability = { ready: boolean; missing: string[] };

export interface LabRunner {
  readonly target: 'local' | 'emr';
  /** What the page shows as the run target, e.g. "Local Spark". */
  readonly label: string;
  availability(): Promise<RunnerAvailability>;
  start(lab: string, files: LabFiles): Promise<LabRun>;
}
