import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { workshopPackage, workshopPackageEntries } from './workshopPackage';

const python = '.venv/bin/python';

describe('the workshop package the site serves', () => {
  it('holds the package’s modules and every lab’s manifest', () => {
    const names = workshopPackageEntries('labs').map((entry) => entry.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'workshop/__init__.py',
        'workshop/rules.py',
        'workshop/checks.py',
        'workshop/manifests/02-batch.json',
        'workshop/manifests/03-streaming.json',
      ]),
    );
    expect(names.filter((name) => name.startsWith('workshop/manifests/'))).toHaveLength(4);
  });

  it('gives the same bytes for the same sources', () => {
    expect(workshopPackage('labs')).toEqual(workshopPackage('labs'));
  });

  it.skipIf(!existsSync(python))('imports in Python from the zip alone, as --py-files does', () => {
    const zip = join(mkdtempSync(join(tmpdir(), 'workshop-zip-')), 'workshop.zip');
    writeFileSync(zip, workshopPackage('labs'));
    const probe = [
      'import sys',
      `sys.path.insert(0, ${JSON.stringify(zip)})`,
      'from workshop import checks, rules',
      'assert checks.__file__.startswith(sys.path[0]), checks.__file__',
      "print(checks.load_manifest('02-batch')['entry'], len(rules.RULES) > 0)",
    ].join('\n');
    // Run outside the repository, so `labs/` is not importable by accident.
    const result = spawnSync(join(process.cwd(), python), ['-c', probe], {
      cwd: tmpdir(),
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('classify_batch.py True');
  });
});
