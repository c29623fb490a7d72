/**
 * The commands that run a lab outside the page — from a terminal with Python, with
 * `spark-submit`, and as an Amazon EMR step — built from the lab's manifest, so the commands
 * learners copy are the arguments the tests run.
 */
import { STEP_PYTHON_CONF } from '../aws/release';
import type { LabManifest } from './manifest';

/**
 * Where a run reads and writes: `{work}`, `{labs}` and (for the runner) `{run}`, the run's own
 * folder, in the manifest's arguments.
 */
export type Locations = { work: string; labs: string; run?: string };

/** Local runs, from the repository root: working files under `work/` (ignored by git). */
export const LOCAL: Locations = { work: 'work', labs: 'labs' };

/** Where the lab's code and the learner's working files are in S3 for an EMR step. */
export type EmrLocations = { code: string; work: string };

/** For copying: the attendee replaces the upper-case names. */
export const EMR_PLACEHOLDERS: EmrLocations = {
  code: 's3://BUCKET/code',
  work: 's3://BUCKET/work',
};

export function labArguments(args: readonly string[], where: Locations): string[] {
  return args.map((arg) => {
    const filled = arg.replaceAll('{work}', where.work).replaceAll('{labs}', where.labs);
    return where.run === undefined ? filled : filled.replaceAll('{run}', where.run);
  });
}

/** A word as a POSIX shell reads it: quoted only when it needs to be. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'"'"'`)}'`;
}

const shell = (words: readonly string[]) => words.map(shellWord).join(' ');

export function localCommand(lab: LabManifest): string {
  const script = `labs/${lab.id}/${lab.entry}`;
  return shell(['.venv/bin/python', script, ...labArguments(lab.default_args, LOCAL)]);
}

export function sparkSubmitCommand(lab: LabManifest): string {
  return shell([
    'spark-submit',
    '--master',
    'local[2]',
    '--py-files',
    'labs/dist/workshop.zip',
    `labs/${lab.id}/${lab.entry}`,
    ...labArguments(lab.default_args, LOCAL),
  ]);
}

/**
 * spark-submit in cluster mode with the shared `workshop` package beside the entry script, on
 * the workshop's Python (EMR 7's own `python3` is 3.9; see release.ts).
 */
const emrSparkSubmit = (lab: LabManifest, code: string): string[] => [
  'spark-submit',
  '--deploy-mode',
  'cluster',
  ...STEP_PYTHON_CONF,
  '--py-files',
  `${code}/workshop.zip`,
  `${code}/${lab.entry}`,
];

/**
 * The arguments of the EMR step (`command-runner.jar`) for the workshop's flow, as learners copy
 * it: the lab's `default_args` on their working location.
 */
export function emrStepArguments(lab: LabManifest, where: EmrLocations): string[] {
  return [
    ...emrSparkSubmit(lab, where.code),
    ...labArguments(lab.default_args, { work: where.work, labs: where.code }),
  ];
}

/**
 * The arguments of the EMR step a page's Run adds: the same run as on local Spark (`page_args`,
 * else `sample_args`), with `{labs}` the workshop bucket (which holds `sample-data/`), `{work}`
 * the attendee's working prefix and `{run}` this run's own prefix.
 */
export function emrRunArguments(
  lab: LabManifest,
  where: { code: string; labs: string; work: string; run: string },
): string[] {
  return [
    ...emrSparkSubmit(lab, where.code),
    ...labArguments(lab.page_args ?? lab.sample_args, where),
  ];
}

export function emrAddStepsCommand(lab: LabManifest, where = EMR_PLACEHOLDERS): string {
  const step = {
    Type: 'CUSTOM_JAR',
    Name: lab.id,
    ActionOnFailure: 'CONTINUE',
    Jar: 'command-runner.jar',
    Args: emrStepArguments(lab, where),
  };
  return shell(['aws', 'emr', 'add-steps', '--cluster-id', 'j-CLUSTERID', '--steps', JSON.stringify([step])]);
}

/** Builds labs/dist/workshop.zip, the shared package spark-submit ships with `--py-files`. */
export const PACKAGE_COMMAND = '(cd labs && ../.venv/bin/python -m workshop.package)';

/** The uploads an EMR step needs first: the entry script and the shared package. */
export function emrUploadCommands(lab: LabManifest, where = EMR_PLACEHOLDERS): string[] {
  return [
    PACKAGE_COMMAND,
    shell(['aws', 's3', 'cp', `labs/${lab.id}/${lab.entry}`, `${where.code}/`]),
    shell(['aws', 's3', 'cp', 'labs/dist/workshop.zip', `${where.code}/`]),
  ];
}
