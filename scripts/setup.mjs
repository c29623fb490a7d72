#!/usr/bin/env node
/**
 * Installs what `npm start` and `npm test` need, idempotently: the npm packages (when
 * package-lock.json changed) and the labs' Python virtual environment (when
 * labs/requirements.txt changed). Fails with a message naming any missing prerequisite.
 *
 * Usage: node scripts/setup.mjs [--for=start|test]
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  findChromium,
  findJava17,
  findPython311,
  lastProbeFailure,
  REQUIRED_NODE_MAJOR,
} from './prerequisites.mjs';
import { ensureS3aJars } from './s3aConnector.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const purpose = process.argv.find((arg) => arg.startsWith('--for='))?.slice(6) ?? 'start';

function fail(message) {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) fail(`"${command} ${args.join(' ')}" failed (exit ${result.status}).`);
}

const hashOf = (file) =>
  createHash('sha256')
    .update(readFileSync(join(root, file)))
    .digest('hex');

/** Runs `install` only when `inputFile` changed since the stamp was written. */
function installOnce(label, inputFile, stampFile, install) {
  const hash = hashOf(inputFile);
  const stamp = join(root, stampFile);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return;
  console.log(`→ Installing ${label} (${inputFile} changed or first run)…`);
  install();
  writeFileSync(stamp, hash);
}

const nodeMajor = Number(process.versions.node.split('.')[0]);
if (nodeMajor < REQUIRED_NODE_MAJOR) {
  fail(`Node.js ${REQUIRED_NODE_MAJOR} or newer is required; this is ${process.version}.`);
}

installOnce('npm packages', 'package-lock.json', 'node_modules/.workshop-setup-stamp', () =>
  run('npm', ['ci', '--no-audit', '--no-fund']),
);

const labsRequirements = 'labs/requirements.txt';
if (existsSync(join(root, labsRequirements))) {
  const python = findPython311();
  const java = findJava17();
  const missing = [
    !python && 'Python 3.11 (python3.11 or python3 on PATH)',
    !java && 'Java 17 (set JAVA_HOME, or apt-get install openjdk-17-jre-headless)',
  ].filter(Boolean);
  if (missing.length > 0 && purpose === 'test') {
    const probe = lastProbeFailure();
    fail(
      `Missing prerequisite: ${missing.join(' and ')}. The Spark labs need them.${
        probe ? ` (Last check: ${probe})` : ''
      }`,
    );
  }
  if (missing.length > 0) {
    console.warn(`⚠ ${missing.join(' and ')} not found: the site runs, Spark labs will not.`);
  } else {
    const venvPython = join(root, '.venv', 'bin', 'python');
    installOnce(
      'the labs’ Python environment',
      labsRequirements,
      '.venv/.workshop-setup-stamp',
      () => {
        if (!existsSync(venvPython)) run(python, ['-m', 'venv', '.venv']);
        run(venvPython, [
          '-m',
          'pip',
          'install',
          '--quiet',
          '--disable-pip-version-check',
          '-r',
          labsRequirements,
        ]);
      },
    );
  }
}

if (purpose === 'test') {
  // The EMR stand-in of the tests runs steps through Hadoop's real S3 connector.
  await ensureS3aJars(root).catch((error) =>
    fail(`The S3 connector for the tests: ${error.message}`),
  );
}

if (purpose === 'test' && !findChromium()) {
  fail(
    'Chromium is required for the end-to-end tests: apt-get install chromium ' +
      '(or set CHROMIUM_PATH), or run .ci/run, which installs it.',
  );
}
