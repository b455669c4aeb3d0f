import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'migrations-catalog/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'migrations-catalog/*/cases/**', 'examples/**'],
    // Tests that start bin/godwit.js run the compiled CLI: build dist/ first when sources changed.
    globalSetup: ['test/support/build-dist.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
