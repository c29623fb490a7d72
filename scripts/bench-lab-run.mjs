#!/usr/bin/env node
/**
 * Benchmark: click Run on the batch lab's page → first classified row of the run shown, on a
 * real local Spark through the runner, cold (the first run starts the JVM) and warm (the next
 * runs), beside the same lab run with `spark-submit` from a terminal. Prints numbers; asserts
 * nothing. Needs `npm run build` first (it serves build/), Chromium and the labs' .venv.
 *
 *   node scripts/bench-lab-run.mjs [warm runs, default 3]
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from '@playwright/test';

import { findJava17 } from './prerequisites.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const warmRuns = Number(process.argv[2] ?? 3);
const port = 3400 + Math.floor(Math.random() * 500);
const work = mkdtempSync(join(tmpdir(), 'bench-lab-run-'));
const env = { ...process.env, PORT: String(port), RUNNER_WORK_DIR: join(work, 'runner') };
env.JAVA_HOME = findJava17() ?? env.JAVA_HOME ?? '';

const runner = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'runner/src/main.ts'], {
  cwd: root,
  env,
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise((resolve, reject) => {
  runner.stdout.on('data', (chunk) => String(chunk).includes('http://') && resolve(undefined));
  runner.on('exit', (code) => reject(new Error(`the runner exited (${code})`)));
});

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const timings = [];
const labSeconds = []; // each run's own duration_s, from the _summary.json the page fetches
try {
  const page = await browser.newPage();
  page.on('response', (response) => {
    if (!/\/api\/runs\/[^/]+\/result\/_summary\.json$/.test(response.url())) return;
    response.json().then(
      (summary) => labSeconds.push(summary.duration_s),
      () => undefined,
    );
  });
  await page.goto(`http://localhost:${port}/labs/batch`);
  await page.waitForSelector('html[data-has-hydrated="true"]');
  const run = page.getByRole('region', { name: /^Run the lab on/ });
  const firstRow = page
    .getByRole('table', { name: 'Classified events', exact: true })
    .getByRole('rowgroup')
    .nth(1)
    .getByRole('row')
    .first();
  for (let i = 0; i <= warmRuns; i += 1) {
    await run.getByRole('button', { name: 'Run', exact: true }).click({ timeout: 60_000 });
    const started = performance.now();
    await page.getByText(/^Showing: Your run \(/).waitFor({ timeout: 300_000 });
    await firstRow.waitFor({ timeout: 60_000 });
    timings.push((performance.now() - started) / 1000);
    // Tell this run's result from the next one's: wait until the page counts it as shown.
    await page.getByText(/— a new run is in progress/).waitFor({ state: 'detached' });
    await page.reload();
    await page.waitForSelector('html[data-has-hydrated="true"]');
  }
} finally {
  await browser.close();
  runner.kill('SIGTERM');
}

// The same lab from a terminal: spark-submit starts a JVM every time, like a cold run.
const python = join(root, '.venv', 'bin', 'python');
spawnSync(python, ['-m', 'workshop.package'], { cwd: join(root, 'labs'), stdio: 'ignore' });
const terminal = [];
for (let i = 0; i < 2; i += 1) {
  const out = join(work, `submit-${i}`);
  const started = performance.now();
  const result = spawnSync(
    join(root, '.venv', 'bin', 'spark-submit'),
    [
      '--master',
      'local[2]',
      '--py-files',
      'labs/dist/workshop.zip',
      'labs/02-batch/classify_batch.py',
      '--input',
      'labs/sample-data/raw',
      '--output',
      join(out, 'run'),
      '--store',
      join(out, 'store'),
    ],
    {
      cwd: root,
      env: { ...env, PYSPARK_PYTHON: python, PATH: `${join(root, '.venv', 'bin')}:${env.PATH}` },
      stdio: 'ignore',
    },
  );
  if (result.status !== 0) throw new Error('spark-submit of the batch lab failed');
  terminal.push((performance.now() - started) / 1000);
}
rmSync(work, { recursive: true, force: true });

const [cold, ...warm] = timings;
const submit = median(terminal);
console.log(`Machine: ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`);
console.log(
  'Batch lab on its committed sample (labs/sample-data/raw): click Run → first classified row shown',
);
console.log(`  cold (first run starts Spark): ${cold.toFixed(1)} s   (target ≤ 20 s)`);
console.log(
  `  warm (median of ${warm.length}):          ${median(warm).toFixed(1)} s   (target ≤ 3 s)`,
);
const [coldLab, ...warmLab] = labSeconds;
if (coldLab !== undefined && warmLab.length > 0) {
  console.log(
    `  of which the lab itself (its duration_s): cold ${coldLab.toFixed(1)} s, ` +
      `warm ${median(warmLab).toFixed(1)} s; each warm run: ${warm.map((s) => s.toFixed(1)).join(', ')} s`,
  );
}
console.log(
  `  spark-submit from a terminal (median of ${terminal.length}): ${submit.toFixed(1)} s`,
);
console.log(
  `  ratio page/terminal: cold ${(cold / submit).toFixed(2)}, warm ${(median(warm) / submit).toFixed(2)}`,
);
