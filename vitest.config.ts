import { defineConfig } from 'vitest/config';

// Two projects: pure logic under Node, and specs that drive Debian's Chromium (playwright-core).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'models/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/e2e/**/*.spec.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // One Chromium at a time: the machine has two cores and audio timing tests need them.
          fileParallelism: false,
        },
      },
    ],
  },
});
