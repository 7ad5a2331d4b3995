/**
 * One walk through every screen of the citizen journey for the accessibility and layout specs: `visit(name)`
 * runs at each screen (checks, screenshots). Uses the demo kiosk: the serial QR scanner, the reader simulator
 * (a slow card so the reading screen can be seen) and the mock portal.
 */
import type { Page } from '@playwright/test';
import { declareAndSubmit, expect } from './fixtures';

export type ScreenName =
  | 'attract'
  | 'consent'
  | 'identify'
  | 'mrz'
  | 'reading'
  | 'confirm'
  | 'services'
  | 'service-info'
  | 'form-error'
  | 'form-keyboard'
  | 'check-answers'
  | 'attachments'
  | 'receipt'
  | 'refused'
  | 'rating'
  | 'rating-reasons'
  | 'confirm-stop'
  | 'ending'
  | 'timeout';

export type Visit = (screen: ScreenName) => Promise<void>;

/** Calls the host API from the page (same origin; the session cookie authorises it) — for what the demo panel cannot ask. */
async function hostCall(page: Page, _token: string, method: string, params: unknown): Promise<void> {
  await page.evaluate(
    ({ method, params }) =>
      new Promise<void>((resolve, reject) => {
        const ws = new WebSocket(`ws://${location.host}/api`);
        ws.onopen = () => ws.send(JSON.stringify({ v: 1, id: 1, method, params }));
        ws.onmessage = (m) => {
          const msg = JSON.parse(String(m.data)) as { id?: number; ok?: boolean };
          if (msg.id !== 1) return;
          ws.close();
          if (msg.ok) resolve();
          else reject(new Error(String(m.data)));
        };
        ws.onerror = () => reject(new Error('websocket error'));
      }),
    { method, params },
  );
}

async function scanQrAndInsert(page: Page, token: string, profileId: string, faults: string[]) {
  await page.getByTestId('demo-open').click();
  await page.getByTestId('demo-profile').selectOption(profileId);
  await page.getByTestId('demo-qr').click();
  await page.getByTestId('task-qr').locator('.task-list__mark', { hasText: '✓' }).waitFor();
  await page
    .getByTestId('demo-panel')
    .getByRole('button', { name: /Đóng|Close/ })
    .click();
  await hostCall(page, token, 'simulator.insertCard', { profileId, faults });
}

