import { readFileSync } from 'node:fs';

import type { Page } from '@playwright/test';

import { expect, gotoHydrated, test } from './fixtures';

/**
 * The core learning loop on lab pages, against the runner `npm start` starts (see
 * playwright.config.ts) and a real local Spark: read the sample result, edit, run, see.
 * The runner runs one lab at a time, so these tests run one after another.
 */
test.describe.configure({ mode: 'serial' });

const BATCH_FILE = readFileSync('labs/02-batch/classify_batch.py', 'utf8');
const THRESHOLD_LINE = BATCH_FILE.split('\n').findIndex((line) => line.startsWith('THRESHOLDS = '));
/** A CO reading of 35.4 ppm in the sample data: WARNING at 50 ppm, CRITICAL at 35. */
const CO_EVENT = 'evt-7-000001801';

const runSection = (page: Page) => page.getByRole('region', { name: /^Run the lab on/ });
const runStatus = (page: Page) => runSection(page).getByRole('status');

/** Puts the cursor on a line (0-based) of the editor, with the keyboard. */
async function goToLine(page: Page, line: number) {
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < line; i += 1) await page.keyboard.press('ArrowDown');
}

/** Waits for the run to end, whichever way, and returns its status. */
async function finishedStatus(page: Page, timeout: number): Promise<string> {
  await expect(runStatus(page)).toHaveText(/^(Succeeded|Failed|Cancelled|Timed out)$/, { timeout });
  return (await runStatus(page).textContent()) ?? '';
}

/** Monaco loads when the learner asks for it (Edit) or scrolls to it. */
async function openEditor(page: Page) {
  const edit = page.getByRole('button', { name: 'Edit', exact: true });
  if (await edit.isVisible()) await edit.click();
  const editor = page.getByRole('textbox', { name: /classify_batch\.py: Python code/ });
  await expect(editor).toBeFocused({ timeout: 30_000 });
}

async function eventRow(page: Page, eventId: string) {
  await page
    .getByRole('region', { name: 'Result' })
    .getByLabel('Search', { exact: true })
    .fill(eventId);
  const table = page.getByRole('table', { name: 'Classified events', exact: true });
  // The event id is searchable but not a column: the search leaves this event's row alone.
  const rows = table.getByRole('rowgroup').nth(1).getByRole('row');
  await expect(rows).toHaveCount(1);
  return rows.first();
}

test('each lab page shows its sample result before anything runs', async ({ page }) => {
  for (const [path, classified] of [
    ['/labs/batch', '1,790'],
    ['/labs/streaming', '1,769'],
    ['/labs/serve', '1,790'],
  ] as const) {
    await gotoHydrated(page, path);
    await expect(page.getByText('Showing: Sample run')).toBeVisible();
    const counts = page.getByRole('region', { name: 'Result' });
    await expect(counts.getByText(classified, { exact: true }).first()).toBeVisible();
    await expect(counts.getByText(/checks pass/)).toBeVisible();
  }
  await gotoHydrated(page, '/labs/devices');
  await expect(page.getByRole('table', { name: 'Events' })).toBeVisible();
});

test('an exercise shows the shared rules to read and a complete solution to paste', async ({
  page,
}) => {
  await gotoHydrated(page, '/labs/batch');
  const exercise = page.locator('#exercise-2');
  await expect(exercise).toContainText('What you should see');
  await exercise.getByText('Show solution').click();
  // The whole rule, every field of rules.Rule, as the labs' tests apply it.
  for (const field of ['id="VEH-FUEL-LOW"', 'when="fuel_pct < 10"', 'condition=', 'reason=']) {
    await expect(exercise).toContainText(field);
  }
  await expect(exercise).not.toContainText('...');

  await page.getByRole('tab', { name: 'workshop/rules.py' }).click();
  const panel = page.getByRole('tabpanel');
  await expect(panel).toContainText('Read-only');
  await expect(panel).toContainText('class Rule:');
  await expect(page.getByRole('button', { name: 'Edit', exact: true })).toHaveCount(0);
  await page.getByRole('tab', { name: 'classify_batch.py' }).click();
  // Back on the lab's own file (Monaco renders only the lines in view: its first ones).
  await expect(page.getByRole('tabpanel')).toContainText('Lab 2 — batch classification');
});

test('change a threshold, run on local Spark, see the classification and the check change; reload keeps the edit', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await gotoHydrated(page, '/labs/batch');
  await expect(await eventRow(page, CO_EVENT)).toContainText('Warning');
  const exercise = page.getByRole('listitem').filter({ hasText: 'Exercise 1: CO from 35 ppm' });
  await expect(exercise).toContainText('Failed');

  // Edit in Monaco with the keyboard: go to the line, select "50.0", type the new value.
  await openEditor(page);
  await goToLine(page, THRESHOLD_LINE);
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  for (let i = 0; i < 4; i += 1) await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.type('35.0');
  await expect(page.getByRole('tab', { name: /classify_batch\.py.*modified/ })).toBeVisible();

  await runSection(page).getByRole('button', { name: 'Run', exact: true }).click();
  expect(await finishedStatus(page, 200_000)).toBe('Succeeded');
  await expect(page.getByText(/^Showing: Your run/)).toBeVisible();
  await expect(exercise).toContainText('Passed');
  await expect(await eventRow(page, CO_EVENT)).toContainText('Critical');

  await page.reload();
  await expect(page.locator('html[data-has-hydrated="true"]')).toBeAttached();
  await expect(page.getByRole('tab', { name: /classify_batch\.py.*modified/ })).toBeVisible();
  await expect(page.getByRole('tabpanel')).toContainText('"co_critical_ppm": 35.0');
});

