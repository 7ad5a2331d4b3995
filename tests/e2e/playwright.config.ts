import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';

/**
 * End-to-end tests in Debian's Chromium (the `chromium` package), driven by Playwright.
 * Playwright's own browser download is never used: executablePath points at /usr/bin/chromium
 * (tests/support/chromium.ts, shared with the benchmarks).
 */
export { CHROMIUM_ARGS, CHROMIUM_PATH };

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1080, height: 1920 },
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
