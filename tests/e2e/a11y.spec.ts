/**
 * Accessibility of every screen of the journey with axe-core: Vietnamese and English, portrait and
 * landscape, default display and large text + high contrast — zero serious or critical violations, and every
 * visible button, link and form control at least 44×44 CSS px (WCAG 2.5.8 is 24 px; kiosks ask for 44).
 */
import type { Page } from '@playwright/test';
import { type ScreenName, walkMainJourney, walkRefusedAndTimeout } from './a11y-journey';
import { seriousViolations } from './axe';
import {
  expect,
  fillWithKeyboard,
  identifyWithDemoCard,
  setTextSize,
  takeCardAndLeave,
  test,
} from './fixtures';

type Variant = {
  lang: 'vi' | 'en';
  orientation: 'portrait' | 'landscape';
  largeText: boolean;
  highContrast: boolean;
};
const SIZES = { portrait: { width: 1080, height: 1920 }, landscape: { width: 1920, height: 1080 } };
/**
 * Two variants per screen, crossing every factor: each screen is checked in both languages, both
 * orientations and both display modes (8 full combinations per screen would take minutes).
 */
const VARIANTS: Variant[] = [
  { lang: 'vi', orientation: 'portrait', largeText: false, highContrast: false },
  { lang: 'en', orientation: 'landscape', largeText: true, highContrast: true },
];

/**
 * Puts the page in a variant through the header controls. `dispatchEvent` rather than a tap: the timeout
 * warning is modal and must stay up (a tap anywhere else must not dismiss it or count as activity).
 */
async function applyVariant(page: Page, v: Variant): Promise<void> {
  const lang = page.locator(`.language-switch button[lang="${v.lang}"]`);
  if ((await lang.getAttribute('aria-pressed')) !== 'true') await lang.dispatchEvent('click');
  await expect(lang).toHaveAttribute('aria-pressed', 'true');
  // Large text is the largest size, ×2 (the button steps ×1 → ×1.5 → ×2 → ×1).
  await setTextSize(page, v.largeText ? '2' : '1');
  const contrast = page.getByTestId('display-high-contrast');
  if ((await contrast.getAttribute('aria-pressed')) !== String(v.highContrast))
    await contrast.dispatchEvent('click');
  await expect(contrast).toHaveAttribute('aria-pressed', String(v.highContrast));
  await page.setViewportSize(SIZES[v.orientation]);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Visible interactive elements smaller than 44×44 CSS px, described for the failure message. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector =
      'button, a[href], input:not([type="hidden"]), select, textarea, [role="button"], [role="link"]';
    const small: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || style.visibility === 'hidden') continue;
      if (el.closest('.visually-hidden')) continue;
      if (r.width < 44 || r.height < 44) {
        const name = (el.getAttribute('data-testid') ?? el.textContent ?? '').trim().slice(0, 30);
        small.push(
          `${el.tagName.toLowerCase()}.${el.className} "${name}" ${Math.round(r.width)}×${Math.round(r.height)}`,
        );
      }
    }
    return small;
  });
}

async function checkScreen(page: Page, screen: ScreenName): Promise<void> {
  for (const v of VARIANTS) {
    await applyVariant(page, v);
    const where = `${screen} (${v.lang}, ${v.orientation}${v.largeText ? ', large text + high contrast' : ''})`;
    expect(await seriousViolations(page), `axe on ${where}`).toEqual([]);
    expect(await smallTargets(page), `targets under 44 px on ${where}`).toEqual([]);
  }
  await applyVariant(page, VARIANTS[0]!);
}

test.describe.configure({ mode: 'serial' });

test('the display options toggle, show their state without colour alone, and reset when the session ends', async ({
  page,
  demoKiosk,
}) => {
  await page.goto(demoKiosk.url);
  const html = page.locator('html');
  const large = page.getByTestId('display-large-text');
  const contrast = page.getByTestId('display-high-contrast');
  await expect(large).toHaveText(/Chữ to/);
  await expect(contrast).toHaveText(/Tương phản cao/);
  const fontSize = () =>
    page
      .locator('.lead')
      .first()
      .evaluate((el) => getComputedStyle(el).fontSize);
  expect(await fontSize()).toBe('40px');

  await page.getByTestId('start').click();
  await large.click();
  await contrast.click();
  await expect(large).toHaveAttribute('aria-pressed', 'true');
  await expect(contrast).toHaveAttribute('aria-pressed', 'true');
  await expect(large).toContainText('✓');
  await expect(html).toHaveClass(/\btext-large\b/);
  await expect(html).toHaveClass(/\bcontrast-high\b/);
  expect(await fontSize()).toBe('60px'); // ×1.5
  await large.click();
  await expect(large).toHaveAttribute('data-size', '2');
  await expect(large).toHaveAttribute('aria-pressed', 'true');
  await expect(html).toHaveClass(/\btext-larger\b/);
  expect(await fontSize()).toBe('80px'); // ×2
  expect(await page.locator('body').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
    'rgb(0, 0, 0)',
  );
  await page.locator('.language-switch button[lang="en"]').click();
  await expect(large).toHaveText(/Large text/);

  // Declining consent ends the session: the next citizen gets the default display.
  await page.getByTestId('consent-no').click();
  await takeCardAndLeave(page);
  await expect(large).toHaveAttribute('aria-pressed', 'false');
  await expect(contrast).toHaveAttribute('aria-pressed', 'false');
  await expect(html).not.toHaveClass(/\btext-large\b|\btext-larger\b|\bcontrast-high\b/);
  expect(await fontSize()).toBe('40px');
  await page.locator('.language-switch button[lang="vi"]').click();
});

test('in high contrast the chosen radio is told apart by more than its dot', async ({ page, demoKiosk }) => {
  test.setTimeout(90_000);
  await page.goto(demoKiosk.url);
  await identifyWithDemoCard(page, 'cccd-2021-no-cmnd');
  await page.getByTestId('confirm-yes').click({ timeout: 30_000 });
  await page.getByTestId('service-4').first().click();
  await page.getByTestId('start-service').click();
  await page.getByTestId('continue').click();
  await fillWithKeyboard(page, 'phone', '0911222333');
  await page.getByTestId('continue').click();
  await page.getByTestId('display-high-contrast').click();
  const field = page.getByTestId('field-isHead');
  await field.getByText('Có', { exact: true }).click();
  const look = (answer: string) =>
    field.locator('.radio', { hasText: answer }).evaluate((label) => {
      const input = label.querySelector('input')!;
      const i = getComputedStyle(input);
      const l = getComputedStyle(label);
      return `${i.outlineStyle} ${i.outlineColor} ${l.fontWeight} ${l.textDecorationLine}`;
    });
  expect(await look('Có')).toBe('solid rgb(255, 221, 0) 700 underline');
  expect(await look('Không')).not.toContain('rgb(255, 221, 0) 700');
});

test('the journey passes axe and has 44 px targets on every screen, in both languages, orientations and display modes', async ({
  page,
  demoKiosk,
}) => {
  // axe on every screen is CPU-bound (≈ 1 min alone on two cores): the limit leaves room for the other worker.
  test.setTimeout(240_000);
  await page.clock.install();
  await page.goto(demoKiosk.url);
  await walkMainJourney(page, demoKiosk.token, (s) => checkScreen(page, s), 800);
});

test('the refused and timeout screens pass axe and have 44 px targets', async ({ page, demoKiosk }) => {
  test.setTimeout(180_000);
  await page.clock.install();
  await page.goto(demoKiosk.url);
  await walkRefusedAndTimeout(page, demoKiosk.token, (s) => checkScreen(page, s));
});
