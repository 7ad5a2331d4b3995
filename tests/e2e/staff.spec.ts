/** Staff mode needs the staff PIN: a 3-second press on the kiosk's name, a masked PIN pad, then the console. */
import { hashPin } from '../../host/staff/staff-pin';
import { expect, startHostProcess, type StartedKiosk, tapKeys, test } from './fixtures';
import { stopHost } from '../support/host-process';
import { runAxe } from './axe';

let host: StartedKiosk;
test.beforeAll(async () => {
  host = await startHostProcess(['--no-devices'], process.env, { staff: { pinHash: hashPin('482915') } });
});
test.afterAll(async () => stopHost(host));

test('the staff PIN pad opens on a long press, masks the PIN and checks it in the host', async ({ page }) => {
  // The page's timers run on Playwright's clock, so the 3-second press is run through at once.
  await page.clock.install();
  await page.goto(host.kiosk.url);
  // A short tap does nothing.
  await page.getByTestId('staff-hold').click();
  await expect(page.getByTestId('staff-dialog')).toHaveCount(0);
  const box = (await page.getByTestId('staff-hold').boundingBox())!;
  await page.mouse.move(box.x + 5, box.y + 5);
  await page.mouse.down();
  await page.clock.runFor(2900);
  await expect(page.getByTestId('staff-dialog')).toHaveCount(0); // not before 3 s
  await page.clock.runFor(200);
  await page.mouse.up();
  const dialog = page.getByTestId('staff-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('staff-pin')).toHaveAttribute('type', 'password');
  // Dark text on the white dialog (it opens inside the blue header, whose text is white).
  expect(await dialog.locator('h2').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(11, 12, 12)');
  const contrast = await runAxe(page, { include: '[data-testid="staff-dialog"]', rules: ['color-contrast'] });
  expect(contrast.violations.map((v) => v.nodes.map((n) => n.target.join(' ')))).toEqual([]);

  await tapKeys(page, '111111');
  await page.getByTestId('staff-submit').click();
  await expect(page.getByTestId('staff-message')).toHaveText('Mã PIN không đúng.');

  await tapKeys(page, '482915');
  await page.getByTestId('staff-submit').click();
  // The right PIN opens the staff console (staff mode) instead of leaving the shell; "Khoá" closes it.
  await expect(page.getByTestId('staff-dialog')).toHaveCount(0);
  await expect(page.getByTestId('staff-console')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dành cho cán bộ');
  await page.getByTestId('staff-lock').click();
  await expect(page.getByTestId('staff-console')).toHaveCount(0);
  await expect(page.getByTestId('screen-attract')).toBeVisible();
});
