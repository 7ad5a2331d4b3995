// Prints one closing line for the whole suite from vitest's and Playwright's JSON reports, and the install test's
// (scripts/install-test.sh: {passed, failed}) when a third file is named; KIOSK_FAILED_CHECKS lists failed
// checks that have no report (typecheck, lint, the renderer build).
import { existsSync, readFileSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';

let passed = 0;
let failed = 0;
let skipped = 0;
// Names of the tests that failed or were skipped, printed last so that the tail of a CI log says which.
const failures = [];
const skips = [];
const firstLine = (text) =>
  stripVTControlCharacters(String(text ?? ''))
    .split('\n')
    .find((l) => l.trim()) ?? '';
const [vitestFile, e2eFile, installFile] = process.argv.slice(2);
if (vitestFile && existsSync(vitestFile)) {
  const v = JSON.parse(readFileSync(vitestFile, 'utf8'));
  passed += v.numPassedTests ?? 0;
  failed += (v.numFailedTests ?? 0) + (v.numRuntimeErrorTestSuites ?? 0);
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  for (const file of v.testResults ?? []) {
    const name = file.name?.replace(`${process.cwd()}/`, '') ?? '?';
    // A file that failed outside its tests (import, a hook): its message, since no test of it says why.
    if (file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed')) {
      failures.push(`vitest ${name}: ${firstLine(file.message)}`);
    }
    for (const test of file.assertionResults ?? []) {
      if (test.status === 'failed')
        failures.push(`vitest ${name} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
      else if (test.status === 'pending' || test.status === 'skipped' || test.status === 'todo')
        skips.push(`vitest ${name} › ${test.fullName}`);
    }
  }
} else failed += 1;
if (e2eFile && existsSync(e2eFile)) {
  const p = JSON.parse(readFileSync(e2eFile, 'utf8'));
  passed += p.stats?.expected ?? 0;
  failed += (p.stats?.unexpected ?? 0) + (p.stats?.flaky ?? 0);
  skipped += p.stats?.skipped ?? 0;
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        const name = `e2e ${spec.file}:${spec.line} › ${[...titles, spec.title].join(' › ')}`;
        const last = test.results?.at(-1);
        if (test.status === 'unexpected' || test.status === 'flaky') {
          const error = test.results?.find((r) => r.errors?.length)?.errors?.[0]?.message;
          failures.push(`${name} (${test.status}, ${last?.status ?? 'no result'}): ${firstLine(error)}`);
        } else if (test.status === 'skipped') skips.push(name);
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  };
  // Top-level suites are the spec files; their describes and tests are named below them.
  for (const suite of p.suites ?? []) walk(suite, []);
  for (const error of p.errors ?? []) failures.push(`e2e (outside a test): ${firstLine(error.message)}`);
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
if (failures.length > 0) console.log(`\nFailed:\n${failures.map((f) => `  ${f}`).join('\n')}`);
if (skips.length > 0) console.log(`\nSkipped:\n${skips.map((f) => `  ${f}`).join('\n')}`);
console.log(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
