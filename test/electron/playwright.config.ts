import { defineConfig } from '@playwright/test';
import { findElectronExecutable, NO_ELECTRON_REASON } from './electronExecutable.js';

// The list reporter does not print skip reasons; say it once, plainly.
if (findElectronExecutable() === null) console.warn(`[electron tests] skipping: ${NO_ELECTRON_REASON}`);

/**
 * Tests of the real Electron shell (window hardening, preload, IPC). They need the Electron binary
 * and skip with a stated reason where it is missing; CI runs them in .github/workflows/electron.yml.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../../test-results/electron',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  reporter: [['list'], ['json', { outputFile: '../../test-results/playwright-electron.json' }]],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
});
