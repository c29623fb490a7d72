import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { DescribeStepCommand } from '@aws-sdk/client-emr';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LAB_MANIFESTS } from '../labs/manifests';
import type { LabRun, RunState } from '../runner/types';
import { type EmrLabRunner, withOutput } from './emrRunner';
import type { ClusterHarness } from './testing/clusterHarness';
import { startEmrStandIn, type EmrStandIn } from './testing/emrStandIn';
import { hasMoto, TEST_REGION } from './testing/motoServer';

const python = join(process.cwd(), '.venv', 'bin', 'python');
const BUCKET = 'workshop-test-bucket';
const IDENTITY = `${TEST_REGION}:11111111-2222-3333-4444-555555555555`;
/** A step through S3A against moto makes thousands of requests: wait for it, however long. */
const STEP_TEST_TIMEOUT_MS = 900_000;
/** The user pool's sub: the attendee's prefix. */
const ATTENDEE_KEY = '6a1f0c3e-2b4d-4e8f-9a7c-1d2e3f4a5b6c';

/** Follows a run to its end; returns every state and log line. */
function follow(run: LabRun): Promise<{ states: RunState[]; logs: string[] }> {
  return new Promise((resolve) => {
    const states: RunState[] = [];
    const logs: string[] = [];
    const stop = run.watch({
      onState: (state) => {
        states.push(state);
        if (['succeeded', 'failed', 'cancelled', 'timed-out'].includes(state.status)) {
          stop();
          resolve({ states, logs });
        }
      },
      onLog: (line) => logs.push(line),
    });
  });
}

describe('the run output location', () => {
  it('is the run’s own prefix, in place of the lab’s --output', () => {
    expect(
      withOutput(['a.py', '--output', 's3://b/work/runs/02-batch', '--x', '1'], 's3://b/r/output'),
    ).toEqual(['a.py', '--output', 's3://b/r/output', '--x', '1']);
    expect(withOutput(['a.py'], 's3://b/r/output')).toEqual([
      'a.py',
      '--output',
      's3://b/r/output',
    ]);
  });
});

