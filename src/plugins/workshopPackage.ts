import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import type { Plugin } from '@docusaurus/types';

import { workshopPackage } from '../lib/labs/workshopPackage';
import { WORKSHOP_PACKAGE_PATH } from '../lib/labs/workshopPackagePath';

/**
 * Writes `workshop.zip` (the labs' shared package) into the built site, from `labs/` at build
 * time: a run on Amazon EMR from a lab page uploads it beside the lab's edited files.
 */
export default function workshopPackagePlugin(context: { siteDir: string }): Plugin {
  return {
    name: 'workshop-package',
    async postBuild({ outDir }) {
      const target = join(outDir, WORKSHOP_PACKAGE_PATH);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, workshopPackage(join(context.siteDir, 'labs')));
    },
  };
}
