import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import {
  emrAddStepsCommand,
  emrStepArguments,
  localCommand,
  shellWord,
  sparkSubmitCommand,
} from './commands';
import type { LabManifest } from './manifest';

const manifest = (id: string) =>
  JSON.parse(readFileSync(`labs/${id}/lab.json`, 'utf8')) as LabManifest;

/** The words a POSIX shell makes of a command line (without running it). */
function words(command: string): string[] {
  const result = spawnSync('sh', ['-c', `for w in ${command}; do printf '%s\\0' "$w"; done`], {
    encoding: 'utf8',
  });
  return result.stdout.split('\0').slice(0, -1);
}

describe('lab commands', () => {
  const batch = manifest('02-batch');

  it('runs the entry script with the manifest’s workshop arguments, working under work/', () => {
    expect(localCommand(batch)).toBe(
      '.venv/bin/python labs/02-batch/classify_batch.py --input work/raw --output work/runs/02-batch --store work/store',
    );
  });

  it('gives spark-submit the shared package and quotes what the shell would expand', () => {
    const command = sparkSubmitCommand(batch);
    expect(words(command)).toEqual([
      'spark-submit',
      '--master',
      'local[2]',
      '--py-files',
      'labs/dist/workshop.zip',
      'labs/02-batch/classify_batch.py',
      '--input',
      'work/raw',
      '--output',
      'work/runs/02-batch',
      '--store',
      'work/store',
    ]);
  });

  it('builds an EMR step on the workshop’s Python whose arguments point at S3 only', () => {
    const args = emrStepArguments(manifest('03-streaming'), {
      code: 's3://b/code',
      work: 's3://b/attendees/x',
    });
    expect(args.slice(0, 8)).toEqual([
      'spark-submit',
      '--deploy-mode',
      'cluster',
      '--conf',
      'spark.pyspark.python=/usr/bin/python3.11',
      '--py-files',
      's3://b/code/workshop.zip',
      's3://b/code/classify_stream.py',
    ]);
    const paths = args.slice(8).filter((arg) => arg.includes('/'));
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.every((path) => path.startsWith('s3://b/attendees/x/'))).toBe(true);
  });

  it('prints an add-steps command whose --steps is one shell word of valid JSON', () => {
    const parts = words(emrAddStepsCommand(batch));
    expect(parts.slice(0, 5)).toEqual(['aws', 'emr', 'add-steps', '--cluster-id', 'j-CLUSTERID']);
    const steps = JSON.parse(parts[6] ?? '') as { Jar: string; Args: string[] }[];
    expect(steps).toHaveLength(1);
    expect(steps[0]?.Jar).toBe('command-runner.jar');
    expect(steps[0]?.Args).toContain('s3://BUCKET/code/classify_batch.py');
    // The copied command runs the labs on the same Python as the page's steps.
    expect(steps[0]?.Args).toContain('spark.pyspark.python=/usr/bin/python3.11');
  });

  it('quotes single quotes and spaces safely', () => {
    expect(words(shellWord("it's a path"))).toEqual(["it's a path"]);
    expect(shellWord('plain/path-1.py')).toBe('plain/path-1.py');
  });
});
