#!/usr/bin/env bash
# `npm test`: set-up, typecheck, lint, unit + integration (vitest), e2e in Debian's Chromium (Playwright).
# Ends with one plain summary line "Tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p test-results
rm -f test-results/vitest.json test-results/e2e.json

step() { printf '\n== %s\n' "$*"; }
# Two cores, and no stage keeps both busy on its own (they wait on frames, pcscd, child processes): typecheck,
# lint, vitest and the renderer's build start together, Playwright as soon as the build is there; the reports
# are shown in order at the end (Playwright's as it runs).
npm run -s typecheck >test-results/typecheck.log 2>&1 &
typecheck_pid=$!
npm run -s lint >test-results/lint.log 2>&1 &
lint_pid=$!
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json \
  >test-results/vitest.log 2>&1 &
vitest_pid=$!
status=0 build_status=0
npm run -s build:renderer >test-results/build.log 2>&1 || build_status=$?
if [ "$build_status" -ne 0 ]; then
  step "renderer build"
  cat test-results/build.log
else
  step "end-to-end tests (Playwright, Debian Chromium)"
  PLAYWRIGHT_JSON_OUTPUT_NAME="$PWD/test-results/e2e.json" npx playwright test -c tests/e2e/playwright.config.ts --reporter=list,json || status=$?
fi
typecheck_status=0 lint_status=0 vitest_status=0
wait "$typecheck_pid" || typecheck_status=$?
wait "$lint_pid" || lint_status=$?
wait "$vitest_pid" || vitest_status=$?
step typecheck; cat test-results/typecheck.log
step lint; cat test-results/lint.log
step "unit and integration tests (vitest)"; cat test-results/vitest.log
[ "$vitest_status" -eq 0 ] || status=1
failed_checks=""
[ "$build_status" -eq 0 ] || failed_checks+=" build"
[ "$typecheck_status" -eq 0 ] || failed_checks+=" typecheck"
[ "$lint_status" -eq 0 ] || failed_checks+=" lint"
[ -z "$failed_checks" ] || status=1
KIOSK_FAILED_CHECKS="$failed_checks" node scripts/test-summary.mjs test-results/vitest.json test-results/e2e.json
exit $status
