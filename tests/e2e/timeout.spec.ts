/**
 * Idle timeout (WCAG 2.2.1): a warning with at least 20 s and one tap to extend; when it runs out, the
 * session and everything in it is wiped and the next citizen sees no trace of the last one.
 * This host runs with short timeouts (idle 10 s, warning 20 s) from its configuration file, and the page's clock is
 * Playwright's: the idle time is jumped over (`page.clock.fastForward`) instead of waited for.
 */
import type { Page } from '@playwright/test';
import { type IsolatedPcscd, startIsolatedPcscd } from '../../host/devices/isolated-pcscd';
import {
  chooseService,
  demoHostArgs,
  expect,
  fillWithKeyboard,
  identifyWithDemoCard,
  removeDemoCard,
  startHostProcess,
  type StartedKiosk,
  test,
} from './fixtures';
import { stopHost } from '../support/host-process';

let pcscd: IsolatedPcscd;
let host: StartedKiosk;

test.beforeAll(async () => {
  pcscd = await startIsolatedPcscd();
  host = await startHostProcess(demoHostArgs(pcscd), pcscd.env, {
    timeouts: { idleSeconds: 10, warningSeconds: 20 },
  });
});
test.afterAll(async () => {
  await stopHost(host);
  await pcscd.stop();
});

/**
 * Lets the page's clock run on in steps of `stepMs` until the timeout warning shows (the idle time of a form step
 * grows with its fields, common/idle-timing.ts, so it is not known here). Steps are shorter than the warning.
 */
async function idleUntilWarning(page: Page, stepMs: number): Promise<void> {
  const warning = page.getByTestId('timeout-warning');
  for (let waited = 0; waited <= 300_000; waited += stepMs) {
    if (await warning.isVisible()) return;
    await page.clock.fastForward(stepMs);
  }
  await expect(warning).toBeVisible();
}

test('the timeout warning can be extended, and when it runs out everything is wiped', async ({ page }) => {
  test.setTimeout(90_000);
  await page.clock.install();
  await page.goto(host.kiosk.url);
  await identifyWithDemoCard(page, 'cccd-2021-no-cmnd');
  await page.getByTestId('confirm-yes').click({ timeout: 30_000 });
  await chooseService(page, 4);
  await page.getByTestId('start-service').click();
  await page.getByTestId('continue').click(); // step 1 from the card; the draft is saved at each step
  await fillWithKeyboard(page, 'phone', '0911222333');
  await page.getByTestId('continue').click();
  await expect(page.getByTestId('step-household-head')).toBeVisible();

  // First warning: at least 20 seconds to answer, one tap extends.
  const warning = page.getByTestId('timeout-warning');
  // One second at a time: the warning is seen within a second of showing, so its countdown is still full.
  await idleUntilWarning(page, 1_000);
  const seconds = Number((await warning.locator('#timeout-body').innerText()).match(/\d+/)![0]);
  expect(seconds).toBeGreaterThanOrEqual(19);
  await expect(page.getByTestId('timeout-extend')).toBeFocused();
  await page.screenshot({ path: 'docs/screens/timeout-warning.png' });
  await page.getByTestId('timeout-extend').click();
  await expect(warning).toHaveCount(0);
  await expect(page.getByTestId('step-household-head')).toBeVisible();

  // Extending works again and again (WCAG asks for at least ten times); here twice more.
  for (let i = 0; i < 2; i++) {
    await idleUntilWarning(page, 5_000);
    await expect(warning).toBeVisible();
    await page.getByTestId('timeout-extend').click();
    await expect(warning).toHaveCount(0);
  }

  // Nobody answers: the session ends and is wiped.
  await idleUntilWarning(page, 5_000);
  await expect(warning).toBeVisible();
  // Not ended while the warning counts down; when its 20 s have run out, it is.
  await page.clock.fastForward(10_000);
  await expect(page.getByTestId('screen-ending')).toHaveCount(0);
  await page.clock.fastForward(11_000);
  // The card is still on the reader: the end screen asks for it back and stays until it is taken.
  await expect(page.getByTestId('screen-ending')).toHaveAttribute('data-reason', 'timeout');
  await expect(page.getByTestId('take-card')).toBeVisible();
  await expect(page.locator('body')).not.toContainText('Trần Văn Đức');
  await removeDemoCard(page);
  await expect(page.getByTestId('screen-attract')).toBeVisible();
  const storage = await page.evaluate(() => ({
    local: Object.keys(localStorage),
    session: Object.keys(sessionStorage).filter((k) => k !== 'kiosk.apiToken'),
  }));
  expect(storage).toEqual({ local: [], session: [] });
  await expect(page.locator('body')).not.toContainText('Trần Văn Đức');

  // The next citizen starts from consent; nothing of the last one is there.
  await page.getByTestId('start').click();
  await expect(page.getByTestId('screen-consent')).toBeVisible();
  await page.getByTestId('consent-yes').click();
  await expect(page.getByTestId('task-qr')).not.toContainText('Đã quét');
  await expect(page.getByTestId('task-card')).not.toContainText('Đã thấy thẻ');
  await expect(page.locator('body')).not.toContainText('Trần Văn Đức');
  await page.getByRole('button', { name: 'Quay lại' }).click();
  await page.getByTestId('confirm-stop-yes').click();
  await expect(page.getByTestId('screen-ending')).toHaveAttribute('data-reason', 'cancel');
});

test('the same card brings back the unfinished form; another card does not', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(host.kiosk.url);
  await identifyWithDemoCard(page, 'over-60');
  await page.getByTestId('confirm-yes').click({ timeout: 30_000 });
  await expect(page.getByTestId('screen-services')).toBeVisible();
  await page.getByTestId('timeout-extend').or(page.getByTestId('screen-services')).first().waitFor();

  await page.goto(host.kiosk.url);
  await identifyWithDemoCard(page, 'cccd-2021-no-cmnd');
  await page.getByTestId('confirm-yes').click({ timeout: 30_000 });
  await expect(page.getByTestId('screen-resume')).toContainText('Đăng ký tạm trú');
  await page.screenshot({ path: 'docs/screens/journey-resume-draft.png' });
  await page.getByTestId('resume-yes').click();
  // Back at the step the citizen had reached (after the phone number), not at step 1.
  await expect(page.getByTestId('step-household-head')).toBeVisible();
  await page.getByRole('button', { name: 'Quay lại' }).click();
  await expect(page.locator('[data-field="phone"]')).toHaveValue('0911222333');
});
