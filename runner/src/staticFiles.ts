/**
 * Serving files like a web server: content types, Accept-Encoding negotiation (br, gzip),
 * cache policy, validators (ETag, Last-Modified, 304) and a bounded cache of compressed bytes.
 *
 * The built site does not change while the runner runs, so each static file is compressed
 * once and kept in memory. Run results may still be being written: they are compressed on
 * the fly, never cached.
 */
import { createHash } from 'node:crypto';
import { createReadStream, type Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { basename, extname, relative, sep } from 'node:path';
import { pipeline } from 'node:stream';
import {
  brotliCompress,
  constants as zlib,
  createBrotliCompress,
  createGzip,
  gzip,
  type BrotliOptions,
  type ZlibOptions,
} from 'node:zlib';

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jsonl': 'application/x-ndjson; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/** Extensions worth compressing: text. Images, fonts and zips are compressed already. */
const COMPRESSIBLE = new Set([
  '.html',
  '.js',
  '.css',
  '.json',
  '.jsonl',
  '.map',
  '.webmanifest',
  '.svg',
  '.txt',
  '.xml',
  '.ttf',
]);

/** Below this, compression saves less than the headers it adds. */
export const MIN_COMPRESS_BYTES = 1024;

export type Encoding = 'br' | 'gzip' | 'identity';

export const contentType = (path: string): string =>
  CONTENT_TYPES[extname(path)] ?? 'application/octet-stream';

export const isCompressible = (path: string): boolean => COMPRESSIBLE.has(extname(path));

/**
 * The best coding the client accepts: br, then gzip, else identity. Honours q-values
 * (`gzip;q=1, br;q=0.5` picks gzip, `br;q=0` refuses br) and `*`.
 */
export function negotiateEncoding(acceptEncoding: string | string[] | undefined): Encoding {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : acceptEncoding;
  if (!header) return 'identity';
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    if (!coding) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    weights.set(coding === 'x-gzip' ? 'gzip' : coding, q === undefined ? 1 : Number(q) || 0);
  }
  const weight = (coding: string) => weights.get(coding) ?? weights.get('*') ?? 0;
  const br = weight('br');
  const gz = weight('gzip');
  if (br > 0 && br >= gz) return 'br';
  if (gz > 0) return 'gzip';
  return 'identity';
}

/** Docusaurus's content-hashed output: `/assets/js/main.3f2a1b9c.js`, `…/codicon-<hash>.ttf`. */
export function isContentHashed(relPath: string): boolean {
  const parts = relPath.split(/[\\/]/);
  return parts[0] === 'assets' && /[.-][0-9a-f]{8,}\.[a-z0-9]+$/i.test(basename(relPath));
}

export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
export const CACHE_REVALIDATE = 'no-cache';
export const CACHE_NONE = 'no-store';

/** Hashed assets never change under their name; everything else is revalidated each time. */
export const cacheControlFor = (relPath: string): string =>
  isContentHashed(relPath) ? CACHE_IMMUTABLE : CACHE_REVALIDATE;

/** A validator from what the file system says (the build does not change while we run). */
export const statEtag = (stats: Stats): string =>
  `W/"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;

/** A validator from the bytes sent (for HTML: the page with this process's token in it). */
export const contentEtag = (bytes: Buffer): string =>
  `W/"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;

/**
 * Whether the client's copy is current (answer 304). If-None-Match wins over
 * If-Modified-Since (RFC 9110 §13.2.2); ETags compare weakly.
 */
export function isNotModified(
  headers: IncomingHttpHeaders,
  validators: { etag: string; lastModified?: Date },
): boolean {
  const ifNoneMatch = headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
    const wanted = opaque(validators.etag);
    return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === wanted);
  }
  const ifModifiedSince = headers['if-modified-since'];
  if (ifModifiedSince === undefined || validators.lastModified === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  // HTTP dates have whole seconds; the file's mtime has milliseconds.
  return (
    !Number.isNaN(since) && Math.floor(validators.lastModified.getTime() / 1000) * 1000 <= since
  );
}

/**
 * Brotli quality for a file compressed once and cached. Measured on this site's build
 * (2 cores): quality 11 takes 5.4 s for the 3.3 MB Monaco chunk and 0.75 s for the 0.5 MB
 * main.js, far too slow for a first request. Quality 9 takes 0.06 s for main.js but 0.29 s
 * for the Monaco chunk (7: 0.15 s, 6: 0.1 s, 1.3 % bigger than 7). So 9 up to 1 MiB, 6 above:
 * the Monaco chunk's first request through the runner then takes 0.17–0.36 s on a busy
 * machine, later ones ~3 ms.
 */
export const brotliQuality = (size: number): number => (size <= 1024 * 1024 ? 9 : 6);

