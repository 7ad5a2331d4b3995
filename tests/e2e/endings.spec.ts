/**
 * Endings strand nobody (issue #18): every way out of a session shows "take your card" until the card leaves
 * the reader, back never ends a session without asking, the reading screen can be stopped, and the next
 * citizen starts in the kiosk's default language with the default display. Real host, private pcscd, reader
 * simulator and serial QR scanner (the demo kiosk).
 */
import { expect, identifyWithDemoCard, removeDemoCard, takeCardAndLeave, test } from './fixtures';

test.describe.configure({ mode: 'serial' });

test('"Not me" asks for the card back, in the citizen\'s language, until it leaves the reader', async ({
  page,
  demoKiosk,
}) => {
  test.setTimeout(90_000);
  await page.clock.install();
  await page.goto(demoKiosk.url);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByTestId('display-large-text').click();
  await page.getByTestId('display-large-text').click(); // ×1.5, then ×2
  await expect(page.getByTestId('display-large-text')).toHaveAttribute('data-size', '2');
  await page.getByTestId('display-high-contrast').click();
  await identifyWithDemoCard(page, 'cccd-2021-no-cmnd');
  await page.getByTestId('confirm-no').click({ timeout: 30_000 });

  const ending = page.getByTestId('screen-ending');
  await expect(ending).toHaveAttribute('data-reason', 'not-me');
  await expect(ending).toHaveAttribute('data-card', 'present');
  await expect(page.getByTestId('take-card')).toHaveText('Please take back your citizen identity card');
  await expect(page.getByTestId('take-card')).toBeFocused();
  await expect(ending).toContainText('Your information has been deleted from the kiosk.');
  await expect(page.locator('body')).not.toContainText('Trần Văn Đức');
  await expect(page.getByTestId('ending-home')).toHaveCount(0);
  // It does not go away by itself while the card is there (the no-card pause is 5 s; the page clock jumps 60 s).
  await page.clock.fastForward('01:00');
  await expect(ending).toHaveAttribute('data-card', 'present');

  await removeDemoCard(page);
  await expect(ending).toHaveAttribute('data-card', 'absent');
  await expect(ending).toContainText('Thank you');
  await expect(page.getByTestId('screen-attract')).toBeVisible();

  // The next citizen: Vietnamese (the configured default), default display.
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Xin chào!');
  await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('display-large-text')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator('html')).not.toHaveClass(/\btext-large\b/);
  await expect(page.getByTestId('display-large-text')).toHaveAttribute('data-size', '1');
  await expect(page.getByTestId('display-high-contrast')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator('html')).not.toHaveClass(/\b(text-larger|contrast-high)\b/);
});

test('back on the services list after identifying asks first; "No" keeps everything, "Yes" ends', async ({
  page,
  demoKiosk,
}) => {
  test.setTimeout(90_000);
  await page.goto(demoKiosk.url);
  await identifyWithDemoCard(page, 'cccd-2021-no-cmnd');
  await page.getByTestId('confirm-yes').click({ timeout: 30_000 });
  // A draft an earlier spec left for this card is offered first: set it aside, choose another service.
  const services = page.getByTestId('screen-services');
  await services.or(page.getByTestId('screen-resume')).first().waitFor();
  if (await page.getByTestId('screen-resume').isVisible()) await page.getByTestId('resume-no').click();
  await expect(services).toBeVisible();
  await page.getByRole('button', { name: 'Quay lại' }).click();
  const dialog = page.getByTestId('confirm-stop');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Bạn muốn dừng lại?');
  await expect(dialog).toContainText('Thông tin bạn đã nhập sẽ bị xóa.');
  await expect(page.getByTestId('confirm-stop-no')).toBeFocused();
  await page.getByTestId('confirm-stop-no').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('screen-services')).toBeVisible();

  await page.getByRole('button', { name: 'Quay lại' }).click();
  await page.getByTestId('confirm-stop-yes').click();
  await expect(page.getByTestId('screen-ending')).toHaveAttribute('data-reason', 'cancel');
  await expect(page.getByTestId('take-card')).toHaveText('Vui lòng lấy lại thẻ Căn cước');
  await takeCardAndLeave(page);
});

test('the reading screen has a way out, behind the same question', async ({ page, demoKiosk }) => {
  test.setTimeout(90_000);
  await page.goto(demoKiosk.url);
  await identifyWithDemoCard(page, 'long-address', ['slow:100']);
  await expect(page.getByTestId('screen-reading')).toBeVisible({ timeout: 20_000 });
  await page.getByTestId('reading-cancel').click();
  await expect(page.getByTestId('confirm-stop')).toBeVisible();
  await page.getByTestId('confirm-stop-yes').click();
  await expect(page.getByTestId('screen-ending')).toHaveAttribute('data-reason', 'cancel');
  await takeCardAndLeave(page);
});

test('with no card on the reader the end screen shows briefly, then the welcome screen', async ({
  page,
  demoKiosk,
}) => {
  await page.goto(demoKiosk.url);
  await page.getByTestId('start').click();
  await page.getByTestId('consent-no').click();
  const ending = page.getByTestId('screen-ending');
  await expect(ending).toHaveAttribute('data-reason', 'consent-declined');
  await expect(ending).toHaveAttribute('data-card', 'absent');
  await expect(ending).toContainText('Bạn chưa đồng ý cho đọc thẻ, nên máy không đọc thông tin nào.');
  await expect(page.getByTestId('screen-attract')).toBeVisible();
  // The button goes back at once.
  await page.getByTestId('start').click();
  await page.getByTestId('consent-no').click();
  await page.getByTestId('ending-home').click();
  await expect(page.getByTestId('screen-attract')).toBeVisible();
});
