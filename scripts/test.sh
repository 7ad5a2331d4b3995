#!/usr/bin/env bash
# `npm test`: set-up, typecheck, lint, unit + integration (vitest), e2e in Debian's Chromium (Playwright).
# Ends with one plain summary line "Tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p test-results
rm -f test-results/vitest.json test-results/e2e.json

step() { printf '\n== %s\n' "$*"; }
# Typecheck and lint are single-threaded: on two cores they run side by side, their output shown in order.
npm run -s typecheck >test-results/typecheck.log 2>&1 &
typecheck_pid=$!
npm run -s lint >test-results/lint.log 2>&1 &
lint_pid=$!
typecheck_status=0 lint_status=0
wait "$typecheck_pid" || typecheck_status=$?
wait "$lint_pid" || lint_status=$?
step typecheck; cat test-results/typecheck.log
step lint; cat test-results/lint.log
if [ "$typecheck_status" -ne 0 ] || [ "$lint_status" -ne 0 ]; then exit 1; fi
step "unit and integration tests (vitest)"
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || status=$?
step "end-to-end tests (Playwright, Debian Chromium)"
npm run -s build:renderer >/dev/null
PLAYWRIGHT_JSON_OUTPUT_NAME="$PWD/test-results/e2e.json" npx playwright test -c tests/e2e/playwright.config.ts --reporter=list,json || status=$?
node scripts/test-summary.mjs test-results/vitest.json test-results/e2e.json
exit $status
