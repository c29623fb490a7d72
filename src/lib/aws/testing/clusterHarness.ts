/**
 * Plays the EMR cluster for tests against moto, which accepts steps but never runs them. Each
 * `command-runner.jar` spark-submit step added to a cluster runs as EMR would run it:
 *
 * - with the step's own arguments, untouched but for one: `--deploy-mode cluster` becomes
 *   `client`, because there is no YARN here (Spark refuses cluster mode on a local master);
 * - on the interpreter the step names (`spark.pyspark.python`), which must exist here as on the
 *   cluster (Amazon Linux 2023's `/usr/bin/python3.11`): a system Python with no pyspark
 *   installed, so the lab gets pyspark only from Spark itself, as on EMR;
 * - in an empty working folder of its own, so only what `--py-files` and S3 hold is there;
 * - with `s3://` served by Hadoop's real S3 connector (S3A, for the Hadoop inside pyspark)
 *   against moto's S3: listing, renames, Parquet, checkpoints and streaming sources meet an
 *   object store, not a local folder.
 *
 * The step's stdout and stderr go to `<LogUri><cluster id>/steps/<step id>/` as gzip, as EMR
 * writes them. The page finds the run's `_summary.json` in S3 as it would on EMR.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import {
  DescribeClusterCommand,
  EMRClient,
  ListClustersCommand,
  ListStepsCommand,
} from '@aws-sdk/client-emr';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

import { stepLogFolder } from '../consoleLinks';
import { TEST_CREDENTIALS, TEST_REGION } from './motoServer';

export type HarnessOptions = {
  endpoint: string;
  /** The project's root: its .venv has Spark (spark-submit), .cache/s3a the S3 connector. */
  root: string;
  pollMs?: number;
  /** The local master standing in for the cluster's YARN. */
  master?: string;
};

export type HandledStep = {
  clusterId: string;
  stepId: string;
  args: string[];
  /** The interpreter the step ran the lab on. */
  python: string;
  exitCode: number | null;
  stderr: string;
};

/** Amazon Linux 2023's `python3`, which PySpark uses when a step names no interpreter. */
const CLUSTER_DEFAULT_PYTHON = 'python3';

const STDERR_KEPT = 40_000;

/** The jars of the tests' S3 connector, as `scripts/s3aConnector.mjs` downloads them. */
export const s3aJars = (root: string): string[] => [
  join(root, '.cache', 's3a', 'hadoop-aws-3.3.4.jar'),
  join(root, '.cache', 's3a', 'aws-java-sdk-bundle-1.12.262.jar'),
];

/** The interpreter a step's spark-submit options name, as Spark's launcher picks it. */
export function stepPython(options: readonly string[]): string {
  const confs = new Map<string, string>();
  options.forEach((option, index) => {
    const value = options[index + 1];
    if (option === '--conf' && value?.includes('=')) {
      confs.set(value.slice(0, value.indexOf('=')), value.slice(value.indexOf('=') + 1));
    }
  });
  return (
    confs.get('spark.pyspark.driver.python') ??
    confs.get('spark.pyspark.python') ??
    CLUSTER_DEFAULT_PYTHON
  );
}

/** Splits `spark-submit [options] script [args]` where the options end (all take a value). */
function splitSubmit(args: readonly string[]): { options: string[]; app: string[] } {
  let index = 0;
  while (args[index]?.startsWith('--')) index += 2;
  return { options: args.slice(0, index), app: args.slice(index) };
}

/** The Hadoop settings that make `s3://` (as EMRFS does on EMR) moto's S3, through S3A. */
export function s3aConf(endpoint: string): string[] {
  const settings: Record<string, string> = {
    'fs.s3.impl': 'org.apache.hadoop.fs.s3a.S3AFileSystem',
    // No FileContext binding for s3: S3A's refuses any scheme but s3a, and Spark's checkpoint
    // manager then falls back to the FileSystem API (EMRFS on EMR serves both).
    'fs.s3a.endpoint': endpoint,
    'fs.s3a.endpoint.region': TEST_REGION,
    'fs.s3a.path.style.access': 'true',
    'fs.s3a.connection.ssl.enabled': 'false',
    'fs.s3a.aws.credentials.provider': 'org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider',
    'fs.s3a.access.key': TEST_CREDENTIALS.accessKeyId,
    'fs.s3a.secret.key': TEST_CREDENTIALS.secretAccessKey,
    // moto answers a browser's CORS preflight for an existing object with 403 unless the object
    // is public-read (it checks the unsigned OPTIONS like a GET; S3 does not). Only the
    // stand-in needs this: the page's own requests are signed as on AWS.
    'fs.s3a.acl.default': 'PublicRead',
  };
  return Object.entries(settings).flatMap(([key, value]) => [
    '--conf',
    `spark.hadoop.${key}=${value}`,
  ]);
}

