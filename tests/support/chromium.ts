/**
 * Debian's Chromium (the `chromium` package) as every Playwright-driven test and benchmark launches it:
 * never Playwright's own browser download. The e2e config (tests/e2e/playwright.config.ts), the browser
 * benchmarks (scripts/bench/journey.ts, taps.ts) and the install test's smoke check use these.
 *
 * May import: nothing.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];
