// Two test projects: `node` (shared/, main/, CLI, packaging: real files and ptys, and the page's
// pure modules, tested under test/renderer/<folder>/ like renderer/src/<folder>/) and `page`
// (test/renderer/*.test.ts: the real page in Debian's Chromium through playwright-core).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  define: { __SENSORCAST_VERSION__: JSON.stringify(process.env.npm_package_version ?? '0.0.0-test') },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/renderer/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          setupFiles: ['test/setup/electron-mock.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'page',
          include: ['test/renderer/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // One browser at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
