import { isAbsolute, relative, resolve, sep } from 'node:path';

import { badRequest, forbidden } from './errors';

/** Resolves `path` inside `root`, refusing anything that would land outside it. */
export function insideRoot(root: string, path: string): string {
  const decoded = path.includes('\0') ? null : path;
  const target = decoded === null ? null : resolve(root, `.${sep}${decoded}`);
  const rel = target === null ? '..' : relative(root, target);
  if (target === null || rel.startsWith('..') || isAbsolute(rel)) {
    throw forbidden(`The path "${path}" is outside the folder the runner serves.`);
  }
  return target;
}

/** Decodes one percent-encoded URL path; a broken escape (`%E0%A4%A`) is the client's mistake. */
export function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    throw badRequest(
      `The address "${path}" has a broken percent escape (% must be followed by two hex digits); fix the link or type the address again.`,
    );
  }
}
