/**
 * What the page measurements share (scripts/size-budget.mjs, scripts/bench-pages.mjs): the
 * production build's pages, a plain static server over the build, and Debian's Chromium.
 */
/* global window -- functions passed to page.evaluate run in the page */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, relative, sep } from 'node:path';

import { chromium } from '@playwright/test';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jsonl': 'application/x-ndjson; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Every HTML page of the build as a URL path (`index.html` → `/`, `a/b.html` → `/a/b`). */
export function pagePaths(buildDir) {
  const paths = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.html') && name !== '404.html') {
        const page = relative(buildDir, path).split(sep).join('/');
        paths.push(`/${page.replace(/(^|\/)index\.html$/, '').replace(/\.html$/, '')}`);
      }
    }
  };
  walk(buildDir);
  return paths.sort();
}

/** Serves `buildDir` on 127.0.0.1 (a free port) the way Docusaurus lays it out. */
export async function serveBuild(buildDir) {
  if (!existsSync(join(buildDir, 'index.html'))) {
    throw new Error(
      `No site build in ${buildDir}/: run the production build first (npm run build).`,
    );
  }
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const base = normalize(join(buildDir, decodeURIComponent(url.pathname)));
    const file = [base, `${base}.html`, join(base, 'index.html')].find(
      (candidate) =>
        candidate.startsWith(buildDir) && existsSync(candidate) && statSync(candidate).isFile(),
    );
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = server.address();
  return { origin: `http://localhost:${port}`, close: () => server.close() };
}

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
}

/**
 * Installed before a page's own scripts: records when React has hydrated the page (Docusaurus
 * then sets `data-has-hydrated` on <html>) and every main-thread task longer than 50 ms.
 */
export const PROBE = `
  window.__probe = { hydratedAt: undefined, tasks: [] };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      window.__probe.tasks.push({ start: entry.startTime, duration: entry.duration });
    }
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver((_, observer) => {
    if (document.documentElement?.dataset.hasHydrated === 'true') {
      window.__probe.hydratedAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-has-hydrated'] });
`;

/** Opens `path` and waits until the page has hydrated; returns the Playwright page. */
export async function openHydrated(context, origin, path) {
  const page = await context.newPage();
  await page.addInitScript(PROBE);
  await page.goto(`${origin}${path}`);
  await page.waitForFunction(() => window.__probe.hydratedAt !== undefined, undefined, {
    timeout: 60_000,
  });
  return page;
}
