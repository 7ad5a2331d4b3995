#!/usr/bin/env bash
# `npm test`: set-up, typecheck, lint, unit + integration (vitest), e2e in Debian's Chromium (Playwright).
# Ends with one plain summary line "Tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p test-results
rm -f test-results/vitest.json test-results/e2e.json

step() { printf '\n== %s\n' "$*"; }
# Two cores, and every stage below is partly idle (waiting on frames, pcscd, child processes): independent stages
# run side by side and their output is shown in order afterwards.
# 1. Typecheck, lint and the renderer's build (the e2e tests serve it).
npm run -s typecheck >test-results/typecheck.log 2>&1 &
typecheck_pid=$!
npm run -s lint >test-results/lint.log 2>&1 &
lint_pid=$!
npm run -s build:renderer >test-results/build.log 2>&1 &
build_pid=$!
typecheck_status=0 lint_status=0 build_status=0
wait "$typecheck_pid" || typecheck_status=$?
wait "$lint_pid" || lint_status=$?
wait "$build_pid" || build_status=$?
step typecheck; cat test-results/typecheck.log
step lint; cat test-results/lint.log
if [ "$build_status" -ne 0 ]; then step "renderer build"; cat test-results/build.log; fi
if [ "$typecheck_status" -ne 0 ] || [ "$lint_status" -ne 0 ] || [ "$build_status" -ne 0 ]; then exit 1; fi
# 2. Unit and integration tests (vitest) beside the end-to-end tests (Playwright in Debian's Chromium): vitest's
#    report follows Playwright's.
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json \
  >test-results/vitest.log 2>&1 &
vitest_pid=$!
step "end-to-end tests (Playwright, Debian Chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$PWD/test-results/e2e.json" npx playwright test -c tests/e2e/playwright.config.ts --reporter=list,json || status=$?
wait "$vitest_pid" || status=$?
step "unit and integration tests (vitest)"
cat test-results/vitest.log
node scripts/test-summary.mjs test-results/vitest.json test-results/e2e.json
exit $status
