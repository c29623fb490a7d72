import { expect, gotoHydrated, test } from './fixtures';

// A newcomer's first visit: read the welcome page, then walk the seed's steps in order.
const STEP_TITLES = [
  /before you start/i,
  /step 1/i,
  /step 2/i,
  /functionalities/i,
  /quality attributes/i,
  /non-functional requirements/i,
  /enterprise environment/i,
  /lego pieces/i,
  /step 3/i,
  /the labs/i,
  /lab 1/i,
  /lab 2/i,
  /lab 3/i,
  /lab 4/i,
  /clean up/i,
  /summary/i,
  /troubleshooting/i,
  /glossary/i,
];

test('walks from the welcome page through steps 1 to 3 and the labs with the next-page links', async ({
  page,
}) => {
  await gotoHydrated(page, '/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Your progress' })).toBeVisible();

  for (const title of STEP_TITLES) {
    await page
      .getByRole('navigation', { name: 'Docs pages' })
      .getByRole('link', { name: /Next/ })
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    // Each page says how long it takes and where it sits in the workshop.
    await expect(page.getByText(/Page \d+ of \d+/)).toBeVisible();
  }
  await expect(
    page.getByRole('navigation', { name: 'Docs pages' }).getByRole('link', { name: /Next/ }),
  ).toHaveCount(0);
});

test('draws the process and architecture diagrams', async ({ page }) => {
  for (const path of ['/step-1-understand-the-problem', '/step-3-architecture']) {
    await gotoHydrated(page, path);
    await expect(page.locator('figure[data-diagram] svg:visible').first()).toBeVisible();
  }
});

test('finds a page through the offline search', async ({ page }) => {
  await gotoHydrated(page, '/');
  const search = page.getByRole('textbox', { name: 'Search' });
  await search.fill('response measure');
  const suggestion = page
    .getByRole('option')
    .filter({ hasText: /quality attributes/i })
    .first();
  await expect(suggestion).toBeVisible();
  await suggestion.click();
  await expect(page).toHaveURL(/b-quality-attributes/);
});

test('switches to dark mode and keeps it after a reload', async ({ page }) => {
  await gotoHydrated(page, '/step-3-architecture');
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'light');
  const toggle = page.getByRole('button', { name: /dark and light mode/i });
  for (let clicks = 0; clicks < 3; clicks += 1) {
    if ((await html.getAttribute('data-theme')) === 'dark') break;
    await toggle.click();
  }
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'dark');
});