/** Attract → consent → identify → MRZ → reading → confirm → services → service → form → receipt. */
export async function walkMainJourney(page: Page, token: string, visit: Visit, slowMs = 40): Promise<void> {
  await expect(page.getByTestId('screen-attract')).toBeVisible();
  await visit('attract');
  await page.getByTestId('start').click();
  await expect(page.getByTestId('screen-consent')).toBeVisible();
  await visit('consent');
  await page.getByTestId('consent-yes').click();
  await expect(page.getByTestId('screen-identify')).toBeVisible();
  await visit('identify');
  await page.getByTestId('type-mrz').click();
  await expect(page.getByTestId('screen-mrz')).toBeVisible();
  await visit('mrz');
  await page.locator('.back-link').first().click();
  await expect(page.getByTestId('screen-identify')).toBeVisible();
  // Back on the identify screen asks before ending anything.
  await page.locator('.back-link').first().click();
  await expect(page.getByTestId('confirm-stop')).toBeVisible();
  await visit('confirm-stop');
  await page.getByTestId('confirm-stop-no').click();
  await expect(page.getByTestId('screen-identify')).toBeVisible();

  await scanQrAndInsert(page, token, 'cccd-2021-with-cmnd', [`slow:${slowMs}`]);
  await expect(page.getByTestId('screen-reading')).toBeVisible({ timeout: 20_000 });
  await visit('reading');
  await expect(page.getByTestId('screen-confirm')).toBeVisible({ timeout: 60_000 });
  await visit('confirm');
  await page.getByTestId('confirm-yes').click();
  await expect(page.getByTestId('screen-services')).toBeVisible();
  await visit('services');
  await page.getByTestId('service-4').first().click();
  await expect(page.getByTestId('screen-service-info')).toBeVisible();
  await visit('service-info');
  await page.getByTestId('start-service').click();
  await page.getByTestId('continue').click();
  await page.getByTestId('continue').click();
  await expect(page.getByTestId('error-summary')).toBeVisible();
  await visit('form-error');
  await page.locator('[data-field="phone"]').click();
  await expect(page.locator('.keyboard-dock')).toBeVisible();
  await visit('form-keyboard');
  for (const k of '0912345678') await page.locator(`.keyboard-dock [data-key="${k}"]`).click();
  await page.getByTestId('continue').click();
  await page.getByTestId('field-isHead').locator('input[type=radio]').nth(0).check();
  await page.getByTestId('continue').click();
  // The new address: province, then the commune found by typing.
  await page.getByTestId('field-requestKind').locator('input[type=radio]').first().check();
  await page.locator('[data-testid="province-option"][data-code="01"]').click();
  await page.locator('[data-field="residenceAddress__q"]').click();
  for (const k of 'giang') await page.locator(`.keyboard-dock [data-key="${k}"]`).click();
  await page.getByTestId('commune-option').first().click();
  for (const k of 'so 5')
    await page.locator(`.keyboard-dock [data-key="${k === ' ' ? 'space' : k}"]`).click();
  await page.getByTestId('continue').click();
  for (const [field, answer] of [
    ['hasMembers', 1],
    ['ownerIsSelf', 0],
  ] as const) {
    await page.getByTestId(`field-${field}`).locator('input[type=radio]').nth(answer).check();
    await page.getByTestId('continue').click();
  }
  await expect(page.getByTestId('check-answers')).toBeVisible();
  await visit('check-answers');
  await declareAndSubmit(page);
  await expect(page.getByTestId('screen-attachments')).toBeVisible();
  await page.getByTestId('attach-bring-lawful-residence').click();
  await expect(page.getByTestId('attachment-lawful-residence')).toHaveAttribute('data-state', 'at-counter');
  await visit('attachments');
  await page.getByTestId('attachments-continue').click();
  await expect(page.getByTestId('screen-receipt')).toBeVisible({ timeout: 20_000 });
  await visit('receipt');
  await page.getByTestId('finish').click();
  await expect(page.getByTestId('screen-rating')).toBeVisible();
  await visit('rating');
  await page.getByTestId('rating-skip').click();
  await expect(page.getByTestId('take-card')).toBeVisible();
  await visit('ending');
  await hostCall(page, token, 'simulator.removeCard', {});
  await expect(page.getByTestId('screen-attract')).toBeVisible();
}

/** A forged chip (refused screen), then a fresh session left idle until the timeout warning shows. */
export async function walkRefusedAndTimeout(page: Page, token: string, visit: Visit): Promise<void> {
  await page.getByTestId('start').click();
  await page.getByTestId('consent-yes').click();
  await scanQrAndInsert(page, token, 'cccd-2021-no-cmnd', ['forged-dg']);
  await expect(page.getByTestId('screen-refused')).toBeVisible({ timeout: 30_000 });
  await visit('refused');
  await page.getByTestId('refused-finish').click();
  await page.getByTestId('rating-2').click();
  await expect(page.getByTestId('screen-rating-reasons')).toBeVisible();
  await page.getByTestId('rating-reason-card-not-read').click();
  await visit('rating-reasons');
  await page.getByTestId('rating-send').click();
  await expect(page.getByTestId('take-card')).toBeVisible();
  await hostCall(page, token, 'simulator.removeCard', {});
  await expect(page.getByTestId('screen-attract')).toBeVisible();

  // The page clock was installed before the page loaded: jump past the idle time (default 90 s).
  await page.getByTestId('start').click();
  await expect(page.getByTestId('screen-consent')).toBeVisible();
  await page.clock.fastForward('01:35');
  await expect(page.getByTestId('timeout-warning')).toBeVisible();
  await visit('timeout');
  await page.getByTestId('timeout-extend').click();
  await expect(page.getByTestId('timeout-warning')).toBeHidden();
}
