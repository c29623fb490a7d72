/**
 * `npm start`: the built site and the local lab runner on http://localhost:$PORT (3000).
 * Listens on 127.0.0.1 only; prints what is missing when Java or the labs' Python are absent.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { loadLabs } from './labs';
import { Runs } from './runs';
import { newToken } from './security';
import { createRunnerServer } from './server';
import { SparkWorker } from './sparkWorker';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const port = Number(process.env.PORT ?? 3000);
const labsDir = join(root, 'labs');
const workDir = resolve(process.env.RUNNER_WORK_DIR ?? join(root, '.cache', 'runner'));
// The production build it serves (benchmarks may point it at another build).
const siteDir = resolve(process.env.RUNNER_SITE_DIR ?? join(root, 'build'));
const python = join(root, '.venv', 'bin', 'python');
const javaHome = process.env.JAVA_HOME;
mkdirSync(workDir, { recursive: true });

const missing = [
  !existsSync(python) &&
    'the labs’ Python environment (run `npm start` again with Python 3.11 installed)',
  !(javaHome && existsSync(join(javaHome, 'bin', 'java'))) &&
    'Java 17 (apt-get install openjdk-17-jre-headless, or set JAVA_HOME)',
].filter((item): item is string => typeof item === 'string');

const worker = new SparkWorker({
  python,
  script: join(root, 'runner', 'worker', 'spark_worker.py'),
  labsDir,
  onLog: (line) => runs.onWorkerLog(line),
  onMessage: (message) => runs.onWorkerMessage(message),
});
const labs = loadLabs(labsDir);
// The worker's callbacks run only after `runs` exists (the first run starts the worker).
const runs = new Runs({
  worker,
  labs,
  labsDir,
  workDir,
  limits: { maxQueued: 3, timeLimitMs: 10 * 60_000, maxLogLines: 5_000, maxFileBytes: 256 * 1024 },
});

const server = createRunnerServer({
  siteDir: existsSync(siteDir) ? siteDir : undefined,
  runs,
  labs,
  token: newToken(),
  port,
  maxBodyBytes: 1024 * 1024,
  health: () => ({ ready: missing.length === 0, missing, labs: [...labs.keys()] }),
});

server.listen(port, '127.0.0.1', () => {
  console.log(`Workshop site and local Spark runner: http://localhost:${port}/`);
  for (const item of missing) console.warn(`⚠ Labs cannot run until you install ${item}.`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void runs.close().finally(() => process.exit(0));
  });
}
