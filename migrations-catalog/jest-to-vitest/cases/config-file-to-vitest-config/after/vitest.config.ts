import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    setupFiles: ['./test/setup.ts'],
    testTimeout: 20000,
    clearMocks: true,
    mockReset: true,
  },
});
