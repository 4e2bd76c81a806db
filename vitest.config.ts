import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The HTML report's inlined assets are generated, not committed.
    globalSetup: ['test/helpers/generate-assets.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
