import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { test as base, expect, type Page } from '@playwright/test';

/** Origins a spec may reach besides the site: the AWS stand-in (moto) of the EMR journey. */
const allowedOrigins = new Set<string>();
export const allowOrigin = (origin: string): void => {
  allowedOrigins.add(origin);
};

/**
 * `page` is overridden so every navigation waits for React to hydrate, and so that an
 * unexpected console error or a request to anything but this site fails the test.
 */
export const test = base.extend({
  page: async ({ page, baseURL }, use) => {
    const siteOrigin = new URL(baseURL ?? 'http://localhost').origin;
    const thirdPartyRequests: string[] = [];
    const consoleErrors: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      const foreign = url.origin !== siteOrigin && !allowedOrigins.has(url.origin);
      if (!['data:', 'blob:'].includes(url.protocol) && foreign) {
        thirdPartyRequests.push(request.url());
      }
    });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await use(page);
    expect(thirdPartyRequests, 'requests to other origins').toEqual([]);
    expect(consoleErrors, 'console errors').toEqual([]);
  },
});

export { expect };

export async function gotoHydrated(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(page.locator('html[data-has-hydrated="true"]')).toBeAttached();
}

/**
 * Every page of the site, from the sitemap the build writes, read when the tests are collected
 * so that each page can have tests of its own. `npm test` builds the site before these run.
 */
export function builtSitePaths(buildDir = 'build'): string[] {
  const sitemap = join(buildDir, 'sitemap.xml');
  if (!existsSync(sitemap)) {
    throw new Error(`${sitemap} is missing: build the site first (npm run build).`);
  }
  const xml = readFileSync(sitemap, 'utf8');
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map(
    (match) => new URL(match[1] ?? '/').pathname,
  );
}
