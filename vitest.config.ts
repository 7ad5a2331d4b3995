import { defineConfig } from 'vitest/config';

// Unit and integration tests live beside the code they test (`*.test.ts`, `*.test.tsx`).
// Integration tests that need pcscd/vpcd, pseudo-terminals or child processes are named
// `*.int.test.ts` and run in the same suite: nothing is skipped on a machine set up by scripts/setup.sh.
const DIRS = '{common,host,native,catalogue,renderer,electron,scripts,tests/unit}';
const EXCLUDE = ['node_modules', 'dist', 'tests/e2e', 'tests/electron'];

export default defineConfig({
  test: {
    exclude: EXCLUDE,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    // Integration tests share one pcscd with its two vpcd slots; files that need it take a lock.
    fileParallelism: true,
    projects: [
      {
        // Unit files share their worker's module cache (`isolate: false`): each would otherwise import the
        // catalogue, zod schemas, pdfkit… again in a fresh process (≈ 0.3 s of CPU per file). They leave no
        // global state behind (timers, stubs and env restored in afterEach/finally).
        extends: true,
        test: {
          name: 'unit',
          include: [`${DIRS}/**/*.test.{ts,tsx}`],
          exclude: [...EXCLUDE, '**/*.int.test.{ts,tsx}'],
          isolate: false,
        },
      },
      {
        // Integration files get a process each: they set PCSCLITE_CSOCK_NAME before loading the native
        // smartcard module, start daemons and child processes. Sorted before `unit`, so the long ones start first.
        extends: true,
        test: { name: 'integration', include: [`${DIRS}/**/*.int.test.{ts,tsx}`] },
      },
    ],
  },
});
