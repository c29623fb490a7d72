import { readFile } from 'node:fs/promises';

import type { BrowserContext, Download, Locator, Page } from '@playwright/test';

import { AXE_PAGE_TIMEOUT_MS, expectNoSeriousViolations, showIn, THEMES } from './axe';
import { expect, gotoHydrated, test } from './fixtures';

type BrowserContextStorage = Awaited<ReturnType<BrowserContext['storageState']>>;

const STEP_2 = '/step-2-process';
const STEP_3 = '/step-3-architecture';

async function reload(page: Page) {
  await page.reload();
  await expect(page.locator('html[data-has-hydrated="true"]')).toBeAttached();
}

/** Clicks (or presses Enter on) something that downloads, and returns the file's text. */
async function downloaded(page: Page, trigger: () => Promise<void>): Promise<[string, string]> {
  const [download] = await Promise.all([page.waitForEvent('download'), trigger()]);
  return [download.suggestedFilename(), await readDownload(download)];
}

async function readDownload(download: Download): Promise<string> {
  return readFile(await download.path(), 'utf8');
}

const node = (page: Page, name: string | RegExp) =>
  page.getByTestId('architecture-board').getByRole('button', { name });

async function press(locator: Locator, key: string) {
  await locator.focus();
  await locator.press(key);
}

test('keeps every worksheet across reloads and exports them as a decision record', async ({
  page,
}) => {
  // 2a: prioritise, add a functionality, write the use case.
  await gotoHydrated(page, `${STEP_2}/a-functionalities`);
  await page.getByLabel('Priority of F1', { exact: true }).selectOption('must');
  await page.getByLabel('Priority of F13', { exact: true }).selectOption('wont');
  await page.getByLabel('New functionality').fill('Warn when a tag enters the tank farm');
  await page.getByLabel('Its actor').fill('Security officer');
  await page.getByRole('button', { name: 'Add functionality' }).click();
  await page.getByLabel('Your use case').fill('An employee enters the tank-farm zone.');
  await reload(page);
  await expect(page.getByLabel('Priority of F1', { exact: true })).toHaveValue('must');
  await expect(page.getByLabel('Functionality F14')).toHaveValue(
    'Warn when a tag enters the tank farm',
  );
  await expect(page.getByLabel('Your use case')).toHaveValue(
    'An employee enters the tank-farm zone.',
  );
  await expect(
    page.getByText(/In scope: 1 \(Must 1, Should 0, Could 0\) · out of scope: 1 · not decided: 12/),
  ).toBeVisible();

  // 2b: rate and rank the drivers, start a scenario from a worked example.
  await gotoHydrated(page, `${STEP_2}/b-quality-attributes`);
  await page.getByLabel('Business importance of Reliability').selectOption('high');
  await page.getByLabel('Technical difficulty of Reliability').selectOption('high');
  await page.getByRole('button', { name: 'Move Reliability up' }).click();
  await page.getByRole('button', { name: 'Add the worked latency example' }).click();
  const scenario = page.getByRole('group', { name: 'QAS-1: Latency' });
  await expect(scenario.getByLabel('Source (QAS-1)')).toHaveValue(
    'Gas sensor gas-07 in workshop 3',
  );
  await scenario.getByLabel('Source (QAS-1)').fill('Gas sensor gas-11 at the tank farm');
  await reload(page);
  await expect(page.getByLabel('Technical difficulty of Reliability')).toHaveValue('high');
  await expect(page.getByRole('button', { name: 'Move Reliability up' })).toBeDisabled();
  await expect(page.getByLabel('Source (QAS-1)')).toHaveValue('Gas sensor gas-11 at the tank farm');

  // 2c: a requirement from the scenario, and one the labs measure — with no run yet.
  await gotoHydrated(page, `${STEP_2}/c-non-functional-requirements`);
  await page.getByLabel('Turn a scenario into a requirement').selectOption('QAS-1');
  await page.getByRole('button', { name: 'Draft requirement' }).click();
  await page.getByLabel('Or add one of this page’s examples').selectOption('Latency (NFR-1)');
  await page.getByRole('button', { name: 'Add example' }).click();
  const measured = page.getByRole('group', { name: /^NFR-2/ });
  await expect(measured.getByLabel('Measured by the labs (NFR-2)')).toHaveValue(
    'eventTimeLatencyP95Ms',
  );
  await measured.getByLabel(/Target for NFR-2/).fill('2500');
  await expect(
    measured.getByText(/^No run yet — measured values appear here after you run lab 2/),
  ).toBeVisible();
  await reload(page);
  await expect(page.getByLabel('Requirement NFR-1')).toHaveValue(/^95 % of events are visible/);
  await expect(page.getByLabel(/Target for NFR-2/)).toHaveValue('2500');
  await expect(page.getByText(/✔ Met|✘ Not met/)).toHaveCount(0);

  // 2d: the environment, and the advice it gives.
  await gotoHydrated(page, `${STEP_2}/d-enterprise-environment`);
  await page.getByLabel('On AWS (the company already has AWS accounts)').check();
  await page.getByLabel('Python and SQL').check();
  await page.getByLabel('The data team, in office hours').check();
  await expect(page.getByText('Build on AWS with managed services')).toBeVisible();
  await reload(page);
  await expect(page.getByLabel('On AWS (the company already has AWS accounts)')).toBeChecked();
  await expect(page.getByLabel('Python and SQL')).toBeChecked();
  await expect(page.getByText(/^No 24\/7 operations team/)).toBeVisible();

  // 2e: pieces with a reason each, and their cost.
  await gotoHydrated(page, `${STEP_2}/e-lego-pieces`);
  await page.getByRole('radio', { name: 'Amazon Kinesis Data Streams, provisioned' }).check();
  await page
    .getByRole('radio', { name: 'Spark Structured Streaming on Amazon EMR (EC2 cluster)' })
    .check();
  await page.getByLabel('Why Amazon Kinesis Data Streams, provisioned?').fill('Replay for 24 h');
  await expect(page.getByText('Your 2 piece(s): about $610 a month.')).toBeVisible();
  await reload(page);
  await expect(
    page.getByRole('radio', { name: 'Amazon Kinesis Data Streams, provisioned' }),
  ).toBeChecked();
  await expect(page.getByLabel('Why Amazon Kinesis Data Streams, provisioned?')).toHaveValue(
    'Replay for 24 h',
  );

  // 3: a board from the choices, then the decision record with everything in it.
  await gotoHydrated(page, STEP_3);
  await page.getByRole('button', { name: 'Start from my Step 2e choices' }).click();
  await expect(node(page, /^Kinesis Data Streams/)).toBeVisible();
  await reload(page);
  await expect(page.getByTestId('architecture-board').getByRole('button')).toHaveCount(3);

  const [name, record] = await downloaded(page, () =>
    page.getByRole('button', { name: 'Download the decision record (Markdown)' }).click(),
  );
  expect(name).toBe('architecture-decision-record.md');
  expect(record).toContain(
    '| F1 | Receive events in real time from every device type | Devices | Must |',
  );
  expect(record).toContain(
    '| F14 | Warn when a tag enters the tank farm | Security officer | Not decided |',
  );
  expect(record).toContain('An employee enters the tank-farm zone.');
  expect(record).toContain(
    '1. **Reliability** — business importance high, technical difficulty high: driver',
  );
  expect(record).toContain('| Source | Gas sensor gas-11 at the tank farm |');
  expect(record).toContain(
    '| Latency from event_time to stored, p95 of events on time: at most 2,500 ms | No run yet |',
  );
  expect(record).toContain('- Where do the company’s systems run today? On AWS');
  expect(record).toContain(
    '| Device ingestion | Amazon Kinesis Data Streams, provisioned | Replay for 24 h | about $70 |',
  );
  expect(record).toContain(
    '```mermaid\nflowchart LR\n  n1["Sensors, vehicles, tags"]\n  n2["Kinesis Data Streams"]',
  );
  expect(record).toContain('  n2 --> n3');
});