export class ClusterHarness {
  readonly handled: HandledStep[] = [];
  private readonly seen = new Set<string>();
  private readonly s3: S3Client;
  private readonly emr: EMRClient;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly options: HarnessOptions) {
    const missing = s3aJars(options.root).filter((jar) => !existsSync(jar));
    if (missing.length > 0) {
      throw new Error(
        `The EMR stand-in needs the S3 connector (${missing.join(', ')}): run npm test's setup (node scripts/setup.mjs --for=test).`,
      );
    }
    const config = {
      region: TEST_REGION,
      endpoint: options.endpoint,
      credentials: TEST_CREDENTIALS,
      forcePathStyle: true,
    };
    this.s3 = new S3Client(config);
    this.emr = new EMRClient(config);
  }

  start(): this {
    const loop = () => {
      if (this.stopped) return;
      this.running = this.pollOnce()
        .catch((error: unknown) => {
          console.error('cluster harness:', error);
        })
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(loop, this.options.pollMs ?? 500);
        });
    };
    loop();
    return this;
  }

  /**
   * The step once its process has ended and its logs are written. A page may see the run's
   * `_summary.json` (and call it done) while Spark is still shutting down, as on EMR.
   */
  async handledStep(stepId: string): Promise<HandledStep> {
    for (;;) {
      const step = this.handled.find((handled) => handled.stepId === stepId);
      if (step) return step;
      if (this.stopped) throw new Error(`The harness stopped before step ${stepId} ended.`);
      await new Promise((done) => setTimeout(done, 100));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Runs every step not seen yet, one at a time, as a one-step-at-a-time cluster would. */
  async pollOnce(): Promise<void> {
    const { Clusters = [] } = await this.emr.send(new ListClustersCommand({}));
    for (const cluster of Clusters) {
      if (!cluster.Id || cluster.Status?.State?.startsWith('TERMINAT')) continue;
      const { Steps = [] } = await this.emr.send(new ListStepsCommand({ ClusterId: cluster.Id }));
      // ListSteps answers newest first; a cluster runs them in the order they were added.
      for (const step of [...Steps].reverse()) {
        if (!step.Id || this.seen.has(step.Id)) continue;
        this.seen.add(step.Id);
        this.handled.push(await this.runStep(cluster.Id, step.Id, step.Config?.Args ?? []));
      }
    }
  }

  private async runStep(clusterId: string, stepId: string, args: string[]): Promise<HandledStep> {
    const [command, ...rest] = args;
    if (command !== 'spark-submit') {
      return {
        clusterId,
        stepId,
        args,
        python: '',
        exitCode: null,
        stderr: 'not a spark-submit step',
      };
    }
    const { options, app } = splitSubmit(rest);
    const python = stepPython(options);
    const clientMode = options.map((option, index) =>
      option === 'cluster' && options[index - 1] === '--deploy-mode' ? 'client' : option,
    );
    const { root } = this.options;
    const sparkHome = join(root, '.venv', 'lib', 'python3.11', 'site-packages', 'pyspark');
    const submit = [
      '--master',
      this.options.master ?? 'local[2]',
      '--driver-class-path',
      s3aJars(root).join(':'),
      '--conf',
      'spark.ui.enabled=false',
      ...s3aConf(this.options.endpoint),
      ...clientMode,
      ...app,
    ];
    const { exitCode, stdout, stderr } = await new Promise<{
      exitCode: number | null;
      stdout: string;
      stderr: string;
    }>((resolve) => {
      const child = spawn(join(sparkHome, 'bin', 'spark-submit'), submit, {
        // A working folder of its own: nothing of the repository is importable from here.
        cwd: mkdtempSync(join(tmpdir(), `emr-step-${stepId}-`)),
        env: clusterEnv(sparkHome),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out = (out + chunk.toString()).slice(-STDERR_KEPT);
      });
      child.stderr.on('data', (chunk: Buffer) => {
        err = (err + chunk.toString()).slice(-STDERR_KEPT);
      });
      child.on('error', (error) => resolve({ exitCode: null, stdout: out, stderr: String(error) }));
      child.on('exit', (code) => resolve({ exitCode: code, stdout: out, stderr: err }));
    });
    await this.writeStepLogs(clusterId, stepId, { stdout, stderr });
    // moto cannot mark a step failed, so a waiting page would only time out: say why here.
    if (exitCode !== 0) {
      console.error(`cluster harness: step ${stepId} exited ${exitCode}:\n${stderr.slice(-6000)}`);
    }
    return { clusterId, stepId, args, python, exitCode, stderr };
  }

  /** EMR copies a step's output to `<LogUri><cluster id>/steps/<step id>/`, gzipped. */
  private async writeStepLogs(
    clusterId: string,
    stepId: string,
    logs: { stdout: string; stderr: string },
  ): Promise<void> {
    const { Cluster } = await this.emr.send(new DescribeClusterCommand({ ClusterId: clusterId }));
    // The same folder the page links to (consoleLinks.ts), so a link and the logs cannot part.
    const folder = stepLogFolder(Cluster?.LogUri ?? '', clusterId, stepId);
    if (!folder) return;
    for (const [name, text] of Object.entries(logs)) {
      await this.s3.send(
        new PutObjectCommand({
          Bucket: folder.bucket,
          Key: `${folder.key}${name}.gz`,
          Body: gzipSync(text),
        }),
      );
    }
  }
}

/**
 * What a step's process gets on a cluster node: Spark, Java and a PATH, not the test runner's
 * Python environment (its venv, PYTHONPATH or PYSPARK_PYTHON).
 */
function clusterEnv(sparkHome: string): NodeJS.ProcessEnv {
  const {
    VIRTUAL_ENV: _venv,
    PYTHONPATH: _path,
    PYSPARK_PYTHON: _python,
    PYSPARK_DRIVER_PYTHON: _driver,
    SPARK_MASTER: _master,
    ...env
  } = process.env;
  const path = (env.PATH ?? '')
    .split(':')
    .filter((dir) => !dir.includes('.venv'))
    .join(':');
  return { ...env, PATH: path, SPARK_HOME: sparkHome };
}
