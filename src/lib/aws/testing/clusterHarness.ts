/**
 * Plays the EMR cluster for tests against moto, which accepts steps but never runs them: it
 * takes each `command-runner.jar` spark-submit step added to any cluster, runs it on local Spark
 * against the same objects in moto's S3 (mirrored to a local folder, s3:// arguments rewritten
 * to it), and writes what the run created back to S3. The page then finds the run's
 * `_summary.json` as it would on EMR and shows real classified events.
 */
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';

import { EMRClient, ListClustersCommand, ListStepsCommand } from '@aws-sdk/client-emr';
import {
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';

import { TEST_CREDENTIALS, TEST_REGION } from './motoServer';

export type HarnessOptions = {
  endpoint: string;
  /** The project's Python with pyspark (.venv/bin/python). */
  python: string;
  /** A scratch folder for the S3 mirror. */
  workDir: string;
  pollMs?: number;
  env?: NodeJS.ProcessEnv;
};

export type HandledStep = {
  clusterId: string;
  stepId: string;
  exitCode: number | null;
  uploaded: number;
  stderr: string;
};

type Listing = Map<string, { mtimeMs: number; size: number }>;

function listFiles(root: string): Listing {
  const files: Listing = new Map();
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        const stat = statSync(path);
        files.set(path, { mtimeMs: stat.mtimeMs, size: stat.size });
      }
    }
  };
  walk(root);
  return files;
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
        const args = step.Config?.Args ?? [];
        this.handled.push(await this.runStep(cluster.Id, step.Id, args));
      }
    }
  }

  private mirrorPath(bucket: string, key: string): string {
    return join(this.options.workDir, 's3', bucket, key);
  }

  /** Copies every object under an s3:// location into the mirror; returns the local path. */
  private async download(uri: string): Promise<string> {
    const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
    if (!match) return uri;
    const [, bucket = '', key = ''] = match;
    let token: string | undefined;
    do {
      const page = await this.s3.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: key, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        if (!object.Key || object.Key.endsWith('/')) continue;
        const { Body } = await this.s3.send(
          new GetObjectCommand({ Bucket: bucket, Key: object.Key }),
        );
        const target = this.mirrorPath(bucket, object.Key);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, (await Body?.transformToByteArray()) ?? new Uint8Array());
      }
      token = page.NextContinuationToken;
    } while (token);
    return this.mirrorPath(bucket, key);
  }

  private async runStep(clusterId: string, stepId: string, args: string[]): Promise<HandledStep> {
    const [command, ...rest] = args;
    if (command !== 'spark-submit') {
      return { clusterId, stepId, exitCode: null, uploaded: 0, stderr: 'not a spark-submit step' };
    }
    // spark-submit [--deploy-mode cluster] [--py-files zip] script args…
    let pyFiles: string | undefined;
    let index = 0;
    while (rest[index]?.startsWith('--')) {
      if (rest[index] === '--py-files') pyFiles = rest[index + 1];
      index += 2;
    }
    const local = await Promise.all(
      rest.slice(index).map((arg) => (arg.startsWith('s3://') ? this.download(arg) : arg)),
    );
    // PYTHONPATH splits on ":", which identity ids contain: give the zip a path without one.
    let localZip: string | undefined;
    if (pyFiles) {
      localZip = join(this.options.workDir, 'py-files', `${stepId}.zip`);
      mkdirSync(dirname(localZip), { recursive: true });
      copyFileSync(await this.download(pyFiles), localZip);
    }
    const [script, ...labArgs] = local;
    const mirror = join(this.options.workDir, 's3');
    mkdirSync(mirror, { recursive: true });
    const before = listFiles(mirror);

    const { exitCode, stderr } = await new Promise<{ exitCode: number | null; stderr: string }>(
      (resolve) => {
        const child = spawn(this.options.python, [script ?? '', ...labArgs], {
          cwd: this.options.workDir,
          env: { ...process.env, ...this.options.env, PYTHONPATH: localZip ?? '' },
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let err = '';
        child.stderr.on('data', (chunk: Buffer) => {
          err = (err + chunk.toString()).slice(-20_000);
        });
        child.on('exit', (code) => resolve({ exitCode: code, stderr: err }));
      },
    );

    // Write back what the run created or changed, as Spark on EMR would have in S3.
    // The summary goes last, as the labs write it last: its appearance means the run is done.
    const changed = [...listFiles(mirror)]
      .filter(([path, stat]) => {
        const old = before.get(path);
        const same = old && old.mtimeMs === stat.mtimeMs && old.size === stat.size;
        return !same && !path.endsWith('.crc');
      })
      .map(([path]) => path)
      .sort((a, b) => Number(a.endsWith('_summary.json')) - Number(b.endsWith('_summary.json')));
    let uploaded = 0;
    for (const path of changed) {
      const [bucket = '', ...key] = relative(mirror, path).split('/');
      await this.s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key.join('/'),
          Body: readFileSync(path),
          // moto answers a browser's CORS preflight for an existing object with 403 unless the
          // object is public-read (it checks the unsigned OPTIONS like a GET; S3 does not). Only
          // the stand-in needs this: the page's own requests are signed as on AWS.
          ACL: 'public-read',
        }),
      );
      uploaded += 1;
    }
    return { clusterId, stepId, exitCode, uploaded, stderr };
  }
}
