import { defineConfig } from 'vitest/config';

// The crash soak SIGKILLs worker processes for minutes; it runs in its own invocation, after the
// rest (`npm test` does both), so its timing does not compete with ~90 other files on 2 cores.
const SOAK = ['test/core/process/killSoak.test.ts'];
const isSoakRun = process.env.WA_INBOX_TEST_SOAK === '1';

export default defineConfig({
  test: {
    include: isSoakRun
      ? SOAK
      : ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/e2e/**', 'dist/**', ...(isSoakRun ? [] : SOAK)],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Simulator and store tests bind loopback ports and temp dirs; keep them isolated per file.
    isolate: true,
  },
});
