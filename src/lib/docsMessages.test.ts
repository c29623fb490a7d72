import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

/**
 * The troubleshooting and clean-up pages quote messages and facts from code that a page cannot
 * import (the runner's entry point, the setup scripts, React components). Each quote here must
 * still be in its source and still on its page, so a changed message fails this test instead of
 * leaving the page quoting words nobody sees any more. (What a page can import, such as the AWS
 * error texts, it renders from the code itself.)
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');

const QUOTES: { page: string; source: string; text: string; onPage?: string }[] = [
  {
    page: 'docs/troubleshooting.mdx',
    source: 'scripts/setup.mjs',
    text: 'Java 17 (set JAVA_HOME, or apt-get install openjdk-17-jre-headless)',
  },
  {
    page: 'docs/troubleshooting.mdx',
    source: 'scripts/setup.mjs',
    text: 'not found: the site runs, Spark labs will not.',
  },
  {
    page: 'docs/troubleshooting.mdx',
    source: 'scripts/setup.mjs',
    text: 'Python 3.11 (python3.11 or python3 on PATH)',
  },
  {
    page: 'docs/troubleshooting.mdx',
    source: 'scripts/prerequisites.mjs',
    text: '/usr/lib/jvm/java-17-openjdk-amd64',
  },
  {
    page: 'docs/troubleshooting.mdx',
    source: 'runner/src/main.ts',
    text: 'Java 17 (apt-get install openjdk-17-jre-headless, or set JAVA_HOME)',
  },
  {
    page: 'docs/troubleshooting.mdx',
    source: 'runner/src/main.ts',
    text: 'Labs cannot run until you install',
  },
  {
    page: 'docs/troubleshooting.mdx',
    source: 'runner/src/main.ts',
    text: 'the labs’ Python environment (run `npm start` again with Python 3.11 installed)',
  },
  {
    page: 'docs/troubleshooting.mdx',
    source: 'runner/src/main.ts',
    text: 'Workshop site and local Spark runner: http://localhost:',
  },
  {
    page: 'docs/troubleshooting.mdx',
    source: 'runner/src/main.ts',
    text: 'process.env.PORT ?? 3000',
    onPage: 'PORT=3001 npm start',
  },
  {
    page: 'docs/troubleshooting.mdx',
    source: 'runner/src/main.ts',
    text: 'timeLimitMs: 10 * 60_000',
    onPage: 'has not finished after 10 minutes',
  },
  {
    page: 'docs/troubleshooting.mdx',
    source: 'src/lib/runner/localRunner.ts',
    text: 'The local runner does not answer: is `npm start` still running? Start it again, then reload this page.',
  },
  {
    page: 'docs/troubleshooting.mdx',
    source: 'src/lib/runner/localRunner.ts',
    text: 'The connection to the local runner ended mid-run.',
  },
  {
    page: 'docs/troubleshooting.mdx',
    source: 'runner/src/server.ts',
    text: 'Missing or wrong runner token: reload the page served by this runner.',
  },
  {
    page: 'docs/troubleshooting.mdx',
    source: 'runner/src/server.ts',
    text: 'This runner answers only to localhost:',
  },
  {
    page: 'docs/troubleshooting.mdx',
    source: 'runner/src/runs.ts',
    text: 'The local runner is busy:',
  },
  {
    page: 'docs/troubleshooting.mdx',
    source: 'runner/src/runs.ts',
    text: 'Wait for one to finish, or cancel yours.',
  },
  {
    page: 'docs/troubleshooting.mdx',
    source: 'runner/src/runs.ts',
    text: 'the runner may have restarted.',
  },
  {
    page: 'docs/troubleshooting.mdx',
    source: 'src/lib/aws/emrRunner.ts',
    text: 'has terminated; launch a new one',
  },
  {
    page: 'docs/troubleshooting.mdx',
    source: 'src/lib/aws/emrRunner.ts',
    text: 'The step completed without writing _summary.json.',
  },
  {
    page: 'docs/troubleshooting.mdx',
    source: 'src/lib/labs/commands.ts',
    text: "'--deploy-mode',\n  'cluster'",
    onPage: 'spark-submit --deploy-mode cluster',
  },
  {
    page: 'docs/troubleshooting.mdx',
    source: 'src/components/AwsConnect/index.tsx',
    text: 'This workshop link cannot be used.',
  },
  {
    page: 'docs/troubleshooting.mdx',
    source: 'src/components/LabEditor/RunControl.tsx',
    text: 'You can still edit,\n          copy and download the code.',
    onPage: 'You can still edit, copy and download the code.',
  },
  {
    page: 'docs/clean-up.mdx',
    source: 'runner/src/main.ts',
    text: "join(root, '.cache', 'runner')",
    onPage: '`.cache/runner/`',
  },
  {
    page: 'docs/clean-up.mdx',
    source: 'runner/src/main.ts',
    text: 'process.env.RUNNER_WORK_DIR',
    onPage: 'RUNNER_WORK_DIR',
  },
  {
    page: 'docs/clean-up.mdx',
    source: 'infra/lib/workshopBucket.ts',
    text: 'removalPolicy: RemovalPolicy.DESTROY,\n      autoDeleteObjects: true,',
    onPage: 'it is emptied and deleted',
  },
  {
    page: 'docs/clean-up.mdx',
    source: 'runner/src/runs.ts',
    text: "for (const id of this.queue.splice(0)) this.finish(this.get(id), 'cancelled');",
    onPage: 'The runner cancels any run still queued or running',
  },
];

describe('messages and facts quoted on the pages', () => {
  it.each(QUOTES)('$page quotes $source: $text', ({ page, source, text, onPage }) => {
    expect(read(source)).toContain(text);
    expect(read(page)).toContain(onPage ?? text);
  });

  // PySpark's own message, when the labs' environment is installed (npm start, npm test).
  const pysparkErrors = join(
    root,
    '.venv/lib/python3.11/site-packages/pyspark/errors/error_classes.py',
  );
  it.runIf(existsSync(pysparkErrors))('quotes PySpark’s message when Java cannot start', () => {
    const message = 'Java gateway process exited before sending its port number.';
    expect(readFileSync(pysparkErrors, 'utf8')).toContain(message);
    expect(read('docs/troubleshooting.mdx')).toContain(`[JAVA_GATEWAY_EXITED] ${message}`);
  });
});
