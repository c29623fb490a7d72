import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { LabRun, RunState, StreamBatch } from '../runner/types';
import { type EmrLabRunner, newStreamBatchKeys, parseStreamBatch } from './emrRunner';
import type { ClusterHarness } from './testing/clusterHarness';
import { startEmrStandIn, type EmrStandIn } from './testing/emrStandIn';
import { hasMoto, TEST_REGION } from './testing/motoServer';

const python = join(process.cwd(), '.venv', 'bin', 'python');
const BUCKET = 'workshop-stream-bucket';
const IDENTITY = `${TEST_REGION}:11111111-2222-3333-4444-555555555555`;
/** The user pool's sub: the attendee's prefix. */
const ATTENDEE_KEY = '0c9d8e7f-6a5b-4c3d-9e2f-1a0b9c8d7e6f';
/**
 * A 45 s stream through S3A against moto, after Spark starts on a fresh interpreter: minutes on
 * a busy 2-core machine. Wait for it, however long.
 */
const STREAM_TEST_TIMEOUT_MS = 900_000;

/** A micro-batch document as the lab writes it (labs/workshop/progress.py). */
const document = (batchId: number, patch: Record<string, unknown> = {}): string =>
  JSON.stringify({
    query_id: 'd9d2bca3-e4bd-44c5-87d3-36728946a909',
    batch_id: batchId,
    timestamp: '2026-11-28T12:19:01.250Z',
    input_rows: 400,
    input_rows_per_s: 0,
    processed_rows_per_s: 517.2,
    duration_ms: 812,
    late_dropped: 3,
    observed: {
      valid_events: { rows: 190 },
      classified: { rows: 180, critical: 4, warning: null, info: 170 },
      quarantined: { rows: 10 },
    },
    ...patch,
  });

describe('micro-batch documents under a run’s output', () => {
  const output = 'attendees/k/runs/r1/output/';

  it('are the new _stream/batch-N.json keys, in batch order, nothing else', () => {
    const keys = [
      `${output}_summary.json`,
      `${output}_stream/batch-000010.json`,
      `${output}_stream/batch-000002.json`,
      `${output}_stream/batch-000001.json`,
      `${output}_stream/.batch-000003.json.tmp`,
      `${output}_stream/notes.txt`,
      `${output}events/part-00000.jsonl`,
      `attendees/k/runs/r0/output/_stream/batch-000000.json`,
    ];
    const seen = new Set([`${output}_stream/batch-000001.json`]);
    expect(newStreamBatchKeys(keys, output, seen)).toEqual([
      `${output}_stream/batch-000002.json`,
      `${output}_stream/batch-000010.json`,
    ]);
    expect(newStreamBatchKeys(keys, output, new Set(keys))).toEqual([]);
  });

  it('parse into the micro-batch the page shows, and a broken one says what is wrong', () => {
    expect(parseStreamBatch(document(7))).toEqual(JSON.parse(document(7)));
    const broken: [string, RegExp][] = [
      ['{"query_id": ', /JSON/],
      ['[1, 2]', /not a JSON object/],
      [document(1, { query_id: 42 }), /query_id/],
      [document(1, { timestamp: null }), /timestamp/],
      [document(-1), /batch_id/],
      [document(1.5), /batch_id/],
      [document(1, { input_rows: '400' }), /input_rows/],
      [document(1, { duration_ms: undefined }), /duration_ms/],
      [document(1, { observed: { classified: { rows: '180' } } }), /observed/],
      [document(1, { observed: { classified: 180 } }), /observed/],
      [document(1, { observed: [] }), /observed/],
    ];
    for (const [text, reason] of broken) {
      expect(() => parseStreamBatch(text), text).toThrow(reason);
    }
  });
});

type Seen =
  | { kind: 'state'; state: RunState }
  | { kind: 'batch'; batch: StreamBatch }
  | { kind: 'log'; line: string };

/** Follows a run: everything it reports, in order, and its end. */
function follow(run: LabRun): { seen: Seen[]; done: Promise<Seen[]> } {
  const seen: Seen[] = [];
  const done = new Promise<Seen[]>((resolve) => {
    const stop = run.watch({
      onState: (state) => {
        seen.push({ kind: 'state', state });
        if (['succeeded', 'failed', 'cancelled', 'timed-out'].includes(state.status)) {
          stop();
          resolve(seen);
        }
      },
      onLog: (line) => seen.push({ kind: 'log', line }),
      onStreamBatch: (batch) => seen.push({ kind: 'batch', batch }),
    });
  });
  return { seen, done };
}

