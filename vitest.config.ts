import { defineConfig } from 'vitest/config';

// Unit and integration tests live beside the code they test (`*.test.ts`, `*.test.tsx`).
// Integration tests that need pcscd/vpcd, pseudo-terminals or child processes are named
// `*.int.test.ts` and run in the same suite: nothing is skipped on a machine set up by scripts/setup.sh.
export default defineConfig({
  test: {
    include: ['{common,host,native,catalogue,renderer,electron,scripts,tests/unit}/**/*.test.{ts,tsx}'],
    exclude: ['node_modules', 'dist', 'tests/e2e', 'tests/electron'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    // Integration tests share one pcscd with its two vpcd slots; files that need it take a lock.
    fileParallelism: true,
  },
});
