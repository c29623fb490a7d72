#!/usr/bin/env node
/**
 * Renders every diagram in src/diagrams/*.mmd to SVG ahead of time, so no page ships a diagram
 * renderer: Mermaid runs here, once, in Debian's Chromium (no browser download, no network: the
 * page is about:blank and Mermaid's bundle is read from node_modules).
 *
 * For each <name>.mmd it writes, next to it:
 *   <name>.light.svg, <name>.dark.svg  the diagram in the site's light and dark Mermaid themes
 *   manifest.json                      name → hash of what the SVGs were rendered from
 *   <name>.ts                          its SVGs as strings
 *   index.ts                           every diagram by name: the server's render (and the tests)
 *   loaders.ts                         each diagram's name, title, width and a loader for its
 *                                      module: what the browser's bundle holds (see Diagram)
 * Same input, same output, byte for byte. src/lib/diagrams.test.ts recomputes the hashes
 * (without a browser) and fails when a .mmd changed since its SVGs were rendered.
 *
 * Usage: node scripts/render-diagrams.mjs   (or: npm run diagrams)
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIAGRAMS_DIR = join(root, 'src', 'diagrams');

/** Bump when the rendering below changes in a way the options do not show. */
export const RENDER_SCRIPT_VERSION = 1;

/**
 * The Mermaid configuration common to both variants. Labels are SVG text, not HTML in a
 * foreignObject: the SVG then draws the same wherever it is inlined, whatever the page's CSS.
 * Text is measured with the fonts of the machine that renders; Verdana and DejaVu Sans have
 * near-identical widths, so labels fit their boxes on Windows, macOS and Linux alike.
 */
export const RENDER_OPTIONS = {
  startOnLoad: false,
  securityLevel: 'strict',
  deterministicIds: true,
  htmlLabels: false,
  fontFamily: 'Verdana, "DejaVu Sans", "Bitstream Vera Sans", sans-serif',
  flowchart: { htmlLabels: false, useMaxWidth: true },
};

/** The light variant uses the theme the site used with @docusaurus/theme-mermaid. */
export const VARIANTS = { light: 'neutral', dark: 'dark' };

const require = createRequire(import.meta.url);

export function mermaidVersion() {
  return JSON.parse(readFileSync(require.resolve('mermaid/package.json'), 'utf8')).version;
}

/** Line endings do not count: a checkout with CRLF hashes like one with LF. */
const normalise = (text) => text.replace(/\r\n?/g, '\n');

/** What a diagram's SVGs depend on: its source, Mermaid's version, the options, this script. */
export function diagramHash(source, version = mermaidVersion()) {
  const input = JSON.stringify({
    source: normalise(source),
    mermaid: version,
    options: RENDER_OPTIONS,
    variants: VARIANTS,
    script: RENDER_SCRIPT_VERSION,
  });
  return createHash('sha256').update(input).digest('hex');
}

export function diagramNames(dir = DIAGRAMS_DIR) {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.mmd'))
    .map((file) => basename(file, '.mmd'))
    .sort();
}

/** The element id of a variant's <svg>; Mermaid derives every id inside it from this one. */
export const svgId = (name, variant) => `diagram-${name}-${variant}`;

const entities = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

