import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';

test('attract screen in Vietnamese, switch to English, status strip reports devices', async ({
  page,
  kiosk,
}) => {
  await page.goto(kiosk.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Xin chào!');
  await expect(page.getByTestId('start')).toContainText('Chạm để bắt đầu');
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  // The token does not stay in the address bar.
  expect(page.url()).not.toContain('token=');

  const strip = page.getByTestId('status-strip');
  await expect(strip.getByTestId('status-reader')).toContainText('Đầu đọc thẻ');
  await expect(strip.getByTestId('status-portal')).toContainText('Cổng dịch vụ công');
  await expect(strip.getByTestId('status-scanner')).toContainText('Máy quét QR');

  const screens = fileURLToPath(new URL('../../docs/screens/', import.meta.url));
  mkdirSync(screens, { recursive: true });
  await page.screenshot({ path: `${screens}attract-portrait-vi.png` });

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hello!');
  await expect(page.getByTestId('start')).toContainText('Touch to start');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(strip.getByTestId('status-reader')).toContainText('Card reader');
  await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');

  // The status strip follows what the host reports.
  const state = await strip.getByTestId('status-reader').getAttribute('data-state');
  expect(['no-service', 'no-reader', 'ready', 'card-present']).toContain(state);
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
