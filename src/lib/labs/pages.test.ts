import { existsSync, readdirSync, readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import type { LabManifest } from './manifest';

const labIds = readdirSync('labs').filter((name) => existsSync(`labs/${name}/lab.json`));

describe('lab pages', () => {
  it('finds the labs', () => {
    expect(labIds).toEqual(['01-devices', '02-batch', '03-streaming', '04-serve']);
  });

  it.each(labIds)('%s has a page whose estimate is its manifest’s, showing its real files', (id) => {
    const lab = JSON.parse(readFileSync(`labs/${id}/lab.json`, 'utf8')) as LabManifest;
    const page = readFileSync(`docs/labs/${id}.mdx`, 'utf8');
    expect(page).toContain(`sidebar_custom_props: { minutes: ${lab.estimated_minutes} }`);
    expect(page).toContain(`import manifest from '@site/labs/${id}/lab.json';`);
    for (const file of lab.files) {
      expect(page).toMatch(new RegExp(`from '@site/labs/${id}/${file.replace('.', '\\.')}\\?raw'`));
      expect(page).toContain(`name: '${file}'`);
    }
  });
});