/** The text of an SVG's <title>: the diagram's accessible name, from its accTitle: line. */
export function svgTitle(svg) {
  const match = /<title\b[^>]*>([^<]*)<\/title>/.exec(svg);
  return match ? match[1].replace(/&(amp|lt|gt|quot|#39);/g, (_, name) => entities[name]) : '';
}

async function renderAll() {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const bundle = join(dirname(require.resolve('mermaid/package.json')), 'dist', 'mermaid.min.js');
  const version = mermaidVersion();
  const names = diagramNames();
  const manifest = {};
  const modules = [];
  try {
    for (const name of names) {
      const source = normalise(readFileSync(join(DIAGRAMS_DIR, `${name}.mmd`), 'utf8'));
      const svgs = {};
      for (const [variant, theme] of Object.entries(VARIANTS)) {
        // A fresh page per render: no state (id counters, config) carries over between them.
        const page = await browser.newPage();
        try {
          await page.goto('about:blank');
          await page.addScriptTag({ path: bundle });
          const svg = await page.evaluate(
            async ({ id, text, options }) => {
              const { mermaid } = globalThis;
              mermaid.initialize(options);
              const { svg } = await mermaid.render(id, text);
              // data-points: each edge's points, base64, read only by Mermaid's own scripts.
              return svg.replace(/ data-points="[^"]*"/g, '');
            },
            { id: svgId(name, variant), text: source, options: { ...RENDER_OPTIONS, theme } },
          );
          if (!/<title\b/.test(svg)) throw new Error(`${name}.mmd has no accTitle: line`);
          if (/<foreignObject\b/i.test(svg)) throw new Error(`${name}.mmd rendered HTML labels`);
          // Both variants sit in one page: every id must be its variant's own.
          const foreign = [...svg.matchAll(/\sid="([^"]*)"/g)]
            .map((match) => match[1])
            .filter((id) => !id.includes(svgId(name, variant)));
          if (foreign.length > 0) throw new Error(`${name}: ids not scoped: ${foreign.join(' ')}`);
          svgs[variant] = svg;
          writeFileSync(join(DIAGRAMS_DIR, `${name}.${variant}.svg`), `${svg}\n`);
        } finally {
          await page.close();
        }
      }
      manifest[name] = diagramHash(source, version);
      const width = Math.ceil(Number(/viewBox="[-\d.]+ [-\d.]+ ([\d.]+)/.exec(svgs.light)?.[1]));
      modules.push({ name, title: svgTitle(svgs.light), width, svgs });
      console.log(`rendered src/diagrams/${name}.{light,dark}.svg`);
    }
  } finally {
    await browser.close();
  }

  // The generated files pass `prettier --check` as they are written.
  const { format, resolveConfig } = await import('prettier');
  const write = async (file, text) => {
    const path = join(DIAGRAMS_DIR, file);
    writeFileSync(path, await format(text, { ...(await resolveConfig(path)), filepath: path }));
  };
  await write(
    'manifest.json',
    JSON.stringify({ mermaid: version, script: RENDER_SCRIPT_VERSION, diagrams: manifest }),
  );
  const header = [
    '// Generated by scripts/render-diagrams.mjs from src/diagrams/*.mmd: do not edit by hand.',
    '// Run `npm run diagrams` after changing a diagram.',
    '',
  ];
  // One module per diagram: a page imports only its own (`<Diagram diagram={…} />`).
  for (const { name, title, width, svgs } of modules) {
    await write(
      `${name}.ts`,
      [
        ...header,
        "import type { Diagram } from './types';",
        '',
        `/** ${title}: its accessible name, natural width (CSS px) and SVG in each theme. */`,
        `const diagram: Diagram = { name: ${JSON.stringify(name)}, title: ${JSON.stringify(title)}, width: ${width}, light: ${JSON.stringify(svgs.light)}, dark: ${JSON.stringify(svgs.dark)} };`,
        '',
        'export default diagram;',
        '',
      ].join('\n'),
    );
  }
  const ident = (name) => name.replace(/-(\w)/g, (_, c) => c.toUpperCase());
  await write(
    'index.ts',
    [
      ...header,
      ...modules.map(({ name }) => `import ${ident(name)} from './${name}';`),
      '',
      '/**',
      " * Every diagram by name, with its SVGs: for the server's render and the tests. The browser's",
      ' * bundle does not hold this module (src/plugins/diagrams.ts): see loaders.ts.',
      ' */',
      `export const diagrams = { ${modules.map(({ name }) => `${JSON.stringify(name)}: ${ident(name)}`).join(', ')} };`,
      '',
    ].join('\n'),
  );
  await write(
    'loaders.ts',
    [
      ...header,
      "import type { Diagram } from './types';",
      '',
      '/** Each diagram without its SVGs, and how to fetch them (a chunk per diagram). */',
      'export const diagramLoaders = {',
      ...modules.map(
        ({ name, title, width }) =>
          `  ${JSON.stringify(name)}: { title: ${JSON.stringify(title)}, width: ${width}, load: () => import('./${name}') },`,
      ),
      '} satisfies Record<string, { title: string; width: number; load: () => Promise<{ default: Diagram }> }>;',
      '',
      'export type DiagramName = keyof typeof diagramLoaders;',
      '',
    ].join('\n'),
  );
  console.log(
    `wrote src/diagrams/manifest.json, <name>.ts, index.ts and loaders.ts (mermaid ${version})`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await renderAll();
}