test('builds a small diagram with the keyboard alone and exports it', async ({ page }) => {
  await gotoHydrated(page, `${STEP_2}/e-lego-pieces`);
  await press(
    page.getByRole('radio', { name: 'Amazon Kinesis Data Streams, provisioned' }),
    'Space',
  );
  await press(page.getByRole('radio', { name: 'Amazon S3 with partitioned Parquet' }), 'Space');

  await gotoHydrated(page, STEP_3);
  await press(page.getByRole('button', { name: 'Start from my Step 2e choices' }), 'Enter');
  const devices = node(page, 'Sensors, vehicles, tags, Devices');
  const kinesis = node(page, 'Kinesis Data Streams, Device ingestion');
  await expect(kinesis).toBeVisible();
  await expect(node(page, 'S3: Parquet, Classified store')).toBeVisible();

  // A free node, added from the keyboard; it takes the focus.
  await page.getByLabel('Label of a new node').focus();
  await page.keyboard.type('Site gateway');
  await page.getByLabel('Its role').selectOption('gateway');
  await press(page.getByRole('button', { name: 'Add node' }), 'Enter');
  const gateway = node(page, 'Site gateway, Site gateway');
  await expect(gateway).toBeFocused();

  // Move it with the arrow keys.
  const before = await gateway.getAttribute('transform');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  const [x, y] = (before ?? '').match(/-?\d+/g)?.map(Number) ?? [];
  await expect(gateway).toHaveAttribute(
    'transform',
    `translate(${(x ?? 0) + 20} ${(y ?? 0) + 50})`,
  );

  // Connect: Enter on one node, Tab to another, Enter.
  await press(devices, 'Enter');
  await expect(devices).toHaveAttribute('aria-pressed', 'true');
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('Tab');
  await expect(gateway).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(kinesis).toBeFocused();
  await page.keyboard.press('Enter');
  const connectors = page.getByRole('list', { name: 'Connectors on the board' });
  await expect(connectors.getByText('Sensors, vehicles, tags → Site gateway')).toBeVisible();
  await expect(connectors.getByText('Site gateway → Kinesis Data Streams')).toBeVisible();
  await page
    .getByLabel('Label of the connector from Site gateway to Kinesis Data Streams')
    .fill('events, real time');

  // Relabel with F2, and delete a node with the Delete key.
  await press(gateway, 'F2');
  await expect(page.getByLabel('Label of n4')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Gateway that buffers');
  await page.getByLabel('Label of a new node').fill('Scratch');
  await page.getByLabel('Its role').selectOption('other');
  await press(page.getByRole('button', { name: 'Add node' }), 'Enter');
  await expect(node(page, 'Scratch, Other')).toBeFocused();
  await page.keyboard.press('Delete');
  await expect(node(page, /^Scratch/)).toHaveCount(0);

  // Compared with the reference.
  const reference = page.getByRole('list', { name: 'Reference pieces' });
  await expect(reference.getByText(/Site gateway: present as Gateway that buffers/)).toBeVisible();
  await expect(reference.getByText(/Quarantine: missing/)).toBeVisible();

  // Kept after a reload.
  await reload(page);
  await expect(node(page, 'Gateway that buffers, Site gateway')).toBeVisible();
  await expect(page.getByTestId('architecture-board').getByRole('button')).toHaveCount(4);

  // Exported as SVG, PNG and JSON.
  const [svgName, svg] = await downloaded(page, () =>
    press(page.getByRole('button', { name: 'Download SVG' }), 'Enter'),
  );
  expect(svgName).toBe('architecture-board.svg');
  expect(svg).toContain('<tspan');
  expect(svg).toContain('Gateway that');
  expect(svg).toContain('events, real time');
  const [pngDownload] = await Promise.all([
    page.waitForEvent('download'),
    press(page.getByRole('button', { name: 'Download PNG' }), 'Enter'),
  ]);
  expect(pngDownload.suggestedFilename()).toBe('architecture-board.png');
  const png = await readFile(await pngDownload.path());
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
  const [, json] = await downloaded(page, () =>
    press(page.getByRole('button', { name: 'Download JSON' }), 'Enter'),
  );
  const exported = JSON.parse(json) as { board: { nodes: unknown[]; edges: unknown[] } };
  expect(exported.board.nodes).toHaveLength(4);
  expect(exported.board.edges).toHaveLength(3);
});

test('rejects a bad import with a message and keeps the saved worksheet', async ({ page }) => {
  await gotoHydrated(page, `${STEP_2}/a-functionalities`);
  await page.getByLabel('Priority of F1', { exact: true }).selectOption('must');

  await gotoHydrated(page, STEP_3);
  const [, saved] = await downloaded(page, () =>
    page.getByRole('button', { name: 'Download the worksheet (JSON)' }).click(),
  );
  const file = page.getByLabel('Import a worksheet (JSON)');
  const status = page.getByRole('status').filter({ hasText: /notes|old|Imported/ });

  await file.setInputFiles({
    name: 'notes.json',
    mimeType: 'application/json',
    buffer: Buffer.from('these are my notes'),
  });
  await expect(status).toContainText(
    'notes.json: This file is not JSON. Choose a worksheet file exported from this page (worksheet.json). Nothing was imported; your saved worksheet is unchanged.',
  );

  const old = JSON.parse(saved) as Record<string, unknown>;
  await file.setInputFiles({
    name: 'old.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ ...old, version: 0 })),
  });
  await expect(status).toContainText('older version of the site (version 0)');

  await gotoHydrated(page, `${STEP_2}/a-functionalities`);
  await expect(page.getByLabel('Priority of F1', { exact: true })).toHaveValue('must');

  // A real export comes back after starting over.
  await gotoHydrated(page, STEP_3);
  await page.getByRole('button', { name: 'Start the worksheet over' }).click();
  await page.getByLabel('Import a worksheet (JSON)').setInputFiles({
    name: 'worksheet.json',
    mimeType: 'application/json',
    buffer: Buffer.from(saved),
  });
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toContainText(
    'Imported worksheet.json.',
  );
  await gotoHydrated(page, `${STEP_2}/a-functionalities`);
  await expect(page.getByLabel('Priority of F1', { exact: true })).toHaveValue('must');
});

/** Fills what changes the look of the worksheets, in the browser of `page`. */
async function fillWorksheetsThatChangeTheLook(page: Page) {
  // Ratings (best fits), a scenario, a measured requirement, an environment that rules pieces
  // out, a choice with a reason, a board with a pending connector.
  await gotoHydrated(page, `${STEP_2}/b-quality-attributes`);
  await page.getByLabel('Business importance of Latency').selectOption('high');
  await page.getByLabel('Technical difficulty of Latency').selectOption('high');
  await page.getByRole('button', { name: 'Add the worked reliability example' }).click();
  await gotoHydrated(page, `${STEP_2}/c-non-functional-requirements`);
  await page.getByLabel('Or add one of this page’s examples').selectOption('Throughput (NFR-2)');
  await page.getByRole('button', { name: 'Add example' }).click();
  await gotoHydrated(page, `${STEP_2}/d-enterprise-environment`);
  await page.getByLabel('On-premise only: no public cloud for operational data').check();
  await gotoHydrated(page, `${STEP_2}/e-lego-pieces`);
  await page.getByRole('radio', { name: 'Amazon MSK Serverless' }).check();
  await page.getByLabel('Why Amazon MSK Serverless?').fill('Kafka APIs');
  await page.locator('details summary').first().click();
  await gotoHydrated(page, STEP_3);
  await page.getByRole('button', { name: 'Start from my Step 2e choices' }).click();
  await expect(node(page, /^MSK Serverless/)).toBeVisible();
}

/**
 * The filled worksheets are made once per worker and handed to each page's test as its
 * browser storage, so each page and colour mode is checked (and timed) on its own.
 */
const filled = test.extend<object, { filledStorage: BrowserContextStorage }>({
  filledStorage: [
    async ({ browser }, use, workerInfo) => {
      const context = await browser.newContext({ baseURL: workerInfo.project.use.baseURL });
      const page = await context.newPage();
      await fillWorksheetsThatChangeTheLook(page);
      const storage = await context.storageState();
      await context.close();
      await use(storage);
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  storageState: async ({ filledStorage }, use) => use(filledStorage),
});

for (const path of [
  `${STEP_2}/a-functionalities`,
  `${STEP_2}/b-quality-attributes`,
  `${STEP_2}/c-non-functional-requirements`,
  `${STEP_2}/d-enterprise-environment`,
  `${STEP_2}/e-lego-pieces`,
  STEP_3,
]) {
  for (const theme of THEMES) {
    filled(
      `filled worksheet ${path} passes the accessibility check in ${theme} mode`,
      async ({ page }) => {
        filled.setTimeout(AXE_PAGE_TIMEOUT_MS);
        await showIn(page, theme);
        await gotoHydrated(page, path);
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        if (path === STEP_3) await press(node(page, /^MSK Serverless/), 'Enter');
        await expectNoSeriousViolations(page, `the filled ${path} (${theme})`, 'main');
      },
    );
  }
}

test('moves and connects nodes with the mouse too', async ({ page }) => {
  await gotoHydrated(page, STEP_3);
  for (const [label, role] of [
    ['Gateway', 'gateway'],
    ['Kafka', 'ingestion'],
  ] as const) {
    await page.getByLabel('Label of a new node').fill(label);
    await page.getByLabel('Its role').selectOption(role);
    await page.getByRole('button', { name: 'Add node' }).click();
  }
  const gateway = node(page, 'Gateway, Site gateway');
  const kafka = node(page, 'Kafka, Device ingestion');
  const before = await gateway.boundingBox();
  if (!before) throw new Error('the gateway is not drawn');
  await page.mouse.move(before.x + before.width / 2, before.y + before.height / 2);
  await page.mouse.down();
  await page.mouse.move(before.x + before.width / 2 + 80, before.y + before.height / 2 + 60, {
    steps: 8,
  });
  await page.mouse.up();
  const after = await gateway.boundingBox();
  expect(after?.x).toBeGreaterThan(before.x + 40);
  expect(after?.y).toBeGreaterThan(before.y + 30);
  // The drag did not start a connector; two clicks make one.
  await expect(gateway).toHaveAttribute('aria-pressed', 'false');
  await gateway.click();
  await kafka.click();
  await expect(
    page.getByRole('list', { name: 'Connectors on the board' }).getByText('Gateway → Kafka'),
  ).toBeVisible();
  await reload(page);
  expect((await gateway.boundingBox())?.x).toBeCloseTo(after?.x ?? 0, 0);
});
