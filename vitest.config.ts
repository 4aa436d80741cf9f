import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

export default defineConfig({
  plugins: [preact()],
  test: {
    reporters: ['default', 'json'],
    outputFile: { json: '.test-results/vitest.json' },
    projects: [
      {
        extends: true,
        // chrome.i18n is the browser's: unit tests read the catalogs on disk instead (test/unit/support/i18n.ts).
        resolve: {
          alias: [
            { find: /^.*\/i18n-chrome(\.ts)?$/, replacement: `${import.meta.dirname}/test/unit/support/i18n.ts` },
          ],
        },
        test: { name: 'unit', include: ['test/unit/**/*.test.{ts,tsx}'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          maxWorkers: 1,
        },
      },
    ],
  },
});
