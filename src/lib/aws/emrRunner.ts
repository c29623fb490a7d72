/**
 * Runs a lab on Amazon EMR from the page, with the attendee's own temporary credentials: the
 * lab's files (as edited) and the shared package go to `attendees/<attendee key>/runs/<run id>/`
 * in the workshop bucket, a `command-runner.jar` spark-submit step is added to the cluster, and
 * the run is watched until its `_summary.json` appears (the step's state is watched for
 * failure). A streaming lab's micro-batches, which it writes to `<output>_stream/` as they
 * complete, reach the page on each poll, as a local run's do from its worker. The result is read
 * from S3 with the same contract as a local run.
 */
import {
  AddJobFlowStepsCommand,
  CancelStepsCommand,
  DescribeClusterCommand,
  DescribeStepCommand,
  EMRClient,
} from '@aws-sdk/client-emr';
import {
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';

import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';

import { emrRunArguments } from '../labs/commands';
import type { LabManifest } from '../labs/manifest';
import { RESULT_FILES, readRunResult, type RunResult } from '../results/contract';
import type {
  LabFiles,
  LabRun,
  LabRunner,
  RunLink,
  RunListener,
  RunnerAvailability,
  RunState,
  RunStatus,
  StreamBatch,
} from '../runner/types';
import { clusterView } from './cluster';
import { emrClusterUrl, emrRunLinks, stepLogFolder } from './consoleLinks';
import { attendeePrefix } from './conventions';
import { awsErrorText, withRetry } from './errors';

/** What a client needs: region, credentials and (tests only) an endpoint. */
export type AwsClientConfig = {
  region: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  endpoint?: string;
  forcePathStyle?: boolean;
};

export type EmrRunnerOptions = {
  bucket: string;
  /** The attendee's key (the user pool's `sub`): their prefix in the bucket. */
  attendeeKey: string;
  clusterId: string;
  clientConfig: AwsClientConfig;
  manifests: ReadonlyMap<string, LabManifest>;
  /** The bytes of `workshop.zip` (the site serves it). */
  workshopPackage: () => Promise<Uint8Array>;
  /** How often the run is checked, ms. */
  pollMs?: number;
  now?: () => Date;
};

const s3Uri = (bucket: string, key: string) => `s3://${bucket}/${key}`;

/** Where a streaming lab writes its micro-batches, under its output (labs/workshop/progress.py). */
export const STREAM_FOLDER = '_stream/';
const STREAM_FILE = /^batch-(\d+)\.json$/;

/** The keys of micro-batch documents under `output` not seen yet, in batch order. */
export function newStreamBatchKeys(
  keys: readonly string[],
  output: string,
  seen: ReadonlySet<string>,
): string[] {
  const folder = `${output}${STREAM_FOLDER}`;
  return keys
    .flatMap((key) => {
      const match = key.startsWith(folder) ? STREAM_FILE.exec(key.slice(folder.length)) : null;
      return match && !seen.has(key) ? [{ key, batch: Number(match[1]) }] : [];
    })
    .sort((a, b) => a.batch - b.batch)
    .map(({ key }) => key);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isObserved = (value: unknown): value is StreamBatch['observed'] =>
  isRecord(value) &&
  Object.values(value).every(
    (metrics) =>
      isRecord(metrics) &&
      Object.values(metrics).every((metric) => metric === null || typeof metric === 'number'),
  );

/** One micro-batch document, checked; throws with what is wrong when it is not one. */
export function parseStreamBatch(text: string): StreamBatch {
  const value: unknown = JSON.parse(text);
  if (!isRecord(value)) throw new Error('not a JSON object');
  const number = (field: string): number => {
    const got = value[field];
    if (typeof got !== 'number' || !Number.isFinite(got)) {
      throw new Error(`${field} is not a number`);
    }
    return got;
  };
  const { query_id, timestamp, observed } = value;
  if (typeof query_id !== 'string') throw new Error('query_id is not a string');
  if (typeof timestamp !== 'string') throw new Error('timestamp is not a string');
  const batchId = number('batch_id');
  if (!Number.isInteger(batchId) || batchId < 0) throw new Error('batch_id is not a batch id');
  if (!isObserved(observed)) throw new Error('observed is not metrics by name (numbers or null)');
  return {
    query_id,
    batch_id: batchId,
    timestamp,
    input_rows: number('input_rows'),
    input_rows_per_s: number('input_rows_per_s'),
    processed_rows_per_s: number('processed_rows_per_s'),
    duration_ms: number('duration_ms'),
    late_dropped: number('late_dropped'),
    observed,
  };
}

/** The arguments with `--output` pointing at `output` (every lab takes one). */
export function withOutput(args: readonly string[], output: string): string[] {
  const index = args.indexOf('--output');
  if (index < 0) return [...args, '--output', output];
  return args.map((arg, i) => (i === index + 1 ? output : arg));
}

export class EmrLabRunner implements LabRunner {
  readonly target = 'emr' as const;
  readonly label = 'Amazon EMR';
  readonly s3: S3Client;
  readonly emr: EMRClient;

  constructor(readonly options: EmrRunnerOptions) {
    const { forcePathStyle, ...common } = options.clientConfig;
    this.s3 = new S3Client({ ...common, forcePathStyle });
    this.emr = new EMRClient(common);
  }

  async availability(): Promise<RunnerAvailability> {
    try {
      const { Cluster } = await withRetry(() =>
        this.emr.send(new DescribeClusterCommand({ ClusterId: this.options.clusterId })),
      );
      const view = clusterView(Cluster ?? {});
      if (view.ready) return { ready: true, missing: [] };
      return {
        ready: false,
        missing: [
          view.ended
            ? `a running cluster: ${this.options.clusterId} has terminated; launch a new one`
            : `a ready cluster: ${this.options.clusterId} is ${view.text.toLowerCase()}`,
        ],
      };
    } catch (error) {
      return { ready: false, missing: [awsErrorText(error)] };
    }
  }

  async start(labId: string, files: LabFiles): Promise<LabRun> {
    const lab = this.options.manifests.get(labId);
    if (!lab) throw new Error(`There is no lab "${labId}".`);
    const { bucket, attendeeKey, clusterId } = this.options;
    const runId = crypto.randomUUID();
    const own = attendeePrefix(attendeeKey);
    const runPrefix = `${own}runs/${runId}`;
    const codePrefix = `${runPrefix}/code`;
    const output = `${runPrefix}/output/`;
    // Each run writes its result under its own prefix: no earlier run's summary can be
    // mistaken for this one's, and nothing needs deleting (the page may not delete).
    const args = withOutput(
      emrRunArguments(lab, {
        code: s3Uri(bucket, codePrefix),
        labs: `s3://${bucket}`,
        work: s3Uri(bucket, `${own}work`),
        run: s3Uri(bucket, runPrefix),
      }),
      s3Uri(bucket, output.slice(0, -1)),
    );

    const put = (key: string, body: string | Uint8Array, type: string) =>
      withRetry(() =>
        this.s3.send(
          new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: type }),
        ),
      );
    try {
      for (const name of lab.files) {
        const code = files[name];
        if (code === undefined) throw new Error(`The file ${name} of lab ${labId} is missing.`);
        await put(`${codePrefix}/${name}`, code, 'text/x-python');
      }
      await put(
        `${codePrefix}/workshop.zip`,
        await this.options.workshopPackage(),
        'application/zip',
      );
      const added = await withRetry(() =>
        this.emr.send(
          new AddJobFlowStepsCommand({
            JobFlowId: clusterId,
            Steps: [
              {
                Name: `${labId} ${runId}`,
                ActionOnFailure: 'CONTINUE',
                HadoopJarStep: { Jar: 'command-runner.jar', Args: args },
              },
            ],
          }),
        ),
      );
      const stepId = added.StepIds?.[0];
      if (!stepId) throw new Error('EMR did not return the new step’s id.');
      return new EmrLabRun(this, {
        id: runId,
        lab: labId,
        stepId,
        output,
        createdAt: (this.options.now?.() ?? new Date()).toISOString(),
        uploaded: `s3://${bucket}/${codePrefix}/`,
      });
    } catch (error) {
      throw new Error(awsErrorText(error), { cause: error });
    }
  }
}

