import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Plugin } from '@docusaurus/types';

const require = createRequire(import.meta.url);

/** The classic theme's client module that loads Prism (and its extra languages) on every page. */
const PRISM_CLIENT_MODULE = join(
  dirname(require.resolve('@docusaurus/theme-classic/package.json')),
  'lib',
  'prism-include-languages',
);

/** The code block's statically imported highlighter, for the server's render only. */
const SERVER_HIGHLIGHTER = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'theme',
  'CodeBlock',
  'Content',
  'ServerHighlighted.tsx',
);

/**
 * Keeps the syntax highlighter out of every page's first scripts: the classic theme loads
 * Prism from a client module (about 30 KB gzip in main.js). That module is replaced by an
 * empty one; src/theme/CodeBlock/Content loads Prism with the extra languages in a chunk of
 * its own when a block needs it, and renders highlighted code directly on the server.
 */
export default function lazyPrismPlugin(): Plugin {
  return {
    name: 'lazy-prism',
    configureWebpack(_config, isServer) {
      const alias: Record<string, false> = { [PRISM_CLIENT_MODULE]: false };
      // The server renders highlighted code directly; the browser fetches the highlighter.
      if (!isServer) alias[SERVER_HIGHLIGHTER] = false;
      return { resolve: { alias } };
    },
  };
}
