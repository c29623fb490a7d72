#!/usr/bin/env node
/**
 * The size budget, measured in a real browser on the production build: every script and
 * stylesheet a page fetched before React hydrated it (its <script> tags, what they preload and
 * the chunks the runtime loads for the route), gzip, against the budget below. Lab pages load
 * their editor (Monaco) after hydration, so their budget is what comes before it. Prints a
 * table; exits 1 when a page is over.
 * Usage: node scripts/size-budget.mjs [buildDir]
 */
/* global window, document, location -- functions passed to page.evaluate run in the page */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

import { launchChromium, openHydrated, pagePaths, serveBuild } from './sitePages.mjs';

export const BUDGET = { scriptsKB: 180, labScriptsKB: 200, stylesKB: 25 };
const isLabPage = (path) => /^\/labs\/(?!overview$)[^/]+$/.test(path);

const buildDir = resolve(process.argv[2] ?? 'build');

const gzipCache = new Map();
function gzipKB(urlPath) {
  if (!gzipCache.has(urlPath)) {
    const bytes = readFileSync(resolve(buildDir, `.${decodeURIComponent(urlPath)}`));
    gzipCache.set(urlPath, gzipSync(bytes, { level: 9 }).length / 1024);
  }
  return gzipCache.get(urlPath);
}

const site = await serveBuild(buildDir);
const browser = await launchChromium();
const rows = [];
try {
  const context = await browser.newContext();
  for (const path of pagePaths(buildDir)) {
    const page = await openHydrated(context, site.origin, path);
    // Docusaurus also prefetches, at low priority, the chunks of the pages a page links to:
    // they are not needed to hydrate this page, so a file fetched only by a prefetch link
    // does not count.
    const fetched = await page.evaluate(() => {
      const prefetched = new Set(
        [...document.querySelectorAll('link[rel="prefetch"]')].map(
          (link) => new URL(link.href).pathname,
        ),
      );
      const paths = performance
        .getEntriesByType('resource')
        .filter((entry) => entry.startTime <= window.__probe.hydratedAt)
        .map((entry) => ({ url: new URL(entry.name), by: entry.initiatorType }))
        .filter(({ url }) => url.origin === location.origin)
        .filter(({ url, by }) => !(by === 'link' && prefetched.has(url.pathname)))
        .map(({ url }) => url.pathname);
      return [...new Set(paths)];
    });
    await page.close();
    const sum = (extension) =>
      fetched.filter((p) => p.endsWith(extension)).reduce((total, p) => total + gzipKB(p), 0);
    const scriptsKB = sum('.js');
    const budgetKB = isLabPage(path) ? BUDGET.labScriptsKB : BUDGET.scriptsKB;
    rows.push({ path, scriptsKB, budgetKB, stylesKB: sum('.css'), scripts: fetched.length });
  }
} finally {
  await browser.close();
  site.close();
}

const fmt = (kb) => `${kb.toFixed(1).padStart(6)} KB`;
console.log(`Scripts and styles fetched before hydration (gzip), ${rows.length} pages:`);
for (const row of rows) {
  const over = row.scriptsKB > row.budgetKB || row.stylesKB > BUDGET.stylesKB;
  console.log(
    `${over ? '✖' : ' '} ${row.path.padEnd(48)} scripts ${fmt(row.scriptsKB)} / ${row.budgetKB} KB   styles ${fmt(row.stylesKB)} / ${BUDGET.stylesKB} KB`,
  );
}
const over = rows.filter((r) => r.scriptsKB > r.budgetKB || r.stylesKB > BUDGET.stylesKB);
for (const row of over) {
  console.error(
    `✖ over budget: ${row.path}: scripts ${fmt(row.scriptsKB).trim()} (budget ${row.budgetKB} KB), styles ${fmt(row.stylesKB).trim()} (budget ${BUDGET.stylesKB} KB)`,
  );
}
process.exit(over.length > 0 ? 1 : 0);
