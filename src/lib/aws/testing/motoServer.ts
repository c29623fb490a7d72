/**
 * moto's server mode (from PyPI, in the project's .venv) on localhost: the AWS stand-in of the
 * tests. Each call starts a fresh server on a free port, so tests do not share state.
 *
 * moto accepts request shapes AWS refuses, so it runs behind validating_moto.py: every request
 * from the AWS SDK for JavaScript is checked against botocore's service models, refused with a
 * 400 if AWS would refuse it, and recorded. `stop()` rejects listing what was recorded, so a test
 * file that stops its server in afterAll fails on an invalid request.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { freePort } from '../../testing/freePort';

const venvBin = join(resolve(__dirname, '..', '..', '..', '..'), '.venv', 'bin');
const venvPython = join(venvBin, 'python');
const validatingMoto = join(__dirname, 'validating_moto.py');
/** moto_server is installed with moto[server]: its presence says the .venv has moto. */
export const hasMoto = existsSync(join(venvBin, 'moto_server')) && existsSync(venvPython);

/** Fake keys moto accepts; the region every test uses. */
export const TEST_REGION = 'eu-west-1';
export const TEST_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };

export type MotoServer = {
  endpoint: string;
  port: number;
  /** What the server refused so far: one line per request, naming operation and parameter. */
  violations: () => Promise<string[]>;
  /** Stops the server; rejects listing the violations if there were any. */
  stop: () => Promise<void>;
};

const STDERR_TAIL_CHARS = 4_000;
const EXIT_GRACE_MS = 5_000;

export async function startMotoServer(): Promise<MotoServer> {
  const port = await freePort();
  const child = spawn(venvPython, [validatingMoto, String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, MOTO_ALLOW_NONEXISTENT_REGION: 'true' },
  });
  // Its request log goes here too: keep only the end, for a start-up failure's message.
  let stderrTail = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString()).slice(-STDERR_TAIL_CHARS);
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const endpoint = `http://localhost:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const response = await fetch(`${endpoint}/moto-api/`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) {
      throw new Error(`validating moto server exited (${child.exitCode}):\n${stderrTail}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('validating moto server did not start within 30 s');
    }
    await new Promise((done) => setTimeout(done, 100));
  }

  const violations = async (): Promise<string[]> => {
    const response = await fetch(`${endpoint}/_workshop/violations`);
    if (!response.ok) throw new Error(`violations: HTTP ${response.status}`);
    return (await response.json()) as string[];
  };

  const terminate = async () => {
    child.kill('SIGTERM');
    const grace = setTimeout(() => child.kill('SIGKILL'), EXIT_GRACE_MS);
    await exited;
    clearTimeout(grace);
  };

  const stopOnce = async () => {
    if (child.exitCode !== null || child.signalCode !== null) {
      // Its record went with it: say so rather than pass for a run without violations.
      throw new Error(
        `validating moto server exited before stop() (${child.exitCode ?? child.signalCode}):\n` +
          stderrTail,
      );
    }
    let seen: string[];
    try {
      seen = await violations();
    } finally {
      await terminate();
    }
    if (seen.length > 0) {
      throw new Error(
        `moto server refused ${seen.length} request(s) that AWS would refuse too ` +
          `(checked against botocore's models by validating_moto.py):\n` +
          seen.map((line) => `- ${line}`).join('\n'),
      );
    }
  };
  let stopping: Promise<void> | undefined;
  return {
    endpoint,
    port,
    violations,
    stop: () => (stopping ??= stopOnce()),
  };
}
