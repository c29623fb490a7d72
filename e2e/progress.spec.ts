import { expect, gotoHydrated, test } from './fixtures';

test('progress marked per page survives a reload and offers to resume', async ({ page }) => {
  await gotoHydrated(page, '/');
  await expect(page.getByRole('link', { name: 'Start the workshop' })).toBeVisible();

  await gotoHydrated(page, '/step-1-understand-the-problem');
  const toggle = page.getByRole('button', { name: 'Mark this page as done' });
  await toggle.click();
  await expect(page.getByRole('button', { name: /Done/ })).toHaveAttribute('aria-pressed', 'true');

  await gotoHydrated(page, '/step-2-process/a-functionalities');
  await page.getByRole('button', { name: 'Mark this page as done' }).click();
  await gotoHydrated(page, '/step-2-process/b-quality-attributes');

  await page.reload();
  await expect(page.locator('html[data-has-hydrated="true"]')).toBeAttached();
  const sidebar = page.getByRole('navigation', { name: 'Docs sidebar' });
  await expect(sidebar.locator('.sidebar-item--done')).toHaveCount(2);
  await expect(page.getByRole('progressbar', { name: /2 of \d+ pages done/ })).toBeVisible();

  await gotoHydrated(page, '/');
  await expect(page.getByText(/2 done, .* to go/)).toBeVisible();
  const resume = page.getByRole('link', { name: /Resume: .*quality attributes/i }).last();
  await resume.click();
  await expect(page).toHaveURL(/b-quality-attributes/);

  // Undo is one click away, and is kept too.
  await gotoHydrated(page, '/step-1-understand-the-problem');
  await page.getByRole('button', { name: /Done/ }).click();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Mark this page as done' })).toBeVisible();

  // Pages outside the workshop's steps are not counted and cannot be marked done.
  for (const path of ['/connect', '/instructor-guide']) {
    await gotoHydrated(page, path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('button', { name: /Mark this page as done|Done/ })).toHaveCount(0);
  }
});

test('starts afresh when stored progress is unreadable', async ({ page }) => {
  await gotoHydrated(page, '/');
  await page.evaluate(() =>
    window.localStorage.setItem('emr-spark-workshop:progress', '{not json'),
  );
  await page.reload();
  await expect(page.getByRole('link', { name: 'Start the workshop' })).toBeVisible();
});
