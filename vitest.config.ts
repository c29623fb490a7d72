import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Components render in tests as in the site's build: the automatic JSX runtime, `@site/…`.
  esbuild: { jsx: 'automatic' },
  resolve: {
    alias: [{ find: /^@site\//, replacement: fileURLToPath(new URL('./', import.meta.url)) }],
  },
  test: {
    include: [
      'src/**/*.test.ts',
      'runner/**/*.test.ts',
      'scripts/**/*.test.ts',
      'infra/**/*.test.ts',
    ],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    environment: 'node',
  },
});