type RunInfo = {
  id: string;
  lab: string;
  stepId: string;
  /** The key prefix of the result contract, ending with `/`. */
  output: string;
  createdAt: string;
  uploaded: string;
};

const STEP_STATUS: Record<string, RunStatus> = {
  PENDING: 'queued',
  RUNNING: 'running',
  COMPLETED: 'running', // until the summary is read: the result is what marks success
  CANCEL_PENDING: 'running',
  CANCELLED: 'cancelled',
  FAILED: 'failed',
  INTERRUPTED: 'failed',
};

/** How many lines of a failed step's stderr the page shows. */
const STDERR_TAIL_LINES = 40;

class EmrLabRun implements LabRun {
  readonly id: string;

  constructor(
    private readonly runner: EmrLabRunner,
    private readonly info: RunInfo,
  ) {
    this.id = info.id;
  }

  private get bucket() {
    return this.runner.options.bucket;
  }

  watch(listener: RunListener): () => void {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastState = '';
    let linked = false;
    const delivered = new Set<string>();
    const now = () => (this.runner.options.now?.() ?? new Date()).toISOString();
    const base: RunState = {
      id: this.info.id,
      lab: this.info.lab,
      status: 'queued',
      createdAt: this.info.createdAt,
    };
    listener.onLog(`Uploaded the lab's files and workshop.zip to ${this.info.uploaded}`);
    listener.onLog(`Added step ${this.info.stepId} to cluster ${this.runner.options.clusterId}`);
    listener.onState(base);

    const finish = (state: RunState) => {
      stopped = true;
      listener.onState({ ...state, finishedAt: now() });
    };

    const check = async () => {
      if (!linked) {
        linked = true;
        base.links = await this.consoleLinks(listener);
      }
      const { Step } = await withRetry(() =>
        this.runner.emr.send(
          new DescribeStepCommand({
            ClusterId: this.runner.options.clusterId,
            StepId: this.info.stepId,
          }),
        ),
      );
      const stepState = Step?.Status?.State ?? 'PENDING';
      if (stepState !== lastState) {
        listener.onLog(`Step ${this.info.stepId}: ${stepState}`);
        lastState = stepState;
      }
      const status = STEP_STATUS[stepState] ?? 'running';
      if (status === 'cancelled') return finish({ ...base, status });
      if (status === 'failed') {
        const details = Step?.Status?.FailureDetails;
        const tail = await this.stderrTail(details?.LogFile);
        if (tail) listener.onLog(`── stderr (last ${STDERR_TAIL_LINES} lines) ──\n${tail}`);
        return finish({
          ...base,
          status: 'failed',
          failure: {
            error:
              [details?.Reason, details?.Message].filter(Boolean).join(': ') || 'The step failed.',
            traceback: tail || undefined,
          },
        });
      }
      // One listing a poll: the result's summary and the micro-batches written since the last.
      const keys = await this.resultKeys();
      await this.deliverStreamBatches(keys, delivered, listener);
      if (keys.includes(`${this.info.output}${RESULT_FILES.summary}`)) {
        listener.onLog(`Result written: s3://${this.bucket}/${this.info.output}_summary.json`);
        return finish({ ...base, status: 'succeeded' });
      }
      if (stepState === 'COMPLETED') {
        return finish({
          ...base,
          status: 'failed',
          failure: { error: 'The step completed without writing _summary.json.' },
        });
      }
      if (status === 'running') base.startedAt ??= now();
      listener.onState({ ...base, status });
    };

    const loop = () => {
      if (stopped) return;
      check().then(
        () => {
          if (!stopped) timer = setTimeout(loop, this.runner.options.pollMs ?? 3000);
        },
        (error: unknown) => {
          if (stopped) return;
          const message = awsErrorText(error);
          listener.onLog(`⚠ ${message}`);
          finish({ ...base, status: 'failed', failure: { error: message } });
        },
      );
    };
    loop();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }

