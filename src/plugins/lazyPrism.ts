import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import type { Plugin } from '@docusaurus/types';

const require = createRequire(import.meta.url);

/** The classic theme's client module that loads Prism (and its extra languages) on every page. */
const PRISM_CLIENT_MODULE = join(
  dirname(require.resolve('@docusaurus/theme-classic/package.json')),
  'lib',
  'prism-include-languages',
);

/**
 * Keeps the syntax highlighter out of every page's first scripts: the classic theme loads
 * Prism from a client module (about 30 KB gzip in main.js). That module is replaced by an
 * empty one; src/theme/CodeBlock/Content loads Prism with the extra languages in a chunk of
 * its own when a block comes into view.
 */
export default function lazyPrismPlugin(): Plugin {
  return {
    name: 'lazy-prism',
    configureWebpack() {
      return { resolve: { alias: { [PRISM_CLIENT_MODULE]: false } } };
    },
  };
}