describe.skipIf(!hasMoto || !existsSync(python))(
  'a lab run on EMR (moto, the harness playing the cluster)',
  () => {
    let standIn: EmrStandIn;
    let harness: ClusterHarness;
    let runner: EmrLabRunner;
    const admin = () => standIn.admin();

    beforeAll(async () => {
      standIn = await startEmrStandIn({
        bucket: BUCKET,
        identityId: IDENTITY,
        attendeeKey: ATTENDEE_KEY,
      });
      ({ harness, runner } = standIn);
    });

    afterAll(async () => standIn?.stop());

    it('offers the cluster once it is ready', async () => {
      expect(await runner.availability()).toEqual({ ready: true, missing: [] });
    });

    it(
      'uploads the edited lab, adds the step, and reads the real result once _summary.json appears',
      async () => {
        const source = readFileSync('labs/02-batch/classify_batch.py', 'utf8');
        // The learner's edit: CO is critical from 30 ppm instead of the lab's threshold.
        const edited = source.replace(/("co_critical_ppm": )\d+(\.\d+)?/, '$130');
        expect(edited).not.toBe(source);
        const run = await runner.start('02-batch', { 'classify_batch.py': edited });
        const { states, logs } = await follow(run);
        expect(states.at(-1)?.status).toBe('succeeded');
        expect(logs.join('\n')).toMatch(/Added step s-\w+ to cluster j-\w+/);

        const stepId = /Added step (s-\w+)/.exec(logs.join('\n'))?.[1] ?? '';
        const step = await harness.handledStep(stepId);
        expect(step.exitCode).toBe(0);
        // The lab ran on the interpreter the step names, without the project's environment.
        expect(step.python).toBe('/usr/bin/python3.11');
        const result = await run.result();
        expect(result.summary.lab_id).toBe('02-batch');
        expect(result.summary.counts.classified).toBe(1790);
        expect(result.summary.thresholds?.co_critical_ppm).toBe(30);
        expect(result.events.length).toBeGreaterThan(0);
      },
      STEP_TEST_TIMEOUT_MS,
    );

    /** Runs a lab with its own files, unedited; answers the step as the harness ran it. */
    const runLab = async (labId: string) => {
      const lab = LAB_MANIFESTS.get(labId);
      const files = Object.fromEntries(
        (lab?.files ?? []).map((name) => [name, readFileSync(`labs/${labId}/${name}`, 'utf8')]),
      );
      const run = await runner.start(labId, files);
      const { states, logs } = await follow(run);
      const stepId = /Added step (s-\w+)/.exec(logs.join('\n'))?.[1] ?? '';
      const step = await harness.handledStep(stepId);
      expect(step.exitCode, step.stderr.slice(-3000)).toBe(0);
      expect(states.at(-1)?.status).toBe('succeeded');
      return { result: await run.result(), step };
    };

    it(
      'runs lab 4 over the store the batch lab wrote in S3 (Parquet through S3A)',
      async () => {
        const { result } = await runLab('04-serve');
        expect(result.summary.lab_id).toBe('04-serve');
        expect(result.summary.locations.store).toBe(
          `s3://${BUCKET}/attendees/${ATTENDEE_KEY}/work/store`,
        );
        // The batch run above stored the sample's 1,790 valid events; serving reads them back.
        expect(result.summary.counts.classified).toBe(1790);
        expect(result.events.length).toBeGreaterThan(0);
      },
      STEP_TEST_TIMEOUT_MS,
    );

    it(
      'runs lab 1, whose simulator writes raw events to S3',
      async () => {
        const { result } = await runLab('01-devices');
        expect(result.summary.lab_id).toBe('01-devices');
        expect(result.summary.counts.input).toBe(2000);
        expect(result.summary.locations.raw).toBe(
          `s3://${BUCKET}/attendees/${ATTENDEE_KEY}/work/raw`,
        );
        const { Contents = [] } = await new S3Client(admin()).send(
          new ListObjectsV2Command({
            Bucket: BUCKET,
            Prefix: `attendees/${ATTENDEE_KEY}/work/raw/`,
          }),
        );
        // Spark's text writer: part files of JSON lines, and its _SUCCESS marker.
        const keys = Contents.map((object) => object.Key ?? '');
        expect(keys.some((key) => key.includes('/raw/part-'))).toBe(true);
        expect(keys).toContain(`attendees/${ATTENDEE_KEY}/work/raw/_SUCCESS`);
      },
      STEP_TEST_TIMEOUT_MS,
    );

    // moto never fails a step: EMR's answer for a failed one is given here, at that boundary; the
    // step's log is a real object in moto's S3, where EMR would have written it.
    it('shows a failed step’s details and the tail of its stderr log', async () => {
      const run = await runner.start('02-batch', {
        'classify_batch.py': readFileSync('labs/02-batch/classify_batch.py', 'utf8'),
      });
      const logDir = `attendees/${ATTENDEE_KEY}/logs/j-FAKE/steps/s-FAKE/`;
      const stderr = Array.from({ length: 60 }, (_, i) => `line ${i + 1}`).join('\n');
      await new S3Client(admin()).send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: `${logDir}stderr.gz`,
          Body: gzipSync(stderr),
        }),
      );
      const send = runner.emr.send.bind(runner.emr);
      runner.emr.send = ((command: unknown) => {
        if (command instanceof DescribeStepCommand) {
          return Promise.resolve({
            Step: {
              Status: {
                State: 'FAILED',
                FailureDetails: {
                  Reason: 'Unknown error',
                  Message: 'Exception in thread "main" org.apache.spark.SparkException',
                  LogFile: `s3://${BUCKET}/${logDir}`,
                },
              },
            },
          });
        }
        return send(command as never);
      }) as typeof runner.emr.send;
      try {
        const { states, logs } = await follow(run);
        const last = states.at(-1);
        expect(last?.status).toBe('failed');
        expect(last?.failure?.error).toBe(
          'Unknown error: Exception in thread "main" org.apache.spark.SparkException',
        );
        // The last 40 lines: 21 to 60.
        expect(last?.failure?.traceback?.split('\n')).toEqual(
          Array.from({ length: 40 }, (_, i) => `line ${i + 21}`),
        );
        expect(logs.join('\n')).toContain('stderr (last 40 lines)');
      } finally {
        runner.emr.send = send;
      }
    });
  },
);