const brotliOptions = (size: number, quality: number): BrotliOptions => ({
  params: {
    [zlib.BROTLI_PARAM_QUALITY]: quality,
    [zlib.BROTLI_PARAM_SIZE_HINT]: size,
    [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
  },
});

/** Compresses a whole buffer, off the main thread (zlib's thread pool). */
export function compressBytes(bytes: Buffer, encoding: Exclude<Encoding, 'identity'>) {
  return new Promise<Buffer>((resolve, reject) => {
    const done = (error: Error | null, result: Buffer) => (error ? reject(error) : resolve(result));
    if (encoding === 'br')
      brotliCompress(bytes, brotliOptions(bytes.length, brotliQuality(bytes.length)), done);
    else gzip(bytes, { level: 9 } satisfies ZlibOptions, done);
  });
}

/** A streaming compressor for files that may still grow (run results): fast settings. */
export const compressStream = (encoding: Exclude<Encoding, 'identity'>) =>
  encoding === 'br'
    ? createBrotliCompress(brotliOptions(0, 4))
    : createGzip({ level: zlib.Z_DEFAULT_COMPRESSION });

/**
 * The compressed (and token-injected) bytes of static files, keyed by path, mtime, size and
 * variant, least recently used dropped first past `maxBytes`. Concurrent first requests
 * for one entry share one compression.
 */
export class BytesCache {
  private readonly entries = new Map<string, Buffer>();
  private readonly pending = new Map<string, Promise<Buffer>>();
  private total = 0;

  constructor(readonly maxBytes = 64 * 1024 * 1024) {}

  static key(path: string, stats: Stats, variant: string): string {
    return `${path}\0${stats.mtimeMs}\0${stats.size}\0${variant}`;
  }

  get bytes(): number {
    return this.total;
  }

  get size(): number {
    return this.entries.size;
  }

  async get(key: string, make: () => Promise<Buffer>): Promise<Buffer> {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key); // re-insert: most recently used last
      this.entries.set(key, hit);
      return hit;
    }
    const running = this.pending.get(key);
    if (running) return running;
    const made = make().finally(() => this.pending.delete(key));
    this.pending.set(key, made);
    const bytes = await made;
    this.put(key, bytes);
    return bytes;
  }

  private put(key: string, bytes: Buffer): void {
    if (bytes.length > this.maxBytes || this.entries.has(key)) return;
    this.entries.set(key, bytes);
    this.total += bytes.length;
    for (const [oldest, old] of this.entries) {
      if (this.total <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.total -= old.length;
    }
  }
}

export type ServeOptions = {
  /** Headers every response carries (security headers). */
  headers: Record<string, string>;
  status?: number;
};

/** Files bigger than this are compressed as a stream, not cached. */
const MAX_CACHED_FILE_BYTES = 16 * 1024 * 1024;

const etags = new WeakMap<Buffer, string>();

/**
 * Serves a file of the built site: compressed when the client accepts it, with its cache
 * policy and validators, 304 when the client's copy is current. HTML gets `token` injected
 * (`inject`), is revalidated each time and its ETag hashes the injected page, so a new
 * runner process (a new token) never answers 304 to a page holding an old token. A status
 * other than 200 (the 404 page) is `no-store` and never 304.
 */
export async function serveSiteFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: { path: string; siteDir: string },
  cache: BytesCache,
  options: ServeOptions & { inject?: (html: string) => string },
): Promise<void> {
  const { path } = file;
  const status = options.status ?? 200;
  const stats = await stat(path);
  const type = contentType(path);
  const { inject } = options;
  const page =
    inject && type.startsWith('text/html')
      ? await cache.get(BytesCache.key(path, stats, 'page'), async () =>
          Buffer.from(inject(await readFile(path, 'utf8'))),
        )
      : undefined;
  const size = page?.length ?? stats.size;
  const compressible = isCompressible(path);

  const headers: Record<string, string> = { 'content-type': type, ...options.headers };
  if (compressible) headers.vary = 'accept-encoding';
  let etag: string | undefined;
  let lastModified: Date | undefined;
  if (status !== 200) {
    headers['cache-control'] = CACHE_NONE;
  } else if (page) {
    etag = etags.get(page) ?? contentEtag(page);
    etags.set(page, etag);
    headers['cache-control'] = CACHE_REVALIDATE;
  } else {
    etag = statEtag(stats);
    lastModified = stats.mtime;
    headers['cache-control'] = cacheControlFor(relative(file.siteDir, path).split(sep).join('/'));
    headers['last-modified'] = lastModified.toUTCString();
  }
  if (etag) headers.etag = etag;

  if (etag && isNotModified(req.headers, { etag, lastModified })) {
    delete headers['content-type'];
    res.writeHead(304, headers);
    res.end();
    return;
  }

  const encoding =
    compressible && size >= MIN_COMPRESS_BYTES
      ? negotiateEncoding(req.headers['accept-encoding'])
      : 'identity';
  if (encoding !== 'identity') headers['content-encoding'] = encoding;

  if (page === undefined && (encoding === 'identity' || size > MAX_CACHED_FILE_BYTES)) {
    // Straight from disk (identity), or a huge file compressed as it streams.
    if (encoding === 'identity') headers['content-length'] = String(size);
    res.writeHead(status, headers);
    if (req.method === 'HEAD') return void res.end();
    const source = createReadStream(path);
    const onError = (error: Error | null) => error && res.destroy(error);
    if (encoding === 'identity') pipeline(source, res, onError);
    else pipeline(source, compressStream(encoding), res, onError);
    return;
  }

  const body =
    encoding === 'identity'
      ? (page ?? (await readFile(path)))
      : await cache.get(
          BytesCache.key(path, stats, `${page ? 'page' : 'file'}:${encoding}`),
          async () => compressBytes(page ?? (await readFile(path)), encoding),
        );
  headers['content-length'] = String(body.length);
  res.writeHead(status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * Serves a file that may still be being written (a run's result): `no-store`, compressed as
 * it streams when the client accepts it (never cached), identity otherwise.
 */
export function serveLiveFile(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  options: ServeOptions,
): void {
  const headers: Record<string, string> = {
    'content-type': contentType(path),
    ...options.headers,
    'cache-control': CACHE_NONE,
  };
  const compressible = isCompressible(path);
  if (compressible) headers.vary = 'accept-encoding';
  const encoding = compressible ? negotiateEncoding(req.headers['accept-encoding']) : 'identity';
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  res.writeHead(options.status ?? 200, headers);
  if (req.method === 'HEAD') return void res.end();
  const onError = (error: Error | null) => error && res.destroy(error);
  if (encoding === 'identity') pipeline(createReadStream(path), res, onError);
  else pipeline(createReadStream(path), compressStream(encoding), res, onError);
}
