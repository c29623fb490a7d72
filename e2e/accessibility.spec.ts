import AxeBuilder from '@axe-core/playwright';

import { expect, gotoHydrated, sitePaths, test } from './fixtures';

// Every page passes axe with no serious or critical violation, in light and in dark mode.
for (const theme of ['light', 'dark'] as const) {
  test(`every page is accessible in ${theme} mode`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme: theme });
    const paths = await sitePaths(page);
    expect(paths.length).toBeGreaterThan(8);
    for (const path of paths) {
      await gotoHydrated(page, path);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      const mermaid = page.locator('.docusaurus-mermaid-container');
      if ((await mermaid.count()) > 0) await expect(mermaid.locator('svg').first()).toBeVisible();
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
      expect(serious, `axe violations on ${path}`).toEqual([]);
    }
  });
}
