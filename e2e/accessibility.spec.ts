import { AXE_PAGE_TIMEOUT_MS, expectNoSeriousViolations, showIn, THEMES } from './axe';
import { builtSitePaths, expect, gotoHydrated, test } from './fixtures';

// Every page of the build passes axe with no serious or critical violation, in light and in
// dark mode: one test per page and mode, so each is timed and reported on its own.
const paths = builtSitePaths();

test('the sitemap lists every page of the workshop', () => {
  expect(paths.length).toBeGreaterThan(8);
  expect(paths).toEqual(expect.arrayContaining(['/', '/labs/batch', '/step-3-architecture']));
});

for (const path of paths) {
  for (const theme of THEMES) {
    test(`${path} is accessible in ${theme} mode`, async ({ page }) => {
      test.setTimeout(AXE_PAGE_TIMEOUT_MS);
      await showIn(page, theme);
      await gotoHydrated(page, path);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      // A pre-rendered diagram shows the SVG of the current mode (the other is display: none).
      const diagrams = page.locator('figure[data-diagram]');
      if ((await diagrams.count()) > 0) {
        await expect(diagrams.locator(`svg[id$="-${theme}"]`).first()).toBeVisible();
      }
      await expectNoSeriousViolations(page, `${path} (${theme})`);
    });
  }
}