test('a mistake in the lab code comes back pointing at the learner’s line', async ({ page }) => {
  test.setTimeout(180_000);
  await gotoHydrated(page, '/labs/batch'); // each test has a fresh browser: no saved edits
  await openEditor(page);
  await goToLine(page, THRESHOLD_LINE);
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('THRESHOLDS["no_such_threshold"] + 1');
  await runSection(page).getByRole('button', { name: 'Run', exact: true }).click();
  expect(await finishedStatus(page, 150_000)).toBe('Failed');
  await expect(runSection(page)).toContainText("KeyError: 'no_such_threshold'");
  await expect(
    runSection(page).getByRole('button', { name: `classify_batch.py:${THRESHOLD_LINE + 2}` }),
  ).toBeVisible();
  // The last good result stays on the page.
  await expect(page.getByText(/^Showing: Sample run/)).toBeVisible();
});

test('a streaming lab shows events arriving, and Stop ends it with its result', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await gotoHydrated(page, '/labs/streaming');
  await runSection(page).getByRole('button', { name: 'Run', exact: true }).click();
  const live = page.getByRole('region', { name: 'Live stream' });
  await expect(live).toBeVisible({ timeout: 30_000 });
  // Micro-batches appear while the stream runs, from Spark's own progress reports.
  const batchRows = live
    .getByRole('table', { name: /Latest micro-batches/ })
    .getByRole('rowgroup')
    .nth(1)
    .getByRole('row');
  await expect(batchRows.first()).toBeVisible({ timeout: 150_000 });
  await expect(live.getByText(/^\d+ micro-batch(es)?: [\d,]+ lines read/)).toBeVisible();
  await expect(batchRows.nth(1)).toBeVisible({ timeout: 60_000 });
  await expect(runStatus(page)).toHaveText('Running');

  await runSection(page).getByRole('button', { name: 'Stop stream' }).click();
  expect(await finishedStatus(page, 90_000)).toBe('Succeeded');
  await expect(page.getByText(/^Showing: Your run/)).toBeVisible({ timeout: 30_000 });
  // The result the lab wrote counts what the live view showed arriving.
  const totals = (await live.getByText(/^\d+ micro-batch/).textContent()) ?? '';
  const classified = /([\d,]+) classified/.exec(totals)?.[1];
  expect(classified).toBeTruthy();
  await expect(
    page
      .getByRole('region', { name: 'Result' })
      .getByText(classified ?? '', { exact: true })
      .first(),
  ).toBeVisible();

  // Step 2c checks the learner's requirements against what this run measured.
  await gotoHydrated(page, '/step-2-process/c-non-functional-requirements');
  for (const example of ['Latency (NFR-1)', 'Quarantine (NFR-5)', 'No loss on restart (NFR-3)']) {
    await page.getByLabel('Or add one of this page’s examples').selectOption(example);
    await page.getByRole('button', { name: 'Add example' }).click();
  }
  const latency = page.getByRole('group', { name: /^NFR-1/ });
  await expect(
    latency.getByText(
      /^(✔ Met|✘ Not met): measured [\d,]+ ms, target at most 3,000 ms \(lab 03-streaming on local Spark, /,
    ),
  ).toBeVisible();
  const quarantine = page.getByRole('group', { name: /^NFR-2/ });
  await expect(
    quarantine.getByText(/^(✔ Met|✘ Not met): measured [\d.]+ %, target at most 2 %/),
  ).toBeVisible();
  // No run measures a restart: NFR-3 says the lab's restart test proves it, and shows no figure.
  const restart = page.getByRole('group', { name: /^NFR-3/ });
  await expect(restart.getByLabel('How NFR-3 is verified')).toHaveValue(/restart test/);
  await expect(restart.getByText(/✔ Met|✘ Not met|No run yet/)).toHaveCount(0);
});

test('cancel a long run', async ({ page }) => {
  test.setTimeout(180_000);
  await gotoHydrated(page, '/labs/streaming');
  await runSection(page).getByRole('button', { name: 'Run', exact: true }).click();
  await expect(runStatus(page)).toHaveText(/Starting Spark|Running/, { timeout: 60_000 });
  await runSection(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(runStatus(page)).toHaveText('Cancelled', { timeout: 60_000 });
  await expect(runSection(page).getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
});
