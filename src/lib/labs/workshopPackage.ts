/**
 * `workshop.zip`, the shared package every lab's `spark-submit --py-files` needs, built from the
 * same files as `python -m workshop.package` (labs/workshop/package.py): the package's modules
 * and every lab's manifest. The site serves it (see src/plugins/workshopPackage.ts), so a run on
 * Amazon EMR from the page uploads the package of the very site the learner reads.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { zipStored, type ZipEntry } from '../labEditor/zip';


/** A fixed time: the same sources give the same bytes. */
const ZIP_DATE = new Date(2025, 0, 1);

export function workshopPackageEntries(labsDir: string): ZipEntry[] {
  const packageDir = join(labsDir, 'workshop');
  const modules = readdirSync(packageDir)
    .filter((name) => name.endsWith('.py'))
    .sort()
    .map((name) => ({
      name: `workshop/${name}`,
      data: new Uint8Array(readFileSync(join(packageDir, name))),
    }));
  const manifests = readdirSync(labsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .flatMap((lab) => {
      try {
        const data = new Uint8Array(readFileSync(join(labsDir, lab, 'lab.json')));
        return [{ name: `workshop/manifests/${lab}.json`, data }];
      } catch {
        return []; // not a lab folder
      }
    });
  return [...modules, ...manifests];
}

export function workshopPackage(labsDir: string): Uint8Array {
  return zipStored(workshopPackageEntries(labsDir), ZIP_DATE);
}
