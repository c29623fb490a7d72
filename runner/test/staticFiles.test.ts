import { mkdirSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { BytesCache, isContentHashed, negotiateEncoding } from '../src/staticFiles';
import { startTestRunner, type TestRunner } from './helpers';

let runner: TestRunner | undefined;
let other: TestRunner | undefined;
afterEach(async () => {
  await runner?.close();
  await other?.close();
  runner = other = undefined;
});

/** Text that compresses, but not to nothing: lines that differ. */
const filler = (what: string, lines: number) =>
  Array.from({ length: lines }, (_, i) => `${what} line ${i} of the fixture ${i * 7919}`).join(
    '\n',
  );

const JS = '/assets/js/main.3f2a1b9c.js';
const CSS = '/assets/css/styles.abcd1234.css';
const RESULT = '/lab-results/02-batch/_summary.json';
const files: Record<string, string> = {
  'index.html': `<!doctype html><html><head><title>home</title></head><body>${filler('<p>home</p>', 200)}</body></html>`,
  'labs/batch.html': `<!doctype html><html><head><title>batch</title></head><body>${filler('<p>batch</p>', 200)}</body></html>`,
  '404.html': `<!doctype html><html><head><title>404</title></head><body>${filler('<p>not found</p>', 100)}</body></html>`,
  [JS.slice(1)]: filler('console.log(1);', 300),
  [CSS.slice(1)]: filler('.a { color: red; }', 300),
  [RESULT.slice(1)]: JSON.stringify({ rows: filler('row', 200).split('\n') }),
  'img/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
};
/** A fixture file's text, by URL path. */
const text = (path: string): string => files[path.slice(1)] ?? '';
let siteDir: string;
beforeAll(() => {
  siteDir = mkdtempSync(join(tmpdir(), 'runner-static-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(siteDir, path)), { recursive: true });
    writeFileSync(join(siteDir, path), text);
  }
});

type Response = { status: number; headers: Record<string, string | undefined>; body: Buffer };

/** A raw request that keeps the body's bytes as sent (helpers' `request` decodes them). */
function get(
  target: TestRunner,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: target.port,
        method,
        path,
        headers: { host: `localhost:${target.port}`, ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers as Record<string, string | undefined>,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const decoded = (response: Response): string => {
  const encoding = response.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(response.body).toString();
  if (encoding === 'gzip') return gunzipSync(response.body).toString();
  expect(encoding).toBeUndefined();
  return response.body.toString();
};

const tokenMeta = (token: string) => `<meta name="lab-runner-token" content="${token}">`;

describe('compression', () => {
  it('sends brotli when accepted, gzip when only gzip is, with vary; the bytes decode to the file', async () => {
    runner = await startTestRunner({ worker: 'plain', siteDir });
    for (const path of [JS, CSS, RESULT]) {
      const br = await get(runner, path, { 'accept-encoding': 'gzip, deflate, br' });
      expect(br.headers['content-encoding'], path).toBe('br');
      expect(br.headers.vary).toBe('accept-encoding');
      expect(Number(br.headers['content-length'])).toBe(br.body.length);
      expect(br.body.length).toBeLessThan(text(path).length / 2);
      expect(decoded(br)).toBe(files[path.slice(1)]);

      const gz = await get(runner, path, { 'accept-encoding': 'gzip' });
      expect(gz.headers['content-encoding'], path).toBe('gzip');
      expect(gz.headers.vary).toBe('accept-encoding');
      expect(decoded(gz)).toBe(files[path.slice(1)]);
    }
    // Security headers are still there.
    const js = await get(runner, JS, { 'accept-encoding': 'br' });
    expect(js.headers['x-content-type-options']).toBe('nosniff');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('sends identity without Accept-Encoding, and leaves files under 1 KB alone', async () => {
    runner = await startTestRunner({ worker: 'plain', siteDir });
    const plain = await get(runner, JS);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('accept-encoding');
    expect(plain.body.toString()).toBe(files[JS.slice(1)]);
    expect(Number(plain.headers['content-length'])).toBe(plain.body.length);

    const refused = await get(runner, JS, { 'accept-encoding': 'br;q=0, gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();

    const tiny = await get(runner, '/img/logo.svg', { 'accept-encoding': 'br' });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body.toString()).toBe(files['img/logo.svg']);
  });

  it('negotiates by q-value, then prefers brotli', () => {
    expect(negotiateEncoding(undefined)).toBe('identity');
    expect(negotiateEncoding('gzip, br')).toBe('br');
    expect(negotiateEncoding('br;q=0.5, gzip;q=1')).toBe('gzip');
    expect(negotiateEncoding('br;q=0, gzip')).toBe('gzip');
    expect(negotiateEncoding('*')).toBe('br');
    expect(negotiateEncoding('deflate, identity')).toBe('identity');
    expect(negotiateEncoding('x-gzip')).toBe('gzip');
  });

  it('keeps the token in compressed HTML, for pages and the 404 page', async () => {
    runner = await startTestRunner({ worker: 'plain', siteDir });
    for (const encoding of ['br', 'gzip']) {
      for (const path of ['/', '/labs/batch']) {
        const page = await get(runner, path, { 'accept-encoding': encoding });
        expect(page.status).toBe(200);
        expect(page.headers['content-encoding']).toBe(encoding);
        expect(decoded(page)).toContain(`${tokenMeta(runner.token)}</head>`);
      }
      const missing = await get(runner, '/no/such/page', { 'accept-encoding': encoding });
      expect(missing.status).toBe(404);
      expect(missing.headers['cache-control']).toBe('no-store');
      expect(missing.headers.etag).toBeUndefined();
      expect(decoded(missing)).toBe(
        text('/404.html').replace('</head>', `${tokenMeta(runner.token)}</head>`),
      );
    }
  });

  it('compresses each static file once, within the cache’s bound', async () => {
    const cache = new BytesCache(100);
    const stats = statSync(join(siteDir, JS.slice(1)));
    let made = 0;
    const make = async () => {
      made += 1;
      return Buffer.alloc(40);
    };
    const key = BytesCache.key('a', stats, 'br');
    await Promise.all([cache.get(key, make), cache.get(key, make)]);
    await cache.get(key, make);
    expect(made).toBe(1);
    await cache.get(BytesCache.key('b', stats, 'br'), make);
    await cache.get(key, make); // "a" is now the most recently used
    await cache.get(BytesCache.key('c', stats, 'br'), make); // 120 bytes: drops "b"
    expect(cache.bytes).toBe(80);
    await cache.get(key, make);
    expect(made).toBe(3);
    await cache.get(BytesCache.key('b', stats, 'br'), make);
    expect(made).toBe(4);
    expect(cache.bytes).toBeLessThanOrEqual(100);
  });
});

describe('caching', () => {
  it('marks content-hashed /assets/ files immutable, and nothing else', async () => {
    runner = await startTestRunner({ worker: 'plain', siteDir });
    for (const path of [JS, CSS]) {
      const asset = await get(runner, path, { 'accept-encoding': 'br' });
      expect(asset.headers['cache-control'], path).toBe('public, max-age=31536000, immutable');
    }
    for (const path of [RESULT, '/img/logo.svg', '/']) {
      const file = await get(runner, path);
      expect(file.headers['cache-control'], path).toBe('no-cache');
    }
    expect(isContentHashed('assets/fonts/codicon-b5576db5d289588c191297b53a1d23f2.ttf')).toBe(true);
    expect(isContentHashed('assets/js/main.js')).toBe(false);
    expect(isContentHashed('img/logo.3f2a1b9c.svg')).toBe(false);
  });

  it('revalidates HTML: no-cache, an ETag of the page with this token, 304 without a body', async () => {
    runner = await startTestRunner({ worker: 'plain', siteDir });
    const page = await get(runner, '/labs/batch', { 'accept-encoding': 'br' });
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['last-modified']).toBeUndefined();
    const etag = page.headers.etag;
    expect(etag).toMatch(/^(W\/)?"[^"]+"$/);
    // The identity and brotli copies are one page, one validator.
    expect((await get(runner, '/labs/batch')).headers.etag).toBe(etag);

    const again = await get(runner, '/labs/batch', {
      'accept-encoding': 'br',
      'if-none-match': etag ?? '',
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    expect(again.headers['cache-control']).toBe('no-cache');
    expect(again.headers.vary).toBe('accept-encoding');

    const stale = await get(runner, '/labs/batch', { 'if-none-match': '"something-else"' });
    expect(stale.status).toBe(200);
    expect(decoded(stale)).toContain(tokenMeta(runner.token));

    // Another runner process has another token: the old copy is not current there.
    other = await startTestRunner({ worker: 'plain', siteDir });
    const elsewhere = await get(other, '/labs/batch', { 'if-none-match': etag ?? '' });
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.headers.etag).not.toBe(etag);
    expect(decoded(elsewhere)).toContain(tokenMeta(other.token));
  });

  it('revalidates other static files by ETag and by If-Modified-Since', async () => {
    runner = await startTestRunner({ worker: 'plain', siteDir });
    const path = join(siteDir, RESULT.slice(1));
    const modified = new Date('2024-05-01T12:00:00.250Z');
    utimesSync(path, modified, modified);
    const first = await get(runner, RESULT, { 'accept-encoding': 'gzip' });
    expect(first.status).toBe(200);
    expect(first.headers['last-modified']).toBe(modified.toUTCString());
    expect(first.headers.etag).toBeDefined();

    const since = await get(runner, RESULT, {
      'accept-encoding': 'gzip',
      'if-modified-since': modified.toUTCString(),
    });
    expect(since.status).toBe(304);
    expect(since.body.length).toBe(0);
    expect(since.headers['last-modified']).toBe(modified.toUTCString());

    const older = await get(runner, RESULT, {
      'if-modified-since': new Date('2024-04-30T00:00:00Z').toUTCString(),
    });
    expect(older.status).toBe(200);
    expect(older.body.toString()).toBe(files[RESULT.slice(1)]);

    const byTag = await get(runner, RESULT, { 'if-none-match': first.headers.etag ?? '' });
    expect(byTag.status).toBe(304);
    // A changed file has a new validator and new (not cached) bytes.
    writeFileSync(path, `${files[RESULT.slice(1)]}\n`);
    const changed = await get(runner, RESULT, {
      'accept-encoding': 'br',
      'if-none-match': first.headers.etag ?? '',
    });
    expect(changed.status).toBe(200);
    expect(decoded(changed)).toBe(`${files[RESULT.slice(1)]}\n`);
    writeFileSync(path, text(RESULT));
  });

  it('answers HEAD with the GET’s headers and no body', async () => {
    runner = await startTestRunner({ worker: 'plain', siteDir });
    for (const [path, headers] of [
      [JS, { 'accept-encoding': 'br' }],
      [JS, {}],
      ['/', { 'accept-encoding': 'gzip' }],
    ] as const) {
      const full = await get(runner, path, headers);
      const head = await get(runner, path, headers, 'HEAD');
      expect(head.status).toBe(200);
      expect(head.body.length).toBe(0);
      for (const name of ['content-type', 'content-encoding', 'cache-control', 'etag', 'vary'])
        expect(head.headers[name], `${path} ${name}`).toBe(full.headers[name]);
      expect(Number(head.headers['content-length'])).toBe(full.body.length);
    }
  });
});

describe('run results', () => {
  it('stay no-store, compressed as they stream, and are never cached', async () => {
    const started = await startTestRunner({ worker: 'plain' });
    runner = started;
    const { json } = await started.json('POST', '/api/runs', { lab: 'hello', files: {} });
    const id = json.id as string;
    await started.follow(id);
    const part = join(started.runs.get(id).outputDir, 'events', 'part-1.jsonl');
    const lines = filler('{"event": 1}', 500);
    writeFileSync(part, lines);
    const url = `/api/runs/${id}/result/events/part-1.jsonl`;
    const auth = { 'x-runner-token': started.token };

    for (const encoding of ['br', 'gzip']) {
      const result = await get(started, url, { ...auth, 'accept-encoding': encoding });
      expect(result.status).toBe(200);
      expect(result.headers['cache-control']).toBe('no-store');
      expect(result.headers['content-encoding']).toBe(encoding);
      expect(result.headers.vary).toBe('accept-encoding');
      expect(result.headers.etag).toBeUndefined();
      expect(result.body.length).toBeLessThan(lines.length / 2);
      expect(decoded(result)).toBe(lines);
    }
    const plain = await get(started, url, auth);
    expect(plain.headers['cache-control']).toBe('no-store');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(lines);

    // Rewritten with the same size and mtime (a cache keyed like static files would miss it):
    // the next request sees the new bytes.
    const { mtime } = statSync(part);
    const rewritten = lines.replaceAll('event', 'EVENT');
    writeFileSync(part, rewritten);
    utimesSync(part, mtime, mtime);
    const again = await get(started, url, { ...auth, 'accept-encoding': 'br' });
    expect(decoded(again)).toBe(rewritten);
    expect(readFileSync(part, 'utf8')).toBe(rewritten);
  });
});
