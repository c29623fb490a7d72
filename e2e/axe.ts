import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

import { expect } from './fixtures';

/**
 * axe takes 5–25 s on a large page on two cores, so callers check one page per test: a slow
 * page then fails alone, under its own name, instead of pushing a walk of the site past a limit.
 */
export const AXE_PAGE_TIMEOUT_MS = 150_000;

/** Fails with every serious or critical axe violation on the page (or inside `include`). */
export async function expectNoSeriousViolations(
  page: Page,
  where: string,
  include?: string,
): Promise<void> {
  const builder = new AxeBuilder({ page });
  const results = await (include ? builder.include(include) : builder).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(serious, `axe violations on ${where}`).toEqual([]);
}

export const THEMES = ['light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** Shows the page in a colour mode the way a visitor's system setting would. */
export async function showIn(page: Page, theme: Theme): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
}
