/**
 * The local runner's HTTP server: the built site and the runs API on one origin, bound to
 * 127.0.0.1 only. See security.ts for what every request must prove.
 */
import { existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';

import { badRequest, forbidden, notFound, RunnerError, tooLarge } from './errors';
import { findLab, type LabManifest } from './labs';
import { decodePath, insideRoot } from './paths';
import { isContractPath, isFinished, type RunEvent, type Runs } from './runs';
import {
  injectToken,
  isAllowedHost,
  isAllowedOrigin,
  TOKEN_HEADER,
  tokenMatches,
} from './security';
import { BytesCache, CONTENT_TYPES, serveLiveFile, serveSiteFile } from './staticFiles';

export type ServerOptions = {
  siteDir: string | undefined;
  runs: Runs;
  labs: Map<string, LabManifest>;
  token: string;
  port: number;
  maxBodyBytes: number;
  /** What the runner can offer: whether Java and the labs' Python are installed. */
  health: () => Record<string, unknown>;
};

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'content-type': CONTENT_TYPES['.json'],
    'cache-control': 'no-store',
    ...SECURITY_HEADERS,
  });
  res.end(JSON.stringify(body));
}

async function readJsonBody(
  req: IncomingMessage,
  maxBytes: number,
): Promise<Record<string, unknown>> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    throw badRequest('Send the request body as JSON (content-type: application/json).');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw tooLarge(`The request body is larger than ${maxBytes} bytes.`);
    chunks.push(chunk as Buffer);
  }
  try {
    const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (typeof body !== 'object' || body === null) throw new Error('not an object');
    return body as Record<string, unknown>;
  } catch (error) {
    throw badRequest(`The request body is not a JSON object (${(error as Error).message}).`);
  }
}

/** A page or asset of the built site: compressed, cached, revalidated (see staticFiles.ts). */
function serveFile(
  req: IncomingMessage,
  res: ServerResponse,
  site: { siteDir: string; token: string; cache: BytesCache },
  path: string,
  status = 200,
): Promise<void> {
  return serveSiteFile(req, res, { path, siteDir: site.siteDir }, site.cache, {
    headers: SECURITY_HEADERS,
    status,
    inject: (html) => injectToken(html, site.token),
  });
}

/** Docusaurus writes `/a/b` as `a/b.html` or `a/b/index.html`. */
function siteFile(siteDir: string, urlPath: string): string | undefined {
  const base = insideRoot(siteDir, decodePath(urlPath));
  for (const candidate of [base, `${base}.html`, join(base, 'index.html')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

function streamRunEvents(req: IncomingMessage, res: ServerResponse, runs: Runs, id: string): void {
  const run = runs.get(id);
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    ...SECURITY_HEADERS,
  });
  const send = (event: RunEvent) =>
    res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  // Catch up first: what happened before the page connected.
  for (const line of run.logs) send({ type: 'log', line });
  for (const batch of run.stream) send({ type: 'stream', batch });
  if (run.progress) send({ type: 'progress', progress: run.progress });
  send({ type: 'status', run: runs.publicRun(run) });
  if (isFinished(run.status)) {
    res.end();
    return;
  }
  const unsubscribe = runs.subscribe(id, (event) => {
    send(event);
    if (event.type === 'status' && isFinished(event.run.status)) {
      unsubscribe();
      res.end();
    }
  });
  req.on('close', unsubscribe);
}

export function createRunnerServer(options: ServerOptions): Server {
  const { runs, labs, token, port, siteDir } = options;
  // Compressed and token-injected bytes of the site's files, for this process (this token).
  const cache = new BytesCache();

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const given = req.headers[TOKEN_HEADER] ?? url.searchParams.get('token');
    if (!tokenMatches(Array.isArray(given) ? given[0] : given, token)) {
      throw forbidden('Missing or wrong runner token: reload the page served by this runner.');
    }
    const parts = url.pathname.split('/').filter(Boolean).slice(1); // drop "api"
    const [resource, id, action, ...rest] = parts;
    if (req.method === 'GET' && resource === 'health' && !id) {
      return sendJson(res, 200, options.health());
    }
    if (resource !== 'runs') throw notFound(`No such API: ${url.pathname}.`);
    if (req.method === 'POST' && !id) {
      const body = await readJsonBody(req, options.maxBodyBytes);
      return sendJson(res, 202, runs.submit(findLab(labs, body.lab), body.files ?? {}));
    }
    if (!id) throw notFound(`No such API: ${req.method} ${url.pathname}.`);
    if (req.method === 'GET' && !action) return sendJson(res, 200, runs.publicRun(runs.get(id)));
    if (req.method === 'GET' && action === 'events') return streamRunEvents(req, res, runs, id);
    if (req.method === 'POST' && action === 'cancel')
      return sendJson(res, 200, await runs.cancel(id));
    if (req.method === 'POST' && action === 'stop') return sendJson(res, 200, await runs.stop(id));
    if (req.method === 'GET' && action === 'result' && rest.length > 0) {
      const wanted = rest.map(decodePath).join('/');
      const run = runs.get(id);
      if (!isContractPath(wanted)) {
        throw forbidden(
          `Only the result contract is served (_summary.json, events/, quarantine/).`,
        );
      }
      const path = insideRoot(run.outputDir, wanted);
      if (!existsSync(path) || !statSync(path).isFile()) {
        throw notFound(`Run ${id} has no result file ${rest.join('/')} (yet).`);
      }
      // Possibly still being written: no-store, compressed as it streams, never cached.
      return serveLiveFile(req, res, path, { headers: SECURITY_HEADERS });
    }
    if (req.method === 'GET' && action === 'result') {
      return sendJson(res, 200, { files: runs.resultFiles(id) });
    }
    throw notFound(`No such API: ${req.method} ${url.pathname}.`);
  }

  return createServer((req, res) => {
    void (async () => {
      try {
        if (!isAllowedHost(req.headers.host, port)) {
          throw forbidden(`This runner answers only to localhost:${port}.`);
        }
        if (!isAllowedOrigin(req.headers.origin, port)) {
          throw forbidden('Cross-site requests to the lab runner are refused.');
        }
        const url = new URL(req.url ?? '/', `http://localhost:${port}`);
        if (url.pathname.startsWith('/api/')) return await handleApi(req, res, url);
        if (req.method !== 'GET' && req.method !== 'HEAD')
          throw notFound('Only GET serves the site.');
        if (!siteDir) throw notFound('No site build to serve: run `npm run build` first.');
        const file = siteFile(siteDir, url.pathname);
        const site = { siteDir, token, cache };
        if (file) return await serveFile(req, res, site, file);
        return await serveFile(req, res, site, join(siteDir, '404.html'), 404);
      } catch (error) {
        const status = error instanceof RunnerError ? error.status : 500;
        const message = error instanceof Error ? error.message : String(error);
        if (!res.headersSent) sendJson(res, status, { error: message });
        else res.end();
      }
    })();
  });
}
