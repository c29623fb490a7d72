/**
 * moto's server mode (from PyPI, in the project's .venv) on localhost: the AWS stand-in of the
 * tests. Each call starts a fresh server on a free port, so tests do not share state.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { freePort } from '../../testing/freePort';

export const motoServerBin = join(
  resolve(__dirname, '..', '..', '..', '..'),
  '.venv',
  'bin',
  'moto_server',
);
export const hasMoto = existsSync(motoServerBin);

/** Fake keys moto accepts; the region every test uses. */
export const TEST_REGION = 'eu-west-1';
export const TEST_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };

export type MotoServer = { endpoint: string; port: number; stop: () => Promise<void> };

export async function startMotoServer(): Promise<MotoServer> {
  const port = await freePort();
  const child = spawn(motoServerBin, ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: 'ignore',
    env: { ...process.env, MOTO_ALLOW_NONEXISTENT_REGION: 'true' },
  });
  const endpoint = `http://localhost:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const response = await fetch(`${endpoint}/moto-api/`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`moto_server exited (${child.exitCode})`);
    if (Date.now() > deadline) throw new Error('moto_server did not start within 30 s');
    await new Promise((done) => setTimeout(done, 100));
  }
  return {
    endpoint,
    port,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
