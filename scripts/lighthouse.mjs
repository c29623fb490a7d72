#!/usr/bin/env node
/**
 * Benchmark: Lighthouse 12 (mobile preset: a mid-range phone, throttled network and CPU) on
 * the production build as `npm start` serves it (the local runner), for the pages issue 11
 * measured. Prints performance and accessibility scores, total blocking time and LCP; asserts
 * nothing. Needs a build (`npm run build`) and Debian's Chromium; fetches lighthouse@12.2.3
 * from the npm registry the first time (newer releases want Node 22).
 *
 *   npm run lighthouse [-- --site <buildDir>] [-- --desktop] [-- --keep <dir>] [-- <page> ...]
 *
 * --keep writes each page's full Lighthouse report (JSON) into <dir>, to see where the time went.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const LIGHTHOUSE = 'lighthouse@12.2.3';
const PAGES = [
  '/',
  '/step-1-understand-the-problem',
  '/step-3-architecture',
  '/step-2-process/e-lego-pieces',
  '/labs/batch',
  '/labs/streaming',
];

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
};
const siteDir = resolve(option('--site') ?? join(root, 'build'));
const keep = option('--keep');
const desktop = args.includes('--desktop') && args.splice(args.indexOf('--desktop'), 1);
const pages = args.length > 0 ? args : PAGES;

const port = 3600 + Math.floor(Math.random() * 300);
const work = mkdtempSync(join(tmpdir(), 'lighthouse-'));
const runner = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'runner/src/main.ts'], {
  cwd: root,
  env: {
    ...process.env,
    PORT: String(port),
    RUNNER_SITE_DIR: siteDir,
    RUNNER_WORK_DIR: join(work, 'runner'),
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise((done, fail) => {
  runner.stdout.on('data', (chunk) => String(chunk).includes('http://') && done(undefined));
  runner.on('exit', (code) => fail(new Error(`the runner exited (${code})`)));
});

const rows = [];
try {
  for (const page of pages) {
    const report = join(work, 'report.json');
    const run = spawnSync(
      'npm',
      [
        'exec',
        '--yes',
        `--package=${LIGHTHOUSE}`,
        '--',
        'lighthouse',
        `http://localhost:${port}${page}`,
        '--quiet',
        '--output=json',
        `--output-path=${report}`,
        '--only-categories=performance,accessibility',
        `--chrome-flags=--headless=new --no-sandbox --disable-gpu`,
        ...(desktop ? ['--preset=desktop'] : []),
      ],
      {
        cwd: root,
        env: { ...process.env, CHROME_PATH: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    if (run.status !== 0) throw new Error(`Lighthouse failed on ${page} (exit ${run.status}).`);
    if (keep) {
      mkdirSync(keep, { recursive: true });
      copyFileSync(report, join(keep, `${page.replace(/^\/$/, 'home').replace(/\W+/g, '_')}.json`));
    }
    const result = JSON.parse(readFileSync(report, 'utf8'));
    const audit = (id) => result.audits[id]?.numericValue ?? NaN;
    rows.push({
      page,
      performance: Math.round(result.categories.performance.score * 100),
      accessibility: Math.round(result.categories.accessibility.score * 100),
      tbt: audit('total-blocking-time'),
      lcp: audit('largest-contentful-paint'),
      bytes: audit('total-byte-weight'),
    });
  }
} finally {
  runner.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}

console.log(
  `Lighthouse 12.2.3, ${desktop ? 'desktop' : 'mobile'} preset, as npm start serves ${siteDir}; ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${new Date().toISOString().slice(0, 10)}`,
);
console.log(
  `${'page'.padEnd(34)} ${'perf'.padStart(5)} ${'a11y'.padStart(5)} ${'TBT'.padStart(8)} ${'LCP'.padStart(8)} ${'transfer'.padStart(10)}`,
);
for (const row of rows) {
  console.log(
    `${row.page.padEnd(34)} ${String(row.performance).padStart(5)} ${String(row.accessibility).padStart(5)} ${`${Math.round(row.tbt)} ms`.padStart(8)} ${`${(row.lcp / 1000).toFixed(1)} s`.padStart(8)} ${`${Math.round(row.bytes / 1024)} KB`.padStart(10)}`,
  );
}
