import { defineConfig } from '@playwright/test';

/** `npm run test:electron`: the real Electron app, on machines where the Electron binary is installed. */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results/electron',
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
});
