import { join } from 'node:path';

import type { Plugin } from '@docusaurus/types';

/**
 * Keeps the diagrams' SVGs out of the browser's scripts: src/diagrams/index.ts (every diagram
 * with its SVGs) is an empty module in the client bundle. The server renders the SVGs into each
 * page's HTML; in the browser, src/components/Diagram keeps that HTML, or fetches a diagram's
 * own chunk (src/diagrams/loaders.ts) on a page opened later in the app.
 */
export default function diagramsPlugin(context: { siteDir: string }): Plugin {
  const folder = join(context.siteDir, 'src', 'diagrams');
  return {
    name: 'diagrams',
    configureWebpack(_config, isServer) {
      if (isServer) return {};
      // `@site/src/diagrams` resolves to the folder (`$`: that exact request, not its files).
      return { resolve: { alias: { [`${folder}$`]: false, [join(folder, 'index.ts')]: false } } };
    },
  };
}
