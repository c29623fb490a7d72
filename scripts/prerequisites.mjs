/** Finds the tools the project needs on this machine; each returns a path/command or null. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const REQUIRED_NODE_MAJOR = 20;

/** What a command prints, or null when it fails — tried twice: a JVM may fail to start once
 * on a machine that is busy installing. */
const output = (command, args) => {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const result = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000 });
    if (result.status === 0) return `${result.stdout}${result.stderr}`;
    lastFailure = `${command} ${args.join(' ')}: ${
      result.error?.message ?? `exit ${result.status ?? result.signal}`
    } ${(result.stderr ?? '').trim().split('\n').slice(-2).join(' ')}`.trim();
  }
  return null;
};

let lastFailure = '';
/** Why the last probe failed (for the "missing prerequisite" message). */
export const lastProbeFailure = () => lastFailure;

export function findPython311() {
  for (const candidate of ['python3.11', 'python3']) {
    if (output(candidate, ['--version'])?.includes('Python 3.11')) return candidate;
  }
  return null;
}

/** JAVA_HOME of a Java 17, preferring an explicit JAVA_HOME, then Debian's usual place. */
export function findJava17() {
  const candidates = [
    process.env.JAVA_HOME,
    '/usr/lib/jvm/java-17-openjdk-amd64',
    '/usr/lib/jvm/java-17-openjdk-arm64',
  ];
  for (const home of candidates) {
    if (!home) continue;
    const java = join(home, 'bin', 'java');
    if (existsSync(java) && /version "17\./.test(output(java, ['-version']) ?? '')) return home;
  }
  return null;
}

export function findChromium() {
  for (const candidate of [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
  ]) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  return null;
}
