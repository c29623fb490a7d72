/**
 * The runner executes code, so every request proves it comes from the page this runner
 * served: the Host is the local origin (no DNS rebinding), any Origin is that same origin
 * (no cross-site requests), and API calls carry the per-start token injected into that page.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const TOKEN_HEADER = 'x-runner-token';
export const TOKEN_META = 'lab-runner-token';

export const newToken = (): string => randomBytes(24).toString('base64url');

const localHosts = (port: number) => [`localhost:${port}`, `127.0.0.1:${port}`];

export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host !== undefined && localHosts(port).includes(host.toLowerCase());
}

/** No Origin (same-origin GET, curl) is fine; a present Origin must be this runner's. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return localHosts(port).some((host) => origin.toLowerCase() === `http://${host}`);
}

export function tokenMatches(given: string | null | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Puts the token into a served HTML page, where only same-origin scripts can read it. */
export function injectToken(html: string, token: string): string {
  const meta = `<meta name="${TOKEN_META}" content="${token}">`;
  return html.includes('</head>') ? html.replace('</head>', `${meta}</head>`) : meta + html;
}
