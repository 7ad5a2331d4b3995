// Prints one closing line for the whole suite from vitest's and Playwright's JSON reports, and the install test's
// (scripts/install-test.sh: {passed, failed}) when a third file is named; KIOSK_FAILED_CHECKS lists failed
// checks that have no report (typecheck, lint, the renderer build).
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
const [vitestFile, e2eFile, installFile] = process.argv.slice(2);
if (vitestFile && existsSync(vitestFile)) {
  const v = JSON.parse(readFileSync(vitestFile, 'utf8'));
  passed += v.numPassedTests ?? 0;
  failed += (v.numFailedTests ?? 0) + (v.numRuntimeErrorTestSuites ?? 0);
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
} else failed += 1;
if (e2eFile && existsSync(e2eFile)) {
  const p = JSON.parse(readFileSync(e2eFile, 'utf8'));
  passed += p.stats?.expected ?? 0;
  failed += (p.stats?.unexpected ?? 0) + (p.stats?.flaky ?? 0);
  skipped += p.stats?.skipped ?? 0;
} else failed += 1;
if (installFile) {
  if (existsSync(installFile)) {
    const i = JSON.parse(readFileSync(installFile, 'utf8'));
    passed += i.passed ?? 0;
    failed += i.failed ?? 0;
  } else failed += 1;
}
// Checks that are not tests (typecheck, lint), named by scripts/test.sh when they failed: each counts as a failure.
const failedChecks = (process.env.KIOSK_FAILED_CHECKS ?? '').split(/\s+/).filter(Boolean);
failed += failedChecks.length;
if (failedChecks.length > 0) console.log(`\nFailed (see above): ${failedChecks.join(', ')}`);
console.log(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
