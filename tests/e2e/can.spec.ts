/**
 * A PACE-only card (fictional citizen `pace-only`) through the real stack: demo host, private pcscd, vpcd,
 * simulator. The chip opens only with its Card Access Number: the kiosk asks for it on the CAN screen,
 * says so when it is wrong, and reads the card (PACE, Chip Authentication) with the right one.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { expect, identifyWithDemoCard, tapKeys, test } from './fixtures';
import { seriousViolations } from './axe';

const root = fileURLToPath(new URL('../..', import.meta.url));
const profile = JSON.parse(readFileSync(`${root}fixtures/citizens/pace-only.json`, 'utf8')) as {
  fullName: string;
  chip: { pace: { can: string } };
};

/** No serious/critical axe violations, and the screen's own controls (not the keypad dock) at least 44×44 px. */
async function accessible(page: Page): Promise<void> {
  expect(await seriousViolations(page, { include: '[data-testid="screen-can"]' })).toEqual([]);
  for (const id of ['can-input', 'can-continue']) {
    const box = await page.getByTestId(id).boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    expect(box!.width).toBeGreaterThanOrEqual(44);
  }
}

test('a CAN-only chip: the CAN screen, a wrong CAN, then the right one opens the card', async ({
  page,
  demoKiosk,
}) => {
  test.setTimeout(120_000);
  await page.goto(demoKiosk.url);
  await identifyWithDemoCard(page, 'pace-only');
  await expect(page.getByTestId('screen-can')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nhập số truy cập thẻ (CAN)');
  await accessible(page);

  // Too short: said at once, nothing sent.
  await tapKeys(page, '123');
  await page.getByTestId('can-continue').click();
  await expect(page.getByTestId('can-error')).toContainText('đúng 6 chữ số');

  // Letters never get in; a wrong CAN is refused by the chip.
  await page.getByTestId('can-input').fill('');
  await tapKeys(page, '000000');
  await expect(page.getByTestId('can-input')).toHaveValue('000000');
  await page.getByTestId('can-continue').click();
  await expect(page.getByTestId('can-error')).toContainText('chưa đúng', { timeout: 30_000 });
  await accessible(page);

  await tapKeys(page, profile.chip.pace.can);
  await page.getByTestId('can-continue').click();
  await expect(page.getByTestId('identity-name')).toHaveText(profile.fullName, { timeout: 60_000 });
  await expect(page.getByTestId('screen-confirm')).toBeVisible();
  await expect(page.getByTestId('verification')).toContainText('xác thực chíp');
  // Leave the reader empty: the demo kiosk is shared by this worker's next specs.
  await page.getByTestId('demo-open').click();
  await page.getByTestId('demo-remove').click();
});
