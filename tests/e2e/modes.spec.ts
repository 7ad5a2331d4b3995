/** The kiosk's mode is on screen: production says so in the status strip; demo mode has a permanent banner. */
import { expect, test } from './fixtures';

test('production: the status strip speaks to the citizen only, no banner, no technician tools', async ({
  page,
  kiosk,
}) => {
  await page.goto(kiosk.url);
  await expect(page.getByTestId('status-citizen')).toBeVisible();
  await expect(page.getByTestId('status-mode')).toHaveCount(0);
  await expect(page.getByTestId('status-technical')).toHaveCount(0);
  await expect(page.getByTestId('demo-banner')).toHaveCount(0);
  await expect(page.getByTestId('demo-open')).toHaveCount(0);
});

test('demo: a banner on every screen, in both languages, and the strip adds the technician\'s details ("Trình diễn")', async ({
  page,
  demoKiosk,
}) => {
  await page.goto(demoKiosk.url);
  const banner = page.getByTestId('demo-banner');
  await expect(banner).toHaveText(/Chế độ trình diễn — không dùng cho người dân/);
  await expect(page.getByTestId('status-mode')).toHaveAttribute('data-state', 'demo');
  await expect(page.getByTestId('status-mode')).toContainText('Trình diễn');
  await expect(page.getByTestId('status-citizen')).toBeVisible();
  await expect(page.getByTestId('status-technical').getByTestId('status-reader')).toContainText('mô phỏng');
  await page.getByTestId('start').click();
  await expect(banner).toBeVisible();
  await page.getByRole('button', { name: 'English' }).click();
  await expect(banner).toHaveText(/Demo mode — not for citizens/);
  await expect(page.getByTestId('status-mode')).toContainText('Demo');
});

test('the page is locked down in Chromium: no context menu (long press), no print dialog, no file pickers', async ({
  page,
  kiosk,
}) => {
  await page.goto(kiosk.url);
  await expect(page.getByTestId('start')).toBeVisible();
  const locked = await page.evaluate(() => {
    const menu = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
    document.querySelector('[data-testid="start"]')!.dispatchEvent(menu);
    return {
      menuPrevented: menu.defaultPrevented,
      print: String(window.print()),
      picker: typeof (window as unknown as { showOpenFilePicker?: unknown }).showOpenFilePicker,
    };
  });
  expect(locked).toEqual({ menuPrevented: true, print: 'undefined', picker: 'undefined' });
});
