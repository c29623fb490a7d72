import { defineConfig } from 'vitest/config';

export default defineConfig({
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
