import type { Plugin } from '@docusaurus/types';

/** Monaco's own files, wherever a package manager puts them. */
const MONACO = /[\\/]node_modules[\\/]monaco-editor[\\/]/;

/**
 * Keeps Monaco's stylesheets out of the site's one global stylesheet. Docusaurus puts every CSS
 * module into `styles.css` on every page; Monaco ships about a hundred CSS files imported from
 * its scripts, which would add about 21 KB gzip to every page (17 → 38 KB, over the 25 KB
 * budget). A higher-priority cache group puts them into their own CSS chunk instead, which
 * loads with the lab editor's lazy Monaco chunk.
 *
 * The server build never runs Monaco (the editor loads only in the browser), so there its
 * modules are replaced by empty ones instead of being compiled for nothing.
 */
export default function monacoCssPlugin(): Plugin {
  return {
    name: 'monaco-css',
    configureWebpack(_config, isServer) {
      if (isServer) {
        return { resolve: { alias: { 'monaco-editor': false, '@monaco-editor/react': false } } };
      }
      return {
        optimization: {
          splitChunks: {
            cacheGroups: {
              monacoStyles: {
                test: MONACO,
                type: 'css/mini-extract',
                chunks: 'async',
                enforce: true,
                priority: 60,
              },
            },
          },
        },
      };
    },
  };
}