  async cancel(): Promise<void> {
    try {
      const { CancelStepsInfoList } = await this.runner.emr.send(
        new CancelStepsCommand({
          ClusterId: this.runner.options.clusterId,
          StepIds: [this.info.stepId],
        }),
      );
      const refused = CancelStepsInfoList?.find((info) => info.Status === 'FAILED');
      if (refused)
        throw new Error(`EMR refused to cancel the step: ${refused.Reason ?? 'no reason given'}`);
    } catch (error) {
      throw new Error(awsErrorText(error), { cause: error });
    }
  }

  async result(): Promise<RunResult> {
    try {
      // Listed first, so an absent optional file is not asked for (a 404 is noise in a browser).
      const present = new Set(await this.resultKeys());
      return await readRunResult(async (file, optional) => {
        const key = `${this.info.output}${file}`;
        if (!present.has(key)) {
          if (optional) return '';
          throw new Error(`No ${file} under s3://${this.bucket}/${this.info.output}`);
        }
        const { Body } = await withRetry(() =>
          this.runner.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key })),
        );
        return (await Body?.transformToString('utf-8')) ?? '';
      });
    } catch (error) {
      throw new Error(awsErrorText(error), { cause: error });
    }
  }

  /** The keys under the run's output prefix (one request, unless a long stream wrote more). */
  private async resultKeys(): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await withRetry(() =>
        this.runner.s3.send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: this.info.output,
            ContinuationToken: token,
          }),
        ),
      );
      for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys;
  }

  /**
   * Reads the micro-batch documents among `keys` not delivered yet, in batch order, and hands
   * each to the listener. A document that cannot be read or parsed is logged and skipped: the
   * live view is a courtesy, the result is what counts.
   */
  private async deliverStreamBatches(
    keys: readonly string[],
    delivered: Set<string>,
    listener: RunListener,
  ): Promise<void> {
    for (const key of newStreamBatchKeys(keys, this.info.output, delivered)) {
      let text: string;
      try {
        const { Body } = await withRetry(() =>
          this.runner.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key })),
        );
        text = (await Body?.transformToString('utf-8')) ?? '';
      } catch (error) {
        listener.onLog(
          `⚠ Could not read the micro-batch s3://${this.bucket}/${key}: ${awsErrorText(error)}`,
        );
        continue; // tried again on the next poll
      }
      delivered.add(key);
      let batch: StreamBatch;
      try {
        batch = parseStreamBatch(text);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        listener.onLog(`⚠ Skipped the micro-batch s3://${this.bucket}/${key}: ${reason}`);
        continue;
      }
      listener.onStreamBatch?.(batch);
    }
  }

  /**
   * Where the learner can look while the step runs: its log folder (under the cluster's
   * LogUri) and the cluster's page with its Spark UI. Said in the log too.
   */
  private async consoleLinks(listener: RunListener): Promise<RunLink[]> {
    const { clusterId, clientConfig } = this.runner.options;
    let logUri: string | undefined;
    try {
      const { Cluster } = await withRetry(() =>
        this.runner.emr.send(new DescribeClusterCommand({ ClusterId: clusterId })),
      );
      logUri = Cluster?.LogUri;
    } catch (error) {
      listener.onLog(`⚠ Could not read the cluster's log location: ${awsErrorText(error)}`);
    }
    const region = clientConfig.region;
    const folder = logUri ? stepLogFolder(logUri, clusterId, this.info.stepId) : undefined;
    if (folder) {
      listener.onLog(
        `Step logs (EMR copies them there minutes late): s3://${folder.bucket}/${folder.key}`,
      );
    }
    listener.onLog(
      `Spark UI: the cluster's page in the EMR console, ${emrClusterUrl(clusterId, region)}`,
    );
    return emrRunLinks({ region, clusterId, stepId: this.info.stepId, logUri });
  }

  /** The end of the step's stderr log, when EMR names one in the attendee's prefix. */
  private async stderrTail(logFile: string | undefined): Promise<string> {
    const prefix = `s3://${this.bucket}/`;
    if (!logFile?.startsWith(prefix)) return '';
    const base = logFile.slice(prefix.length).replace(/\/$/, '');
    const key = base.endsWith('stderr.gz') ? base : `${base}/stderr.gz`;
    try {
      const { Body } = await this.runner.s3.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key }),
      );
      const bytes = await Body?.transformToByteArray();
      if (!bytes) return '';
      const text = await gunzip(bytes);
      return text.trimEnd().split('\n').slice(-STDERR_TAIL_LINES).join('\n');
    } catch {
      return ''; // EMR writes step logs minutes late: the failure details still show
    }
  }
}

async function gunzip(bytes: Uint8Array): Promise<string> {
  const stream = new Blob([new Uint8Array(bytes)])
    .stream()
    .pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}
