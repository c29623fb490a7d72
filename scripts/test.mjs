#!/usr/bin/env node
/**
 * `npm test`: every check, in order, stopping at the first failure with its name.
 * Fast static checks first, then unit tests, the Spark labs, the production build and its
 * size budget, and finally the end-to-end tests in Chromium against that build.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { findJava17 } from './prerequisites.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const ruff = join(root, '.venv', 'bin', 'ruff');
const python = join(root, '.venv', 'bin', 'python');

const checks = [
  ['type-check', bin('tsc'), ['--noEmit']],
  ['lint (eslint)', bin('eslint'), ['.', '--max-warnings=0']],
  ['format (prettier)', bin('prettier'), ['--check', '.']],
  [
    'runner, scripts and AWS stand-in Python (ruff)',
    ruff,
    ['check', 'runner', 'scripts', 'src/lib/aws/testing'],
  ],
  [
    'runner, scripts and AWS stand-in Python format (ruff)',
    ruff,
    ['format', '--check', 'runner', 'scripts', 'src/lib/aws/testing'],
  ],
  ['unit tests (vitest)', bin('vitest'), ['run']],
  ['Spark labs (ruff, generated files, pytest, notebooks)', 'bash', ['labs/check.sh']],
  ['lab pages’ sample results match the lab code', python, ['scripts/lab_samples.py', '--check']],
  ['production build', bin('docusaurus'), ['build']],
  ['size budget', process.execPath, ['scripts/size-budget.mjs']],
  ['end-to-end tests (Playwright, Chromium)', bin('playwright'), ['test']],
];

const env = { ...process.env, JAVA_HOME: findJava17() ?? process.env.JAVA_HOME ?? '' };
let passed = 0;
for (const [name, command, args] of checks) {
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed after ${seconds} s. Checks: ${passed} passed, 1 failed`);
    process.exit(1);
  }
  passed += 1;
  console.log(`✔ ${name} (${seconds} s)`);
}
console.log(`\nchecks: ${passed} passed, 0 failed`);
