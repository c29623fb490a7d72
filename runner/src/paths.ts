import { isAbsolute, relative, resolve, sep } from 'node:path';

import { forbidden } from './errors';

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
