import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';

/**
 * End-to-end tests in Debian's Chromium (the `chromium` package), driven by Playwright.
 * Playwright's own browser download is never used: executablePath points at /usr/bin/chromium
 * (tests/support/chromium.ts, shared with the benchmarks).
 */

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  // Files run in parallel, tests within a file in order. Each worker has its own hosts (fresh data folders, port 0),
  // its own isolated pcscd (own network namespace: vpcd's fixed ports never collide) and its own pty scanner.
  // Three workers on two cores: each spends a third of its time waiting (frames, card reads, child processes), and
  // `npm test` runs vitest beside them. E2E_WORKERS=1 runs them one at a time.
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 3),
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
