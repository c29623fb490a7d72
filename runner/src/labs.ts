/** The labs the runner can run, read from each lab folder's manifest (`labs/<id>/lab.json`). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { labArguments as fillPlaceholders } from '../../src/lib/labs/commands';

import { badRequest, notFound } from './errors';

export type LabManifest = {
  id: string;
  title: string;
  entry: string;
  files: string[];
  sample_args: string[];
  /** What the page's Run uses when it differs from the sample run (lab 3: a live stream). */
  page_args?: string[];
  /** The lab's folder, where its original files are. */
  dir: string;
};

export function loadLabs(labsDir: string): Map<string, LabManifest> {
  const labs = new Map<string, LabManifest>();
  for (const name of readdirSync(labsDir).sort()) {
    const manifestPath = join(labsDir, name, 'lab.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Omit<LabManifest, 'dir'>;
    labs.set(manifest.id, { ...manifest, dir: join(labsDir, name) });
  }
  return labs;
}

export function findLab(labs: Map<string, LabManifest>, id: unknown): LabManifest {
  if (typeof id !== 'string') throw badRequest('Say which lab to run: {"lab": "<lab id>"}.');
  const lab = labs.get(id);
  if (!lab) {
    throw notFound(`There is no lab "${id}". Labs: ${[...labs.keys()].join(', ')}.`);
  }
  return lab;
}

/**
 * The arguments of a run from the page (`page_args`, else the sample run's `sample_args`) with
 * real folders for the placeholders: `{work}` (shared by the runs, so lab 4 reads the store
 * labs 2 and 3 wrote), `{labs}` (the labs folder) and `{run}` (this run's own folder, e.g. for
 * a checkpoint that must start fresh each run). The same substitution as the commands the lab
 * pages show.
 */
export function labArguments(
  lab: LabManifest,
  folders: { work: string; labs: string; run: string },
): string[] {
  return fillPlaceholders(lab.page_args ?? lab.sample_args, folders);
}

/** Where the run writes its result contract: the value of its `--output` argument. */
export function outputFolder(args: readonly string[]): string | undefined {
  const index = args.indexOf('--output');
  return index >= 0 ? args[index + 1] : undefined;
}
