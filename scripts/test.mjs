#!/usr/bin/env node
/**
 * `npm test`: every check, in order, stopping at the first failure with its name.
 * Fast static checks first, then unit tests, the Spark labs, the production build and its
 * size budget, and finally the end-to-end tests in Chromium against that build.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { findJava17 } from './prerequisites.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

const checks = [
  ['type-check', bin('tsc'), ['--noEmit']],
  ['lint (eslint)', bin('eslint'), ['.', '--max-warnings=0']],
  ['format (prettier)', bin('prettier'), ['--check', '.']],
  ...(existsSync(join(root, '.venv', 'bin', 'ruff'))
    ? [
        ['runner Python (ruff)', join(root, '.venv', 'bin', 'ruff'), ['check', 'runner']],
        [
          'runner Python format (ruff)',
          join(root, '.venv', 'bin', 'ruff'),
          ['format', '--check', 'runner'],
        ],
      ]
    : []),
  ['unit tests (vitest)', bin('vitest'), ['run']],
  ...(existsSync(join(root, 'labs', 'check.sh'))
    ? [['Spark labs (ruff, notebooks, pytest)', 'bash', ['labs/check.sh']]]
    : []),
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
