/**
 * Every screen of the journey in portrait (1080×1920, the kiosk's default) and landscape (1920×1080), with
 * text sizes ×1, ×1.5 and ×2: no horizontal scrolling, the primary button not hidden under the keyboard dock or status strip, and one
 * screenshot per screen and orientation into docs/screens/<screen>-<orientation>.png.
 */
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { type ScreenName, walkMainJourney, walkRefusedAndTimeout } from './a11y-journey';
import { expect, setTextSize, test } from './fixtures';

const screens = fileURLToPath(new URL('../../docs/screens/', import.meta.url));
const ORIENTATIONS = {
  portrait: { width: 1080, height: 1920 },
  landscape: { width: 1920, height: 1080 },
} as const;

/** The screen's primary action: its first main-coloured button (not secondary, not a link). */
const PRIMARY = 'main .button:not(.button--secondary):not(.button--warning):visible';

/** No horizontal scrolling; primary button and the field being typed into not covered. */
async function checkFits(page: Page, where: string): Promise<void> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `${where}: horizontal scrolling`).toBeLessThanOrEqual(0);

  const modal = page.locator('.modal .button:visible');
  const primary = (await modal.count()) > 0 ? modal.first() : page.locator(PRIMARY).first();
  if ((await primary.count()) > 0) {
    const covered = await primary.evaluate(scrollClearOfDock);
    expect(covered, `${where}: primary button covered`).toBeNull();
  }
  // The field the on-screen keyboard types into (.input--active) can be seen above the dock.
  const active = page.locator('.input--active');
  if ((await page.locator('.keyboard-dock').count()) > 0 && (await active.count()) > 0) {
    const covered = await active.first().evaluate(scrollClearOfDock);
    expect(covered, `${where}: field being typed into covered`).toBeNull();
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}

/**
 * Scrolls the page so `el` sits just above the keyboard dock (or at the bottom of the viewport when there is
 * none) — as far as a citizen can scroll — and says what covers its centre there (null: nothing).
 */
function scrollClearOfDock(el: Element): string | null {
  el.scrollIntoView({ block: 'end' });
  const dock = document.querySelector('.keyboard-dock');
  if (dock) window.scrollBy(0, dock.getBoundingClientRect().height + 16);
  const r = el.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return hit && (el === hit || el.contains(hit)) ? null : String(hit?.className ?? 'nothing');
}

async function checkLayout(page: Page, screen: ScreenName): Promise<void> {
  for (const [orientation, size] of Object.entries(ORIENTATIONS)) {
    await page.setViewportSize(size);
    // Large text (×1.5 and ×2) must fit too (no screenshot: one per screen and orientation is enough).
    for (const size of ['1.5', '2'] as const) {
      await setTextSize(page, size);
      await checkFits(page, `${screen} ${orientation} text ×${size}`);
    }
    await setTextSize(page, '1');
    await checkFits(page, `${screen} ${orientation}`);
    await page.screenshot({ path: `${screens}${screen}-${orientation}.png` });
  }
  await page.setViewportSize(ORIENTATIONS.portrait);
}

test.describe.configure({ mode: 'serial' });

test('every screen lays out in portrait and landscape', async ({ page, demoKiosk }) => {
  test.setTimeout(120_000);
  await page.clock.install();
  await page.goto(demoKiosk.url);
  await walkMainJourney(page, demoKiosk.token, (s) => checkLayout(page, s), 400);
  await walkRefusedAndTimeout(page, demoKiosk.token, (s) => checkLayout(page, s));
});
