#!/usr/bin/env node
/**
 * `npm start`: builds the site when its sources changed since the last build, then serves it
 * with the local Spark runner on one origin (runner/src/main.ts), http://localhost:$PORT.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { findJava17 } from './prerequisites.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'build', '.workshop-build-stamp');
const SOURCES = [
  'docs',
  'src',
  'static',
  'labs',
  'docusaurus.config.ts',
  'sidebars.ts',
  'package-lock.json',
];
const SKIP = new Set(['node_modules', '__pycache__', '.pytest_cache', '.ruff_cache', 'dist']);

function newestMtime(path) {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const name of readdirSync(path)) {
    if (!SKIP.has(name)) newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

const sourcesChanged = () =>
  !existsSync(stamp) ||
  Math.max(
    ...SOURCES.filter((s) => existsSync(join(root, s))).map((s) => newestMtime(join(root, s))),
  ) > statSync(stamp).mtimeMs;

const bin = (name) => join(root, 'node_modules', '.bin', name);

if (sourcesChanged()) {
  console.log('→ Building the site (sources changed since the last build)…');
  const build = spawnSync(bin('docusaurus'), ['build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  writeFileSync(stamp, new Date().toISOString());
}

const javaHome = findJava17();
const runner = spawnSync(bin('tsx'), [join(root, 'runner', 'src', 'main.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, ...(javaHome ? { JAVA_HOME: javaHome } : {}) },
});
process.exit(runner.status ?? 0);
