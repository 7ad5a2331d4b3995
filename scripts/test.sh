#!/usr/bin/env bash
# `npm test`: set-up, typecheck, lint, unit + integration (vitest), e2e in Debian's Chromium (Playwright).
# Ends with one plain summary line "Tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p test-results
rm -f test-results/vitest.json test-results/e2e.json

step() { printf '\n== %s\n' "$*"; }
step typecheck; npm run -s typecheck
step lint; npm run -s lint
step "unit and integration tests (vitest)"
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || status=$?
step "end-to-end tests (Playwright, Debian Chromium)"
npm run -s build:renderer >/dev/null
PLAYWRIGHT_JSON_OUTPUT_NAME="$PWD/test-results/e2e.json" npx playwright test -c tests/e2e/playwright.config.ts --reporter=list,json || status=$?
node scripts/test-summary.mjs test-results/vitest.json test-results/e2e.json
exit $status
