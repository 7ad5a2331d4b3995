/**
 * Runs the packaged main process (dist/electron/main.cjs) in real Electron with Playwright's _electron.
 * Needs the Electron binary (not downloadable on the project's CI machines): `npm run test:electron`.
 */
import { createRequire } from 'node:module';
import { _electron as electron, expect, test } from '@playwright/test';

const electronPath = createRequire(import.meta.url)('electron') as unknown as string;

test('opens one locked-down window that reaches the host over IPC', async () => {
  const app = await electron.launch({ executablePath: electronPath, args: ['dist/electron/main.cjs'] });
  const win = await app.firstWindow();
  await expect(win.getByRole('heading', { level: 1 })).toHaveText('Xin chào!');
  // The preload exposes exactly KioskApi; Node is not reachable from the page.
  expect(await win.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe(
    'undefined',
  );
  expect(
    await win.evaluate(() => Object.keys((window as unknown as { kioskBridge: object }).kioskBridge).sort()),
  ).toEqual(['call', 'on']);
  await expect(win.getByTestId('status-reader')).toBeVisible();
  // window.open is denied.
  await win.evaluate(() => window.open('https://example.com'));
  expect(app.windows()).toHaveLength(1);
  await app.close();
});
