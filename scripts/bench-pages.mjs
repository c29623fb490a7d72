#!/usr/bin/env node
/**
 * Benchmark: the main thread of every page of the production build in a real Chromium on a
 * desktop viewport, no throttling: the longest task and the time blocked (the part of each
 * task over 50 ms) in the first 5 s after navigation, and when React had hydrated the page.
 * The target is no task over 200 ms. Prints numbers; asserts nothing (times are not tested).
 *
 *   node scripts/bench-pages.mjs [buildDir] [runs per page, default 3]
 */
/* global window -- functions passed to page.evaluate run in the page */
import { cpus } from 'node:os';
import { resolve } from 'node:path';

import { launchChromium, openHydrated, pagePaths, serveBuild } from './sitePages.mjs';

const buildDir = resolve(process.argv[2] ?? 'build');
const runs = Number(process.argv[3] ?? 3);
const WINDOW_MS = 5_000;
const TARGET_MS = 200;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const site = await serveBuild(buildDir);
const browser = await launchChromium();
const rows = [];
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  for (const path of pagePaths(buildDir)) {
    const measured = [];
    for (let i = 0; i < runs; i += 1) {
      const page = await openHydrated(context, site.origin, path);
      await page.waitForTimeout(
        Math.max(0, WINDOW_MS - (await page.evaluate(() => performance.now()))),
      );
      measured.push(
        await page.evaluate((windowMs) => {
          const tasks = window.__probe.tasks.filter((task) => task.start < windowMs);
          return {
            longest: Math.max(0, ...tasks.map((task) => task.duration)),
            blocked: tasks.reduce((sum, task) => sum + Math.max(0, task.duration - 50), 0),
            hydrated: window.__probe.hydratedAt,
          };
        }, WINDOW_MS),
      );
      await page.close();
    }
    rows.push({
      path,
      longest: median(measured.map((m) => m.longest)),
      blocked: median(measured.map((m) => m.blocked)),
      hydrated: median(measured.map((m) => m.hydrated)),
    });
  }
} finally {
  await browser.close();
  site.close();
}

console.log(
  `Main thread in the first ${WINDOW_MS / 1000} s, desktop Chromium, median of ${runs} loads; ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${new Date().toISOString().slice(0, 10)}`,
);
console.log(
  `${'page'.padEnd(48)} ${'longest task'.padStart(13)} ${'blocked'.padStart(9)} ${'hydrated'.padStart(9)}`,
);
for (const row of rows) {
  const mark = row.longest > TARGET_MS ? '✖' : ' ';
  console.log(
    `${mark} ${row.path.padEnd(46)} ${`${Math.round(row.longest)} ms`.padStart(13)} ${`${Math.round(row.blocked)} ms`.padStart(9)} ${`${Math.round(row.hydrated)} ms`.padStart(9)}`,
  );
}
const worst = rows.reduce((a, b) => (b.longest > a.longest ? b : a));
console.log(
  `Longest task: ${Math.round(worst.longest)} ms (${worst.path}); target ≤ ${TARGET_MS} ms`,
);
