#!/usr/bin/env node
/**
 * The size budget, checked on the production build: the scripts and stylesheets each page's
 * HTML loads up front (gzip), against the budget below. Prints a table; exits 1 when over.
 * Usage: node scripts/size-budget.mjs [buildDir]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export const BUDGET = { scriptsKB: 180, stylesKB: 25 };

const buildDir = process.argv[2] ?? 'build';

function* htmlFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* htmlFiles(path);
    else if (name.endsWith('.html')) yield path;
  }
}

const gzipCache = new Map();
function gzipKB(asset) {
  if (!gzipCache.has(asset)) {
    const bytes = readFileSync(join(buildDir, asset.replace(/^\//, '')));
    gzipCache.set(asset, gzipSync(bytes, { level: 9 }).length / 1024);
  }
  return gzipCache.get(asset);
}

// The build minifies HTML, so attribute values may be quoted or not.
const attr = (tag, name) => {
  const match = new RegExp(`\\b${name}=(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`).exec(tag);
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
};
const tagsOf = (html, name) =>
  [...html.matchAll(new RegExp(`<${name}\\b[^>]*>`, 'g'))].map((m) => m[0]);
const local = (urls) => urls.filter((url) => url?.startsWith('/'));

const rows = [];
for (const file of htmlFiles(buildDir)) {
  const html = readFileSync(file, 'utf8');
  const links = tagsOf(html, 'link');
  // Up front: script tags, scripts the page preloads, and stylesheets.
  const scripts = local([
    ...tagsOf(html, 'script').map((tag) => attr(tag, 'src')),
    ...links
      .filter(
        (tag) =>
          /^(preload|modulepreload)$/.test(attr(tag, 'rel') ?? '') && attr(tag, 'as') === 'script',
      )
      .map((tag) => attr(tag, 'href')),
  ]);
  const styles = local(
    links.filter((tag) => attr(tag, 'rel') === 'stylesheet').map((tag) => attr(tag, 'href')),
  );
  const sum = (assets) => assets.reduce((total, asset) => total + gzipKB(asset), 0);
  rows.push({ page: relative(buildDir, file), scriptsKB: sum(scripts), stylesKB: sum(styles) });
}

if (rows.length === 0) {
  console.error(`No HTML pages in ${buildDir}/: run the production build first (npm run build).`);
  process.exit(1);
}

const over = rows.filter((r) => r.scriptsKB > BUDGET.scriptsKB || r.stylesKB > BUDGET.stylesKB);
const worst = (key) => rows.reduce((a, b) => (b[key] > a[key] ? b : a));
const fmt = (kb) => `${kb.toFixed(1)} KB`;
console.log(`Pages checked: ${rows.length}`);
console.log(
  `Largest up-front scripts: ${fmt(worst('scriptsKB').scriptsKB)} gzip (${worst('scriptsKB').page}); budget ${BUDGET.scriptsKB} KB`,
);
console.log(
  `Largest up-front styles:  ${fmt(worst('stylesKB').stylesKB)} gzip (${worst('stylesKB').page}); budget ${BUDGET.stylesKB} KB`,
);
for (const row of over) {
  console.error(
    `✖ over budget: ${row.page}: scripts ${fmt(row.scriptsKB)}, styles ${fmt(row.stylesKB)}`,
  );
}
process.exit(over.length > 0 ? 1 : 0);
