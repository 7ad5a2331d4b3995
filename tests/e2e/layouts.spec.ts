/**
 * Every screen of the journey in portrait (1080×1920, the kiosk's default) and landscape (1920×1080):
 * no horizontal scrolling, the primary button not hidden under the keyboard dock or status strip, and one
 * screenshot per screen and orientation into docs/screens/<screen>-<orientation>.png.
 */
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { type ScreenName, walkMainJourney, walkRefusedAndTimeout } from './a11y-journey';
import { expect, test } from './fixtures';

const screens = fileURLToPath(new URL('../../docs/screens/', import.meta.url));
const ORIENTATIONS = {
  portrait: { width: 1080, height: 1920 },
  landscape: { width: 1920, height: 1080 },
} as const;

/** The screen's primary action: its first main-coloured button (not secondary, not a link). */
const PRIMARY = 'main .button:not(.button--secondary):not(.button--warning):visible';

async function checkLayout(page: Page, screen: ScreenName): Promise<void> {
  for (const [orientation, size] of Object.entries(ORIENTATIONS)) {
    await page.setViewportSize(size);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${screen} ${orientation}: horizontal scrolling`).toBeLessThanOrEqual(0);

    const modal = page.locator('.modal .button:visible');
    const primary = (await modal.count()) > 0 ? modal.first() : page.locator(PRIMARY).first();
    if ((await primary.count()) > 0) {
      await primary.scrollIntoViewIfNeeded();
      const covered = await primary.evaluate((el) => {
        const r = el.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return hit && (el === hit || el.contains(hit)) ? null : (hit?.className ?? 'nothing');
      });
      expect(covered, `${screen} ${orientation}: primary button covered`).toBeNull();
    }
    // The field being typed into shows above the keyboard dock; otherwise the screen shows from its top.
    const focusedCovered = await page.evaluate(() => {
      // The on-screen keyboard marks the field it types into with .input--active.
      const el = document.querySelector('.keyboard-dock') && document.querySelector('.input--active');
      if (!el) {
        window.scrollTo(0, 0);
        return null;
      }
      el.scrollIntoView({ block: 'center' });
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return hit === el ? null : (hit?.className ?? 'nothing');
    });
    expect(focusedCovered, `${screen} ${orientation}: focused field covered`).toBeNull();
    await page.screenshot({ path: `${screens}${screen}-${orientation}.png` });
  }
  await page.setViewportSize(ORIENTATIONS.portrait);
}

test.describe.configure({ mode: 'serial' });

test('every screen lays out in portrait and landscape', async ({ page, demoKiosk }) => {
  test.setTimeout(120_000);
  await page.clock.install();
  await page.goto(demoKiosk.url);
  await walkMainJourney(page, demoKiosk.token, (s) => checkLayout(page, s));
  await walkRefusedAndTimeout(page, demoKiosk.token, (s) => checkLayout(page, s));
});