describe.skipIf(!hasMoto || !existsSync(python))(
  'a live stream on EMR (moto, the harness playing the cluster)',
  () => {
    let standIn: EmrStandIn;
    let harness: ClusterHarness;
    let runner: EmrLabRunner;
    let clusterId: string;
    const admin = () => standIn.admin();

    beforeAll(async () => {
      standIn = await startEmrStandIn({
        bucket: BUCKET,
        identityId: IDENTITY,
        attendeeKey: ATTENDEE_KEY,
      });
      ({ harness, runner, clusterId } = standIn);
    });

    /** A step's log, as the harness (as EMR) copies it under the cluster's LogUri. */
    const stepLog = async (cluster: string, stepId: string, name: string): Promise<string> => {
      const key = `attendees/${ATTENDEE_KEY}/logs/${cluster}/steps/${stepId}/${name}.gz`;
      const { Body } = await new S3Client(admin()).send(
        new GetObjectCommand({ Bucket: BUCKET, Key: key }),
      );
      return gunzipSync(await (Body?.transformToByteArray() ?? new Uint8Array())).toString('utf8');
    };

    afterAll(async () => standIn?.stop());

    it(
      'shows the stream’s micro-batches while the step runs, then its result, with links to its logs and Spark UI',
      async () => {
        // The lab's real file and its page arguments: 100 events/s for 45 s, a 2 s trigger.
        const run = await runner.start('03-streaming', {
          'classify_stream.py': readFileSync('labs/03-streaming/classify_stream.py', 'utf8'),
        });
        const following = follow(run);
        const logs = () =>
          following.seen.flatMap((item) => (item.kind === 'log' ? [item.line] : []));
        const stepId = /Added step (s-\w+)/.exec(logs().join('\n'))?.[1] ?? '';
        expect(stepId).not.toBe('');
        // moto never fails a step: a step that exits non-zero ends the test with its output.
        const failed = harness.handledStep(stepId).then(async (step) => {
          if (step.exitCode !== 0) {
            // spark-submit puts the Python driver's output, a traceback too, on its stdout.
            const stdout = await stepLog(step.clusterId, stepId, 'stdout');
            throw new Error(
              `the step exited ${step.exitCode}:\n${stdout.split('\n').slice(-60).join('\n')}`,
            );
          }
          return following.done;
        });
        const seen = await Promise.race([following.done, failed]);

        const states = seen.flatMap((item) => (item.kind === 'state' ? [item.state] : []));
        const last = states.at(-1);
        expect(last?.status, logs().join('\n')).toBe('succeeded');
        const batches = seen.flatMap((item) => (item.kind === 'batch' ? [item.batch] : []));
        const succeededAt = seen.findIndex(
          (item) => item.kind === 'state' && item.state.status === 'succeeded',
        );
        // Each poll ends with a state; the last one before success is the last poll that did not
        // see _summary.json yet. Micro-batches before it arrived while the stream ran.
        const lastRunningAt = seen
          .slice(0, succeededAt)
          .map((item) => item.kind)
          .lastIndexOf('state');
        const live = seen.slice(0, lastRunningAt).filter((item) => item.kind === 'batch');
        expect(live.length).toBeGreaterThanOrEqual(2);
        expect(seen.slice(succeededAt).some((item) => item.kind === 'batch')).toBe(false);

        const result = await run.result();
        const { counts, stream } = result.summary;
        expect(result.summary.lab_id).toBe('03-streaming');
        expect(counts.classified).toBeGreaterThan(0);
        // Every micro-batch once, in order, and together what the result counts.
        expect(batches.map((batch) => batch.batch_id)).toEqual(
          Array.from({ length: Number(stream?.batches) }, (_, i) => i),
        );
        expect(new Set(batches.map((batch) => batch.query_id))).toEqual(
          new Set([stream?.query_id]),
        );
        const rows = (name: string) =>
          batches.reduce((sum, batch) => sum + (batch.observed[name]?.rows ?? 0), 0);
        expect(rows('classified')).toBe(counts.classified);
        expect(rows('quarantined')).toBe(counts.quarantined);

        // The links: the step's log folder under the cluster's LogUri, and the cluster's page.
        const logFolder = `attendees/${ATTENDEE_KEY}/logs/${clusterId}/steps/${stepId}/`;
        const running = states.find((state) => state.status === 'running');
        expect(running?.links).toEqual(last?.links);
        expect(last?.links).toEqual([
          {
            label: `Logs of step ${stepId} (S3 console)`,
            href: `https://s3.console.aws.amazon.com/s3/buckets/${BUCKET}?region=${TEST_REGION}&prefix=${logFolder}`,
          },
          {
            label: `Spark UI of cluster ${clusterId} (EMR console)`,
            href: `https://${TEST_REGION}.console.aws.amazon.com/emr/home?region=${TEST_REGION}#/clusterDetails/${clusterId}`,
          },
        ]);
        // ...where the step's logs land once it ends, as EMR copies them.
        const step = await harness.handledStep(stepId);
        expect(step.exitCode).toBe(0);
        const { Contents = [] } = await new S3Client(admin()).send(
          new ListObjectsV2Command({ Bucket: BUCKET, Prefix: logFolder }),
        );
        expect(Contents.map((object) => object.Key)).toContain(`${logFolder}stderr.gz`);
      },
      STREAM_TEST_TIMEOUT_MS,
    );
  },
);
