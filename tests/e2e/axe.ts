/**
 * axe-core in the kiosk's page: the engine is put into the page once (through the DevTools protocol, which the
 * kiosk's Content-Security-Policy does not apply to) and `axe.run` checks the page as it is. @axe-core/playwright,
 * used before, injected the whole engine again for every check (≈ 0.4 s each; the run itself takes ≈ 30 ms), and
 * the accessibility walk checks about a hundred screens. The kiosk has no frames: one run covers the page.
 *
 * May import: node built-ins, axe-core's types, Playwright.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import type { AxeResults } from 'axe-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeScope {
  /** Only this part of the page (a CSS selector), as AxeBuilder's `include`. */
  include?: string;
  /** Only these rules (axe rule ids), as AxeBuilder's `withRules`. */
  rules?: string[];
}

/** axe's results for the page as it is now (every rule axe runs by default unless `rules` says otherwise). */
export async function runAxe(page: Page, scope: AxeScope = {}): Promise<AxeResults> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    ({ include, rules }) => {
      const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
      return axe.run(
        include ? { include: [[include]] } : document,
        rules ? { runOnly: { type: 'rule', values: rules } } : {},
      );
    },
    { include: scope.include ?? null, rules: scope.rules ?? null },
  );
}

/** axe's serious and critical violations, each as "rule: targets" for a failure message. */
export async function seriousViolations(page: Page, scope: AxeScope = {}): Promise<string[]> {
  const results = await runAxe(page, scope);
  return results.violations
    .filter((x) => x.impact === 'serious' || x.impact === 'critical')
    .map((x) => `${x.id} (${x.impact}): ${x.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
