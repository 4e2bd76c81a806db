import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The plain closing line is what CI reads; Vitest's own report stays for people.
    reporters: ['default', './test/summary-reporter.ts'],
    // The HTML report's inlined assets are generated, not committed.
    globalSetup: ['test/helpers/generate-assets.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
