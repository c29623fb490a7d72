import type { Page } from '@playwright/test';

import { ClusterHarness } from '../src/lib/aws/testing/clusterHarness';
import { hasMoto, startMotoServer, type MotoServer } from '../src/lib/aws/testing/motoServer';
import { createTestWorkshop, type TestWorkshop } from '../src/lib/aws/testing/workshopFixture';
import { workshopLink } from '../src/lib/aws/workshopConfig';
import { allowOrigin, expect, test } from './fixtures';

/**
 * The cloud half of a lab, in Chromium against moto's server as the AWS stand-in: open the
 * workshop link, sign in (choosing a new password), get temporary credentials, launch a
 * cluster, run the batch lab on it and see its classified events, terminate. moto never runs a
 * step, so the test harness plays the cluster: it runs each submitted spark-submit on local
 * Spark against the same objects in moto's S3. The runner runs one lab at a time, as Spark
 * does here: these tests run one after another.
 */
test.describe.configure({ mode: 'serial' });
test.skip(!hasMoto, 'moto_server is not installed in .venv (npm test installs it)');

let moto: MotoServer;
let harness: ClusterHarness;
let workshop: TestWorkshop;

test.beforeAll(async () => {
  moto = await startMotoServer();
  allowOrigin(new URL(moto.endpoint).origin);
  // The site's origin, as playwright.config.ts serves it.
  workshop = await createTestWorkshop(
    moto.endpoint,
    `http://localhost:${process.env.E2E_PORT ?? 3210}`,
  );
  harness = new ClusterHarness({
    endpoint: moto.endpoint,
    root: process.cwd(),
  }).start();
});

test.afterAll(async () => {
  await harness?.stop();
  await moto?.stop();
});

const NEW_PASSWORD = 'My-own-password-2026';

async function signIn(page: Page) {
  await page.goto(workshopLink('', workshop.config));
  await expect(page.locator('html[data-has-hydrated="true"]')).toBeAttached();
  await page.getByLabel('Username').fill(workshop.username);
  await page.getByLabel('Password', { exact: true }).fill(workshop.temporaryPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Save and sign in' }).click();
  await expect(page.getByText(/^Signed in as ana/)).toBeVisible({ timeout: 20_000 });
}

/** What the page keeps in the browser: its storages, IndexedDB and cookies, as text. */
async function browserStorage(page: Page): Promise<string> {
  const pageStorage = await page.evaluate(async () => {
    const dump = (storage: Storage) =>
      Array.from({ length: storage.length }, (_, i) => {
        const key = storage.key(i) ?? '';
        return `${key}=${storage.getItem(key) ?? ''}`;
      });
    const databases = (await indexedDB.databases?.()) ?? [];
    return [
      ...dump(localStorage),
      ...dump(sessionStorage),
      ...databases.map((db) => `indexedDB:${db.name ?? ''}`),
      document.cookie,
    ].join('\n');
  });
  const cookies = await page.context().cookies();
  return `${pageStorage}\n${JSON.stringify(cookies)}`;
}

test('sign in with the workshop link, launch a cluster, run a lab on it and terminate it', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const runJobFlow: Record<string, unknown>[] = [];
  page.on('request', (request) => {
    if (request.headers()['x-amz-target'] === 'ElasticMapReduce.RunJobFlow') {
      runJobFlow.push(request.postDataJSON() as Record<string, unknown>);
    }
  });

  await signIn(page);
  // Nothing that proves the sign-in is kept in the browser: no token, no key, no password.
  const stored = await browserStorage(page);
  expect(stored).not.toMatch(/eyJ[\w-]+\.[\w-]+/); // a JWT (id, access or refresh token)
  expect(stored).not.toContain(NEW_PASSWORD);
  expect(stored).not.toMatch(/AccessKeyId|SecretKey|SessionToken|TESTACCESSKEY/i);

  // Within the site (a reload would sign out: credentials live in memory only).
  await page.getByRole('link', { name: '2. Batch' }).click();
  await expect(page).toHaveURL(/\/labs\/batch$/);
  await page.getByLabel('Amazon EMR (your workshop account)').check();
  const emr = page.getByRole('region', { name: 'Amazon EMR', exact: true });
  await expect(emr.getByText(/^Signed in as ana/)).toBeVisible();

  await emr.getByRole('button', { name: 'Launch my own cluster' }).click();
  await expect(emr.getByRole('status')).toContainText(/Your cluster j-\w+: Waiting for steps/, {
    timeout: 30_000,
  });
  const identityId = /identity ([\w-]+:[\w-]+)/.exec((await emr.textContent()) ?? '')?.[1];
  expect(runJobFlow).toHaveLength(1);
  expect(runJobFlow[0]).toMatchObject({
    ReleaseLabel: 'emr-7.13.0',
    Applications: [{ Name: 'Spark' }],
    AutoTerminationPolicy: { IdleTimeout: 3600 },
    ServiceRole: 'WorkshopEmrService',
    JobFlowRole: 'WorkshopEmrInstance',
  });
  const tags = runJobFlow[0]?.Tags as { Key: string; Value: string }[];
  expect(tags.find((tag) => tag.Key === 'workshop-attendee')?.Value).toMatch(/^[\w-]+:[\w-]+$/);
  expect(identityId).toBeTruthy();
  expect(tags).toContainEqual({ Key: 'workshop', Value: 'e2e-workshop' });
  expect(tags).toContainEqual({ Key: 'workshop-attendee', Value: identityId });
  expect(String(runJobFlow[0]?.LogUri)).toMatch(
    /^s3:\/\/workshop-e2e-bucket\/attendees\/.+\/logs\/$/,
  );

  // Run the batch lab on the cluster: the harness runs the step; the page finds its result.
  const run = page.getByRole('region', { name: 'Run the lab on Amazon EMR' });
  await run.getByRole('button', { name: 'Run', exact: true }).click();
  // While it runs, the learner can open the step's logs and the cluster's Spark UI.
  await expect(
    run.getByRole('link', { name: /^Logs of step s-\w+ \(S3 console\)/ }),
  ).toHaveAttribute(
    'href',
    /^https:\/\/s3\.console\.aws\.amazon\.com\/s3\/buckets\/workshop-e2e-bucket\?/,
  );
  await expect(
    run.getByRole('link', { name: /^Spark UI of cluster j-\w+ \(EMR console\)/ }),
  ).toBeVisible();
  await expect(run.getByRole('status')).toHaveText('Succeeded', { timeout: 240_000 });
  await expect(page.getByText(/^Showing: Your run/)).toBeVisible({ timeout: 30_000 });
  const result = page.getByRole('region', { name: 'Result' });
  await expect(result.getByText('1,790', { exact: true }).first()).toBeVisible();
  // The step ran the lab on the Python it names (the harness, like EMR, has it as a system one).
  await expect(result.getByText(/Spark 3\.5\.6 on Python 3\.11\.\d+/)).toBeVisible();
  // The page may see the summary while Spark is still shutting down: wait for the step to end.
  await expect.poll(() => harness.handled.at(-1)?.exitCode, { timeout: 120_000 }).toBe(0);

  await emr.getByRole('button', { name: 'Terminate cluster' }).click();
  await emr.getByRole('button', { name: 'Yes, terminate' }).click();
  await expect(emr.getByRole('status')).toContainText(/Terminat(ing|ed)/, { timeout: 30_000 });
});
