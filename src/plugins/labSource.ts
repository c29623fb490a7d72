import type { Plugin } from '@docusaurus/types';

/**
 * Lets pages import a lab's files as text (`import code from '@site/labs/…/x.py?raw'`): the
 * editor shows exactly the file in `labs/` that CI tests and EMR runs, read at build time.
 */
export default function labSourcePlugin(): Plugin {
  return {
    name: 'lab-source',
    configureWebpack() {
      return {
        module: {
          rules: [{ resourceQuery: /raw/, type: 'asset/source' }],
        },
      };
    },
  };
}
