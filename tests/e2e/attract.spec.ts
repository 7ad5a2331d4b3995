import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';

test('attract screen in Vietnamese, switch to English, the status strip tells the citizen what matters', async ({
  page,
  kiosk,
}) => {
  await page.goto(kiosk.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Xin chào!');
  await expect(page.getByTestId('start')).toContainText('Chạm để bắt đầu');
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  // The token does not stay in the address bar.
  expect(page.url()).not.toContain('token=');

  // This kiosk runs without devices: the citizen hears only what changes for them, in plain words; no
  // technical details (reader names, simulators, queue counts, mode).
  const strip = page.getByTestId('status-strip');
  await expect(strip.getByTestId('status-citizen')).toHaveAttribute('data-state', 'notice');
  await expect(strip.getByTestId('notice-reader')).toHaveText(
    /Đầu đọc thẻ đang tạm ngừng — xin mời bạn đến quầy để cán bộ hỗ trợ/,
  );
  await expect(strip.getByTestId('status-technical')).toHaveCount(0);
  await expect(strip).not.toContainText('mô phỏng');
  await expect(strip).not.toContainText('chờ gửi');

  const screens = fileURLToPath(new URL('../../docs/screens/', import.meta.url));
  mkdirSync(screens, { recursive: true });
  await page.screenshot({ path: `${screens}attract-portrait-vi.png` });

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hello!');
  await expect(page.getByTestId('start')).toContainText('Touch to start');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(strip.getByTestId('notice-reader')).toContainText(
    'The card reader is not working at the moment',
  );
  await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
});

test('touching start asks for consent first; declining returns to the attract screen', async ({
  page,
  kiosk,
}) => {
  await page.goto(kiosk.url);
  await page.getByTestId('start').click();
  await expect(page.getByTestId('screen-consent')).toBeVisible();
  await page.getByTestId('consent-no').click();
  await expect(page.getByTestId('screen-attract')).toBeVisible();
});
