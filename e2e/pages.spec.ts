import { expect, gotoHydrated, test } from './fixtures';

// What keeps pages light in the browser (issue 11): these behaviours, not timings.

test('code blocks are highlighted when they come into view; a closed solution waits until it is opened', async ({
  page,
}) => {
  await gotoHydrated(page, '/before-you-start');
  const block = page.locator('[data-code-block]').first();
  await block.scrollIntoViewIfNeeded();
  await expect(block.locator('.token').first()).toBeAttached();
  // The theme's word-wrap button works on the highlighted block.
  await block.hover();
  await page.getByRole('button', { name: 'Toggle word wrap' }).first().click();
  await expect(block.locator('code')).toHaveAttribute('style', /white-space: pre-wrap/);

  await gotoHydrated(page, '/labs/batch');
  const exercise = page.locator('#exercise-2');
  await exercise.scrollIntoViewIfNeeded();
  const solution = exercise.locator('details [data-code-block]').first();
  await expect(solution).toBeAttached();
  // In view, but inside a closed <details>: not highlighted until opened.
  await expect(solution.locator('.token')).toHaveCount(0);
  await exercise.getByText('Show solution').click();
  await expect(solution.locator('.token').first()).toBeAttached();
});

test('a code block on a page opened later in the app is highlighted too', async ({ page }) => {
  await gotoHydrated(page, '/');
  await page
    .getByRole('link', { name: /Before you start/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/before-you-start$/);
  const block = page.locator('[data-code-block]').first();
  await block.scrollIntoViewIfNeeded();
  await expect(block.locator('.token').first()).toBeAttached();
});

test('a pre-rendered diagram keeps the server’s SVG after hydration, and one opened later loads its own', async ({
  page,
}) => {
  await page.goto('/step-3-architecture');
  const svg = page.locator('figure[data-diagram="architecture"] svg:visible');
  await expect(svg).toHaveAttribute('id', 'diagram-architecture-light');
  // Mark the server's element: it must be the same node once React has hydrated the page.
  await svg.evaluate((element) => element.setAttribute('data-from-server', 'yes'));
  await expect(page.locator('html[data-has-hydrated="true"]')).toBeAttached();
  await expect(svg).toHaveAttribute('data-from-server', 'yes');
  await expect(svg).toHaveAccessibleName('The proposed AWS architecture');

  await page.goto('/glossary');
  await expect(page.locator('html[data-has-hydrated="true"]')).toBeAttached();
  await page.locator('a[href="/step-1-understand-the-problem"]').first().click();
  await expect(page.locator('figure[data-diagram="problem-paths"] svg:visible')).toBeVisible();
});

test('a lab page fetches its sample’s summary first and the events when the viewer needs them', async ({
  page,
}) => {
  const fetched: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/lab-results/')) fetched.push(path);
  });
  await gotoHydrated(page, '/labs/batch');
  await expect(page.getByText('Showing: Sample run')).toBeVisible();
  const result = page.getByRole('region', { name: 'Result' });
  await result.getByRole('heading', { name: 'Classified events' }).scrollIntoViewIfNeeded();
  await expect(result.getByRole('table', { name: 'Classified events', exact: true })).toBeVisible();
  expect(fetched[0]).toBe('/lab-results/02-batch/_summary.json');
  expect(fetched).toContain('/lab-results/02-batch/events/part-00000.jsonl');
  expect(fetched.indexOf('/lab-results/02-batch/events/part-00000.jsonl')).toBeGreaterThan(0);
});

test('lab pages give the editor and the viewer the width of the table of contents', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await gotoHydrated(page, '/labs/batch');
  await expect(page.locator('.table-of-contents')).toHaveCount(0);
  const result = page.getByRole('region', { name: 'Result' });
  const box = await result.boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(900);
});

test('on a phone, the viewer’s panels wait until they are scrolled to, and code is one text node per block', async ({
  page,
}) => {
  // The server's HTML: a block's code is a single text node until it is highlighted, not an
  // element per line (a lab file would be some 1,300 nodes to parse and hydrate).
  const html = await (await page.request.get('/labs/batch')).text();
  expect(html).toMatch(/<code class="?[^">]*codeBlockLines/);
  expect(html).not.toContain('token-line');

  const fetched: string[] = [];
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  await page.setViewportSize({ width: 412, height: 823 });
  await gotoHydrated(page, '/labs/batch');
  await expect(page.getByText('Showing: Sample run')).toBeAttached();
  // A desktop renders the panels one per idle period; after several idle periods on a phone
  // they still wait, and so do the events they would fetch.
  for (let i = 0; i < 4; i += 1) {
    await page.evaluate(
      () => new Promise((resolve) => window.requestIdleCallback(() => resolve(undefined))),
    );
  }
  const result = page.getByRole('region', { name: 'Result' });
  await expect(result.getByRole('table', { name: 'Classified events', exact: true })).toHaveCount(
    0,
  );
  expect(fetched).not.toContain('/lab-results/02-batch/events/part-00000.jsonl');

  await result.getByRole('heading', { name: 'Classified events' }).scrollIntoViewIfNeeded();
  await expect(result.getByRole('table', { name: 'Classified events', exact: true })).toBeVisible();
  expect(fetched).toContain('/lab-results/02-batch/events/part-00000.jsonl');
});
