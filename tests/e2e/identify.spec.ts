/**
 * A keyboard-wedge scanner gives the kiosk the card's key as a fast burst of keys ending in Enter.
 * Slow human typing must never be taken for a scan; a garbled scan says what to do instead.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const root = fileURLToPath(new URL('../..', import.meta.url));
const profile = (id: string) =>
  JSON.parse(readFileSync(`${root}fixtures/citizens/${id}.json`, 'utf8')) as { qr: string; fullName: string };

/**
 * Keys as a USB keyboard-wedge scanner sends them, through CDP with explicit event timestamps (what the
 * detector measures), so a loaded test machine cannot stretch a scanner burst into human typing.
 */
let clock = 0;
async function typeAsDevice(page: Page, text: string, gapMs: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  // Event time only moves forward, across calls too (a key "before" the last one would be nonsense).
  clock = Math.max(clock + 1, Date.now() / 1000);
  for (const key of [...text, 'Enter']) {
    clock += gapMs / 1000;
    const down =
      key === 'Enter'
        ? { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' }
        : { key, text: key };
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', timestamp: clock, ...down });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', timestamp: clock + 0.002, key: down.key });
  }
  await cdp.detach();
}

test.describe('keyboard-wedge scanner', () => {
  test('a fast burst ending in Enter is a scan; slow typing is not', async ({ page, demoKiosk }) => {
    test.setTimeout(90_000);
    await page.goto(demoKiosk.url);
    await page.getByTestId('start').click();
    await page.getByTestId('consent-yes').click();
    await expect(page.getByTestId('screen-identify')).toBeVisible();

    // A person typing slowly: nothing happens.
    await typeAsDevice(page, '001190012345', 120);
    await expect(page.getByTestId('task-qr')).not.toContainText('Đã quét được mã QR');
    await expect(page.getByTestId('identify-error')).toHaveCount(0);

    // A scanner: the whole payload in a few milliseconds per key.
    await typeAsDevice(page, profile('over-60').qr, 4);
    await expect(page.getByTestId('task-qr')).toContainText('Đã quét được mã QR');

    await page.getByTestId('demo-open').click();
    await page.getByTestId('demo-profile').selectOption('over-60');
    await page.getByTestId('demo-insert').click();
    await expect(page.getByTestId('identity-name')).toHaveText(profile('over-60').fullName, {
      timeout: 30_000,
    });
  });

  test('a garbled wedge scan asks the citizen to use the chip or ask staff', async ({ page, demoKiosk }) => {
    await page.goto(demoKiosk.url);
    await page.getByTestId('start').click();
    await page.getByTestId('consent-yes').click();
    // What a wedge scanner on a US layout makes of UTF-8 Vietnamese (mojibake).
    const garbled = Buffer.from(profile('cccd-2021-with-cmnd').qr, 'utf8').toString('latin1');
    await typeAsDevice(page, garbled, 4);
    await expect(page.getByTestId('identify-error')).toBeVisible();
    await expect(page.getByTestId('identify-error')).toContainText(/chíp|cán bộ/);
  });
});
