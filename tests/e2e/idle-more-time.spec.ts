/**
 * "Tôi cần thêm 5 phút để tìm giấy tờ" (issue #18 item 4): from the timeout warning, once per session, five more
 * minutes of quiet — and the warning still comes before the session ends (WCAG 2.2.1). Default timeouts (90 s + 30 s).
 */
import { expect, test } from './fixtures';

test('five more minutes once, still warned before the end', async ({ page, demoKiosk }) => {
  await page.clock.install();
  await page.goto(demoKiosk.url);
  await page.getByTestId('start').click();
  await expect(page.getByTestId('screen-consent')).toBeVisible();

  const warning = page.getByTestId('timeout-warning');
  await page.clock.fastForward('01:35');
  await expect(warning).toBeVisible();
  await page.getByTestId('timeout-more-time').click();
  await expect(warning).toBeHidden();

  // Well past the usual 90 s: no warning while the citizen looks something up.
  await page.clock.fastForward('04:00');
  await expect(warning).toBeHidden();
  // 5 min + the usual 90 s later the warning comes again, before the end; the five minutes are not offered twice.
  await page.clock.fastForward('02:35');
  await expect(warning).toBeVisible();
  await expect(page.getByTestId('timeout-more-time')).toHaveCount(0);
  await page.getByTestId('timeout-extend').click();
  await expect(warning).toBeHidden();
  await expect(page.getByTestId('screen-consent')).toBeVisible();
});
