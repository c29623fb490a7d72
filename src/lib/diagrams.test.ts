import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import {
  diagramHash,
  diagramNames,
  mermaidVersion,
  svgId,
  svgTitle,
} from '@site/scripts/render-diagrams.mjs';
import { diagrams } from '@site/src/diagrams';

/**
 * The diagrams are rendered ahead of time (issue 11): src/diagrams/<name>.mmd is the source,
 * <name>.light.svg and <name>.dark.svg are what the pages inline. These checks need no browser:
 * they recompute what the SVGs were rendered from and compare it with manifest.json.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = join(root, 'src', 'diagrams');
const rerender = 'run `node scripts/render-diagrams.mjs` (npm run diagrams)';

const names = diagramNames(dir);
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
  mermaid: string;
  diagrams: Record<string, string>;
};
const read = (file: string) => readFileSync(join(dir, file), 'utf8');

function* mdxFiles(folder: string): Generator<string> {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* mdxFiles(path);
    else if (/\.mdx?$/.test(entry.name)) yield path;
  }
}

describe('the pre-rendered diagrams', () => {
  it('exist', () => {
    expect(names.length).toBeGreaterThan(0);
  });

  it('are rendered with the installed Mermaid', () => {
    const installed = mermaidVersion();
    expect(manifest.mermaid, `Mermaid is now ${installed}: ${rerender}`).toBe(installed);
    const pinned = (
      JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
        devDependencies: Record<string, string>;
      }
    ).devDependencies.mermaid;
    expect(pinned, 'package.json pins mermaid at the installed version').toBe(installed);
  });

  it('list every diagram in the manifest, and nothing else', () => {
    expect(Object.keys(manifest.diagrams).sort(), rerender).toEqual(names);
    expect(
      Object.keys(diagrams).sort(),
      `src/diagrams/index.ts is out of date: ${rerender}`,
    ).toEqual(names);
  });

  for (const name of names) {
    describe(name, () => {
      it('is rendered from its current source', () => {
        const source = read(`${name}.mmd`);
        expect(
          diagramHash(source) === manifest.diagrams[name],
          `src/diagrams/${name}.mmd changed since its SVG was rendered: ${rerender}`,
        ).toBe(true);
      });

      for (const variant of ['light', 'dark'] as const) {
        it(`has a ${variant} SVG with an accessible name, inlined by the component`, () => {
          const file = `${name}.${variant}.svg`;
          expect(existsSync(join(dir, file)), `src/diagrams/${file} is missing: ${rerender}`).toBe(
            true,
          );
          const svg = read(file).trimEnd();
          expect(svg.startsWith(`<svg id="${svgId(name, variant)}"`)).toBe(true);
          expect(svgTitle(svg), `${name}.mmd needs an accTitle: line`).not.toBe('');
          expect(svg, `${name}.mmd needs an accDescr: line`).toMatch(/<desc\b[^>]*>[^<]+<\/desc>/);
          expect(svg, 'labels are SVG text, not HTML').not.toMatch(/<foreignObject\b/i);
          expect(svg, `src/diagrams/index.ts is out of date: ${rerender}`).toBe(
            diagrams[name as keyof typeof diagrams][variant],
          );
        });
      }
    });
  }

  it('are each used by a page that names one that exists', () => {
    const used = new Set<string>();
    const unknown: string[] = [];
    for (const file of mdxFiles(join(root, 'docs'))) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/<Diagram\s+name="([^"]*)"/g)) {
        const name = match[1] ?? '';
        used.add(name);
        if (!names.includes(name))
          unknown.push(`${relative(root, file)}: <Diagram name="${name}">`);
      }
      expect(
        text,
        `${relative(root, file)}: a mermaid code block now shows as code; move it to src/diagrams/<name>.mmd`,
      ).not.toMatch(/^```mermaid\b/m);
    }
    expect(unknown, 'no src/diagrams/<name>.mmd for these').toEqual([]);
    expect(
      names.filter((name) => !used.has(name)),
      'diagrams no page uses',
    ).toEqual([]);
  });
});
